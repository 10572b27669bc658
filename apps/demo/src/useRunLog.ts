import { useEffect, useRef, useState } from 'react';
import { fetchJson } from './fetchJson';
import type { DemoLogPage } from './types';

/**
 * What {@link useRunLog} returns: the last lines of a run's output.
 *
 * @example
 * ```tsx
 * const { lines, partial } = useRunLog('exp', 'run', { isLive: true });
 * ```
 */
export interface RunLogResult {
  /** The last `maxLines` complete lines, oldest first, each with its line number in the run's output. */
  lines: { number: number; text: string }[];
  /** The line being drawn (a progress bar), or `''`. */
  partial: string;
  /** Whether the first page has arrived. */
  loaded: boolean;
  /** Message of the last failed poll, cleared by the next good one. */
  error: string | null;
}

/**
 * Options of {@link useRunLog}.
 *
 * @example
 * ```ts
 * const options: RunLogOptions = { isLive: true, maxLines: 500, pollMs: 500 };
 * ```
 */
export interface RunLogOptions {
  /** Keep polling for new lines. @defaultValue false */
  isLive?: boolean;
  /** Lines kept. @defaultValue 500 */
  maxLines?: number;
  /** Polling interval while live. @defaultValue 500 */
  pollMs?: number;
}

const empty: RunLogResult = { lines: [], partial: '', loaded: false, error: null };

/**
 * Follows a run's terminal output through `GET /api/experiments/{e}/runs/{r}/log?since=N`.
 *
 * @example
 * ```tsx
 * const log = useRunLog('qwen2.5-7b-chat', 'sft-qwen7b-lr2e-5', { isLive: run.status === 'running' });
 * ```
 */
export function useRunLog(
  experimentId: string,
  runId: string | null,
  options: RunLogOptions = {},
): RunLogResult {
  const { isLive = false, maxLines = 500, pollMs = 500 } = options;
  const [state, setState] = useState<RunLogResult>(empty);
  const cursor = useRef({ key: '', next: 0 });

  useEffect(() => {
    const key = `${experimentId}\u0000${runId}`;
    // Only another run starts over: a run that stops being live keeps its lines and reads on.
    if (cursor.current.key !== key) {
      cursor.current = { key, next: 0 };
      setState(empty);
    }
    if (runId === null) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const url = `/api/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}/log`;

    async function poll(): Promise<void> {
      try {
        const since = cursor.current.next;
        const page = await fetchJson<DemoLogPage>(`${url}?since=${since}`, controller.signal);
        if (controller.signal.aborted) return;
        const start = since + page.dropped;
        cursor.current.next = page.next;
        const added = page.lines.map((text, index) => ({ number: start + index, text }));
        setState((previous) => ({
          lines: previous.lines.concat(added).slice(-maxLines),
          partial: page.partial,
          loaded: true,
          error: null,
        }));
      } catch (error) {
        if (controller.signal.aborted) return;
        setState((previous) => ({ ...previous, error: (error as Error).message }));
      }
      // A finished run is read once; when a live run ends the effect reruns and reads its last lines.
      if (!controller.signal.aborted && isLive) timer = setTimeout(poll, pollMs);
    }

    void poll();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [experimentId, runId, isLive, maxLines, pollMs]);

  return state;
}
