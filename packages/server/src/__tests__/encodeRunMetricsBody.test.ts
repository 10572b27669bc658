import {
  decodeRunMetrics,
  encodeRunMetrics,
  type MetricSeries,
  type RunMetrics,
} from '@trainviz/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRunMetricsBody } from '../encodeRunMetricsBody';
import { wireSeriesJson } from '../wireSeriesJson';

/** A metric named like the prototype accessor: an ordinary key on the wire. */
const PROTO = '__proto__';
const CTOR: string = 'constructor';

async function text(body: string | ReadableStream<Uint8Array>): Promise<string> {
  return typeof body === 'string' ? body : new Response(body).text();
}

function run(metrics: Record<string, MetricSeries>, extra: Partial<RunMetrics> = {}): RunMetrics {
  return {
    experimentId: 'exp "1"',
    runId: 'sft/7',
    status: 'running',
    lastStep: 10,
    updatedAt: '2026-11-27T10:00:00.000Z',
    startedAt: null,
    stepSource: 'explicit',
    restarts: [{ step: 4 }],
    metrics,
    ...extra,
  };
}

const NAMES = ['loss', '__proto__', 'constructor', 'toString', '0', '12', 'ünï "c"\n', 'a/b'];
const value = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e308),
);
const seriesArb = fc
  .array(fc.tuple(value, fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }))), {
    maxLength: 40,
  })
  .map((points): MetricSeries => {
    const series: MetricSeries = {
      steps: points.map((_, k) => k * 10 + 1),
      values: points.map(([v]) => v),
    };
    if (points.every(([, t]) => t !== null)) series.times = points.map(([, t]) => t as number);
    return series;
  });
const runArb = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...NAMES), seriesArb, fc.boolean()), {
    selector: ([name]) => name,
    maxLength: NAMES.length,
  })
  .chain((entries) => fc.record({ entries: fc.constant(entries), downsampled: fc.boolean() }));

describe('encodeRunMetricsBody', () => {
  it('writes exactly JSON.stringify(encodeRunMetrics(run)), with or without series encoded elsewhere', async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async ({ entries, downsampled }) => {
        const metrics: Record<string, MetricSeries> = Object.create(null);
        const withPlaceholders: Record<string, MetricSeries> = Object.create(null);
        const encoded = new Map<string, Uint8Array>();
        const totals: Record<string, number> = Object.create(null);
        for (const [name, series, elsewhere] of entries) {
          metrics[name] = series;
          totals[name] = series.steps.length * 2;
          withPlaceholders[name] = elsewhere ? { steps: [], values: [] } : series;
          if (elsewhere) {
            encoded.set(name, new TextEncoder().encode(wireSeriesJson(encodeRunMetrics, series)));
          }
        }
        const extra = downsampled ? { totalPoints: totals } : {};
        const expected = JSON.stringify(encodeRunMetrics(run(metrics, extra)));
        const body = encodeRunMetricsBody(run(withPlaceholders, extra), encoded);
        expect(await text(body)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('streams a long body in chunks that add up to the client encoding, non-finite values as strings', async () => {
    const metrics: Record<string, MetricSeries> = Object.create(null);
    for (const name of ['__proto__', 'loss', 'constructor']) {
      const steps = Array.from({ length: 40_000 }, (_, i) => i + 1);
      metrics[name] = {
        steps,
        values: steps.map((s) =>
          s % 1000 === 0 ? Number.NaN : s % 1001 === 0 ? -Infinity : Math.sin(s) / s,
        ),
        times: steps.map((s) => s / 7),
      };
    }
    const body = encodeRunMetricsBody(run(metrics));
    expect(body).toBeInstanceOf(ReadableStream);
    const chunks: Uint8Array[] = [];
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      chunks.push(next.value);
    }
    expect(chunks.length).toBeGreaterThan(10);
    const joined = new TextDecoder().decode(Buffer.concat(chunks));
    expect(joined).toBe(JSON.stringify(encodeRunMetrics(run(metrics))));
    const decoded = decodeRunMetrics(JSON.parse(joined));
    expect(Object.keys(decoded.metrics)).toEqual(['__proto__', 'loss', 'constructor']);
    expect(decoded.metrics[PROTO]?.values[999]).toBeNaN();
    expect(decoded.metrics.loss?.values[1000]).toBe(-Infinity);
    expect(decoded.metrics[CTOR]).toEqual(metrics[CTOR]);
  });
});
