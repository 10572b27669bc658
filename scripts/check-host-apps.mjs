#!/usr/bin/env node
// Installs the packed tarballs of every published package into fresh host apps outside the
// workspace (Vite + React 19, Vite + React 18, Next.js App Router), builds each, serves it with a
// real metrics endpoint (@trainviz/server from its tarball) and checks in headless Chromium that the
// chart hydrates and draws. Also runs publint and are-the-types-wrong on every package.
//
// Usage: node scripts/check-host-apps.mjs [--keep] [--only vite19,vite18,next]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, launchChromium } from './launchChromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg ? onlyArg.split(',') : ['vite19', 'vite18', 'next'];
const artifacts = join(root, 'test-artifacts', 'host-apps');
mkdirSync(artifacts, { recursive: true });
if (!existsSync(chromiumPath)) {
  console.error(`[host-apps] no Chromium at ${chromiumPath}: apt-get install -y chromium`);
  process.exit(2);
}

const published = ['parser', 'client', 'server', 'react'];
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const v = (name) => rootPkg.devDependencies[name];

let failures = 0;
const log = (msg) => console.log(`[host-apps] ${msg}`);

function run(cmd, cmdArgs, cwd, extraEnv = {}) {
  return execFileSync(cmd, cmdArgs, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...extraEnv },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

function step(name, fn) {
  try {
    const out = fn();
    log(`ok   ${name}`);
    return out;
  } catch (error) {
    failures += 1;
    log(`FAIL ${name}`);
    console.error(String(error.stdout ?? ''), String(error.stderr ?? ''), error.message);
    return undefined;
  }
}

// 1. Package checks, then pack.
const work = mkdtempSync(join(tmpdir(), 'trainviz-hosts-'));
const tarballs = {};
for (const name of published) {
  const dir = join(root, 'packages', name);
  step(`publint @trainviz/${name}`, () => run('npx', ['publint', '--strict'], dir));
  step(`attw @trainviz/${name}`, () =>
    // node10 resolution ignores `exports`; we support Node >= 18 and bundlers only.
    run('npx', ['attw', '--pack', '.', '--profile', 'node16'], dir),
  );
  const file = step(`npm pack @trainviz/${name}`, () =>
    run('npm', ['pack', '--pack-destination', work, '--json'], dir),
  );
  if (file) tarballs[name] = join(work, JSON.parse(file)[0].filename);
}
if (Object.keys(tarballs).length !== published.length) {
  log('cannot continue without every tarball');
  process.exit(1);
}

// 2. Host apps.
const chartApp = `
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TrainvizProvider, TrainingMetricsChart } from '@trainviz/react';

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <TrainvizProvider baseUrl="/api">
      <h1>Host app</h1>
      <TrainingMetricsChart experimentId="exp-1" runIds={['run-a', 'run-b']} />
    </TrainvizProvider>
  </StrictMode>,
);
`;

// Seeds an in-memory store with two runs through the real capture pipeline.
const seedModule = `
import { createMemoryMetricStore, createRunCapture } from '@trainviz/server';

export async function seedStore() {
  const store = createMemoryMetricStore();
  for (const [runId, base] of [['run-a', 2.5], ['run-b', 2.9]]) {
    const capture = createRunCapture({ store, experimentId: 'exp-1', runId });
    let text = '';
    for (let step = 10; step <= 500; step += 10) {
      const loss = base * Math.exp(-step / 300) + 0.3 + 0.05 * Math.sin(step);
      text += \`{'loss': \${loss.toFixed(4)}, 'grad_norm': 1.5, 'learning_rate': 5e-05, 'epoch': \${(step / 500).toFixed(2)}, 'step': \${step}}\\n\`;
    }
    capture.write(text);
    await capture.end({ status: 'completed' });
  }
  return store;
}
`;

const viteServer = `
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join, extname } from 'node:path';
import { createMetricsHandler, toNodeHandler } from '@trainviz/server';
import { seedStore } from './seed.mjs';

const store = await seedStore();
const api = toNodeHandler(createMetricsHandler({ store, basePath: '/api' }));
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const server = createServer((req, res) => {
  if (req.url.startsWith('/api/')) return api(req, res);
  const path = join('dist', req.url === '/' ? 'index.html' : req.url.split('?')[0]);
  if (!existsSync(path)) { res.statusCode = 404; return res.end('not found'); }
  res.setHeader('content-type', types[extname(path)] ?? 'application/octet-stream');
  res.end(readFileSync(path));
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
`;

function writeFiles(dir, files) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(
      join(dir, path),
      typeof content === 'string' ? content : JSON.stringify(content, null, 2),
    );
  }
}

function tarballDeps() {
  return Object.fromEntries(published.map((n) => [`@trainviz/${n}`, `file:${tarballs[n]}`]));
}

function viteApp(reactVersion) {
  return {
    'package.json': {
      name: `host-vite-react${reactVersion}`,
      private: true,
      type: 'module',
      scripts: { build: 'vite build' },
      dependencies: {
        ...tarballDeps(),
        react: `^${reactVersion}`,
        'react-dom': `^${reactVersion}`,
        '@tanstack/react-query': v('@tanstack/react-query'),
        recharts: v('recharts'),
      },
      devDependencies: { vite: v('vite'), '@vitejs/plugin-react': v('@vitejs/plugin-react') },
    },
    'vite.config.js': `import { defineConfig } from 'vite';\nimport react from '@vitejs/plugin-react';\nexport default defineConfig({ plugins: [react()] });\n`,
    'index.html': `<!doctype html><html><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,"></head><body><div id="root" style="width: 900px"></div><script type="module" src="/src/main.jsx"></script></body></html>`,
    'src/main.jsx': chartApp,
    'seed.mjs': seedModule,
    'server.mjs': viteServer,
  };
}

function nextApp() {
  return {
    'package.json': {
      name: 'host-next',
      private: true,
      scripts: { build: 'next build', start: 'next start' },
      dependencies: {
        ...tarballDeps(),
        next: 'latest',
        react: v('react'),
        'react-dom': v('react-dom'),
        '@tanstack/react-query': v('@tanstack/react-query'),
        recharts: v('recharts'),
      },
    },
    'next.config.mjs': 'export default {};\n',
    'app/layout.jsx': `export const metadata = { title: 'host-next', icons: { icon: 'data:,' } };\nexport default function RootLayout({ children }) {\n  return (<html lang="en"><body>{children}</body></html>);\n}\n`,
    // A server component: no 'use client' here. The chart components carry their own directive.
    'app/page.jsx': `import { TrainvizProvider, TrainingMetricsChart, trainvizKeys } from '@trainviz/react';\n\nexport const dynamic = 'force-dynamic';\n\nexport default function Page() {\n  const key = trainvizKeys.runMetrics('exp-1', 'run-a');\n  return (\n    <main style={{ width: 900 }}>\n      <h1>Host app</h1>\n      <p data-testid="server-key">{JSON.stringify(key)}</p>\n      <TrainvizProvider baseUrl="/api">\n        <TrainingMetricsChart experimentId="exp-1" runIds={['run-a', 'run-b']} />\n      </TrainvizProvider>\n    </main>\n  );\n}\n`,
    'app/api/experiments/[experimentId]/runs/[runId]/metrics/route.js': `import { createMetricsHandler } from '@trainviz/server';\nimport { seedStore } from '../../../../../../../seed.mjs';\n\nexport const dynamic = 'force-dynamic';\nconst handler = seedStore().then((store) => createMetricsHandler({ store, basePath: '/api' }));\n\nexport async function GET(request) {\n  return (await handler)(request);\n}\n`,
    'seed.mjs': seedModule,
  };
}

function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function waitForHttp(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer in ${ms} ms`);
}

async function checkInBrowser(name, url) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
    await page.goto(url, { waitUntil: 'load' });
    // A drawn line is a path with a long "d" attribute inside the chart's svg.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('svg path.tvz-line')].filter(
          (p) => (p.getAttribute('d') ?? '').length > 50,
        ).length >= 2,
      undefined,
      { timeout: 30_000 },
    );
    // Let the layout settle (fonts, a late resize) so the screenshot shows the final chart.
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(artifacts, `${name}.png`) });
    if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
  }
}

async function hostApp(name, files, startCmd) {
  const dir = join(work, name);
  writeFiles(dir, files);
  if (!step(`${name}: npm install`, () => run('npm', ['install', '--no-audit', '--no-fund'], dir)))
    return;
  if (
    !step(`${name}: build`, () =>
      run('npm', ['run', 'build'], dir, { NEXT_TELEMETRY_DISABLED: '1' }),
    )
  )
    return;
  const port = await freePort();
  const child = spawn(
    startCmd[0],
    [...startCmd.slice(1), ...(name === 'next' ? ['-p', String(port)] : [])],
    {
      cwd: dir,
      env: { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, 60_000);
    // The server render must not crash: the HTML already has the heading.
    const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    if (!html.includes('Host app') && name === 'next')
      throw new Error('server render lacks the page');
    await checkInBrowser(name, `http://127.0.0.1:${port}/`);
    log(`ok   ${name}: chart hydrates and draws (screenshot test-artifacts/host-apps/${name}.png)`);
  } catch (error) {
    failures += 1;
    log(`FAIL ${name}: ${error.message}\n${output.slice(-3000)}`);
  } finally {
    child.kill('SIGTERM');
  }
}

if (only.includes('vite19')) await hostApp('vite19', viteApp(19), ['node', 'server.mjs']);
if (only.includes('vite18')) await hostApp('vite18', viteApp(18), ['node', 'server.mjs']);
if (only.includes('next')) await hostApp('next', nextApp(), ['npx', 'next', 'start']);

if (!keep) rmSync(work, { recursive: true, force: true });
else log(`kept ${work}`);
log(failures ? `${failures} check(s) failed` : 'all host-app checks passed');
process.exit(failures ? 1 : 0);
