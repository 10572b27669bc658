/**
 * The Okabe-Ito palette without black, ordered for contrast: distinct for the common forms of colour
 * blindness. Run `i` gets `runColors[i % runColors.length]`.
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
  '#000000',
];
