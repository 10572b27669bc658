import type { RunStatus } from '@trainviz/client';

/**
 * What produced a run's log in the demo: a simulated Hugging Face Trainer SFT run, a simulated TRL
 * DPO run, or a real log file given with `--log`.
 *
 * @example
 * ```ts
 * const label = kind === 'dpo' ? 'DPO' : kind === 'sft' ? 'SFT' : 'LOG';
 * ```
 */
export type DemoRunKind = 'sft' | 'dpo' | 'log';

/**
 * One row of `GET /api/experiments/{experimentId}/runs`, the demo's run list.
 *
 * @example
 * ```json
 * { "runId": "sft-lr2e-5", "name": "sft-lr2e-5", "kind": "sft", "status": "running",
 *   "startedAt": "2026-11-27T05:00:00.000Z", "endedAt": null, "lastStep": 1230,
 *   "totalSteps": 12000, "hasMetrics": true, "description": "...", "waitingForFile": false }
 * ```
 */
export interface DemoRunSummary {
  runId: string;
  /** Name shown in the sidebar. */
  name: string;
  kind: DemoRunKind;
  /** Status as the metric store reports it. */
  status: RunStatus;
  /** ISO 8601 start time, or `null` when unknown. */
  startedAt: string | null;
  /** ISO 8601 time the run ended, or `null` while it runs (or when unknown). */
  endedAt: string | null;
  /** Highest step with a stored metric, or `null` when the run has none. */
  lastStep: number | null;
  /** Planned optimisation steps, or `null` when the log does not say. */
  totalSteps: number | null;
  /** Whether the store holds at least one point for the run. */
  hasMetrics: boolean;
  /** One line on what the run is (model, hyper-parameters, or the file it follows). */
  description: string;
  /** A `--log` file that does not exist yet: the run starts when it appears. */
  waitingForFile: boolean;
}

/**
 * Body of `GET /api/experiments/{experimentId}/runs`.
 *
 * @example
 * ```ts
 * const { runs } = (await (await fetch('/api/experiments/qwen2.5-7b-chat/runs')).json()) as DemoRunList;
 * ```
 */
export interface DemoRunList {
  experimentId: string;
  /** Display title of the experiment. */
  title: string;
  runs: DemoRunSummary[];
}

/**
 * Body of `GET /api/experiments/{e}/runs/{r}/log?since=N`: the terminal lines after line `since`.
 *
 * @example
 * ```ts
 * const page: DemoLogPage = { lines: ['{\'loss\': 2.31}'], next: 42, partial: ' 5%|▌ | 10/200', dropped: 0 };
 * ```
 */
export interface DemoLogPage {
  /** Complete lines numbered from `since` on (ANSI codes removed). */
  lines: string[];
  /** Pass as `since` on the next request. */
  next: number;
  /** The line still being drawn (a progress bar redrawn with `\r`), or `''`. */
  partial: string;
  /** Lines between `since` and the first returned line that the ring buffer no longer holds. */
  dropped: number;
}
