import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { toNodeHandler } from '../toNodeHandler';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(
  handler: (request: Request) => Promise<Response>,
  rewrite?: (req: IncomingMessage) => void,
): Promise<string> {
  const node = toNodeHandler(handler);
  server = createServer((req, res) => {
    rewrite?.(req);
    node(req, res);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('toNodeHandler', () => {
  it('passes method, URL, headers and body through, and sends status, headers and body back', async () => {
    const base = await listen(async (request) => {
      const body = await request.text();
      return new Response(
        JSON.stringify({
          method: request.method,
          url: request.url,
          token: request.headers.get('x-token'),
          body,
        }),
        { status: 201, headers: { 'content-type': 'application/json', 'x-served-by': 'fetch' } },
      );
    });
    const response = await fetch(`${base}/a/b?c=d%2Fe`, {
      method: 'POST',
      headers: { 'x-token': 'abc' },
      body: 'héllo',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-served-by')).toBe('fetch');
    expect(await response.json()).toEqual({
      method: 'POST',
      url: `${base}/a/b?c=d%2Fe`,
      token: 'abc',
      body: 'héllo',
    });
  });

  it("uses Express's originalUrl, so a mounted router still sees the full path", async () => {
    const base = await listen(
      async (request) => new Response(new URL(request.url).pathname),
      (req) => {
        // What Express does inside app.use('/api', router): req.url loses the mount path.
        Object.assign(req, { originalUrl: req.url, url: (req.url ?? '').replace(/^\/api/, '') });
      },
    );
    const response = await fetch(`${base}/api/experiments/e/runs/r/metrics`);
    expect(await response.text()).toBe('/api/experiments/e/runs/r/metrics');
  });

  it('answers 500 with a JSON error when the handler throws', async () => {
    const base = await listen(async () => {
      throw new Error('boom');
    });
    const response = await fetch(`${base}/x`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: 'internal_error', message: 'the handler failed' },
    });
  });
});
