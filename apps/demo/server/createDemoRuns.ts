import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import { createRunCapture, type MetricStore } from '@trainviz/server';
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
  /** How long ago the run started, in simulated seconds of training. */
  startedSecondsAgo: number;
}

const simulator = fileURLToPath(new URL('./simulate.mjs', import.meta.url));
const sftSecondsPerStep = 1.87;
const dpoSecondsPerStep = 3.42;

function simulatedRuns(intervalMs: number): SimulatedRunSpec[] {
  return [
    {
      runId: 'sft-qwen7b-lr2e-5',
      kind: 'sft',
      description: 'Qwen2.5-7B · full SFT · lr 2e-5 cosine · bs 64 · UltraChat-200k',
      steps: 30000,
      intervalMs,
      fastForward: 2400,
      evalSteps: 500,
      learningRate: 2e-5,
      finalLoss: 0.92,
      seed: 11,
      startedSecondsAgo: 2400 * sftSecondsPerStep,
    },
    {
      runId: 'sft-qwen7b-lora-r64',
      kind: 'sft',
      description: 'Qwen2.5-7B · LoRA r=64 · lr 1e-4 cosine · bs 64 · UltraChat-200k',
      steps: 24000,
      intervalMs,
      fastForward: 1300,
      evalSteps: 500,
      learningRate: 1e-4,
      finalLoss: 1.01,
      seed: 23,
      startedSecondsAgo: 1300 * sftSecondsPerStep,
    },
    {
      runId: 'dpo-qwen7b-beta0.1',
      kind: 'dpo',
      description: 'Qwen2.5-7B-SFT · DPO β=0.1 · lr 5e-7 · UltraFeedback binarized',
      steps: 12000,
      intervalMs: intervalMs * 2,
      fastForward: 700,
      evalSteps: 300,
      learningRate: 5e-7,
      finalLoss: 0.21,
      seed: 5,
      startedSecondsAgo: 700 * dpoSecondsPerStep,
    },
    {
      runId: 'sft-qwen7b-lr5e-5',
      kind: 'sft',
      description: 'Qwen2.5-7B · full SFT · lr 5e-5 (too high: diverges) · bs 64',
      steps: 8000,
      intervalMs,
      fastForward: 2560,
      evalSteps: 500,
      learningRate: 5e-5,
      finalLoss: 0.97,
      seed: 17,
      nanAt: 2650,
      startedSecondsAgo: 2560 * sftSecondsPerStep,
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

function simulatorArgs(spec: SimulatedRunSpec): string[] {
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
  ];
  if (spec.fastForward !== undefined) args.push('--fast-forward', String(spec.fastForward));
  if (spec.nanAt !== undefined) args.push('--nan-at', String(spec.nanAt));
  if (spec.failAt !== undefined) args.push('--fail-at', String(spec.failAt));
  return args;
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
    };
    entries.push(entry);
    const capture = createRunCapture({
      store,
      experimentId,
      runId,
      startedAt: fileCreatedAt(file),
      logger: quietLogger,
    });
    capture.done.catch(() => {});
    const tail = tailLogFile({
      path: file,
      pollMs: options.pollMs ?? 500,
      onData: (chunk, text) => {
        capture.write(chunk);
        log.write(text);
      },
      onActivityChange: (active, modifiedAt) => {
        entry.endedAt = active ? null : modifiedAt.toISOString();
        // After the flush, so the capture's own "running" upsert cannot land after this status.
        capture
          .flush()
          .then(() => store.setRunStatus(experimentId, runId, active ? 'running' : 'completed'))
          .catch(() => {});
      },
      onError: (error) => log.write(`[trainviz demo] ${error.message}\n`),
    });
    stoppers.push(async () => {
      tail.stop();
      await capture.flush().catch(() => {});
    });
  }

  if (options.simulate ?? true) {
    for (const spec of simulatedRuns(intervalMs)) {
      const log = createLogBuffer();
      const startedAt = new Date(now - spec.startedSecondsAgo * 1000);
      const entry: DemoRunEntry = {
        runId: spec.runId,
        name: spec.runId,
        kind: spec.kind,
        description: spec.description,
        totalSteps: spec.steps,
        log,
        endedAt: null,
      };
      entries.push(entry);
      const capture = createRunCapture({
        store,
        experimentId,
        runId: spec.runId,
        startedAt,
        logger: quietLogger,
      });
      capture.done.catch(() => {});
      const child = spawn(process.execPath, simulatorArgs(spec), {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      pipeToLog(child.stdout, log);
      pipeToLog(child.stderr, log);
      capture.attach(child);
      child.on('exit', () => {
        const secondsPerStep = spec.kind === 'dpo' ? dpoSecondsPerStep : sftSecondsPerStep;
        // A run printed at once stands for one that finished long ago: give it a plausible end.
        entry.endedAt =
          spec.intervalMs === 0
            ? new Date(
                startedAt.getTime() + (spec.failAt ?? spec.steps) * secondsPerStep * 1000,
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
    });
  }

  return {
    entries,
    async stop() {
      await Promise.all(stoppers.map((stop) => stop()));
    },
  };
}
