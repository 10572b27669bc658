import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { LogParserUpdate, StepSource } from '@trainviz/parser';
import { createLineSplitter, createLogParser } from '@trainviz/parser';
import { MetricStoreError } from './MetricStoreError';
import type { RunCapture, RunCaptureEndOptions, RunCaptureOptions, StoredPoint } from './types';

type Operation =
  | { kind: 'run' }
  | { kind: 'points'; points: StoredPoint[] }
  | { kind: 'restart'; step: number }
  | { kind: 'stepSource'; stepSource: StepSource }
  | { kind: 'status'; status: 'completed' | 'failed' };

const MAX_RETRY_DELAY_MS = 5000;
const STEP_SOURCE_CHECK_MS = 5000;
/** A stream that never prints a line break is still parsed once this much text is waiting. */
const MAX_CARRY = 1 << 20;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The end of a tqdm redraw, from its last `|`: `| 12/30 [00:03<00:05, 3.1it/s]` (maybe a postfix). */
const COMPLETE_BAR_TAIL = /^\|\s*\d+\/\d+\s*\[[^\]]*\][^\r\n]*$/;

/** A tqdm bar whose redraw is complete (checked from its last `|`, so in time linear in the line). */
function isCompleteBar(line: string): boolean {
  const bar = line.lastIndexOf('|');
  return bar >= 0 && COMPLETE_BAR_TAIL.test(line.slice(bar));
}

/**
 * Captures a training run's log as it arrives (a child process's stdout and stderr, a tailed file,
 * a socket), parses it with the streaming parser and writes the metric points to a
 * {@link MetricStore} in batches: at most one write per `flushIntervalMs` or `maxBatchPoints`
 * points, whichever comes first, and a final flush when the run ends. Resumes found by the parser
 * go to `recordRestart` before the points after them. Failed writes are retried with backoff,
 * keeping the pending points in order; a chunk that fails to parse is logged and skipped.
 *
 * @example
 * ```ts
 * const store = createSqliteMetricStore({ filename: 'trainviz.db' });
 * const capture = createRunCapture({ store, experimentId: 'exp-1', runId: 'sft-7' });
 * capture.attach(spawn('python', ['train.py']));
 * await capture.done; // status is now `completed` (exit 0) or `failed`
 * ```
 */
export function createRunCapture(options: RunCaptureOptions): RunCapture {
  const { store, experimentId, runId } = options;
  const flushIntervalMs = Math.max(0, options.flushIntervalMs ?? 250);
  const maxBatchPoints = Math.max(1, Math.floor(options.maxBatchPoints ?? 500));
  const maxWriteAttempts = Math.max(1, Math.floor(options.maxWriteAttempts ?? 8));
  const retryDelayMs = Math.max(0, options.retryDelayMs ?? 100);
  const writeTimeoutMs = Math.max(1, options.writeTimeoutMs ?? 10_000);
  const heartbeatIntervalMs = Math.max(1, options.heartbeatIntervalMs ?? 5000);
  // After a write gave up, the next try waits as long as the longest backoff did.
  const giveUpDelayMs = Math.min(retryDelayMs * 2 ** maxWriteAttempts, MAX_RETRY_DELAY_MS);
  const logger = options.logger ?? console;
  const startedAt = options.startedAt ?? new Date();
  // The points go to the store: the parser keeps none (only stepSource is read from result()),
  // so a capture of a long run stays small.
  const parser = createLogParser({ ...options.parserOptions, retainSeries: false });
  const decoder = new TextDecoder();

  // The run row goes first so every later write finds it.
  const queue: Operation[] = [{ kind: 'run' }];
  let pending: StoredPoint[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let draining: Promise<boolean> | null = null;
  let ending: Promise<void> | null = null;
  let stepSource: StepSource | null = null;
  let sawRecords = false;
  let stepSourceCheckedAt = 0;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let lastWriteAt = 0;

  let resolveDone!: () => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  // Callers that never look at `done` must not get an unhandled rejection.
  done.catch(() => {});

  function report(error: MetricStoreError): void {
    logger.warn(`[trainviz] ${error.message}`, error.cause);
    options.onError?.(error);
  }

  function apply(op: Operation): Promise<unknown> {
    switch (op.kind) {
      case 'run':
        return store.upsertRun({
          experimentId,
          runId,
          status: 'running',
          startedAt: startedAt.toISOString(),
        });
      case 'points':
        return store.appendPoints(experimentId, runId, op.points);
      case 'restart':
        return store.recordRestart(experimentId, runId, op.step);
      case 'stepSource':
        return store.upsertRun({
          experimentId,
          runId,
          status: 'running',
          stepSource: op.stepSource,
        });
      case 'status':
        return store.setRunStatus(experimentId, runId, op.status);
    }
  }

  /** A write that does not settle in time counts as failed; retrying an upsert is harmless. */
  function applyWithTimeout(op: Operation): Promise<unknown> {
    let timeout: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timeout = setTimeout(
        () =>
          reject(
            new MetricStoreError(
              'store_timeout',
              `the store did not settle a write within ${writeTimeoutMs} ms`,
            ),
          ),
        writeTimeoutMs,
      );
    });
    return Promise.race([apply(op), expired]).finally(() => clearTimeout(timeout));
  }

  /**
   * Tells the store the capture is alive while it is quiet, so the run is not reported
   * `interrupted` during a long evaluation that prints nothing. Points written count as a sign
   * of life too, so a busy capture sends no extra heartbeat.
   */
  function startHeartbeat(): void {
    if (heartbeat !== undefined || ending || !store.heartbeat) return;
    heartbeat = setInterval(() => {
      if (Date.now() - lastWriteAt < heartbeatIntervalMs) return;
      store.heartbeat?.(experimentId, runId).then(
        () => {
          lastWriteAt = Date.now();
        },
        (cause: unknown) => logger.warn(`[trainviz] the heartbeat of run "${runId}" failed`, cause),
      );
    }, heartbeatIntervalMs);
    // A capture must not keep the process alive on its own.
    heartbeat.unref?.();
  }

  function stopHeartbeat(): void {
    if (heartbeat !== undefined) clearInterval(heartbeat);
    heartbeat = undefined;
  }

  async function attempt(op: Operation): Promise<boolean> {
    for (let i = 1; i <= maxWriteAttempts; i++) {
      try {
        await applyWithTimeout(op);
        lastWriteAt = Date.now();
        if (op.kind === 'run') startHeartbeat();
        return true;
      } catch (cause) {
        const what = op.kind === 'points' ? `${op.points.length} points` : op.kind;
        report(
          new MetricStoreError(
            'store_write_failed',
            `writing ${what} of run "${runId}" failed (attempt ${i} of ${maxWriteAttempts})`,
            { cause },
          ),
        );
        if (i < maxWriteAttempts) {
          await sleep(Math.min(retryDelayMs * 2 ** (i - 1), MAX_RETRY_DELAY_MS));
        }
      }
    }
    return false;
  }

  /** Writes queued operations in order, one at a time; false when one still fails after retries. */
  function drain(): Promise<boolean> {
    if (draining) return draining;
    draining = (async () => {
      while (queue.length > 0) {
        const op = queue[0] as Operation;
        if (!(await attempt(op))) return false;
        queue.shift();
      }
      return true;
    })().finally(() => {
      draining = null;
    });
    return draining;
  }

  function unwrittenPoints(): number {
    let n = pending.length;
    for (const op of queue) if (op.kind === 'points') n += op.points.length;
    return n;
  }

  function movePending(): void {
    let start = 0;
    while (start < pending.length) {
      let end = Math.min(start + maxBatchPoints, pending.length);
      // Batches end between steps, never inside one: every metric of a step lands in the same
      // write, so a reader that saw `last_step` N has every metric's point at N, and a client
      // polling with since_step=N misses none. A single step larger than a batch stays whole.
      while (end < pending.length && end > start && pending[end]?.step === pending[end - 1]?.step) {
        end--;
      }
      if (end === start) {
        end = start + 1;
        while (end < pending.length && pending[end]?.step === pending[start]?.step) end++;
      }
      queue.push({ kind: 'points', points: pending.slice(start, end) });
      start = end;
    }
    pending = [];
  }

  function noteStepSource(force: boolean): void {
    if (!sawRecords) return;
    // result() copies the summary and restarts: look once records exist, then
    // every few seconds and at the end, not on every batch.
    const now = Date.now();
    if (!force && stepSource !== null && now - stepSourceCheckedAt < STEP_SOURCE_CHECK_MS) return;
    stepSourceCheckedAt = now;
    const source = parser.result().stepSource;
    if (source !== stepSource) {
      stepSource = source;
      queue.push({ kind: 'stepSource', stepSource: source });
    }
  }

  function flushNow(): Promise<boolean> {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    movePending();
    noteStepSource(false);
    return drain();
  }

  /** Flushes after `delay`; a flush that gave up schedules another try, so an idle run recovers too. */
  function scheduleFlush(delay: number): void {
    if (timer !== undefined || ending) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flushNow().then((written) => {
        if (!written) scheduleFlush(giveUpDelayMs);
      });
    }, delay);
  }

  function accept(update: LogParserUpdate): void {
    const time = (Date.now() - startedAt.getTime()) / 1000;
    for (const restart of update.restarts) {
      // Points parsed before the resume must land before it deletes what they replace.
      movePending();
      queue.push({ kind: 'restart', step: restart.step });
    }
    if (update.points.length === 0) {
      if (update.restarts.length > 0) scheduleFlush(flushIntervalMs);
      return;
    }
    sawRecords = true;
    for (const point of update.points) {
      pending.push({ metric: point.metric, step: point.step, value: point.value, time });
    }
    if (pending.length < maxBatchPoints) {
      scheduleFlush(flushIntervalMs);
      return;
    }
    void flushNow().then((written) => {
      if (!written) scheduleFlush(giveUpDelayMs);
    });
  }

  function parse(text: string): void {
    if (text === '') return;
    try {
      accept(parser.push(text));
    } catch (cause) {
      report(
        new MetricStoreError(
          'parse_failed',
          `a chunk of ${text.length} characters of run "${runId}" could not be parsed and was skipped`,
          { cause },
        ),
      );
    }
  }

  function write(chunk: string | Uint8Array): void {
    if (ending) {
      logger.warn(`[trainviz] run "${runId}" has ended; a chunk written after end() was ignored`);
      return;
    }
    parse(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  }

  function end(endOptions: RunCaptureEndOptions = {}): Promise<void> {
    if (ending) return ending;
    const status = endOptions.status ?? 'completed';
    ending = (async () => {
      parse(decoder.decode());
      try {
        accept(parser.end());
      } catch (cause) {
        report(
          new MetricStoreError('parse_failed', `the end of run "${runId}" could not be parsed`, {
            cause,
          }),
        );
      }
      movePending();
      noteStepSource(true);
      queue.push({ kind: 'status', status });
      stopHeartbeat();
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      }
      // A drain in progress may have given up on an earlier write: try the whole queue once more.
      let written = await drain();
      if (!written && queue.length > 0) written = await drain();
      if (!written) {
        throw new MetricStoreError(
          'store_write_failed',
          `run "${runId}" ended with ${unwrittenPoints()} points not written to the store`,
        );
      }
    })();
    ending.then(resolveDone, rejectDone);
    ending.catch(() => {});
    return ending;
  }

  async function flush(): Promise<void> {
    if (!(await flushNow())) {
      throw new MetricStoreError(
        'store_write_failed',
        `${unwrittenPoints()} points of run "${runId}" could not be written yet`,
      );
    }
  }

  function attach(child: ChildProcess): void {
    let open = 0;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    const finish = (): void => {
      if (open === 0 && exit) {
        void end({ status: exit.code === 0 && exit.signal === null ? 'completed' : 'failed' });
      }
    };

    const follow = (stream: Readable | null): void => {
      if (!stream) return;
      open++;
      // One decoder and one line buffer per stream: a multi-byte character or a line cut across
      // chunks survives, and stdout and stderr interleave whole lines only.
      const streamDecoder = new TextDecoder();
      // The parser's own line splitter, one per stream: a line cut across chunks survives, and
      // stdout and stderr interleave whole lines only. The lines of one chunk are parsed at once.
      let batch: string[] = [];
      const splitter = createLineSplitter(
        {
          line: (text, start, end) => {
            batch.push(text.slice(start, end));
          },
          overlong: () => {
            batch.push('');
          },
        },
        MAX_CARRY,
      );
      const flush = (): void => {
        if (batch.length === 0) return;
        const lines = batch;
        batch = [];
        parse(`${lines.join('\n')}\n`);
      };
      stream.on('data', (chunk: Buffer | string) => {
        if (ending) return;
        splitter.push(
          typeof chunk === 'string' ? chunk : streamDecoder.decode(chunk, { stream: true }),
        );
        // tqdm ends a redraw with the *next* one's \r: a complete bar is passed on now, so a
        // record printed on the other stream right after it is matched with this step.
        if (isCompleteBar(splitter.pending())) splitter.flushPending();
        flush();
      });
      let closed = false;
      const close = (): void => {
        if (closed) return;
        closed = true;
        const rest = streamDecoder.decode();
        if (rest !== '') splitter.push(rest);
        splitter.end();
        if (!ending) flush();
        batch = [];
        open--;
        finish();
      };
      stream.on('end', close);
      stream.on('close', close);
      stream.on('error', close);
    };

    follow(child.stdout);
    follow(child.stderr);
    child.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
      exit = { code, signal };
      finish();
    });
    child.on('error', (error) => {
      // A process that could not start or be signalled has failed, whatever its streams do next.
      logger.warn(`[trainviz] the process of run "${runId}" failed: ${error.message}`);
      void end({ status: 'failed' });
    });
  }

  // The run becomes visible as `running` right away, before its first point.
  void drain();

  return { write, attach, end, flush, done };
}
