/**
 * What went wrong in a {@link MetricStore} or a capture, to branch on:
 * - `run_not_found`: the run does not exist (create it with `upsertRun` first);
 * - `closed`: the store was closed;
 * - `missing_peer_dependency`: `better-sqlite3` (or `pg`) is not installed;
 * - `store_busy`: the database stayed locked by another process for longer than the busy timeout;
 * - `store_failed`: the database failed otherwise (a worker thread died, a connection was lost);
 * - `store_timeout`: a capture's store write did not settle within `writeTimeoutMs`;
 * - `store_write_failed`: a capture could not write points after every retry;
 * - `parse_failed`: a chunk of log could not be parsed (capture skipped it and went on).
 *
 * @example
 * ```ts
 * try {
 *   await store.setRunStatus('exp-1', 'nope', 'failed');
 * } catch (error) {
 *   if (error instanceof MetricStoreError && error.kind === 'run_not_found') console.warn(error.message);
 * }
 * ```
 */
export type MetricStoreErrorKind =
  | 'run_not_found'
  | 'closed'
  | 'missing_peer_dependency'
  | 'store_busy'
  | 'store_failed'
  | 'store_timeout'
  | 'store_write_failed'
  | 'parse_failed';

/**
 * Error thrown by the stores and reported by captures; `kind` says which failure it is.
 *
 * @example
 * ```ts
 * capture.done.catch((error) => {
 *   if (error instanceof MetricStoreError && error.kind === 'store_write_failed') alert(error.message);
 * });
 * ```
 */
export class MetricStoreError extends Error {
  /** Which failure this is. */
  readonly kind: MetricStoreErrorKind;

  constructor(kind: MetricStoreErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MetricStoreError';
    this.kind = kind;
  }
}
