'use client';
import type { ReactNode } from 'react';
import { ReferenceArea, ReferenceDot } from 'recharts';
import { formatNumber } from '../data/formatNumber';
import type { NonFiniteStretch } from '../data/groupNonFinite';

/** A band at least this many pixels wide carries its value as a label. */
const LABELLED_BAND_PX = 64;

/**
 * The Recharts elements of one non-finite stretch: a faint band over its whole x range, and a marker
 * at its first and at its last point along the top of the plot. The band is at least two pixels
 * wide, so a lone NaN shows. Elements, not a component: Recharts reads its reference elements from
 * the chart's direct children.
 *
 * @param runId - key prefix
 * @param stretch - the stretch
 * @param top - y of the markers (the top of the y domain)
 * @param xDomain - the visible x range
 * @param plotWidth - plot width in pixels
 * @returns band and markers
 *
 * @example
 * ```tsx
 * <LineChart>{stretches.flatMap((s) => nonFiniteMarkers('a', s, yMax, xDomain, 720))}</LineChart>
 * ```
 */
export function nonFiniteMarkers(
  runId: string,
  stretch: NonFiniteStretch,
  top: number,
  xDomain: readonly [number, number] | null,
  plotWidth: number,
): ReactNode[] {
  const pixel = xDomain ? (xDomain[1] - xDomain[0]) / plotWidth : 0;
  const key = `${runId}-nf-${stretch.fromStep}`;
  const label = `${formatNumber(stretch.value)}${stretch.count > 1 ? ` ×${stretch.count}` : ''}`;
  const wide = pixel > 0 && (stretch.toX - stretch.fromX) / pixel >= LABELLED_BAND_PX;
  const marker = (x: number, end: string) => (
    <ReferenceDot
      key={`${key}-${end}`}
      x={x}
      y={top}
      r={5}
      className="tvz-nonfinite"
      ifOverflow="visible"
    />
  );
  const nodes: ReactNode[] = [
    <ReferenceArea
      key={`${key}-band`}
      x1={stretch.fromX - pixel}
      x2={stretch.toX + pixel}
      className="tvz-nonfinite-band"
      ifOverflow="hidden"
      {...(wide
        ? {
            label: {
              value: label,
              position: 'insideTop',
              offset: 10,
              className: 'tvz-nonfinite-label',
            },
          }
        : {})}
    />,
    marker(stretch.fromX, 'from'),
  ];
  if (stretch.toX !== stretch.fromX) nodes.push(marker(stretch.toX, 'to'));
  return nodes;
}
