import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeRunMetrics,
  encodeRunMetrics,
  type MetricSeries,
  type RunMetricsWire,
} from '@trainviz/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryMetricStore } from '../createMemoryMetricStore';
import { createMetricsHandler } from '../createMetricsHandler';
import { createSqliteMetricStore } from '../createSqliteMetricStore';
import type { MetricStore, StoredPoint } from '../types';

/** A metric named like the prototype accessor: an ordinary key on the wire. */
const PROTO = '__proto__';
const CTOR: string = 'constructor';

const BASE = 'http://localhost/api/experiments/exp-1/runs/sft-7/metrics';

let store: MetricStore;
let handler: (request: Request) => Promise<Response>;

beforeEach(async () => {
  store = createMemoryMetricStore();
  await store.upsertRun({
    experimentId: 'exp-1',
    runId: 'sft-7',
    status: 'running',
    startedAt: '2026-11-27T09:00:00.000Z',
    stepSource: 'explicit',
  });
  const points: StoredPoint[] = [];
  for (let step = 10; step <= 100; step += 10) {
    points.push({ metric: 'loss', step, value: 3 - step / 100 });
    points.push({ metric: 'learning_rate', step, value: 1e-4 });
    points.push({ metric: 'rewards/chosen', step, value: step / 1000 });
  }
  await store.appendPoints('exp-1', 'sft-7', points);
  handler = createMetricsHandler({ store });
});

async function get(query = '', url = BASE): Promise<{ status: number; body: unknown }> {
  const response = await handler(new Request(`${url}${query}`));
  return { status: response.status, body: await response.json() };
}

async function getWire(query = ''): Promise<RunMetricsWire> {
  const { status, body } = await get(query);
  expect(status).toBe(200);
  return body as RunMetricsWire;
}

describe('createMetricsHandler: successful requests', () => {
  it('returns every metric, the status and the run facts when no parameter is given', async () => {
    const body = await getWire();
    expect(body.experiment_id).toBe('exp-1');
    expect(body.run_id).toBe('sft-7');
    expect(body.status).toBe('running');
    expect(body.last_step).toBe(100);
    expect(body.started_at).toBe('2026-11-27T09:00:00.000Z');
    expect(body.step_source).toBe('explicit');
    expect(body.restarts).toEqual([]);
    expect(Object.keys(body.metrics).sort()).toEqual(['learning_rate', 'loss', 'rewards/chosen']);
    expect(body.metrics.loss?.steps).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(body.metrics.loss?.values[0]).toBeCloseTo(2.9);
    expect(body.total_points).toBeUndefined();
  });

  it('serves JSON that is not cached', async () => {
    const response = await handler(new Request(BASE));
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('selects metrics by repeated and comma-separated metric_type, including names with a slash', async () => {
    const body = await getWire('?metric_type=loss,rewards%2Fchosen&metric_type=learning_rate');
    expect(Object.keys(body.metrics)).toEqual(['loss', 'rewards/chosen', 'learning_rate']);
  });

  it('keeps an encoded comma inside a metric name', async () => {
    await store.appendPoints('exp-1', 'sft-7', [{ metric: 'acc,top5', step: 10, value: 0.9 }]);
    const body = await getWire('?metric_type=acc%2Ctop5,loss');
    expect(Object.keys(body.metrics)).toEqual(['acc,top5', 'loss']);
    expect(body.metrics['acc,top5']?.values).toEqual([0.9]);
  });

  it('answers a metric the run does not have with an empty series, not an error', async () => {
    const body = await getWire('?metric_type=loss&metric_type=eval_loss');
    expect(body.metrics.eval_loss).toEqual({ steps: [], values: [] });
    expect(body.metrics.loss?.steps).toHaveLength(10);
  });

  it('takes since_step=-1 as everything (how a client refetches after a resume at step 0)', async () => {
    const all = await getWire('');
    const fromMinusOne = await getWire('?since_step=-1');
    expect(fromMinusOne.metrics).toEqual(all.metrics);
  });

  it('applies step_min and step_max inclusively and since_step exclusively', async () => {
    const ranged = await getWire('?metric_type=loss&step_min=30&step_max=50');
    expect(ranged.metrics.loss?.steps).toEqual([30, 40, 50]);
    const since = await getWire('?since_step=80');
    expect(since.metrics.loss?.steps).toEqual([90, 100]);
    expect(since.metrics.learning_rate?.steps).toEqual([90, 100]);
    // last_step describes the run, not the slice asked for.
    const early = await getWire('?step_max=20');
    expect(early.last_step).toBe(100);
  });

  it('sends NaN and infinities as strings', async () => {
    await store.appendPoints('exp-1', 'sft-7', [
      { metric: 'loss', step: 110, value: Number.NaN },
      { metric: 'loss', step: 120, value: Number.POSITIVE_INFINITY },
      { metric: 'loss', step: 130, value: Number.NEGATIVE_INFINITY },
    ]);
    const response = await handler(new Request(`${BASE}?metric_type=loss&since_step=100`));
    const text = await response.text();
    expect(text).toContain('"values":["NaN","Infinity","-Infinity"]');
  });

  it('lists every restart, whatever the step filter', async () => {
    await store.recordRestart('exp-1', 'sft-7', 60);
    const body = await getWire('?since_step=90');
    expect(body.restarts).toEqual([{ step: 60 }]);
    expect(body.last_step).toBe(50);
    expect(body.metrics.loss?.steps).toEqual([]);
  });

  it('decodes each path segment on its own, so %2F stays inside an id', async () => {
    await store.upsertRun({ experimentId: 'team/exp', runId: 'run 1', status: 'completed' });
    const response = await handler(
      new Request('http://localhost/experiments/team%2Fexp/runs/run%201/metrics'),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as RunMetricsWire;
    expect(body.experiment_id).toBe('team/exp');
    expect(body.run_id).toBe('run 1');
    expect(body.status).toBe('completed');
  });

  it('serves under any prefix by default, and only under basePath when it is set', async () => {
    expect((await get('', 'http://localhost/experiments/exp-1/runs/sft-7/metrics')).status).toBe(
      200,
    );
    const scoped = createMetricsHandler({ store, basePath: '/api/' });
    expect((await scoped(new Request(BASE))).status).toBe(200);
    const elsewhere = await scoped(
      new Request('http://localhost/other/experiments/exp-1/runs/sft-7/metrics'),
    );
    expect(elsewhere.status).toBe(404);
  });
});

describe('createMetricsHandler: downsampling', () => {
  beforeEach(async () => {
    await store.upsertRun({ experimentId: 'exp-1', runId: 'long', status: 'running' });
    const points: StoredPoint[] = [];
    for (let step = 1; step <= 10_000; step++) {
      // A single spike at step 7777 that a chart must not lose.
      const value = step === 7777 ? 50 : 2 + Math.sin(step / 100) * 0.1;
      points.push({ metric: 'loss', step, value });
    }
    points.push({ metric: 'lr', step: 1, value: 0.1 });
    points.push({ metric: 'lr', step: 2, value: 0.2 });
    await store.appendPoints('exp-1', 'long', points);
  });

  it('cuts each series to about max_points, keeping the ends and the spike, and reports totals', async () => {
    const response = await handler(
      new Request('http://localhost/experiments/exp-1/runs/long/metrics?max_points=400'),
    );
    const body = (await response.json()) as RunMetricsWire;
    const loss = body.metrics.loss;
    expect(loss).toBeDefined();
    expect(loss?.steps.length).toBeLessThanOrEqual(400);
    expect(loss?.steps.length).toBeGreaterThan(200);
    expect(loss?.steps[0]).toBe(1);
    expect(loss?.steps.at(-1)).toBe(10_000);
    expect(loss?.steps).toContain(7777);
    expect(loss?.values).toContain(50);
    // Steps stay ascending and each value is a recorded one (step 7777 holds the spike).
    expect(loss?.steps).toEqual([...(loss?.steps ?? [])].sort((a, b) => a - b));
    expect(loss?.values[loss.steps.indexOf(7777)]).toBe(50);
    expect(body.metrics.lr?.steps).toEqual([1, 2]);
    expect(body.total_points).toEqual({ loss: 10_000, lr: 2 });
  });

  it('leaves series alone when they are shorter than max_points', async () => {
    const body = await getWire('?max_points=1000');
    expect(body.metrics.loss?.steps).toHaveLength(10);
    expect(body.total_points).toBeUndefined();
  });
});

describe('createMetricsHandler: errors', () => {
  const badRequests: [string, string, RegExp][] = [
    ['?step_min=abc', 'step_min', /step_min must be an integer, got "abc"/],
    ['?step_max=1.5', 'step_max', /step_max must be an integer, got "1.5"/],
    ['?step_min=-3', 'step_min', /non-negative/],
    ['?since_step=', 'since_step', /since_step must be an integer, got ""/],
    ['?since_step=ten', 'since_step', /"ten"/],
    ['?step_min=50&step_max=20', 'step_min', /step_min \(50\).*step_max \(20\)/],
    ['?step_min=1&step_min=2', 'step_min', /at most once/],
    ['?max_points=1', 'max_points', /between 2 and 100000, got 1/],
    ['?max_points=100001', 'max_points', /between 2 and 100000/],
    ['?max_points=lots', 'max_points', /integer/],
    ['?metric_type=', 'metric_type', /non-empty/],
    ['?metric_type=%20%20', 'metric_type', /non-empty/],
    ['?metric_type=loss,,lr', 'metric_type', /non-empty/],
    ['?step=10', 'step', /unknown query parameter "step"/],
    ['?metric_types=loss', 'metric_types', /unknown query parameter "metric_types"/],
  ];

  it.each(badRequests)('answers %s with 400 naming %s', async (query, parameter, message) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    const error = (body as { error: { code: string; parameter: string; message: string } }).error;
    expect(error.code).toBe('invalid_parameter');
    expect(error.parameter).toBe(parameter);
    expect(error.message).toMatch(message);
  });

  it('answers an unknown run or experiment with 404 not_found', async () => {
    const unknownRun = await get('', 'http://localhost/experiments/exp-1/runs/nope/metrics');
    expect(unknownRun.status).toBe(404);
    expect(unknownRun.body).toEqual({
      error: { code: 'not_found', message: 'run "nope" not found in experiment "exp-1"' },
    });
    const unknownExperiment = await get('', 'http://localhost/experiments/zzz/runs/sft-7/metrics');
    expect(unknownExperiment.status).toBe(404);
    expect((unknownExperiment.body as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('answers a path that is not the metrics route with 404', async () => {
    const { status, body } = await get('', 'http://localhost/experiments/exp-1/runs/sft-7');
    expect(status).toBe(404);
    expect((body as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('answers other methods with 405 and an Allow header', async () => {
    const response = await handler(new Request(BASE, { method: 'POST', body: '{}' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 500 without details when the store fails, and tells onError', async () => {
    const seen: unknown[] = [];
    const broken = createMetricsHandler({
      store: {
        ...store,
        getRun: () => Promise.reject(new Error('disk on fire')),
        readSnapshot: () => Promise.reject(new Error('disk on fire')),
      },
      onError: (error) => seen.push(error),
    });
    const response = await broken(new Request(BASE));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('disk on fire');
    expect(seen).toHaveLength(1);
  });
});

describe('createMetricsHandler: runs list, HEAD, CORS and large bodies', () => {
  it('lists the runs of an experiment for a run picker', async () => {
    await store.upsertRun({ experimentId: 'exp-1', runId: 'dpo-2', status: 'completed' });
    await store.upsertRun({ experimentId: 'exp-2', runId: 'other', status: 'running' });
    const response = await handler(new Request('http://localhost/api/experiments/exp-1/runs'));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.experiment_id).toBe('exp-1');
    expect(body.runs.map((r: { run_id: string; status: string }) => [r.run_id, r.status])).toEqual([
      ['dpo-2', 'completed'],
      ['sft-7', 'running'],
    ]);
    expect(body.runs[1]).toMatchObject({ last_step: 100, started_at: '2026-11-27T09:00:00.000Z' });
    const empty = await handler(new Request('http://localhost/api/experiments/nope/runs'));
    expect(await empty.json()).toEqual({ experiment_id: 'nope', runs: [] });
  });

  it('answers HEAD like GET without a body', async () => {
    const response = await handler(new Request(BASE, { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toBeNull();
  });

  it('answers preflights and adds Access-Control-Allow-Origin only for listed origins', async () => {
    const cors = createMetricsHandler({ store, cors: { origin: ['https://app.example.com'] } });
    const preflight = await cors(
      new Request(BASE, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://app.example.com',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
    const allowed = await cors(
      new Request(BASE, { headers: { origin: 'https://app.example.com' } }),
    );
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('vary')).toBe('origin');
    const other = await cors(new Request(BASE, { headers: { origin: 'https://evil.example' } }));
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const any = createMetricsHandler({ store, cors: { origin: '*' } });
    const star = await any(new Request(BASE, { headers: { origin: 'https://x.example' } }));
    expect(star.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('streams a large body that parses to exactly the stored points', async () => {
    await store.upsertRun({ experimentId: 'exp-1', runId: 'big', status: 'running' });
    const points: StoredPoint[] = [];
    for (let step = 0; step < 60_000; step++) {
      points.push({ metric: 'loss', step, value: step % 997 === 0 ? Number.NaN : 1 / (step + 1) });
      points.push({ metric: 'acc', step, value: step / 60_000, time: step / 10 });
    }
    await store.appendPoints('exp-1', 'big', points);
    const response = await handler(
      new Request('http://localhost/experiments/exp-1/runs/big/metrics'),
    );
    expect(response.headers.get('content-length')).toBeNull();
    const body = (await response.json()) as RunMetricsWire;
    expect(body.metrics.loss?.steps).toHaveLength(60_000);
    expect(body.metrics.loss?.values[997]).toBe('NaN');
    expect(body.metrics.loss?.values[3]).toBe(1 / 4);
    expect(body.metrics.acc?.times?.[59_999]).toBe(5999.9);
    expect(body.last_step).toBe(59_999);
  });

  it('never shows points past last_step from a store without readSnapshot', async () => {
    // A store whose writer lands a point between getRun and queryPoints.
    const { readSnapshot, ...withoutSnapshots } = store;
    expect(readSnapshot).toBeDefined();
    const racing: MetricStore = {
      ...withoutSnapshots,
      async getRun(e, r) {
        const run = await store.getRun(e, r);
        await store.appendPoints('exp-1', 'sft-7', [{ metric: 'loss', step: 110, value: 1 }]);
        return run;
      },
    };
    const response = await createMetricsHandler({ store: racing })(new Request(BASE));
    const body = (await response.json()) as RunMetricsWire;
    expect(body.last_step).toBe(100);
    expect(body.metrics.loss?.steps.at(-1)).toBe(100);
  });
});

describe('createMetricsHandler over SQLite', () => {
  it('serves the same bytes whether the series are encoded in the SQLite workers or here', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainviz-handler-'));
    const sqlite = createSqliteMetricStore({ filename: join(dir, 'same.db') });
    try {
      const points: StoredPoint[] = [];
      for (let step = 1; step <= 5000; step++) {
        const value = step === 77 ? Number.NaN : step === 78 ? -Infinity : Math.sin(step) / step;
        points.push({ metric: 'loss', step, value, time: step / 3 });
        points.push({ metric: 'ünïcode "name"', step, value: step });
      }
      points.push({ metric: 'short', step: 1, value: 0.5 });
      for (const target of [store, sqlite]) {
        await target.upsertRun({
          experimentId: 'exp',
          runId: 'run',
          status: 'completed',
          startedAt: '2026-11-27T09:00:00.000Z',
        });
        await target.appendPoints('exp', 'run', points);
      }
      const url = 'http://localhost/experiments/exp/runs/run/metrics';
      for (const query of ['', '?since_step=2500', '?max_points=500', '?metric_type=short,loss']) {
        const fromMemory = (await (
          await handler(new Request(url + query))
        ).json()) as RunMetricsWire;
        const response = await createMetricsHandler({ store: sqlite })(new Request(url + query));
        const fromSqlite = (await response.json()) as RunMetricsWire;
        if (query !== '?max_points=500') expect(fromSqlite.metrics).toEqual(fromMemory.metrics);
        expect(fromSqlite.last_step).toBe(5000);
        expect(Object.keys(fromSqlite.metrics)).toEqual(Object.keys(fromMemory.metrics));
      }
    } finally {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('createMetricsHandler: the wire body is the client encoding', () => {
  /** 3000 points with NaN, infinities and times under `__proto__`, 3000 without times, 5 more. */
  function fixture(): { points: StoredPoint[]; series: Record<string, MetricSeries> } {
    const series: Record<string, MetricSeries> = Object.create(null);
    series[PROTO] = { steps: [], values: [], times: [] };
    series[CTOR] = { steps: [], values: [] };
    series.short = { steps: [], values: [] };
    const points: StoredPoint[] = [];
    const add = (metric: string, step: number, value: number, time?: number) => {
      const target = series[metric] as MetricSeries;
      target.steps.push(step);
      target.values.push(value);
      if (time !== undefined) target.times?.push(time);
      points.push(time === undefined ? { metric, step, value } : { metric, step, value, time });
    };
    for (let step = 1; step <= 3000; step++) {
      const odd = step % 500 === 0 ? Number.NaN : step % 777 === 0 ? -Infinity : undefined;
      add('__proto__', step, odd ?? Math.cos(step) / step, step / 4);
      add('constructor', step, step % 999 === 0 ? Infinity : step * 1e-7);
    }
    for (let step = 1; step <= 5; step++) add('short', step * 600, 0.1 * step);
    return { points, series };
  }

  function slice(series: MetricSeries, after: number): MetricSeries {
    const from = series.steps.findIndex((s) => s > after);
    const at = from < 0 ? series.steps.length : from;
    const out: MetricSeries = { steps: series.steps.slice(at), values: series.values.slice(at) };
    if (series.times) out.times = series.times.slice(at);
    return out;
  }

  it('sends exactly JSON.stringify(encodeRunMetrics(run)) from the memory and SQLite stores, and decodes back to the points', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainviz-wire-'));
    const sqlite = createSqliteMetricStore({ filename: join(dir, 'wire.db') });
    const memory = createMemoryMetricStore();
    const { points, series } = fixture();
    try {
      for (const target of [memory, sqlite]) {
        await target.upsertRun({ experimentId: 'exp', runId: 'run', status: 'running' });
        await target.appendPoints('exp', 'run', points);
      }
      // The SQLite store encodes the long series in its worker threads, with the client.
      const read = await sqlite.readSnapshot?.('exp', 'run', { encodeJson: true });
      expect(read?.series[PROTO]?.json).toBeInstanceOf(Uint8Array);
      expect(read?.series.short?.json).toBeUndefined();

      const cases: [string, (all: Record<string, MetricSeries>) => Record<string, MetricSeries>][] =
        [
          ['', (all) => all],
          [
            '?since_step=2500',
            (all) => {
              const out: Record<string, MetricSeries> = Object.create(null);
              for (const name of Object.keys(all))
                out[name] = slice(all[name] as MetricSeries, 2500);
              return out;
            },
          ],
          [
            '?metric_type=__proto__,not_yet',
            (all) => {
              const out: Record<string, MetricSeries> = Object.create(null);
              out[PROTO] = all[PROTO] as MetricSeries;
              out.not_yet = { steps: [], values: [] };
              return out;
            },
          ],
        ];
      for (const target of [memory, sqlite]) {
        const serve = createMetricsHandler({ store: target });
        for (const [query, expected] of cases) {
          const response = await serve(
            new Request(`http://localhost/experiments/exp/runs/run/metrics${query}`),
          );
          const body = await response.text();
          const decoded = decodeRunMetrics(JSON.parse(body) as RunMetricsWire);
          const metrics = expected(series);
          expect(decoded.metrics).toEqual(metrics);
          expect(decoded.metrics[PROTO]?.values[499]).toBeNaN();
          expect(body).toBe(JSON.stringify(encodeRunMetrics({ ...decoded, metrics })));
        }
      }
    } finally {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
