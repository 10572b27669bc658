import type { TrainvizClientOptions } from './getRunMetrics';
import type { TrainvizErrorKind, TrainvizErrorOptions } from './TrainvizError';
import { isTrainvizError, TrainvizError } from './TrainvizError';

/**
 * GETs `path` (resolved against `location` in browsers) and parses its JSON body, with the
 * client's headers, timeout, abort signal and body size limit. Rejects only with a
 * {@link TrainvizError}: `http` for a non-2xx status (with the server's error fields),
 * `invalid-response` for a body that is not JSON.
 */
export async function requestJson(
  config: TrainvizClientOptions,
  path: string,
  signal: AbortSignal | undefined,
): Promise<{ body: unknown; url: string }> {
  const url = resolveUrl(path);
  const fail = (kind: TrainvizErrorKind, message: string, cause?: unknown) =>
    new TrainvizError({ kind, message, url, cause });
  const aborted = () => fail('aborted', `request to ${url} was aborted`, signal?.reason);
  if (signal?.aborted) throw aborted();

  // One controller for the timeout, the caller's signal and the end of the request; its reason is
  // the error to reject with. Aborted at the end, which also removes the listener on `signal`.
  const controller = new AbortController();
  const ours = controller.signal;
  const timeoutMs = config.timeoutMs ?? 30_000;
  const timer =
    timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? setTimeout(
          () =>
            controller.abort(
              fail('timeout', `no complete response from ${url} within ${timeoutMs} ms`),
            ),
          timeoutMs,
        )
      : undefined;
  signal?.addEventListener('abort', () => controller.abort(aborted()), { signal: ours });
  // Racing against our own signal settles the request even if an injected fetch ignores it.
  const stopped = new Promise<never>((_, reject) =>
    ours.addEventListener('abort', () => reject(ours.reason)),
  );
  // The race may already be settled when the signal fires at the end: keep that rejection quiet.
  stopped.catch(noop);
  const race = <T>(step: T | Promise<T>) => Promise.race([step, stopped]);

  let response: Response | undefined;
  let text: string;
  try {
    const fetchImpl = config.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw fail(
        'network',
        'no fetch implementation: this runtime has no globalThis.fetch, pass options.fetch',
      );
    }
    const headers = new Headers(
      await race(typeof config.headers === 'function' ? config.headers() : config.headers),
    );
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    response = await race(fetchImpl(url, { method: 'GET', headers, signal: ours }));
    const maxBytes = config.maxResponseBytes ?? 64 * 2 ** 20; // 64 MiB
    text = await race(
      readBody(response, maxBytes, () =>
        fail(
          'too-large',
          `the response from ${url} is larger than maxResponseBytes (${maxBytes} bytes)`,
        ),
      ),
    );
  } catch (error) {
    if (isTrainvizError(error)) throw error;
    if (ours.aborted) throw ours.reason;
    const doing = response ? 'reading the response from' : 'request to';
    throw fail('network', `${doing} ${url} failed: ${errorMessage(error)}`, error);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  if (!response.ok) throw httpError(response, text, url);
  try {
    return { body: JSON.parse(text), url };
  } catch (error) {
    const type = response.headers.get('content-type') ?? 'no content type';
    throw new TrainvizError({
      kind: 'invalid-response',
      message: `expected a JSON body from ${url}, got ${type}: ${JSON.stringify(text.slice(0, 60))}`,
      path: '(body)',
      url,
      cause: error,
    });
  }
}

function noop(): void {}

function resolveUrl(url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  const href = (globalThis as { location?: { href?: unknown } }).location?.href;
  return typeof href === 'string' ? new URL(url, href).href : url;
}

/**
 * The body as text, counted as it arrives: an endless or huge one (or one announced as such) is
 * cancelled at `maxBytes`, not buffered, and fails with `tooLarge()`.
 */
async function readBody(
  response: Response,
  maxBytes: number,
  tooLarge: () => TrainvizError,
): Promise<string> {
  const refuse = (stream: { cancel(): Promise<void> } | null) => {
    stream?.cancel().catch(noop);
    return tooLarge();
  };
  if (Number(response.headers.get('content-length') ?? Number.NaN) > maxBytes) {
    throw refuse(response.body);
  }
  if (!response.body || !Number.isFinite(maxBytes)) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) throw refuse(reader);
    text += decoder.decode(value, { stream: true });
  }
}

function httpError(response: Response, text: string, url: string): TrainvizError {
  const options: TrainvizErrorOptions = {
    kind: 'http',
    message: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} from ${url}`,
    status: response.status,
    url,
  };
  try {
    const body = JSON.parse(text);
    // FastAPI's HTTPException wraps whatever it is given in `detail`: accept that too.
    const error = body?.error ?? body?.detail;
    const fields: Record<string, unknown> =
      typeof error === 'object' && error !== null ? error : { message: error };
    // The server's own message, when it sent one, replaces the status line.
    for (const key of ['code', 'parameter', 'message'] as const) {
      const value = fields[key];
      if (typeof value === 'string') options[key] = value;
    }
  } catch {
    // Proxies and gateways answer errors in HTML or plain text: fall back to the status line.
  }
  return new TrainvizError(options);
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
