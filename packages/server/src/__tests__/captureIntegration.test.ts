import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTrainvizClient, isTrainvizError, type RunMetrics } from '@trainviz/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMetricsHandler } from '../createMetricsHandler';
import { createRunCapture } from '../createRunCapture';
import { createSqliteMetricStore } from '../createSqliteMetricStore';
import { toNodeHandler } from '../toNodeHandler';
import type { MetricStore } from '../types';

const FIXTURE = fileURLToPath(new URL('./fixtures/hfTrainerLog.mjs', import.meta.url));
const CAPTURE = fileURLToPath(new URL('./fixtures/captureProcess.mjs', import.meta.url));
const quiet = { warn: () => {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Serves the metrics handler of `store` on a real loopback port. */
async function serve(store: MetricStore): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer(toNodeHandler(createMetricsHandler({ store, basePath: '/api' })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}/api` };
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trainviz-capture-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('capturing a Hugging Face Trainer process into SQLite, served over HTTP', () => {
  it('shows metrics while it runs, serves only new points with since_step, and keeps them all', async () => {
    const filename = join(dir, 'runs.db');
    const store = createSqliteMetricStore({ filename });
    const { server, baseUrl } = await serve(store);
    const client = createTrainvizClient({ baseUrl });

    // 30 steps, a dict every 2 steps, 100 ms a step: about 3 seconds.
    const child = spawn(process.execPath, [FIXTURE, '--steps', '30', '--every', '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let exited = false;
    child.on('exit', () => {
      exited = true;
    });
    const capture = createRunCapture({
      store,
      experimentId: 'exp-hf',
      runId: 'sft-1',
      flushIntervalMs: 100,
      logger: quiet,
    });
    capture.attach(child);

    const whileRunning: RunMetrics[] = [];
    const polls: { sinceStep: number; newSteps: number[] }[] = [];
    let lastStep: number | null = null;
    let seen = false;
    while (!exited) {
      await sleep(150);
      const run = await pollRun(client, 'sft-1', seen);
      if (run === undefined) continue;
      seen = true;
      if (!exited && run.status === 'running' && (run.metrics.loss?.steps.length ?? 0) > 0) {
        whileRunning.push(run);
      }
      if (lastStep !== null) {
        const update = await client.getRunMetrics('exp-hf', 'sft-1', {
          metricTypes: ['loss'],
          sinceStep: lastStep,
        });
        polls.push({ sinceStep: lastStep, newSteps: update.metrics.loss?.steps ?? [] });
      }
      lastStep = run.lastStep ?? lastStep;
    }
    await capture.done;

    // Metrics appeared, and grew, before the process ended.
    expect(whileRunning.length).toBeGreaterThanOrEqual(2);
    const firstSeen = whileRunning[0]?.metrics.loss?.steps.length ?? 0;
    const lastSeen = whileRunning.at(-1)?.metrics.loss?.steps.length ?? 0;
    expect(firstSeen).toBeLessThan(15);
    expect(lastSeen).toBeGreaterThan(firstSeen);

    // since_step polls only ever carried points after the step asked for, and some carried new ones.
    expect(polls.length).toBeGreaterThan(0);
    for (const poll of polls) {
      for (const step of poll.newSteps) expect(step).toBeGreaterThan(poll.sinceStep);
    }
    expect(polls.some((p) => p.newSteps.length > 0)).toBe(true);

    const expectedSteps = Array.from({ length: 15 }, (_, i) => 2 * (i + 1));
    const done = await client.getRunMetrics('exp-hf', 'sft-1');
    expect(done.status).toBe('completed');
    expect(done.stepSource).toBe('progress');
    expect(done.lastStep).toBe(30);
    expect(done.metrics.loss?.steps).toEqual(expectedSteps);
    expect(done.metrics.loss?.values).toEqual(expectedSteps.map((s) => 2.5 - 0.05 * s).map(round4));
    expect(done.metrics.grad_norm?.steps).toEqual(expectedSteps);
    const gradNormAt10 = done.metrics.grad_norm?.values[expectedSteps.indexOf(10)];
    expect(gradNormAt10).toBeNaN();
    expect(done.metrics.learning_rate?.values[0]).toBeCloseTo(4.7e-5, 10);
    // Every point carries the time it was captured, in seconds since the start, over ~3 s.
    const times = done.metrics.loss?.times ?? [];
    expect(times).toHaveLength(15);
    expect(times[0]).toBeGreaterThan(0);
    expect(times.at(-1)).toBeGreaterThan(2);
    expect(times.at(-1)).toBeLessThan(30);

    await stop(server);
    await store.close();

    // A new process opening the same file serves the same run.
    const reopened = createSqliteMetricStore({ filename });
    const second = await serve(reopened);
    const again = await createTrainvizClient({ baseUrl: second.baseUrl }).getRunMetrics(
      'exp-hf',
      'sft-1',
    );
    expect(again.status).toBe('completed');
    expect(again.metrics.loss?.steps).toEqual(expectedSteps);
    expect(again.metrics.loss?.values).toEqual(done.metrics.loss?.values);
    expect(again.metrics.grad_norm?.values[expectedSteps.indexOf(10)]).toBeNaN();
    await stop(second.server);
    await reopened.close();
  }, 30_000);

  it('marks a run whose process is killed as failed, keeping its partial metrics', async () => {
    const filename = join(dir, 'killed.db');
    const store = createSqliteMetricStore({ filename });
    const { server, baseUrl } = await serve(store);
    const client = createTrainvizClient({ baseUrl });

    const child = spawn(
      process.execPath,
      [FIXTURE, '--steps', '400', '--every', '2', '--delay', '30'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const capture = createRunCapture({
      store,
      experimentId: 'exp-hf',
      runId: 'killed',
      flushIntervalMs: 50,
      logger: quiet,
    });
    capture.attach(child);

    let seen = 0;
    // Up to 20 s for five points (about 0.3 s unloaded), well inside the test's timeout.
    for (let i = 0; i < 400 && seen < 5; i++) {
      await sleep(50);
      const run = await pollRun(client, 'killed', false);
      seen = run?.metrics.loss?.steps.length ?? 0;
    }
    expect(seen).toBeGreaterThanOrEqual(5);
    child.kill('SIGKILL');
    await capture.done;

    const run = await client.getRunMetrics('exp-hf', 'killed');
    expect(run.status).toBe('failed');
    const steps = run.metrics.loss?.steps ?? [];
    expect(steps.length).toBeGreaterThanOrEqual(seen);
    expect(steps.at(-1)).toBeLessThan(400);
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => 2 * (i + 1)));
    await stop(server);
    await store.close();

    const reopened = createSqliteMetricStore({ filename });
    expect((await reopened.getRun('exp-hf', 'killed'))?.status).toBe('failed');
    expect((await reopened.queryPoints('exp-hf', 'killed')).loss?.steps).toEqual(steps);
    await reopened.close();
  }, 30_000);
});

/**
 * The run's loss so far, or undefined while the run does not exist yet: the capture writes the
 * run's row through the store's worker, and on a loaded machine the first polls may come before
 * it (a 404). Once the run was `seen`, a 404 is an error.
 */
function pollRun(
  client: ReturnType<typeof createTrainvizClient>,
  runId: string,
  seen: boolean,
): Promise<RunMetrics | undefined> {
  return client
    .getRunMetrics('exp-hf', runId, { metricTypes: ['loss'] })
    .catch((error: unknown) => {
      if (!seen && isTrainvizError(error) && error.status === 404) return undefined;
      throw error;
    });
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

describe('a capture process killed with SIGKILL', () => {
  it('leaves its run interrupted within interruptedAfterMs, with the points it wrote', async () => {
    const filename = join(dir, 'killed.db');
    const store = createSqliteMetricStore({ filename, interruptedAfterMs: 1500 });
    const { server, baseUrl } = await serve(store);
    const client = createTrainvizClient({ baseUrl });
    const child = spawn(
      process.execPath,
      [CAPTURE, '--store', `sqlite:${filename}`, '--experiment', 'exp', '--run', 'doomed'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let printed = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/STEP (\d+)/g)) printed = Number(match[1]);
    });
    try {
      // Running, with points, and still running over several heartbeat intervals.
      await vi.waitFor(
        async () => {
          const run = await client.getRunMetrics('exp', 'doomed', { metricTypes: ['loss'] });
          expect(run.status).toBe('running');
          expect(run.lastStep).toBeGreaterThan(20);
        },
        { timeout: 60_000, interval: 100 },
      );
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const final = await vi.waitFor(
        async () => {
          const run = await client.getRunMetrics('exp', 'doomed');
          expect(run.status).toBe('interrupted');
          return run;
        },
        { timeout: 60_000, interval: 200 },
      );
      // At most one flush interval of what was printed is lost, never more than was printed.
      expect(final.lastStep).toBeGreaterThan(20);
      expect(final.lastStep).toBeLessThanOrEqual(printed);
      expect(final.metrics.loss?.steps).toEqual(
        Array.from({ length: final.lastStep ?? 0 }, (_, i) => i + 1),
      );
    } finally {
      child.kill('SIGKILL');
      await stop(server);
      await store.close();
    }
  });
});
