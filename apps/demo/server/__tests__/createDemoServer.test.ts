import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryMetricStore } from '@trainviz/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoServer } from '../createDemoServer';

let dir = '';
let base = '';
let close: () => Promise<void> = async () => {};

/** A raw GET, so paths reach the server exactly as written (fetch would normalise `..`). */
function get(path: string): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'GET', path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          ...(res.headers.location ? { location: res.headers.location } : {}),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function start(storybookDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createDemoServer({
    store: createMemoryMetricStore(),
    experimentId: 'exp',
    title: 'Exp',
    runs: () => [],
    distDir: join(dir, 'dist'),
    openapiPath: join(dir, 'openapi.json'),
    storybookDir,
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        stop: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'demo-server-'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist', 'index.html'), '<title>demo page</title>');
  mkdirSync(join(dir, 'storybook', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'storybook', 'index.html'), '<title>trainviz storybook</title>');
  writeFileSync(join(dir, 'storybook', 'assets', 'iframe.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not for the web');
  const server = await start(join(dir, 'storybook'));
  base = server.url;
  close = server.stop;
});

afterAll(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

describe('createDemoServer: the built Storybook at /storybook', () => {
  it('serves its pages and assets under /storybook/, and sends /storybook there', async () => {
    expect(await get('/storybook/')).toMatchObject({
      status: 200,
      body: expect.stringContaining('trainviz storybook'),
    });
    expect((await get('/storybook/assets/iframe.js')).body).toBe('console.log(1)');
    expect(await get('/storybook?path=/docs/x')).toMatchObject({
      status: 308,
      location: '/storybook/?path=/docs/x',
    });
    // The demo page itself is unaffected.
    expect((await get('/')).body).toContain('demo page');
  });

  it('answers 404 for a missing file and never serves a file outside the folder', async () => {
    expect((await get('/storybook/nope.js')).status).toBe(404);
    const dotDot = await get('/storybook/../secret.txt');
    expect(dotDot.body).not.toContain('not for the web');
    const encoded = await get('/storybook/%2e%2e/secret.txt');
    expect(encoded.body).not.toContain('not for the web');
    expect(encoded.status).toBe(404);
  });

  it('answers 400 to a malformed escape or a NUL byte instead of failing', async () => {
    expect((await get('/storybook/%E0%A4%A')).status).toBe(400);
    expect((await get('/storybook/a%00b')).status).toBe(400);
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });

  it('says how to build Storybook when it is not built', async () => {
    const other = await start(join(dir, 'no-storybook-here'));
    try {
      const response = await fetch(`${other.url}/storybook/`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('npm run build-storybook');
    } finally {
      await other.stop();
    }
  });
});
