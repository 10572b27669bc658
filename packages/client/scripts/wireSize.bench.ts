import { gzipSync } from 'node:zlib';
import { decodeRunMetrics } from '../src/decodeRunMetrics';
import { encodeRunMetrics } from '../src/encodeRunMetrics';
import { readRunMetrics } from '../src/readRunMetrics';
import type { RunMetrics } from '../src/types';
import { validateRunMetricsWire } from '../src/validateRunMetricsWire';

// Prints the JSON size of one million loss points as rows versus columns, and how long the client
// takes to parse, validate and decode the columnar body. Run: npm run bench -w @trainviz/client
const count = 1_000_000;

function lossAt(step: number, digits: number | null): number {
  const value = 2.5 * Math.exp(-step / 300_000) + 0.3 + 0.05 * Math.sin(step / 7);
  return digits === null ? value : Number(value.toFixed(digits));
}

function runOf(digits: number | null, withTimes: boolean): RunMetrics {
  const steps = Array.from({ length: count }, (_, i) => i + 1);
  const values = steps.map((step) => lossAt(step, digits));
  const series = withTimes
    ? { steps, values, times: steps.map((step) => Math.round(step * 0.4213 * 10) / 10) }
    : { steps, values };
  return {
    experimentId: 'exp-1',
    runId: 'sft-7',
    status: 'completed',
    lastStep: count,
    updatedAt: '2026-11-27T10:00:00.000Z',
    startedAt: '2026-11-27T09:00:00.000Z',
    stepSource: 'explicit',
    restarts: [],
    metrics: { loss: series },
  };
}

function rowsJson(run: RunMetrics): string {
  const series = run.metrics.loss;
  const rows = (series?.steps ?? []).map((step, i) => {
    const row: Record<string, number> = { step, value: series?.values[i] as number };
    if (series?.times !== undefined) row.time = series.times[i] as number;
    return row;
  });
  return JSON.stringify({ metrics: { loss: rows } });
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

const cases: [string, number | null, boolean][] = [
  ['4 decimals (HF Trainer logs)', 4, false],
  ['full float64 precision', null, false],
  ['4 decimals + times', 4, true],
];

console.log(`${count.toLocaleString('en')} points of one metric, steps 1..${count}`);
console.log(
  'case                          | rows (JSON) | columns (JSON) | rows gzip | columns gzip',
);
for (const [label, digits, withTimes] of cases) {
  const run = runOf(digits, withTimes);
  const rows = Buffer.from(rowsJson(run));
  const columns = Buffer.from(JSON.stringify(encodeRunMetrics(run)));
  console.log(
    [
      label.padEnd(29),
      megabytes(rows.length).padStart(11),
      megabytes(columns.length).padStart(14),
      megabytes(gzipSync(rows).length).padStart(9),
      megabytes(gzipSync(columns).length).padStart(12),
    ].join(' | '),
  );
}

const text = JSON.stringify(encodeRunMetrics(runOf(4, false)));
for (let round = 0; round < 3; round++) {
  const start = performance.now();
  const parsed: unknown = JSON.parse(text);
  const parsedAt = performance.now();
  const wire = validateRunMetricsWire(parsed);
  const validatedAt = performance.now();
  decodeRunMetrics(wire);
  const decodedAt = performance.now();
  // What getRunMetrics does: validate and decode in one walk, on a fresh parse.
  const fresh: unknown = JSON.parse(text);
  const readStart = performance.now();
  readRunMetrics(fresh);
  const readAt = performance.now();
  console.log(
    `round ${round + 1}: JSON.parse ${(parsedAt - start).toFixed(0)} ms, validate ${(validatedAt - parsedAt).toFixed(0)} ms, decode ${(decodedAt - validatedAt).toFixed(0)} ms, both in one walk (getRunMetrics) ${(readAt - readStart).toFixed(0)} ms`,
  );
}
