import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Readable } from 'node:stream';

/**
 * Options of {@link toNodeHandler}.
 *
 * @example
 * ```ts
 * toNodeHandler(handler, { maxBodyBytes: 0, maxUrlLength: 4096 });
 * ```
 */
export interface NodeHandlerOptions {
  /**
   * Requests announcing a larger body (`Content-Length`) are answered 413 without reading it.
   * @defaultValue 1048576 (1 MiB)
   */
  maxBodyBytes?: number;
  /**
   * Longer request targets (path and query) are answered 414.
   * @defaultValue 8192
   */
  maxUrlLength?: number;
}

/** Methods the Fetch API refuses to construct a `Request` with; answered before it is tried. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** A host name, IPv4 or bracketed IPv6 address, with an optional port. */
const HOST =
  /^(?:[A-Za-z0-9_][A-Za-z0-9_-]{0,62}(?:\.[A-Za-z0-9_][A-Za-z0-9_-]{0,62})*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::(\d{1,5}))?$/;

/** `.`, `..` and their percent-encoded spellings. */
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

const JSON_TYPE = 'application/json; charset=utf-8';

function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

function send(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = errorBody(code, message);
  res.writeHead(status, {
    'content-type': JSON_TYPE,
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

/** Why a request cannot be passed on, as `[status, code, message]`, or `null` when it can. */
function refusal(
  req: IncomingMessage,
  target: string,
  maxBodyBytes: number,
  maxUrlLength: number,
): [number, string, string, Record<string, string>?] | null {
  const method = req.method ?? 'GET';
  if (FORBIDDEN_METHODS.has(method.toUpperCase())) {
    return [405, 'method_not_allowed', `method ${method} not allowed`, { allow: 'GET, HEAD' }];
  }
  if (target.length > maxUrlLength) {
    return [414, 'uri_too_long', `the request target is longer than ${maxUrlLength} characters`];
  }
  const host = req.headers.host;
  if (host !== undefined) {
    const match = HOST.exec(host);
    if (!match || (match[1] !== undefined && Number(match[1]) > 65_535)) {
      return [
        400,
        'invalid_host',
        `the Host header ${JSON.stringify(host.slice(0, 100))} is not valid`,
      ];
    }
  }
  const path = target.split(/[?#]/, 1)[0] as string;
  if (!path.startsWith('/') && path !== '*') {
    return [400, 'invalid_path', 'the request target must be an absolute path'];
  }
  if (path.includes('\\') || /%5c/i.test(path)) {
    return [400, 'invalid_path', 'the path contains a backslash'];
  }
  if (DOT_SEGMENT.test(path)) return [400, 'invalid_path', 'the path contains a dot segment'];
  const length = req.headers['content-length'];
  if (length !== undefined && (!/^\d+$/.test(length) || Number(length) > maxBodyBytes)) {
    return [413, 'payload_too_large', `the request body is larger than ${maxBodyBytes} bytes`];
  }
  return null;
}

async function writeBody(
  res: ServerResponse,
  body: ReadableStream<Uint8Array>,
  abort: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  const onAbort = () => void reader.cancel().catch(() => {});
  abort.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) {
        // Backpressure: a slow client holds its own response back, not the server's memory.
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
        if (abort.aborted) return;
      }
    }
    res.end();
  } finally {
    abort.removeEventListener('abort', onAbort);
  }
}

/**
 * Adapts a Fetch API handler (such as {@link createMetricsHandler}'s) to Node's
 * `(req, res) => void`, for `http.createServer` and Express. Under Express the full original URL is
 * used, so the handler still sees the whole path when mounted with `app.use('/api', ...)`.
 *
 * Hostile requests never throw out of it: methods the Fetch API cannot represent (`TRACE`,
 * `CONNECT`) get 405, a malformed `Host` header 400, dot segments and backslashes in the path 400
 * (before any URL parser could normalise them into another path), an over-long target 414 and an
 * oversized body 413, each with a JSON error body. Response bodies are streamed with backpressure.
 * Pair it with {@link handleClientError} for what Node rejects before a handler runs.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * const server = createServer(toNodeHandler(createMetricsHandler({ store })));
 * server.on('clientError', handleClientError);
 * server.listen(8787);
 * // Express: app.get('/api/experiments/:e/runs/:r/metrics', toNodeHandler(handler));
 * ```
 */
export function toNodeHandler(
  handler: (request: Request) => Promise<Response>,
  options: NodeHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBodyBytes = options.maxBodyBytes ?? 1 << 20;
  const maxUrlLength = options.maxUrlLength ?? 8192;
  return (req, res) => {
    let request: Request;
    const abort = new AbortController();
    const method = req.method ?? 'GET';
    try {
      const expressUrl = (req as IncomingMessage & { originalUrl?: string }).originalUrl;
      const target = expressUrl ?? req.url ?? '/';
      const refused = refusal(req, target, maxBodyBytes, maxUrlLength);
      if (refused) {
        const [status, code, message, headers] = refused;
        // The body is never read: close the connection rather than parse what follows it.
        send(res, status, code, message, { ...headers, connection: 'close' });
        return;
      }
      const host = req.headers.host ?? 'localhost';
      const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
      const url = new URL(target, `${protocol}://${host}`);

      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else headers.set(name, value);
      }
      const hasBody = method !== 'GET' && method !== 'HEAD';
      res.on('close', () => {
        if (!res.writableFinished) abort.abort();
      });
      const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: abort.signal };
      if (hasBody) {
        init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
        init.duplex = 'half';
      }
      request = new Request(url, init);
    } catch (error) {
      send(res, 400, 'bad_request', `the request could not be read: ${(error as Error).message}`, {
        connection: 'close',
      });
      return;
    }

    let respond: Promise<Response>;
    try {
      respond = handler(request);
    } catch (error) {
      respond = Promise.reject(error);
    }
    respond
      .then(async (response) => {
        const outHeaders: Record<string, string | string[]> = {};
        response.headers.forEach((value, name) => {
          outHeaders[name] = value;
        });
        const cookies = response.headers.getSetCookie();
        if (cookies.length > 0) outHeaders['set-cookie'] = cookies;
        res.writeHead(response.status, outHeaders);
        if (method === 'HEAD' || response.body === null) {
          if (response.body) void response.body.cancel().catch(() => {});
          res.end();
          return;
        }
        await writeBody(res, response.body, abort.signal);
      })
      .catch(() => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        send(res, 500, 'internal_error', 'the handler failed');
      });
  };
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
};

/**
 * A `clientError` listener for `http.Server`: answers what Node's HTTP parser rejects before any
 * handler runs (headers over `maxHeaderSize` 431, a malformed request line or header 400, a
 * request that took too long 408) with the same JSON error body as the handler, then closes the
 * connection. Without it Node answers with an empty body.
 *
 * @example
 * ```ts
 * const server = createServer(toNodeHandler(handler));
 * server.on('clientError', handleClientError);
 * ```
 */
export function handleClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 408
        : 400;
  const body = errorBody(
    status === 431 ? 'headers_too_large' : status === 408 ? 'request_timeout' : 'bad_request',
    status === 431
      ? 'the request headers are too large'
      : status === 408
        ? 'the request was not received in time'
        : 'the request could not be parsed',
  );
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\ncontent-type: ${JSON_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
