import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import { createRunCapture, type MetricStore, type RunCapture } from '@trainviz/server';
import type { DemoRunKind } from '../src/types';
import { createLogBuffer, type LogBuffer } from './createLogBuffer';
import { tailLogFile } from './tailLogFile';

/**
 * A run the demo knows about, beyond what the metric store keeps.
 *
 * @example
 * ```ts
 * const entry = runs.entries.find((run) => run.runId === 'sft-qwen7b-lr2e-5');
 * entry?.log.read(0).lines;
 * ```
 */
export interface DemoRunEntry {
  runId: string;
  name: string;
  kind: DemoRunKind;
  description: string;
  totalSteps: number | null;
  log: LogBuffer;
  /** ISO 8601 time the run ended, `null` while it runs. */
  endedAt: string | null;
  /** A `--log` file that does not exist (yet): the run is listed but not started. */
  waitingForFile: boolean;
}

/**
 * Options of {@link createDemoRuns}.
 *
 * @example
 * ```ts
 * createDemoRuns({ store, experimentId: 'qwen2.5-7b-chat', intervalMs: 30, logs: [], pollMs: 500, simulate: true });
 * ```
 */
export interface DemoRunsOptions {
  store: MetricStore;
  experimentId: string;
  /** Time per simulated step of the live runs. @defaultValue 30 */
  intervalMs?: number;
  /** Log files to follow, one run each. @defaultValue [] */
  logs?: readonly string[];
  /** How often the log files are checked for growth. @defaultValue 500 */
  pollMs?: number;
  /** Whether to start the simulated runs. @defaultValue true */
  simulate?: boolean;
}

/**
 * The demo's runs, started.
 *
 * @example
 * ```ts
 * const runs = await createDemoRuns({ store, experimentId });
 * process.on('SIGINT', () => runs.stop());
 * ```
 */
export interface DemoRuns {
  /** In the order the sidebar lists them. */
  entries: DemoRunEntry[];
  /** Kills the simulated runs and stops following the log files. */
  stop(): Promise<void>;
}

interface SimulatedRunSpec {
  runId: string;
  kind: 'sft' | 'dpo';
  description: string;
  steps: number;
  /** Milliseconds per step; 0 prints the whole run at once (a run that finished before). */
  intervalMs: number;
  fastForward?: number;
  evalSteps: number;
  learningRate: number;
  finalLoss: number;
  seed: number;
  nanAt?: number;
  failAt?: number;
  /** For a run printed at once: how long ago it started, in seconds. */
  startedSecondsAgo?: number;
}

const simulator = fileURLToPath(new URL('./simulate.mjs', import.meta.url));
/** What a step of a 7B model takes on the pretend GPU: the pace of the history printed at once. */
const secondsPerStep = { sft: 1.87, dpo: 3.42 } as const;

/** Steps that make a live run last about `hours` at `intervalMs` per step. */
function stepsFor(hours: number, intervalMs: number, fastForward: number): number {
  const perStep = Math.max(1, intervalMs);
  return fastForward + Math.ceil((hours * 3600 * 1000) / perStep / 1000) * 1000;
}

function simulatedRuns(intervalMs: number): SimulatedRunSpec[] {
  return [
    {
      runId: 'sft-qwen7b-lr2e-5',
      kind: 'sft',
      description: 'Qwen2.5-7B · full SFT · lr 2e-5 cosine · bs 64 · UltraChat-200k',
      // Live runs last hours at the default pace, so a visitor always finds one training.
      steps: stepsFor(4, intervalMs, 2400),
      intervalMs,
      fastForward: 2400,
      evalSteps: 500,
      learningRate: 2e-5,
      finalLoss: 0.92,
      seed: 11,
    },
    {
      runId: 'sft-qwen7b-lora-r64',
      kind: 'sft',
      description: 'Qwen2.5-7B · LoRA r=64 · lr 1e-4 cosine · bs 64 · UltraChat-200k',
      steps: stepsFor(3, intervalMs, 1300),
      intervalMs,
      fastForward: 1300,
      evalSteps: 500,
      learningRate: 1e-4,
      finalLoss: 1.01,
      seed: 23,
    },
    {
      runId: 'dpo-qwen7b-beta0.1',
      kind: 'dpo',
      description: 'Qwen2.5-7B-SFT · DPO β=0.1 · lr 5e-7 · UltraFeedback binarized',
      steps: stepsFor(3, intervalMs * 2, 700),
      intervalMs: intervalMs * 2,
      fastForward: 700,
      evalSteps: 300,
      learningRate: 5e-7,
      finalLoss: 0.21,
      seed: 5,
    },
    {
      runId: 'sft-qwen7b-lr5e-5',
      kind: 'sft',
      description: 'Qwen2.5-7B · full SFT · lr 5e-5 (too high: diverges) · bs 64',
      steps: 30000,
      intervalMs,
      // The loss starts climbing in the history and turns NaN a few hundred live steps later; the
      // trainer then dies on the NaN, as one run with anomaly detection does.
      fastForward: 2400,
      evalSteps: 500,
      learningRate: 5e-5,
      finalLoss: 0.97,
      seed: 17,
      nanAt: 2700,
      failAt: 2790,
    },
    {
      runId: 'sft-qwen7b-baseline',
      kind: 'sft',
      description: 'Qwen2.5-7B · full SFT · lr 1e-5 cosine · bs 64 · baseline',
      steps: 3600,
      intervalMs: 0,
      evalSteps: 400,
      learningRate: 1e-5,
      finalLoss: 0.95,
      seed: 3,
      startedSecondsAgo: 26 * 3600,
    },
    {
      runId: 'dpo-qwen7b-beta0.05',
      kind: 'dpo',
      description: 'Qwen2.5-7B-SFT · DPO β=0.05 · lr 5e-7 · bs 128 (OOM at step 1730)',
      steps: 4000,
      intervalMs: 0,
      evalSteps: 300,
      learningRate: 5e-7,
      finalLoss: 0.24,
      seed: 9,
      failAt: 1730,
      startedSecondsAgo: 5 * 3600,
    },
  ];
}

function simulatorArgs(spec: SimulatedRunSpec, startedAt: Date): string[] {
  const args = [
    simulator,
    '--kind',
    spec.kind,
    '--steps',
    String(spec.steps),
    '--interval-ms',
    String(spec.intervalMs),
    '--eval-steps',
    String(spec.evalSteps),
    '--learning-rate',
    String(spec.learningRate),
    '--final-loss',
    String(spec.finalLoss),
    '--seed',
    String(spec.seed),
    '--seconds-per-step',
    String(secondsPerStep[spec.kind]),
    '--started-at',
    startedAt.toISOString(),
  ];
  if (spec.fastForward !== undefined) args.push('--fast-forward', String(spec.fastForward));
  if (spec.nanAt !== undefined) args.push('--nan-at', String(spec.nanAt));
  if (spec.failAt !== undefined) args.push('--fail-at', String(spec.failAt));
  return args;
}

/**
 * The store as a capture of a simulated run sees it: the points of the history the simulator
 * prints at once get the times the steps would have taken (`step × secondsPerStep`), not all the
 * instant they were printed; live points keep the capture's wall-clock times.
 */
function withHistoryTimes(store: MetricStore, historySteps: number, perStep: number): MetricStore {
  return {
    ...store,
    appendPoints(experimentId, runId, points) {
      return store.appendPoints(
        experimentId,
        runId,
        points.map((point) =>
          point.step <= historySteps ? { ...point, time: point.step * perStep } : point,
        ),
      );
    },
  };
}

function pipeToLog(stream: Readable | null, log: LogBuffer): void {
  if (!stream) return;
  const decoder = new StringDecoder('utf8');
  stream.on('data', (chunk: Buffer | string) => {
    log.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
  });
}

function runIdForFile(file: string, taken: ReadonlySet<string>): string {
  const stem =
    basename(file)
      .replace(/\.(log|txt|out)$/i, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'log';
  let id = stem;
  for (let n = 2; taken.has(id); n += 1) id = `${stem}-${n}`;
  return id;
}

const quietLogger = { warn: () => {} };

/** When the log file was created (the run's start as far as the file tells), else now. */
function fileCreatedAt(file: string): Date {
  try {
    const info = statSync(file);
    // Some file systems report no birth time (0); the first modification is the next best guess.
    return info.birthtimeMs > 0 ? info.birthtime : info.mtime;
  } catch {
    return new Date();
  }
}

/**
 * Starts the demo's runs: simulated training processes captured through `createRunCapture` into the
 * store, a legacy run with no metrics, and one run per `--log` file, followed while it grows.
 *
 * @example
 * ```ts
 * const runs = await createDemoRuns({ store, experimentId: 'qwen2.5-7b-chat', logs: ['train.log'] });
 * ```
 */
export async function createDemoRuns(options: DemoRunsOptions): Promise<DemoRuns> {
  const { store, experimentId } = options;
  const intervalMs = options.intervalMs ?? 30;
  const entries: DemoRunEntry[] = [];
  const stoppers: Array<() => void | Promise<void>> = [];
  const now = Date.now();

  for (const file of options.logs ?? []) {
    const runId = runIdForFile(file, new Set(entries.map((entry) => entry.runId)));
    const log = createLogBuffer();
    const entry: DemoRunEntry = {
      runId,
      name: basename(file),
      kind: 'log',
      description: `Following ${file}`,
      totalSteps: null,
      log,
      endedAt: null,
      waitingForFile: !existsSync(file),
    };
    entries.push(entry);
    if (entry.waitingForFile) {
      log.write(`[trainviz demo] ${file} does not exist yet; waiting for it to appear.\n`);
    }
    // The run enters the store with the file: until then it is "waiting for file", not "running".
    let capture: RunCapture | null = null;
    const ensureCapture = (): RunCapture => {
      if (capture) return capture;
      entry.waitingForFile = false;
      capture = createRunCapture({
        store,
        experimentId,
        runId,
        startedAt: fileCreatedAt(file),
        logger: quietLogger,
      });
      capture.done.catch(() => {});
      return capture;
    };
    const tail = tailLogFile({
      path: file,
      pollMs: options.pollMs ?? 500,
      onData: (chunk, text) => {
        ensureCapture().write(chunk);
        log.write(text);
      },
      onActivityChange: (active, modifiedAt) => {
        entry.endedAt = active ? null : modifiedAt.toISOString();
        const running = ensureCapture();
        // After the flush, so the capture's own "running" upsert cannot land after this status.
        running
          .flush()
          .then(() => store.setRunStatus(experimentId, runId, active ? 'running' : 'completed'))
          .catch(() => {});
      },
      onError: (error) => {
        if (!entry.waitingForFile) log.write(`[trainviz demo] ${error.message}\n`);
      },
    });
    stoppers.push(async () => {
      tail.stop();
      await capture?.flush().catch(() => {});
    });
  }

  if (options.simulate ?? true) {
    for (const spec of simulatedRuns(intervalMs)) {
      const log = createLogBuffer();
      const perStep = secondsPerStep[spec.kind];
      const printedAtOnce = spec.intervalMs === 0;
      const historySteps = printedAtOnce ? spec.steps : (spec.fastForward ?? 0);
      const startedAt = new Date(
        printedAtOnce
          ? now - (spec.startedSecondsAgo ?? 0) * 1000
          : now - historySteps * perStep * 1000,
      );
      const entry: DemoRunEntry = {
        runId: spec.runId,
        name: spec.runId,
        kind: spec.kind,
        description: spec.description,
        totalSteps: spec.steps,
        log,
        endedAt: null,
        waitingForFile: false,
      };
      entries.push(entry);
      const capture = createRunCapture({
        store: withHistoryTimes(store, historySteps, perStep),
        experimentId,
        runId: spec.runId,
        startedAt,
        logger: quietLogger,
      });
      capture.done.catch(() => {});
      const child = spawn(process.execPath, simulatorArgs(spec, startedAt), {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      pipeToLog(child.stdout, log);
      pipeToLog(child.stderr, log);
      capture.attach(child);
      child.on('exit', () => {
        // A run printed at once stands for one that finished long ago: give it a plausible end.
        entry.endedAt = printedAtOnce
          ? new Date(
              startedAt.getTime() + (spec.failAt ?? spec.steps) * perStep * 1000,
            ).toISOString()
          : new Date().toISOString();
      });
      stoppers.push(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      });
    }

    const legacyStart = new Date('2024-03-14T09:12:00.000Z');
    await store.upsertRun({
      experimentId,
      runId: 'sft-llama2-7b-2024',
      status: 'completed',
      startedAt: legacyStart.toISOString(),
    });
    const legacyLog = createLogBuffer();
    legacyLog.write(
      '[trainviz demo] Run imported from the 2024 cluster. Its stdout was not kept, so there are no metrics to chart.\n',
    );
    entries.push({
      runId: 'sft-llama2-7b-2024',
      name: 'sft-llama2-7b-2024',
      kind: 'sft',
      description: 'Llama-2-7B · full SFT · lr 2e-5 · imported run, logs not retained',
      totalSteps: null,
      log: legacyLog,
      endedAt: new Date(legacyStart.getTime() + 9.5 * 3600 * 1000).toISOString(),
      waitingForFile: false,
    });
  }

  return {
    entries,
    async stop() {
      await Promise.all(stoppers.map((stop) => stop()));
    },
  };
}
