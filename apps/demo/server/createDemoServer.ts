import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { createMetricsHandler, type MetricStore, toNodeHandler } from '@trainviz/server';
import type { DemoRunList, DemoRunSummary } from '../src/types';
import type { DemoRunEntry } from './createDemoRuns';

/**
 * Options of {@link createDemoServer}.
 *
 * @example
 * ```ts
 * createDemoServer({ store, experimentId, title, runs: () => runs.entries, distDir, openapiPath });
 * ```
 */
export interface DemoServerOptions {
  store: MetricStore;
  experimentId: string;
  /** Title of the experiment shown on the page. */
  title: string;
  /** The runs, in sidebar order. */
  runs: () => readonly DemoRunEntry[];
  /** The built page (`vite build` output). */
  distDir: string;
  /** The OpenAPI document of the metrics endpoint, served at `/api/openapi.json`. */
  openapiPath: string;
  /**
   * The built Storybook of `@trainviz/react` (`npm run build-storybook`), served at `/storybook/`.
   * @defaultValue undefined (no `/storybook`)
   */
  storybookDir?: string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.mjs': 'text/javascript; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** `decodeURIComponent` that answers `null` for a malformed escape (`%E0%A4%A`) instead of throwing. */
function decodePath(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function problem(res: ServerResponse, status: number, kind: string, message: string): void {
  sendJson(res, status, { error: { kind, message } });
}

/**
 * Creates the demo's HTTP server: the run list and terminal endpoints, the metrics endpoint of
 * `@trainviz/server` under `/api`, its OpenAPI document, and the built page with SPA fallback.
 *
 * @example
 * ```ts
 * const server = createDemoServer(options);
 * server.listen(5173, '127.0.0.1');
 * ```
 */
export function createDemoServer(options: DemoServerOptions): Server {
  const { store, experimentId } = options;
  const metrics = toNodeHandler(createMetricsHandler({ store, basePath: '/api' }));
  const distRoot = normalize(options.distDir);
  const storybookRoot = options.storybookDir === undefined ? null : normalize(options.storybookDir);

  /** A file of the built Storybook; its pages and assets use relative URLs, so a prefix works. */
  async function serveStorybook(root: string, pathname: string, res: ServerResponse) {
    const decoded = decodePath(pathname.slice('/storybook'.length).replace(/^$/, '/'));
    if (decoded === null || decoded.includes('\0')) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Bad path');
      return;
    }
    const candidate = normalize(
      join(root, decoded.endsWith('/') ? `${decoded}index.html` : decoded),
    );
    const inside = candidate.startsWith(root + sep);
    const info = inside ? await stat(candidate).catch(() => null) : null;
    if (!info?.isFile()) {
      const built = await stat(join(root, 'index.html')).catch(() => null);
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        built
          ? 'Not found'
          : 'Storybook is not built: run `npm run build-storybook` at the repository root.',
      );
      return;
    }
    const body = await readFile(candidate);
    res.writeHead(200, {
      'content-type': contentTypes[extname(candidate)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
    });
    res.end(body);
  }

  async function runList(): Promise<DemoRunList> {
    const records = new Map(
      (await store.listRuns(experimentId)).map((record) => [record.runId, record]),
    );
    const runs: DemoRunSummary[] = options.runs().map((entry) => {
      const record = records.get(entry.runId);
      return {
        runId: entry.runId,
        name: entry.name,
        kind: entry.kind,
        status: record?.status ?? 'pending',
        startedAt: record?.startedAt ?? null,
        endedAt: record && record.status !== 'running' ? entry.endedAt : null,
        lastStep: record?.lastStep ?? null,
        totalSteps: entry.totalSteps,
        hasMetrics: record?.lastStep !== null && record?.lastStep !== undefined,
        description: entry.description,
        waitingForFile: entry.waitingForFile,
      };
    });
    return { experimentId, title: options.title, runs };
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const decoded = decodePath(pathname);
    if (decoded === null || decoded.includes('\0')) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Bad path');
      return;
    }
    const candidate = normalize(join(distRoot, decoded));
    const inside = candidate === distRoot || candidate.startsWith(distRoot + sep);
    let file = inside ? candidate : join(distRoot, 'index.html');
    const info = await stat(file).catch(() => null);
    if (!info || info.isDirectory()) {
      // Unknown asset files are a 404; any other path is a page route of the single-page app.
      if (extname(decoded) !== '' && extname(decoded) !== '.html') {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found');
        return;
      }
      file = join(distRoot, 'index.html');
    }
    const body = await readFile(file).catch(() => null);
    if (!body) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The demo page is not built: run `npm run build -w @trainviz/demo`.');
      return;
    }
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-length': body.length,
      'cache-control': file.includes(`${sep}assets${sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD' && path.startsWith('/api/')) {
      problem(res, 405, 'method_not_allowed', `${req.method} is not supported`);
      return;
    }
    if (path === '/api/openapi.json') {
      const body = await readFile(options.openapiPath).catch(() => null);
      if (!body) {
        problem(res, 404, 'not_found', 'The OpenAPI document is missing');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(body);
      return;
    }
    const list = /^\/api\/experiments\/([^/]+)\/runs\/?$/.exec(path);
    if (list) {
      if (decodeURIComponent(list[1] ?? '') !== experimentId) {
        problem(res, 404, 'experiment_not_found', `No experiment "${list[1]}"`);
        return;
      }
      sendJson(res, 200, await runList());
      return;
    }
    const log = /^\/api\/experiments\/([^/]+)\/runs\/([^/]+)\/log$/.exec(path);
    if (log) {
      const runId = decodeURIComponent(log[2] ?? '');
      const entry = options.runs().find((run) => run.runId === runId);
      if (decodeURIComponent(log[1] ?? '') !== experimentId || !entry) {
        problem(res, 404, 'run_not_found', `No run "${runId}"`);
        return;
      }
      const since = Number(url.searchParams.get('since') ?? '0');
      sendJson(res, 200, entry.log.read(Number.isFinite(since) ? since : 0));
      return;
    }
    if (path.startsWith('/api/')) {
      await metrics(req, res);
      return;
    }
    if (storybookRoot !== null && (path === '/storybook' || path.startsWith('/storybook/'))) {
      if (path === '/storybook') {
        res.writeHead(308, { location: `/storybook/${url.search}` });
        res.end();
        return;
      }
      await serveStorybook(storybookRoot, path, res);
      return;
    }
    await serveStatic(path, res);
  }

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) problem(res, 500, 'internal', (error as Error).message);
      else res.end();
    });
  });
}
