// Benchmark of the metrics endpoint under load, through the real HTTP server (a separate
// process: scripts/serverProcess.mjs) and real clients (@trainviz/client for the pollers, plain
// fetch for the full fetches, in a third process). Run `npm run build` first; imports dist/.
//
// 1. 50 clients poll 50 live runs with since_step (each every 250 ms) while another process adds
//    a step to every run 10 times a second: p50 / p99 / max latency, alone (baseline) and while six
//    other clients fetch a 3 x 100k-point run in full, over and over.
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
import { percentile, summary } from './benchUtil.mjs';

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
const server = await startServer(['--store', `sqlite:${filename}`]);
const client = createTrainvizClient({ baseUrl: server.baseUrl });

/** 50 live charts: poll with since_step, merge what is new; latency of each poll. */
async function poll(seconds) {
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

function fullFetchers(clients, seconds) {
  const child = spawn(
    process.execPath,
    [
      new URL('./fullFetcher.mjs', import.meta.url).pathname,
      `${server.baseUrl}/experiments/big/runs/long/metrics`,
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

// Warm-up, not measured: every worker lane started, connections open, code optimised.
await fetch(`${server.baseUrl}/experiments/big/runs/long/metrics`).then((r) => r.arrayBuffer());
await poll(2);
const baseline = await poll(Math.min(8, SECONDS));
console.log(`\n[1] ${POLLERS} clients polling live runs with since_step, every 250 ms`);
console.log(
  `    alone (baseline):                    ${summary(baseline.latencies)}, ${baseline.points} new points merged`,
);
const [loaded, full] = await Promise.all([poll(SECONDS), fullFetchers(6, SECONDS + 1)]);
console.log(
  `    while 6 clients fetch 3 x 100k full: ${summary(loaded.latencies)}, ${loaded.points} new points merged`,
);
console.log(
  `    the full fetches meanwhile:          ${full.times.length} done, ${(full.bytes / 1e6).toFixed(1)} MB each, ${summary(full.times)}`,
);
console.log(`    poll p99 ${percentile(loaded.latencies, 0.99).toFixed(1)} ms (target < 50 ms)`);

// [2] One client alone: full versus max_points=1000, alternating, 8 of each.
async function timed(query) {
  const started = performance.now();
  const response = await fetch(`${server.baseUrl}/experiments/big/runs/long/metrics${query}`);
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
const fullMedian = percentile(
  fulls.map((f) => f.ms),
  0.5,
);
const downMedian = percentile(
  downs.map((f) => f.ms),
  0.5,
);
console.log(`\n[2] one client, 3 x ${BIG_STEPS}-point run, median of 8`);
console.log(
  `    full fetch:        ${fullMedian.toFixed(1)} ms, ${(fulls[0].bytes / 1e6).toFixed(2)} MB`,
);
console.log(
  `    max_points=1000:   ${downMedian.toFixed(1)} ms, ${(downs[0].bytes / 1e3).toFixed(1)} kB`,
);
console.log(
  `    max_points=1000 costs ${((100 * downMedian) / fullMedian).toFixed(1)}% of a full fetch (target < 20%)`,
);

await server.stop();
const written = await writer.stop();
console.log(`\n(${written} points written by the live runs meanwhile)`);
rmSync(dir, { recursive: true, force: true });
