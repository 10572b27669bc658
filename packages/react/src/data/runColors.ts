/**
 * Ten line colours, one per run a comparison allows: the seven Okabe-Ito colours (black left out, it
 * vanishes on the dark theme), then three of Paul Tol's muted scheme (wine, teal, olive), chosen to
 * stay apart for the common forms of colour blindness. Run `i` gets `runColors[i % runColors.length]`.
 *
 * @example
 * ```ts
 * const color = runColors[index % runColors.length];
 * ```
 */
export const runColors: readonly string[] = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#882255',
  '#44AA99',
  '#999933',
];
