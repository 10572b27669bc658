import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { ParseResult } from '../../types';

const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'corpus');

/** Reads a log of `../shared/corpus/logs` (copied into `fixtures/corpus`) by file name. */
export function readFixture(name: string): string {
  return readFileSync(join(fixturesDir, name), 'utf8');
}

/** The series of `metric`, failing the test with the names there are when it is missing. */
function seriesOf(result: ParseResult, metric: string) {
  const series = result.series[metric];
  expect(
    series,
    `series "${metric}" missing; have: ${Object.keys(result.series).join(', ')}`,
  ).toBeDefined();
  return series;
}

/** Compares with 12 significant digits; `NaN` matches `NaN`, infinities match exactly. */
function expectValue(actual: number, value: number, label: string): void {
  if (Number.isNaN(value)) expect(actual, label).toBeNaN();
  else if (!Number.isFinite(value)) expect(actual, label).toBe(value);
  else
    expect(actual, label).toBeCloseTo(value, 12 - Math.ceil(Math.log10(Math.abs(value) + 1e-300)));
}

/**
 * Asserts a whole series: every `[step, value]` pair, in order, and nothing else.
 * Values are compared with 12 significant digits; `NaN` matches `NaN`.
 */
export function expectSeries(
  result: ParseResult,
  metric: string,
  points: ReadonlyArray<readonly [number, number]>,
): void {
  const series = seriesOf(result, metric);
  if (!series) return;
  expect(series.steps, `steps of "${metric}"`).toEqual(points.map(([step]) => step));
  expect(series.values.length, `values of "${metric}"`).toBe(points.length);
  points.forEach(([step, value], i) => {
    expectValue(series.values[i] as number, value, `"${metric}" at step ${step}`);
  });
}

/** Asserts only some points of a series (a long series checked at a few steps). */
export function expectPoints(
  result: ParseResult,
  metric: string,
  points: ReadonlyArray<readonly [number, number]>,
): void {
  const series = seriesOf(result, metric);
  if (!series) return;
  for (const [step, value] of points) {
    const i = series.steps.indexOf(step);
    expect(
      i,
      `"${metric}" has no point at step ${step}; steps: ${series.steps.join(',')}`,
    ).toBeGreaterThanOrEqual(0);
    expectValue(series.values[i] as number, value, `"${metric}" at step ${step}`);
  }
}
