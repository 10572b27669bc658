import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeRunMetrics,
  encodeRunMetrics,
  type MetricSeries,
  type RunMetricsWire,
} from '@trainviz/client';
import { describe, expect, it, vi } from 'vitest';
import { createMetricsHandler } from '../createMetricsHandler';
import { createSqliteMetricStore } from '../createSqliteMetricStore';
import type { StoredPoint } from '../types';

// A host bundle that inlined @trainviz/client: the store cannot find it on disk for its worker
// threads (better-sqlite3 still resolves), so long series come back as columns and the handler
// encodes them in the event loop, in chunks, with the same encoder.
vi.mock('node:module', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:module')>();
  return {
    ...actual,
    createRequire(url: string | URL) {
      const require = actual.createRequire(url);
      const resolve = (id: string, options?: { paths?: string[] }) => {
        if (id === '@trainviz/client') throw new Error("Cannot find module '@trainviz/client'");
        return require.resolve(id, options);
      };
      return Object.assign((id: string) => require(id), require, { resolve });
    },
  };
});

const PROTO = '__proto__';

describe('the SQLite store when its workers cannot load @trainviz/client', () => {
  it('serves exactly JSON.stringify(encodeRunMetrics(run)), encoded in the event loop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainviz-noclient-'));
    const store = createSqliteMetricStore({ filename: join(dir, 'inlined.db') });
    const series: Record<string, MetricSeries> = Object.create(null);
    series[PROTO] = { steps: [], values: [], times: [] };
    series.loss = { steps: [], values: [] };
    const points: StoredPoint[] = [];
    // 40,000 points: past the worker's encoding threshold and past one chunk of the handler's.
    for (let step = 1; step <= 20_000; step++) {
      const odd = step % 5000 === 0 ? Number.NaN : step % 7777 === 0 ? -Infinity : undefined;
      const proto = series[PROTO] as MetricSeries;
      proto.steps.push(step);
      proto.values.push(odd ?? Math.sin(step) / step);
      proto.times?.push(step / 8);
      points.push({ metric: PROTO, step, value: odd ?? Math.sin(step) / step, time: step / 8 });
      const loss = series.loss as MetricSeries;
      loss.steps.push(step);
      loss.values.push(2 / Math.sqrt(step));
      points.push({ metric: 'loss', step, value: 2 / Math.sqrt(step) });
    }
    try {
      await store.upsertRun({ experimentId: 'exp', runId: 'run', status: 'running' });
      await store.appendPoints('exp', 'run', points);
      // No series comes back encoded: the workers had no client to encode with.
      const read = await store.readSnapshot?.('exp', 'run', { encodeJson: true });
      expect(read?.series[PROTO]?.json).toBeUndefined();
      expect(read?.series.loss?.json).toBeUndefined();

      const response = await createMetricsHandler({ store })(
        new Request('http://localhost/experiments/exp/runs/run/metrics'),
      );
      expect(response.status).toBe(200);
      const body = await response.text();
      const decoded = decodeRunMetrics(JSON.parse(body) as RunMetricsWire);
      expect(decoded.metrics).toEqual(series);
      expect(decoded.metrics[PROTO]?.values[4999]).toBeNaN();
      expect(decoded.metrics[PROTO]?.values[7776]).toBe(Number.NEGATIVE_INFINITY);
      expect(body).toBe(JSON.stringify(encodeRunMetrics({ ...decoded, metrics: series })));
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
