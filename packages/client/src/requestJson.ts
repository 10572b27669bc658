import type { TrainvizClientOptions } from './getRunMetrics';
import { isTrainvizError, TrainvizError } from './TrainvizError';

const defaultTimeoutMs = 30_000;
const defaultMaxResponseBytes = 64 * 1024 * 1024;

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
  if (signal?.aborted) throw abortedError(url, signal.reason);

  const controller = new AbortController();
  let timedOut = false;
  const timeoutMs = config.timeoutMs ?? defaultTimeoutMs;
  const timer =
    timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(
            new TrainvizError({
              kind: 'timeout',
              message: `no complete response from ${url} within ${timeoutMs} ms`,
              url,
            }),
          );
        }, timeoutMs)
      : undefined;
  const onAbort = () => controller.abort(abortedError(url, signal?.reason));
  signal?.addEventListener('abort', onAbort, { once: true });

  try {
    // Racing against our own signal settles the promise even if an injected fetch ignores it.
    const stopped = rejectOnAbort(controller.signal);
    const fetchImpl = config.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new TrainvizError({
        kind: 'network',
        message:
          'no fetch implementation: this runtime has no globalThis.fetch, pass options.fetch',
        url,
      });
    }
    let response: Response;
    try {
      const headers = new Headers(
        typeof config.headers === 'function'
          ? await Promise.race([config.headers(), stopped])
          : config.headers,
      );
      if (!headers.has('accept')) headers.set('accept', 'application/json');
      response = await Promise.race([
        fetchImpl(url, { method: 'GET', headers, signal: controller.signal }),
        stopped,
      ]);
    } catch (error) {
      if (isTrainvizError(error)) throw error;
      if (controller.signal.aborted) throw controller.signal.reason;
      throw new TrainvizError({
        kind: 'network',
        message: `request to ${url} failed: ${errorMessage(error)}`,
        url,
        cause: error,
      });
    }
    const maxBytes = config.maxResponseBytes ?? defaultMaxResponseBytes;
    const text = await Promise.race([
      readBody(response, url, controller.signal, maxBytes),
      stopped,
    ]);
    if (!response.ok) throw httpError(response, text, url);
    let body: unknown;
    try {
      body = JSON.parse(text);
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
    return { body, url };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    if (!timedOut && !controller.signal.aborted) controller.abort();
  }
}

function resolveUrl(url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  const href = (globalThis as { location?: { href?: unknown } }).location?.href;
  return typeof href === 'string' ? new URL(url, href).href : url;
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  const promise = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  // The race may already be settled when the signal fires at cleanup: keep that rejection quiet.
  promise.catch(() => undefined);
  return promise;
}

function tooLarge(url: string, maxBytes: number): TrainvizError {
  return new TrainvizError({
    kind: 'too-large',
    message: `the response from ${url} is larger than maxResponseBytes (${maxBytes} bytes)`,
    url,
  });
}

async function readBody(
  response: Response,
  url: string,
  signal: AbortSignal,
  maxBytes: number,
): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, maxBytes);
  }
  try {
    if (!response.body || !Number.isFinite(maxBytes)) return await response.text();
    // Counted as it arrives: an endless or huge body is cut off at the limit, not buffered.
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let size = 0;
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => undefined);
        throw tooLarge(url, maxBytes);
      }
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  } catch (error) {
    if (isTrainvizError(error)) throw error;
    if (signal.aborted) throw signal.reason;
    throw new TrainvizError({
      kind: 'network',
      message: `reading the response from ${url} failed: ${errorMessage(error)}`,
      url,
      cause: error,
    });
  }
}

function httpError(response: Response, text: string, url: string): TrainvizError {
  let code: string | undefined;
  let parameter: string | undefined;
  let message: string | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    const body =
      typeof parsed === 'object' && parsed !== null
        ? (parsed as { error?: unknown; detail?: unknown })
        : {};
    // FastAPI's HTTPException wraps whatever it is given in `detail`: accept that too.
    const error = body.error ?? body.detail;
    if (typeof error === 'string') message = error;
    if (typeof error === 'object' && error !== null) {
      const fields = error as { code?: unknown; parameter?: unknown; message?: unknown };
      if (typeof fields.code === 'string') code = fields.code;
      if (typeof fields.parameter === 'string') parameter = fields.parameter;
      if (typeof fields.message === 'string') message = fields.message;
    }
  } catch {
    // Proxies and gateways answer errors in HTML or plain text: fall back to the status line.
  }
  const statusLine = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return new TrainvizError({
    kind: 'http',
    message: message ?? `${statusLine} from ${url}`,
    status: response.status,
    ...(code === undefined ? {} : { code }),
    ...(parameter === undefined ? {} : { parameter }),
    url,
  });
}

function abortedError(url: string, reason: unknown): TrainvizError {
  return new TrainvizError({
    kind: 'aborted',
    message: `request to ${url} was aborted`,
    url,
    cause: reason,
  });
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
