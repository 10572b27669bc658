import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/**
 * Adapts a Fetch API handler (such as {@link createMetricsHandler}'s) to Node's
 * `(req, res) => void`, for `http.createServer` and Express. Under Express the full original URL is
 * used, so the handler still sees the whole path when mounted with `app.use('/api', ...)`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(toNodeHandler(createMetricsHandler({ store }))).listen(8787);
 * // Express: app.get('/api/experiments/:e/runs/:r/metrics', toNodeHandler(handler));
 * ```
 */
export function toNodeHandler(
  handler: (request: Request) => Promise<Response>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const expressUrl = (req as IncomingMessage & { originalUrl?: string }).originalUrl;
    const host = req.headers.host ?? 'localhost';
    const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
    const url = new URL(expressUrl ?? req.url ?? '/', `${protocol}://${host}`);

    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else headers.set(name, value);
    }
    const method = req.method ?? 'GET';
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: abort.signal };
    if (hasBody) {
      init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
      init.duplex = 'half';
    }

    handler(new Request(url, init))
      .then(async (response) => {
        const outHeaders: Record<string, string | string[]> = {};
        response.headers.forEach((value, name) => {
          outHeaders[name] = value;
        });
        const cookies = response.headers.getSetCookie();
        if (cookies.length > 0) outHeaders['set-cookie'] = cookies;
        res.writeHead(response.status, outHeaders);
        if (method === 'HEAD' || response.body === null) {
          res.end();
          return;
        }
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch(() => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(
          JSON.stringify({ error: { code: 'internal_error', message: 'the handler failed' } }),
        );
      });
  };
}
