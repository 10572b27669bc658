import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PostgresCluster, startPostgresCluster } from '../../scripts/postgresCluster.mjs';
import { createMemoryMetricStore } from '../createMemoryMetricStore';
import { createPostgresMetricStore } from '../createPostgresMetricStore';
import { createSqliteMetricStore } from '../createSqliteMetricStore';
import { MetricStoreError } from '../MetricStoreError';
import type { MetricStore, StoredPoint } from '../types';
import { describeMetricStoreContract } from './helpers/metricStoreContract';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trainviz-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

let cluster: PostgresCluster;
let admin: pg.Pool;
let databases = 0;
beforeAll(async () => {
  cluster = await startPostgresCluster();
  admin = new pg.Pool({ connectionString: cluster.connectionString, max: 2 });
});
afterAll(async () => {
  await admin?.end();
  cluster?.stop();
});

/** A store on a fresh, empty database of the throwaway cluster. */
async function postgresStore(): Promise<MetricStore> {
  const name = `contract_${++databases}`;
  await admin.query(`CREATE DATABASE ${name}`);
  return createPostgresMetricStore({ connectionString: cluster.url(name), maxConnections: 4 });
}

const factories: [string, () => MetricStore | Promise<MetricStore>][] = [
  ['memory', () => createMemoryMetricStore()],
  ['sqlite', () => createSqliteMetricStore({ filename: join(dir, 'metrics.db') })],
  ['sqlite :memory:', () => createSqliteMetricStore({ filename: ':memory:' })],
  ['postgres', postgresStore],
];

describe.each(factories)('%s metric store', (_name, makeStore) => {
  describeMetricStoreContract(makeStore);

  async function storeWithRun(): Promise<MetricStore> {
    const store = await makeStore();
    await store.upsertRun({ experimentId: 'exp', runId: 'run', status: 'running' });
    return store;
  }

  it('creates a run, then updates only the fields given', async () => {
    const store = await makeStore();
    const created = await store.upsertRun({
      experimentId: 'exp',
      runId: 'run',
      status: 'pending',
      startedAt: '2026-11-27T09:00:00.000Z',
    });
    expect(created).toMatchObject({
      status: 'pending',
      startedAt: '2026-11-27T09:00:00.000Z',
      stepSource: null,
      lastStep: null,
      restarts: [],
    });
    await store.upsertRun({
      experimentId: 'exp',
      runId: 'run',
      status: 'running',
      stepSource: 'explicit',
    });
    const run = await store.getRun('exp', 'run');
    expect(run?.status).toBe('running');
    expect(run?.startedAt).toBe('2026-11-27T09:00:00.000Z');
    expect(run?.stepSource).toBe('explicit');
    expect(await store.getRun('exp', 'other')).toBeNull();
    await store.close();
  });

  it('returns columnar series with ascending steps, whatever order points arrive in', async () => {
    const store = await storeWithRun();
    await store.appendPoints('exp', 'run', [
      { metric: 'loss', step: 30, value: 1.5 },
      { metric: 'loss', step: 10, value: 2.5 },
      { metric: 'grad_norm', step: 10, value: 7 },
      { metric: 'loss', step: 20, value: 2 },
    ]);
    const result = await store.queryPoints('exp', 'run');
    expect(result.loss).toEqual({ steps: [10, 20, 30], values: [2.5, 2, 1.5] });
    expect(result.grad_norm).toEqual({ steps: [10], values: [7] });
    expect((await store.getRun('exp', 'run'))?.lastStep).toBe(30);
    await store.close();
  });

  it('replaces the value of a metric at a step that is written again', async () => {
    const store = await storeWithRun();
    await store.appendPoints('exp', 'run', [{ metric: 'loss', step: 10, value: 2.5 }]);
    await store.appendPoints('exp', 'run', [{ metric: 'loss', step: 10, value: 1.25 }]);
    expect((await store.queryPoints('exp', 'run')).loss).toEqual({ steps: [10], values: [1.25] });
    await store.close();
  });

  it('filters by metric, inclusive step range and exclusive since-step', async () => {
    const store = await storeWithRun();
    const points = [];
    for (let step = 1; step <= 10; step++) {
      points.push({ metric: 'loss', step, value: step / 10 });
      points.push({ metric: 'learning_rate', step, value: 0.001 });
    }
    await store.appendPoints('exp', 'run', points);

    const ranged = await store.queryPoints('exp', 'run', {
      metrics: ['loss'],
      stepMin: 3,
      stepMax: 5,
    });
    expect(Object.keys(ranged)).toEqual(['loss']);
    expect(ranged.loss?.steps).toEqual([3, 4, 5]);

    const since = await store.queryPoints('exp', 'run', { sinceStep: 8 });
    expect(since.loss?.steps).toEqual([9, 10]);
    expect(since.learning_rate?.steps).toEqual([9, 10]);

    const both = await store.queryPoints('exp', 'run', { sinceStep: 4, stepMin: 4, stepMax: 6 });
    expect(both.loss?.steps).toEqual([5, 6]);

    const missing = await store.queryPoints('exp', 'run', { metrics: ['eval_loss'] });
    expect(missing).toEqual({});
    await store.close();
  });

  it('keeps NaN and infinities as numbers', async () => {
    const store = await storeWithRun();
    await store.appendPoints('exp', 'run', [
      { metric: 'loss', step: 1, value: 2 },
      { metric: 'loss', step: 2, value: Number.NaN },
      { metric: 'loss', step: 3, value: Number.POSITIVE_INFINITY },
      { metric: 'loss', step: 4, value: Number.NEGATIVE_INFINITY },
      { metric: 'loss', step: 5, value: 0 },
    ]);
    const values = (await store.queryPoints('exp', 'run')).loss?.values;
    expect(values).toEqual([2, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0]);
    await store.close();
  });

  it('returns times only when every point of the series has one', async () => {
    const store = await storeWithRun();
    await store.appendPoints('exp', 'run', [
      { metric: 'loss', step: 1, value: 2, time: 0.5 },
      { metric: 'loss', step: 2, value: 1.9, time: 1.5 },
      { metric: 'acc', step: 1, value: 0.1, time: 0.5 },
      { metric: 'acc', step: 2, value: 0.2 },
    ]);
    const result = await store.queryPoints('exp', 'run');
    expect(result.loss?.times).toEqual([0.5, 1.5]);
    expect(result.acc?.times).toBeUndefined();
    expect((await store.queryPoints('exp', 'run', { sinceStep: 1 })).acc?.times).toBeUndefined();
    await store.close();
  });

  it('a restart deletes every point at or after its step, in every metric, and is listed', async () => {
    const store = await storeWithRun();
    const points = [];
    for (let step = 10; step <= 50; step += 10) {
      points.push({ metric: 'loss', step, value: 3 - step / 100 });
      points.push({ metric: 'grad_norm', step, value: 1 });
    }
    await store.appendPoints('exp', 'run', points);
    await store.recordRestart('exp', 'run', 30);
    const after = await store.queryPoints('exp', 'run');
    expect(after.loss?.steps).toEqual([10, 20]);
    expect(after.grad_norm?.steps).toEqual([10, 20]);
    expect((await store.getRun('exp', 'run'))?.lastStep).toBe(20);

    await store.appendPoints('exp', 'run', [{ metric: 'loss', step: 30, value: 9 }]);
    await store.recordRestart('exp', 'run', 25);
    const run = await store.getRun('exp', 'run');
    expect(run?.restarts).toEqual([{ step: 30 }, { step: 25 }]);
    expect((await store.queryPoints('exp', 'run')).loss?.steps).toEqual([10, 20]);
    await store.close();
  });

  it('rejects writes to a run it does not have with kind run_not_found', async () => {
    const store = await makeStore();
    const error = await store
      .appendPoints('exp', 'ghost', [{ metric: 'loss', step: 1, value: 1 }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricStoreError);
    expect((error as MetricStoreError).kind).toBe('run_not_found');
    await expect(store.setRunStatus('exp', 'ghost', 'failed')).rejects.toMatchObject({
      kind: 'run_not_found',
    });
    await store.close();
  });

  it('lists runs ordered, optionally of one experiment', async () => {
    const store = await makeStore();
    await store.upsertRun({ experimentId: 'b', runId: 'r2', status: 'running' });
    await store.upsertRun({ experimentId: 'a', runId: 'r9', status: 'completed' });
    await store.upsertRun({ experimentId: 'b', runId: 'r1', status: 'failed' });
    const all = await store.listRuns();
    expect(all.map((r) => `${r.experimentId}/${r.runId}`)).toEqual(['a/r9', 'b/r1', 'b/r2']);
    const ofB = await store.listRuns('b');
    expect(ofB.map((r) => r.runId)).toEqual(['r1', 'r2']);
    await store.close();
  });

  it('rejects calls after close with kind closed', async () => {
    const store = await makeStore();
    await store.close();
    await expect(store.getRun('exp', 'run')).rejects.toMatchObject({ kind: 'closed' });
  });
});

describe('sqlite metric store', () => {
  it('names the missing optional peer when better-sqlite3 is not installed', async () => {
    const resolver = Module as unknown as {
      _resolveFilename: (request: string, ...rest: unknown[]) => string;
    };
    const original = resolver._resolveFilename;
    // Make Node's resolver behave as if better-sqlite3 were not installed.
    resolver._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
      if (request === 'better-sqlite3') {
        throw Object.assign(new Error("Cannot find module 'better-sqlite3'"), {
          code: 'MODULE_NOT_FOUND',
        });
      }
      return original.call(this, request, ...rest);
    };
    try {
      // Creating the store opens nothing; the first call reports the missing driver.
      const store = createSqliteMetricStore({ filename: join(dir, 'never.db') });
      const error = await store.getRun('exp', 'run').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MetricStoreError);
      expect((error as MetricStoreError).kind).toBe('missing_peer_dependency');
      expect((error as MetricStoreError).message).toMatch(/npm install better-sqlite3/);
    } finally {
      resolver._resolveFilename = original;
    }
  });

  it('keeps runs, points, NaN and restarts after the store is reopened', async () => {
    const filename = join(dir, 'persist.db');
    const first = createSqliteMetricStore({ filename });
    await first.upsertRun({ experimentId: 'exp', runId: 'run', status: 'running' });
    await first.appendPoints('exp', 'run', [
      { metric: 'loss', step: 1, value: 2.5, time: 0.25 },
      { metric: 'loss', step: 2, value: Number.NaN, time: 0.5 },
      { metric: 'loss', step: 3, value: Number.NEGATIVE_INFINITY, time: 0.75 },
    ]);
    await first.recordRestart('exp', 'run', 3);
    await first.setRunStatus('exp', 'run', 'completed');
    await first.close();

    const second = createSqliteMetricStore({ filename });
    const run = await second.getRun('exp', 'run');
    expect(run?.status).toBe('completed');
    expect(run?.restarts).toEqual([{ step: 3 }]);
    expect(run?.lastStep).toBe(2);
    expect((await second.queryPoints('exp', 'run')).loss).toEqual({
      steps: [1, 2],
      values: [2.5, Number.NaN],
      times: [0.25, 0.5],
    });
    await second.close();
  });

  it('answers metric, range and since-step queries with an index search, not a scan', async () => {
    const filename = join(dir, 'plan.db');
    const store = createSqliteMetricStore({ filename });
    await store.upsertRun({ experimentId: 'exp', runId: 'run', status: 'running' });
    await store.close();

    const db = new Database(filename, { readonly: true });
    const plan = (sql: string): string =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all('e', 'r', 'loss', 5, 10)
        .map((row) => (row as { detail: string }).detail)
        .join('\n');
    const range = plan(
      'SELECT step, value, kind, time FROM points WHERE experiment_id = ? AND run_id = ? AND metric = ? AND step >= ? AND step <= ? ORDER BY step',
    );
    const since = plan(
      'SELECT step, value, kind, time FROM points WHERE experiment_id = ? AND run_id = ? AND metric = ? AND step > ? AND step <= ? ORDER BY step',
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    for (const detail of [range, since]) {
      expect(detail).toMatch(/SEARCH points USING PRIMARY KEY \(.*metric=\? AND step>\?/);
      expect(detail).not.toMatch(/SCAN|TEMP B-TREE/);
    }
  });
});

describe('sqlite metric store: lazy, off the event loop, snapshots', () => {
  it('opens nothing until its first call', async () => {
    const filename = join(dir, 'nested', 'lazy.db');
    const store = createSqliteMetricStore({ filename });
    expect(existsSync(join(dir, 'nested'))).toBe(false);
    await store.close();
    mkdirSync(join(dir, 'nested'));
    const used = createSqliteMetricStore({ filename });
    expect(existsSync(filename)).toBe(false);
    await used.upsertRun({ experimentId: 'exp', runId: 'run', status: 'running' });
    expect(existsSync(filename)).toBe(true);
    await used.close();
  });

  it('waits for a lock held by another process in its worker, not in the event loop', async () => {
    const filename = join(dir, 'locked.db');
    const store = createSqliteMetricStore({ filename, busyTimeoutMs: 1500 });
    await store.upsertRun({ experimentId: 'exp', runId: 'run', status: 'running' });
    const other = new Database(filename);
    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    try {
      const write = store
        .appendPoints('exp', 'run', [{ metric: 'loss', step: 1, value: 1 }])
        .catch((e: unknown) => e);
      // Reads go on while the write waits for the lock (WAL readers are not blocked).
      expect((await store.getRun('exp', 'run'))?.lastStep).toBeNull();
      const error = await write;
      expect(error).toBeInstanceOf(MetricStoreError);
      expect((error as MetricStoreError).kind).toBe('store_busy');
      // The 1.5 s wait happened elsewhere: timers kept firing here meanwhile.
      expect(ticks).toBeGreaterThan(10);
    } finally {
      clearInterval(ticker);
      other.exec('COMMIT');
      other.close();
    }
    await store.appendPoints('exp', 'run', [{ metric: 'loss', step: 1, value: 1 }]);
    expect((await store.getRun('exp', 'run'))?.lastStep).toBe(1);
    await store.close();
  });

  it('never returns columns of unequal length or points past last_step while a writer runs', async () => {
    const filename = join(dir, 'race.db');
    const writer = createSqliteMetricStore({ filename });
    const reader = createSqliteMetricStore({ filename });
    await writer.upsertRun({ experimentId: 'exp', runId: 'run', status: 'running' });
    let step = 0;
    let writing = true;
    const writes = (async () => {
      while (writing && step < 10_000) {
        const batch: StoredPoint[] = [];
        for (let i = 0; i < 200; i++) {
          step++;
          for (const metric of ['loss', 'lr', 'grad_norm'])
            batch.push({ metric, step, value: step });
        }
        await writer.appendPoints('exp', 'run', batch);
      }
    })();
    try {
      for (let i = 0; i < 25; i++) {
        const snapshot = await reader.readSnapshot?.('exp', 'run');
        const lastStep = snapshot?.run.lastStep ?? 0;
        for (const metric of ['loss', 'lr', 'grad_norm']) {
          const steps = snapshot?.series[metric]?.steps ?? [];
          expect(steps.length).toBe(lastStep);
          expect(steps.length === 0 ? 0 : steps[steps.length - 1]).toBe(lastStep);
        }
      }
    } finally {
      writing = false;
      await writes;
    }
    await writer.close();
    await reader.close();
  });
});
