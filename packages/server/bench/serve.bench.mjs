// Benchmark of the metrics endpoint under load, through the real HTTP server (a separate
// process: scripts/serverProcess.mjs) and real clients (@trainviz/client for the pollers, plain
// fetch for the full fetches, in a third process). Run `npm run build` first; imports dist/.
//
// Each measurement runs twice, side by side: against this version's SQLite store (worker lanes,
// wire JSON encoded in the workers) and against the baseline, the 0.1.0 design
// (bench/inLoopSqliteStore.mjs: better-sqlite3 called in the event loop, every series encoded
// there), over the same database while the same writer process appends.
// 1. 50 clients poll 50 live runs with since_step (each every 250 ms) while another process adds
//    a step to every run 10 times a second: p50 / p99 / max latency, alone and while six other
//    clients fetch a 3 x 100k-point run in full, over and over.
// 2. One client: full fetch of the 3 x 100k-point run versus max_points=1000.
// Usage: node bench/serve.bench.mjs [--seconds 15]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTrainvizClient } from '@trainviz/client';
import { createSqliteMetricStore } from '../dist/index.js';
import { startServerProcess as startServer } from '../scripts/startServerProcess.mjs';
import { percentile } from './benchUtil.mjs';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '15' } } });
const SECONDS = Number(values.seconds);
const BIG_STEPS = 100_000;
const POLLERS = 50;
const SMALL_STEPS = 2000;
const dir = mkdtempSync(join(tmpdir(), 'trainviz-serve-bench-'));
const filename = join(dir, 'bench.db');

// Seed: one long run (3 metrics x 100k steps) and 50 live runs (2000 steps of loss each).
const seed = createSqliteMetricStore({ filename });
await seed.upsertRun({ experimentId: 'big', runId: 'long', status: 'completed' });
for (let from = 1; from <= BIG_STEPS; from += 5000) {
  const batch = [];
  for (let step = from; step < from + 5000; step++) {
    batch.push({
      metric: 'loss',
      step,
      value: 2 * Math.exp(-step / 30_000) + 0.01 * Math.sin(step),
      time: step / 10,
    });
    batch.push({
      metric: 'learning_rate',
      step,
      value: 5e-5 * (1 - step / BIG_STEPS),
      time: step / 10,
    });
    batch.push({ metric: 'grad_norm', step, value: 1 + 0.3 * Math.cos(step / 7), time: step / 10 });
  }
  await seed.appendPoints('big', 'long', batch);
}
for (let i = 0; i < POLLERS; i++) {
  await seed.upsertRun({ experimentId: 'live', runId: `run-${i}`, status: 'running' });
  const batch = [];
  for (let step = 1; step <= SMALL_STEPS; step++)
    batch.push({ metric: 'loss', step, value: 1 / step, time: step / 10 });
  await seed.appendPoints('live', `run-${i}`, batch);
}
await seed.close();
console.log(
  `seeded ${filename}: 1 run of 3 x ${BIG_STEPS} points, ${POLLERS} live runs of ${SMALL_STEPS}`,
);

// The captures write from their own process (here one process standing for 50 captures), as
// in production; the server process only serves.
const writer = await startServer([
  '--store',
  `sqlite:${filename}`,
  '--write-experiment',
  'live',
  '--write-runs',
  String(POLLERS),
  '--write-hz',
  '10',
  '--start-step',
  String(SMALL_STEPS),
]);

/** 50 live charts: poll with since_step, merge what is new; latency of each poll. */
async function poll(client, seconds) {
  const latencies = [];
  let points = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: POLLERS }, async (_, i) => {
      let lastStep =
        (await client.getRunMetrics('live', `run-${i}`, { metricTypes: ['loss'] })).lastStep ?? 0;
      // Spread the pollers over the interval, as independent browsers would be.
      await new Promise((resolve) => setTimeout(resolve, (i * 250) / POLLERS));
      while (performance.now() < until) {
        const started = performance.now();
        const run = await client.getRunMetrics('live', `run-${i}`, {
          metricTypes: ['loss'],
          sinceStep: lastStep,
        });
        latencies.push(performance.now() - started);
        points += run.metrics.loss?.steps.length ?? 0;
        lastStep = run.lastStep ?? lastStep;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }),
  );
  return { latencies, points };
}

function fullFetchers(baseUrl, clients, seconds) {
  const child = spawn(
    process.execPath,
    [
      new URL('./fullFetcher.mjs', import.meta.url).pathname,
      `${baseUrl}/experiments/big/runs/long/metrics`,
      String(clients),
      String(seconds),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`fullFetcher exited ${code}`)),
    ),
  );
}

/** Both measurements against a server process over `store` (a serverProcess --store value). */
async function measure(store) {
  const server = await startServer(['--store', store]);
  const client = createTrainvizClient({ baseUrl: server.baseUrl });
  const url = `${server.baseUrl}/experiments/big/runs/long/metrics`;
  // Warm-up, not measured: every worker lane started, connections open, code optimised.
  await fetch(url).then((r) => r.arrayBuffer());
  await poll(client, 2);
  const alone = await poll(client, Math.min(8, SECONDS));
  const [loaded, full] = await Promise.all([
    poll(client, SECONDS),
    fullFetchers(server.baseUrl, 6, SECONDS + 1),
  ]);

  // [2] One client alone: full versus max_points=1000, alternating, 8 of each.
  async function timed(query) {
    const started = performance.now();
    const response = await fetch(`${url}${query}`);
    const body = await response.arrayBuffer();
    return { ms: performance.now() - started, bytes: body.byteLength };
  }
  await timed('');
  await timed('?max_points=1000');
  const fulls = [];
  const downs = [];
  for (let i = 0; i < 8; i++) {
    fulls.push(await timed(''));
    downs.push(await timed('?max_points=1000'));
  }
  await server.stop();
  return {
    alone,
    loaded,
    full,
    fullMs: percentile(
      fulls.map((f) => f.ms),
      0.5,
    ),
    fullBytes: fulls[0].bytes,
    downMs: percentile(
      downs.map((f) => f.ms),
      0.5,
    ),
    downBytes: downs[0].bytes,
  };
}

const now = await measure(`sqlite:${filename}`);
const before = await measure(`sqlite-in-loop:${filename}`);

const ms = (value) => `${value.toFixed(1)} ms`;
const triple = (latencies) =>
  `${ms(percentile(latencies, 0.5))} / ${ms(percentile(latencies, 0.99))} / ${ms(Math.max(...latencies))}`;
const row = (label, a, b) => console.log(`    ${label.padEnd(34)}${a.padEnd(38)}${b}`);
console.log(
  `\n[1] ${POLLERS} clients polling live runs with since_step every 250 ms: p50 / p99 / max latency`,
);
row('', 'this version (worker lanes)', 'baseline (0.1.0, SQLite in the loop)');
row('alone', triple(now.alone.latencies), triple(before.alone.latencies));
row(
  'while 6 clients fetch 3 x 100k',
  triple(now.loaded.latencies),
  triple(before.loaded.latencies),
);
row(
  'polls answered (alone, loaded)',
  `${now.alone.latencies.length}, ${now.loaded.latencies.length}`,
  `${before.alone.latencies.length}, ${before.loaded.latencies.length}`,
);
row(
  'full fetches meanwhile (p50)',
  `${now.full.times.length} of ${(now.full.bytes / 1e6).toFixed(1)} MB (${ms(percentile(now.full.times, 0.5))})`,
  `${before.full.times.length} (${ms(percentile(before.full.times, 0.5))})`,
);
const p99 = percentile(now.loaded.latencies, 0.99);
console.log(
  `    poll p99 while loaded: ${ms(p99)} (target < 50 ms: ${p99 < 50 ? 'met' : 'NOT met'}); baseline ${ms(percentile(before.loaded.latencies, 0.99))}`,
);

console.log(`\n[2] one client, 3 x ${BIG_STEPS}-point run, median of 8`);
row('', 'this version', 'baseline');
row(
  'full fetch',
  `${ms(now.fullMs)}, ${(now.fullBytes / 1e6).toFixed(2)} MB`,
  `${ms(before.fullMs)}, ${(before.fullBytes / 1e6).toFixed(2)} MB`,
);
row(
  'max_points=1000',
  `${ms(now.downMs)}, ${(now.downBytes / 1e3).toFixed(1)} kB`,
  `${ms(before.downMs)}, ${(before.downBytes / 1e3).toFixed(1)} kB`,
);
const share = (100 * now.downMs) / now.fullMs;
console.log(
  `    max_points=1000 costs ${share.toFixed(1)}% of a full fetch (target < 20%: ${share < 20 ? 'met' : 'NOT met'}); baseline ${((100 * before.downMs) / before.fullMs).toFixed(1)}%`,
);

const written = await writer.stop();
console.log(`\n(${written} points written by the live runs meanwhile)`);
rmSync(dir, { recursive: true, force: true });
