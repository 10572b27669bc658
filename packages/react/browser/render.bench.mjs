// Render benchmark in headless Chromium: MetricsChartView against plain Recharts given every point,
// for 1k, 100k and 1M points per run (3 runs), first render and a poll appending 100 points.
// Builds browser/bench-page.tsx with Vite into .bench/, serves it, prints medians of 3 and
// PASS/MISS per target; a missed target is profiled and its heaviest functions printed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { launchChromium } from '../../../scripts/launchChromium.mjs';
import { serveStatic } from './serveStatic.mjs';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const out = `${pkg}.bench`;
const SIZES = [1_000, 100_000, 1_000_000];
const RUNS = 3;
const REPEATS = 3;
/** Plain Recharts is skipped at 1M when its 100k render projects past a minute. */
const RECHARTS_BUDGET_MS = 60_000;

async function buildPage() {
  mkdirSync(out, { recursive: true });
  await build({
    configFile: false,
    logLevel: 'warn',
    root: pkg,
    plugins: [react()],
    resolve: {
      alias: {
        '@trainviz/parser': `${pkg}../parser/src/index.ts`,
        '@trainviz/client': `${pkg}../client/src/index.ts`,
      },
    },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: out,
      emptyOutDir: true,
      // Readable function names in the profile of a missed target.
      minify: false,
      sourcemap: false,
      rollupOptions: {
        input: `${pkg}browser/bench-page.tsx`,
        output: { entryFileNames: 'bench-page.js', format: 'es' },
      },
    },
  });
  writeFileSync(
    `${out}/index.html`,
    '<!doctype html><html><head><meta charset="utf-8"><title>trainviz bench</title></head>' +
      '<body><script type="module" src="./bench-page.js"></script></body></html>',
  );
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function measure(page, chart, points) {
  const firsts = [];
  const updates = [];
  for (let i = 0; i < REPEATS; i++) {
    const result = await page.evaluate((request) => window.runBench(request), {
      chart,
      points,
      runs: RUNS,
      append: 100,
    });
    firsts.push(result.firstMs);
    updates.push(result.updateMs);
  }
  return { first: median(firsts), update: median(updates), firsts, updates };
}

/** Self time per function of the measured phase only (`first` or `update`), data made beforehand. */
async function profile(page, request, phase) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.evaluate((r) => window.prepareBench(r), request);
  if (phase === 'update') await page.evaluate(() => window.measureFirst());
  await cdp.send('Profiler.start');
  if (phase === 'update') await page.evaluate(() => window.measureUpdate());
  else await page.evaluate(() => window.measureFirst());
  const { profile: result } = await cdp.send('Profiler.stop');
  if (phase === 'first') await page.evaluate(() => window.measureUpdate());
  // Shares of the samples, not milliseconds: the sampling itself slows the page several-fold.
  const busy = result.nodes.filter((node) => node.callFrame.functionName !== '(idle)');
  const total = busy.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) || 1;
  const self = new Map();
  for (const node of busy) {
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + ((node.hitCount ?? 0) * 100) / total);
  }
  return [...self.entries()]
    .filter(([name]) => !name.startsWith('(idle)') && !name.startsWith('(program)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8);
}

const fmt = (ms) => (ms === null ? 'skipped' : `${ms.toFixed(1)} ms`);

await buildPage();
const server = await serveStatic(out);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => window.benchReady === true);
  // Warm-up: the first render compiles React, Recharts and the view.
  await page.evaluate(() => window.runBench({ chart: 'trainviz', points: 1000 }));
  await page.evaluate(() => window.runBench({ chart: 'recharts', points: 1000 }));

  const rows = [];
  let rechartsSkipped = false;
  for (const points of SIZES) {
    const trainviz = await measure(page, 'trainviz', points);
    let recharts = null;
    const previous = rows[rows.length - 1];
    const projected = previous?.recharts ? (previous.recharts.first * points) / previous.points : 0;
    if (projected > RECHARTS_BUDGET_MS) rechartsSkipped = true;
    else recharts = await measure(page, 'recharts', points);
    rows.push({ points, trainviz, recharts });
    console.log(
      `measured ${points.toLocaleString('en')} points x ${RUNS} runs: trainviz ${fmt(trainviz.first)} / ${fmt(trainviz.update)}, recharts ${fmt(recharts?.first ?? null)} / ${fmt(recharts?.update ?? null)}`,
    );
  }

  const pad = (text, width) => String(text).padStart(width);
  console.log(
    `\nRender benchmark, Chromium headless, ${RUNS} runs per chart, median of ${REPEATS}, 800x320 px`,
  );
  console.log(
    `${pad('points/run', 11)} | ${pad('trainviz first', 15)} | ${pad('trainviz +100', 14)} | ${pad('recharts first', 15)} | ${pad('recharts +100', 14)} | ${pad('speed-up', 9)}`,
  );
  for (const row of rows) {
    const speedUp = row.recharts ? `${(row.recharts.first / row.trainviz.first).toFixed(1)}x` : '-';
    console.log(
      `${pad(row.points.toLocaleString('en'), 11)} | ${pad(fmt(row.trainviz.first), 15)} | ${pad(fmt(row.trainviz.update), 14)} | ${pad(fmt(row.recharts?.first ?? null), 15)} | ${pad(fmt(row.recharts?.update ?? null), 14)} | ${pad(speedUp, 9)}`,
    );
  }
  if (rechartsSkipped) {
    console.log(
      `plain Recharts at 1M points skipped: its 100k render projects past ${RECHARTS_BUDGET_MS / 1000} s`,
    );
  }

  // Panels: the same runs, each with 4 metrics drawn as small multiples (a Trainer's loss, eval loss,
  // learning rate, grad norm), measured the same way.
  const panels = {};
  for (const points of [1_000, 1_000_000]) {
    const firsts = [];
    const updates = [];
    for (let i = 0; i < REPEATS; i++) {
      const result = await page.evaluate((request) => window.runBench(request), {
        chart: 'trainviz',
        points,
        runs: RUNS,
        append: 100,
        panels: 4,
      });
      firsts.push(result.firstMs);
      updates.push(result.updateMs);
    }
    panels[points] = { first: median(firsts), update: median(updates) };
    console.log(
      `measured 4 panels of ${points.toLocaleString('en')} points x ${RUNS} runs: ${fmt(panels[points].first)} / ${fmt(panels[points].update)}`,
    );
  }

  const at = (points) => rows.find((row) => row.points === points);
  const k1 = at(1_000);
  const k100 = at(100_000);
  const m1 = at(1_000_000);
  const targets = [
    {
      name: '1M points renders in under 1.5x the time of 1k points',
      value: `${(m1.trainviz.first / k1.trainviz.first).toFixed(2)}x`,
      pass: m1.trainviz.first < 1.5 * k1.trainviz.first,
      request: { chart: 'trainviz', points: 1_000_000, runs: RUNS },
      phase: 'first',
    },
    {
      name: 'at 100k points at least 10x faster than plain Recharts',
      value: k100.recharts ? `${(k100.recharts.first / k100.trainviz.first).toFixed(1)}x` : 'n/a',
      pass: k100.recharts !== null && k100.recharts.first >= 10 * k100.trainviz.first,
      request: { chart: 'trainviz', points: 100_000, runs: RUNS },
      phase: 'first',
    },
    {
      name: 'a poll appending 100 points to 1M points updates in under 50 ms',
      value: fmt(m1.trainviz.update),
      pass: m1.trainviz.update < 50,
      request: { chart: 'trainviz', points: 1_000_000, runs: RUNS },
      phase: 'update',
    },
    {
      name: '4 panels of 1M points render in under 1.5x the time of 4 panels of 1k points',
      value: `${(panels[1_000_000].first / panels[1_000].first).toFixed(2)}x`,
      pass: panels[1_000_000].first < 1.5 * panels[1_000].first,
      request: { chart: 'trainviz', points: 1_000_000, runs: RUNS, panels: 4 },
      phase: 'first',
    },
    {
      name: 'a poll appending 100 points to 4 panels of 1M points updates in under 50 ms',
      value: fmt(panels[1_000_000].update),
      pass: panels[1_000_000].update < 50,
      request: { chart: 'trainviz', points: 1_000_000, runs: RUNS, panels: 4 },
      phase: 'update',
    },
  ];
  console.log('');
  for (const target of targets) {
    console.log(`${target.pass ? 'PASS' : 'MISS'}  ${target.name}: ${target.value}`);
  }
  for (const target of targets.filter((t) => !t.pass)) {
    console.log(
      `\nProfile (self time) of the ${target.phase} render, ${JSON.stringify(target.request)}:`,
    );
    for (const [name, share] of await profile(page, target.request, target.phase)) {
      console.log(`  ${share.toFixed(1).padStart(5)} %  ${name}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
