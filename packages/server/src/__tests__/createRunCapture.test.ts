import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryMetricStore } from '../createMemoryMetricStore';
import { createRunCapture } from '../createRunCapture';
import { MetricStoreError } from '../MetricStoreError';
import type { CaptureLogger, MetricStore, StoredPoint } from '../types';

const quiet: CaptureLogger = { warn: () => {} };

/** A memory store that records the size of every appendPoints call and can fail on demand. */
function recordingStore(failures = 0): MetricStore & { batches: number[]; calls: string[] } {
  const inner = createMemoryMetricStore();
  let toFail = failures;
  const batches: number[] = [];
  const calls: string[] = [];
  return {
    ...inner,
    batches,
    calls,
    async appendPoints(experimentId: string, runId: string, points: readonly StoredPoint[]) {
      calls.push(`append:${points.length}`);
      if (toFail > 0) {
        toFail--;
        throw new Error('database is locked');
      }
      batches.push(points.length);
      await inner.appendPoints(experimentId, runId, points);
    },
    async recordRestart(experimentId: string, runId: string, step: number) {
      calls.push(`restart:${step}`);
      await inner.recordRestart(experimentId, runId, step);
    },
  };
}

function jsonLines(from: number, to: number, loss: (step: number) => number): string {
  let text = '';
  for (let step = from; step <= to; step++) text += `{"step": ${step}, "loss": ${loss(step)}}\n`;
  return text;
}

function fakeChild(): ChildProcess & { stdout: PassThrough; stderr: PassThrough } {
  const child = new EventEmitter() as ChildProcess & { stdout: PassThrough; stderr: PassThrough };
  Object.assign(child, { stdout: new PassThrough(), stderr: new PassThrough() });
  return child;
}

function exit(
  child: ChildProcess & { stdout: PassThrough; stderr: PassThrough },
  code: number | null,
  signal: NodeJS.Signals | null,
): void {
  child.stdout.end();
  child.stderr.end();
  // A real child emits 'close' after its streams have closed.
  setTimeout(() => child.emit('close', code, signal), 20);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createRunCapture', () => {
  it('shows the run as running before the first point', async () => {
    const store = createMemoryMetricStore();
    const capture = createRunCapture({ store, experimentId: 'e', runId: 'r', logger: quiet });
    await capture.flush();
    expect((await store.getRun('e', 'r'))?.status).toBe('running');
    await capture.end();
  });

  it('writes in batches of at most maxBatchPoints, then flushes the rest at the end', async () => {
    const store = recordingStore();
    const capture = createRunCapture({
      store,
      experimentId: 'e',
      runId: 'r',
      maxBatchPoints: 500,
      flushIntervalMs: 60_000,
      logger: quiet,
    });
    for (let step = 1; step <= 1200; step++) capture.write(jsonLines(step, step, () => 1));
    await sleep(20);
    expect(store.batches).toEqual([500, 500]);
    await capture.end({ status: 'completed' });
    expect(store.batches).toEqual([500, 500, 200]);
    const run = await store.getRun('e', 'r');
    expect(run?.status).toBe('completed');
    expect(run?.lastStep).toBe(1200);
    expect((await store.queryPoints('e', 'r')).loss?.steps).toHaveLength(1200);
  });

  it('ends every batch between steps, so no write holds only some metrics of a step', async () => {
    const inner = createMemoryMetricStore();
    const lastSteps: number[][] = [];
    const store: MetricStore = {
      ...inner,
      async appendPoints(experimentId, runId, points) {
        const top = Math.max(...points.map((p) => p.step));
        lastSteps.push(points.filter((p) => p.step === top).map((p) => p.step));
        await inner.appendPoints(experimentId, runId, points);
      },
    };
    const capture = createRunCapture({
      store,
      experimentId: 'e',
      runId: 'r',
      maxBatchPoints: 500,
      flushIntervalMs: 60_000,
      logger: quiet,
    });
    let text = '';
    for (let step = 1; step <= 400; step++) {
      text += `{"step": ${step}, "loss": 1, "lr": 2, "grad_norm": 3}\n`;
    }
    capture.write(text);
    await capture.end();
    // 166 whole steps (498 points) per write, never 500 that would cut step 167 in two.
    expect(lastSteps.map((points) => points.length)).toEqual([3, 3, 3]);
    expect((await store.queryPoints('e', 'r')).grad_norm?.steps).toHaveLength(400);
  });

  it('holds a few points until flushIntervalMs has passed, then writes them in one write', async () => {
    const store = recordingStore();
    const capture = createRunCapture({
      store,
      experimentId: 'e',
      runId: 'r',
      flushIntervalMs: 400,
      logger: quiet,
    });
    const started = Date.now();
    capture.write(jsonLines(1, 3, (s) => 3 - s / 10));
    capture.write(jsonLines(4, 5, (s) => 3 - s / 10));
    await sleep(50);
    expect(store.batches).toEqual([]);
    for (let i = 0; i < 300 && store.batches.length === 0; i++) await sleep(10);
    expect(Date.now() - started).toBeGreaterThanOrEqual(395);
    expect(store.batches).toEqual([5]);
    expect((await store.queryPoints('e', 'r')).loss?.steps).toEqual([1, 2, 3, 4, 5]);
    await capture.end();
  });

  it('retries a failed write, keeps the points in order and loses none', async () => {
    const store = recordingStore(2);
    const errors: Error[] = [];
    const capture = createRunCapture({
      store,
      experimentId: 'e',
      runId: 'r',
      retryDelayMs: 5,
      onError: (error) => errors.push(error),
      logger: quiet,
    });
    capture.write(jsonLines(1, 10, (s) => s));
    capture.write(jsonLines(11, 20, (s) => s));
    await capture.end();
    expect(errors).toHaveLength(2);
    expect(
      errors.every((e) => e instanceof MetricStoreError && e.kind === 'store_write_failed'),
    ).toBe(true);
    const loss = (await store.queryPoints('e', 'r')).loss;
    expect(loss?.steps).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(loss?.values).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await store.getRun('e', 'r'))?.status).toBe('completed');
  });

  it('tries again on its own after giving up, so an idle run recovers when the store does', async () => {
    const store = recordingStore(3);
    const capture = createRunCapture({
      store,
      experimentId: 'e',
      runId: 'r',
      flushIntervalMs: 10,
      retryDelayMs: 5,
      maxWriteAttempts: 2,
      onError: () => {},
      logger: quiet,
    });
    capture.write(jsonLines(1, 4, () => 1));
    for (let i = 0; i < 200 && store.batches.length === 0; i++) await sleep(10);
    expect(store.calls.filter((c) => c === 'append:4')).toHaveLength(4);
    expect(store.batches).toEqual([4]);
    expect((await store.queryPoints('e', 'r')).loss?.steps).toEqual([1, 2, 3, 4]);
    await capture.end();
  });

  it('rejects done, naming the unwritten points, when the store never recovers', async () => {
    const store = recordingStore(Number.POSITIVE_INFINITY);
    const capture = createRunCapture({
      store,
      experimentId: 'e',
      runId: 'r',
      retryDelayMs: 1,
      maxWriteAttempts: 2,
      onError: () => {},
      logger: quiet,
    });
    capture.write(jsonLines(1, 7, () => 1));
    void capture.end();
    const error = await capture.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricStoreError);
    expect((error as MetricStoreError).kind).toBe('store_write_failed');
    expect((error as MetricStoreError).message).toMatch(/7 points not written/);
    // The run is not marked completed over points that are missing.
    expect((await store.getRun('e', 'r'))?.status).toBe('running');
  });

  it('sends a resume to recordRestart before the points logged after it', async () => {
    const store = recordingStore();
    const capture = createRunCapture({ store, experimentId: 'e', runId: 'r', logger: quiet });
    capture.write(jsonLines(1, 6, () => 2));
    await capture.flush();
    capture.write(jsonLines(4, 8, () => 1));
    await capture.end();
    const restartAt = store.calls.indexOf('restart:4');
    expect(restartAt).toBeGreaterThan(0);
    expect(store.calls.slice(restartAt + 1).some((c) => c.startsWith('append:'))).toBe(true);
    const loss = (await store.queryPoints('e', 'r')).loss;
    expect(loss?.steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(loss?.values).toEqual([2, 2, 2, 1, 1, 1, 1, 1]);
    expect((await store.getRun('e', 'r'))?.restarts).toEqual([{ step: 4 }]);
  });

  it('decodes UTF-8 split across written byte chunks', async () => {
    const store = createMemoryMetricStore();
    const capture = createRunCapture({ store, experimentId: 'e', runId: 'r', logger: quiet });
    const bytes = new TextEncoder().encode('{"step": 1, "pérte": 0.5}\n');
    const split = bytes.indexOf(0xc3) + 1;
    capture.write(bytes.slice(0, split));
    capture.write(bytes.slice(split));
    await capture.end();
    expect((await store.queryPoints('e', 'r')).pérte?.values).toEqual([0.5]);
  });

  it('skips garbage between records and goes on', async () => {
    const store = createMemoryMetricStore();
    const capture = createRunCapture({ store, experimentId: 'e', runId: 'r', logger: quiet });
    capture.write(jsonLines(1, 2, () => 1));
    capture.write('\u0000\u0001 {"step": oops\nSegmentation fault?\n');
    capture.write(jsonLines(3, 4, () => 1));
    await capture.end();
    expect((await store.queryPoints('e', 'r')).loss?.steps).toEqual([1, 2, 3, 4]);
  });

  it('reads stdout and stderr of a child, each line whole, and completes on exit code 0', async () => {
    const store = createMemoryMetricStore();
    const capture = createRunCapture({ store, experimentId: 'e', runId: 'r', logger: quiet });
    const child = fakeChild();
    capture.attach(child);
    const line = Buffer.from('{"step": 1, "pérte": 0.25, "loss": 2}\n');
    const split = line.indexOf(0xc3) + 1;
    child.stdout.write(line.subarray(0, split));
    await sleep(5);
    child.stderr.write('Warning: something on stderr\n');
    await sleep(5);
    child.stdout.write(line.subarray(split));
    child.stdout.write('{"step": 2, "loss": 1.5}');
    exit(child, 0, null);
    await capture.done;
    const run = await store.getRun('e', 'r');
    expect(run?.status).toBe('completed');
    const series = await store.queryPoints('e', 'r');
    expect(series.pérte?.values).toEqual([0.25]);
    expect(series.loss?.steps).toEqual([1, 2]);
    expect(series.loss?.values).toEqual([2, 1.5]);
  });

  it('marks the run failed on a non-zero exit code or a signal, keeping its points', async () => {
    for (const [code, signal] of [
      [1, null],
      [null, 'SIGKILL'],
    ] as const) {
      const store = createMemoryMetricStore();
      const capture = createRunCapture({ store, experimentId: 'e', runId: 'r', logger: quiet });
      const child = fakeChild();
      capture.attach(child);
      child.stdout.write(jsonLines(1, 3, () => 1));
      exit(child, code, signal);
      await capture.done;
      expect((await store.getRun('e', 'r'))?.status).toBe('failed');
      expect((await store.queryPoints('e', 'r')).loss?.steps).toEqual([1, 2, 3]);
    }
  });

  it('matches a dict on stdout with the tqdm bar drawn just before it on stderr', async () => {
    const store = createMemoryMetricStore();
    const capture = createRunCapture({ store, experimentId: 'e', runId: 'r', logger: quiet });
    const child = fakeChild();
    capture.attach(child);
    for (let step = 1; step <= 4; step++) {
      child.stderr.write(`\r ${step * 25}%|██        | ${step}/4 [00:0${step}<00:03,  1.00it/s]`);
      await sleep(5);
      if (step % 2 === 0) child.stdout.write(`{'loss': ${3 - step / 2}, 'epoch': ${step / 4}}\n`);
      await sleep(5);
    }
    child.stderr.write('\n');
    exit(child, 0, null);
    await capture.done;
    const loss = (await store.queryPoints('e', 'r')).loss;
    expect(loss?.steps).toEqual([2, 4]);
    expect(loss?.values).toEqual([2, 1]);
    expect((await store.getRun('e', 'r'))?.stepSource).toBe('progress');
  });

  it('ignores chunks written after end() and ends once', async () => {
    const warnings: string[] = [];
    const store = createMemoryMetricStore();
    const capture = createRunCapture({
      store,
      experimentId: 'e',
      runId: 'r',
      logger: { warn: (message) => warnings.push(message) },
    });
    capture.write(jsonLines(1, 1, () => 1));
    const first = capture.end({ status: 'failed' });
    expect(capture.end({ status: 'completed' })).toBe(first);
    capture.write(jsonLines(2, 2, () => 1));
    await capture.done;
    expect((await store.getRun('e', 'r'))?.status).toBe('failed');
    expect((await store.queryPoints('e', 'r')).loss?.steps).toEqual([1]);
    expect(warnings.some((w) => w.includes('after end()'))).toBe(true);
  });
});

describe('createRunCapture: liveness and stuck stores', () => {
  it('sends heartbeats while the log is quiet, and none after the run ended', async () => {
    const inner = createMemoryMetricStore();
    const beats: string[] = [];
    const store: MetricStore = {
      ...inner,
      async heartbeat(experimentId, runId) {
        beats.push(runId);
        await inner.heartbeat?.(experimentId, runId);
      },
    };
    const capture = createRunCapture({
      store,
      experimentId: 'exp',
      runId: 'quiet',
      heartbeatIntervalMs: 20,
      logger: quiet,
    });
    await vi.waitFor(() => expect(beats.length).toBeGreaterThanOrEqual(3), {
      timeout: 30_000,
      interval: 20,
    });
    await capture.end();
    const after = beats.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(beats.length).toBe(after);
    expect((await store.getRun('exp', 'quiet'))?.status).toBe('completed');
  });

  it('gives up on a write that never settles instead of hanging done', async () => {
    const inner = createMemoryMetricStore();
    const store: MetricStore = {
      ...inner,
      appendPoints: () => new Promise<void>(() => {}),
    };
    const errors: Error[] = [];
    const capture = createRunCapture({
      store,
      experimentId: 'exp',
      runId: 'stuck',
      writeTimeoutMs: 50,
      maxWriteAttempts: 2,
      retryDelayMs: 1,
      logger: quiet,
      onError: (error) => errors.push(error),
    });
    capture.write(jsonLines(1, 5, (step) => 1 / step));
    const error = await capture.end().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricStoreError);
    expect((error as MetricStoreError).kind).toBe('store_write_failed');
    expect((error as MetricStoreError).message).toMatch(/5 points not written/);
    await expect(capture.done).rejects.toBe(error);
    const causes = errors.map((e) => (e.cause as MetricStoreError | undefined)?.kind);
    expect(causes).toContain('store_timeout');
  });
});
