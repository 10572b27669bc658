// Benchmark of @trainviz/server (run `npm run build` first; imports dist/).
// 1. Capture throughput into SQLite: batched writes (the defaults) versus one write per point.
// 2. Bytes of one live poll with since_step versus a full fetch of a 100k-point run.
// Usage: node bench/capture.bench.mjs [points]   (default 100000)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMetricsHandler, createRunCapture, createSqliteMetricStore } from '../dist/index.js';

const POINTS = Number(process.argv[2] ?? 100_000);
const METRICS_PER_LINE = 4;
const LINES = Math.ceil(POINTS / METRICS_PER_LINE);
const dir = mkdtempSync(join(tmpdir(), 'trainviz-bench-'));

function makeLog() {
  const lines = [];
  for (let step = 1; step <= LINES; step++) {
    const loss = (2.5 * Math.exp(-step / 20_000) + 0.05 * Math.sin(step)).toFixed(4);
    const lr = (5e-5 * (1 - step / LINES)).toExponential(3);
    const grad = (1 + 0.3 * Math.cos(step / 7)).toFixed(4);
    const epoch = (step / LINES).toFixed(4);
    lines.push(
      `{"step": ${step}, "loss": ${loss}, "learning_rate": ${lr}, "grad_norm": ${grad}, "epoch": ${epoch}}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Feeds the log in 64 KiB chunks, as a pipe would, and times the capture until everything is stored. */
async function capture(name, options) {
  const store = createSqliteMetricStore({ filename: join(dir, `${name}.db`) });
  const started = performance.now();
  const run = createRunCapture({ store, experimentId: 'bench', runId: name, ...options });
  for (let i = 0; i < log.length; i += 65_536) run.write(log.slice(i, i + 65_536));
  await run.end({ status: 'completed' });
  const seconds = (performance.now() - started) / 1000;
  const stored = Object.values(await store.queryPoints('bench', name)).reduce(
    (n, s) => n + s.steps.length,
    0,
  );
  return { store, seconds, stored, perSecond: stored / seconds };
}

const log = makeLog();
console.log(
  `log: ${LINES} lines, ${LINES * METRICS_PER_LINE} points, ${(log.length / 1e6).toFixed(1)} MB`,
);

const batched = await capture('batched', {});
console.log(
  `batched (maxBatchPoints 500, flushIntervalMs 250): ${batched.stored} points in ${batched.seconds.toFixed(2)} s = ${Math.round(batched.perSecond).toLocaleString('en-US')} points/s`,
);
const single = await capture('per-point', { maxBatchPoints: 1, flushIntervalMs: 0 });
await single.store.close();
console.log(
  `one write per point: ${single.stored} points in ${single.seconds.toFixed(2)} s = ${Math.round(single.perSecond).toLocaleString('en-US')} points/s`,
);
console.log(
  `throughput ratio batched / per-point: ${(batched.perSecond / single.perSecond).toFixed(1)}x`,
);

const handler = createMetricsHandler({ store: batched.store });
const base = 'http://localhost/experiments/bench/runs/batched/metrics';
async function bytes(query) {
  const response = await handler(new Request(`${base}${query}`));
  if (response.status !== 200) throw new Error(`${query}: HTTP ${response.status}`);
  return (await response.arrayBuffer()).byteLength;
}
const full = await bytes('');
// A chart polling once a second on a run logging ~10 steps a second: the last 10 steps, 4 metrics.
const poll = await bytes(`?since_step=${LINES - 10}`);
const downsampled = await bytes('?max_points=2000');
console.log(`full fetch of ${batched.stored} points: ${full.toLocaleString('en-US')} bytes`);
console.log(
  `poll with since_step (last 10 steps, 40 points): ${poll.toLocaleString('en-US')} bytes`,
);
console.log(`(full fetch with max_points=2000: ${downsampled.toLocaleString('en-US')} bytes)`);
console.log(
  `bytes ratio full / since_step poll: ${Math.round(full / poll).toLocaleString('en-US')}x`,
);

await batched.store.close();
rmSync(dir, { recursive: true, force: true });
