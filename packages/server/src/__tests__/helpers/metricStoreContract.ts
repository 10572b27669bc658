import { afterEach, expect, it, vi } from 'vitest';
import type { MetricStore, StoredPoint } from '../../types';

/**
 * What every {@link MetricStore} shipped here must do beyond the basics: snapshots, SQL-side (or
 * in-memory) downsampling, names that are ordinary names, and liveness. Called inside a
 * `describe` per store, with a factory returning a fresh, empty store.
 */
export function describeMetricStoreContract(
  makeStore: () => MetricStore | Promise<MetricStore>,
): void {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('treats __proto__, constructor and toString as ordinary experiment, run and metric names', async () => {
    const store = await makeStore();
    await store.upsertRun({ experimentId: '__proto__', runId: 'constructor', status: 'running' });
    await store.appendPoints('__proto__', 'constructor', [
      { metric: '__proto__', step: 1, value: 1 },
      { metric: 'constructor', step: 1, value: 2 },
      { metric: 'toString', step: 2, value: 3 },
    ]);
    const points = await store.queryPoints('__proto__', 'constructor');
    expect(Object.keys(points).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getOwnPropertyDescriptor(points, '__proto__')?.value.values).toEqual([1]);
    const only = await store.queryPoints('__proto__', 'constructor', {
      metrics: ['constructor', 'hasOwnProperty'],
    });
    expect(Object.keys(only)).toEqual(['constructor']);
    const snapshot = await store.readSnapshot?.('__proto__', 'constructor', {
      metrics: ['__proto__'],
    });
    expect(Object.keys(snapshot?.series ?? {})).toEqual(['__proto__']);
    expect(await store.getRun('constructor', '__proto__')).toBeNull();
    expect((await store.listRuns('__proto__')).map((r) => r.runId)).toEqual(['constructor']);
    await store.close();
  });

  it('reads a snapshot: the run and its series from one state, null for an unknown run', async () => {
    const store = await makeStore();
    expect(store.readSnapshot).toBeDefined();
    await store.upsertRun({ experimentId: 'exp', runId: 'run', status: 'running' });
    await store.appendPoints('exp', 'run', [
      { metric: 'loss', step: 1, value: 2, time: 0.5 },
      { metric: 'loss', step: 2, value: 1.5, time: 1 },
      { metric: 'lr', step: 2, value: 0.1 },
    ]);
    const snapshot = await store.readSnapshot?.('exp', 'run', { sinceStep: 1 });
    expect(snapshot?.run).toMatchObject({ experimentId: 'exp', runId: 'run', lastStep: 2 });
    expect(Array.from(snapshot?.series.loss?.steps ?? [])).toEqual([2]);
    expect(Array.from(snapshot?.series.loss?.times ?? [])).toEqual([1]);
    expect(Array.from(snapshot?.series.lr?.values ?? [])).toEqual([0.1]);
    expect(snapshot?.totalPoints).toEqual({ loss: 1, lr: 1 });
    expect(await store.readSnapshot?.('exp', 'nope')).toBeNull();
    await store.close();
  });

  it('downsamples in the store to at most maxPoints, keeping both ends, spikes and NaN', async () => {
    const store = await makeStore();
    await store.upsertRun({ experimentId: 'exp', runId: 'long', status: 'running' });
    const points: StoredPoint[] = [];
    for (let step = 1; step <= 10_000; step++) {
      const value =
        step === 7777
          ? 50
          : step === 5000
            ? Number.NaN
            : step === 2500
              ? -40
              : 2 + Math.sin(step / 100) * 0.1;
      points.push({ metric: 'loss', step, value, time: step / 10 });
    }
    for (let i = 0; i < points.length; i += 2500) {
      await store.appendPoints('exp', 'long', points.slice(i, i + 2500));
    }
    const snapshot = await store.readSnapshot?.('exp', 'long', { maxPoints: 400 });
    const loss = snapshot?.series.loss;
    const steps = Array.from(loss?.steps ?? []);
    const values = Array.from(loss?.values ?? []);
    expect(steps.length).toBeLessThanOrEqual(400);
    expect(steps.length).toBeGreaterThan(100);
    expect(steps[0]).toBe(1);
    expect(steps.at(-1)).toBe(10_000);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps).size).toBe(steps.length);
    expect(values[steps.indexOf(7777)]).toBe(50);
    expect(values[steps.indexOf(2500)]).toBe(-40);
    expect(values[steps.indexOf(5000)]).toBeNaN();
    // Every kept point is a recorded one, with its own time.
    for (let i = 0; i < steps.length; i += 37) {
      const step = steps[i] as number;
      expect(Array.from(loss?.times ?? [])[i]).toBe(step / 10);
    }
    expect(snapshot?.totalPoints.loss).toBe(10_000);
    const window = await store.readSnapshot?.('exp', 'long', {
      stepMin: 7000,
      stepMax: 8000,
      maxPoints: 50,
    });
    const windowSteps = Array.from(window?.series.loss?.steps ?? []);
    expect(windowSteps[0]).toBe(7000);
    expect(windowSteps.at(-1)).toBe(8000);
    expect(windowSteps).toContain(7777);
    expect(windowSteps.length).toBeLessThanOrEqual(50);
    expect(window?.totalPoints.loss).toBe(1001);
    const short = await store.readSnapshot?.('exp', 'long', { sinceStep: 9990, maxPoints: 400 });
    expect(Array.from(short?.series.loss?.steps ?? [])).toHaveLength(10);
    await store.close();
  });

  it('reports a running run whose capture went silent as interrupted, and running again after a heartbeat', async () => {
    const store = await makeStore();
    await store.upsertRun({ experimentId: 'exp', runId: 'run', status: 'running' });
    await store.upsertRun({ experimentId: 'exp', runId: 'done', status: 'completed' });
    const seen = Date.parse((await store.getRun('exp', 'run'))?.heartbeatAt ?? '');
    expect(Number.isFinite(seen)).toBe(true);
    // Only this thread's clock moves: the store's own timestamps stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(seen + 31_000);
    expect((await store.getRun('exp', 'run'))?.status).toBe('interrupted');
    expect((await store.getRun('exp', 'done'))?.status).toBe('completed');
    expect((await store.listRuns('exp')).map((r) => r.status)).toEqual([
      'completed',
      'interrupted',
    ]);
    expect((await store.readSnapshot?.('exp', 'run'))?.run.status).toBe('interrupted');
    vi.setSystemTime(seen + 29_000);
    expect((await store.getRun('exp', 'run'))?.status).toBe('running');
    vi.useRealTimers();
    await store.heartbeat?.('exp', 'run');
    const beat = Date.parse((await store.getRun('exp', 'run'))?.heartbeatAt ?? '');
    expect(beat).toBeGreaterThanOrEqual(seen);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(beat + 1000);
    expect((await store.getRun('exp', 'run'))?.status).toBe('running');
    vi.useRealTimers();
    await expect(store.heartbeat?.('exp', 'ghost')).rejects.toMatchObject({
      kind: 'run_not_found',
    });
    await store.close();
  });
}
