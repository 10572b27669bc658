import type { RunStatus } from '@trainviz/client';

/** How long a `running` run's capture may stay silent before the run is reported `interrupted`. */
export const DEFAULT_INTERRUPTED_AFTER_MS = 30_000;

/**
 * The status to report: a `running` run whose last sign of life (`heartbeatAt`, else
 * `updatedAt`) is older than `interruptedAfterMs` is `interrupted`; any other status as stored.
 */
export function reportedStatus(
  status: RunStatus,
  heartbeatAt: string | null,
  updatedAt: string,
  interruptedAfterMs: number,
  now: number = Date.now(),
): RunStatus {
  if (status !== 'running' || !Number.isFinite(interruptedAfterMs)) return status;
  const seen = Date.parse(heartbeatAt ?? updatedAt);
  return Number.isFinite(seen) && now - seen > interruptedAfterMs ? 'interrupted' : status;
}
