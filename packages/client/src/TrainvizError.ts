/**
 * What went wrong with a request, to branch on:
 * - `http`: the server answered with a non-2xx status (`status`, `code`, `parameter` are set);
 * - `network`: no response at all (DNS, refused connection, CORS, offline, invalid URL);
 * - `timeout`: no complete response within `timeoutMs`;
 * - `invalid-response`: a 2xx body that is not JSON or does not match the contract (`path` is set);
 * - `too-large`: the body was longer than `maxResponseBytes` (it was not read further);
 * - `aborted`: the caller's `AbortSignal` fired.
 *
 * @example
 * ```ts
 * if (isTrainvizError(e) && e.kind === 'timeout') showRetry();
 * ```
 */
export type TrainvizErrorKind =
  | 'http'
  | 'network'
  | 'timeout'
  | 'invalid-response'
  | 'too-large'
  | 'aborted';

/**
 * Constructor argument of {@link TrainvizError}.
 *
 * @example
 * ```ts
 * new TrainvizError({ kind: 'http', message: 'run not found', status: 404, code: 'not_found' });
 * ```
 */
export interface TrainvizErrorOptions {
  /** What went wrong. */
  kind: TrainvizErrorKind;
  /** Human-readable description (for `http`, the server's own message when it sent one). */
  message: string;
  /** HTTP status, for kind `http`. */
  status?: number;
  /** Machine-readable code from the error body (`invalid_parameter`, `not_found`). */
  code?: string;
  /** The query parameter the server rejected (`step_min`), for a 400. */
  parameter?: string;
  /** Where in the body validation failed (`metrics["loss"].values[3]`). */
  path?: string;
  /** The requested URL. */
  url?: string;
  /** The underlying error or abort reason. */
  cause?: unknown;
}

const brand = Symbol.for('@trainviz/client.TrainvizError');
const kinds: ReadonlySet<string> = new Set<TrainvizErrorKind>([
  'http',
  'network',
  'timeout',
  'invalid-response',
  'too-large',
  'aborted',
]);

/**
 * The only error `@trainviz/client` rejects with once a request is under way. Branch on `kind`.
 *
 * @example
 * ```ts
 * try {
 *   await client.getRunMetrics('exp-1', 'sft-7', { stepMin: 100 });
 * } catch (e) {
 *   if (isTrainvizError(e) && e.kind === 'http' && e.status === 404) return showNotFound();
 *   if (isTrainvizError(e) && e.kind === 'http' && e.parameter) console.error(e.parameter, e.message);
 *   throw e;
 * }
 * ```
 */
export class TrainvizError extends Error {
  /** What went wrong. */
  declare readonly kind: TrainvizErrorKind;
  /** HTTP status, for kind `http`. */
  declare readonly status: number | undefined;
  /** Machine-readable code from the server's error body, e.g. `invalid_parameter`. */
  declare readonly code: string | undefined;
  /** The query parameter a 400 names, e.g. `step_min`. */
  declare readonly parameter: string | undefined;
  /** For `invalid-response`: where the body broke the contract. */
  declare readonly path: string | undefined;
  /** The requested URL. */
  declare readonly url: string | undefined;
  /** Brand checked by {@link isTrainvizError}, so two copies of this package recognise each other. */
  readonly [brand] = true;

  constructor(options: TrainvizErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TrainvizError';
    this.kind = options.kind;
    this.status = options.status;
    this.code = options.code;
    this.parameter = options.parameter;
    this.path = options.path;
    this.url = options.url;
  }
}

/**
 * Whether `error` is a {@link TrainvizError}. Checks the brand and `kind` rather than `instanceof`,
 * so it also works across bundles that each carry their own copy of this package.
 *
 * @example
 * ```ts
 * query.error && isTrainvizError(query.error) && query.error.kind === 'network';
 * ```
 */
export function isTrainvizError(error: unknown): error is TrainvizError {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { [brand]?: unknown; kind?: unknown };
  return (
    candidate[brand] === true && typeof candidate.kind === 'string' && kinds.has(candidate.kind)
  );
}
