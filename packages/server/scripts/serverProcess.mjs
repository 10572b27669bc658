// A metrics server in its own process, as in production (used by the benchmarks and the
// integration tests): the real handler behind
// node:http with toNodeHandler, over a SQLite or PostgreSQL store. Optionally a writer appends a
// step to every run of an experiment at a fixed rate, as live captures would.
// `sqlite-in-loop:FILE` is the serve benchmark's baseline (bench/inLoopSqliteStore.mjs).
// Usage: node serverProcess.mjs --store sqlite:FILE|sqlite-in-loop:FILE|postgres:URL [--write-experiment E]
//          [--write-runs N] [--write-hz 10] [--start-step S]
// Prints `PORT n` once listening, and the number of points written on SIGTERM.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import * as server from '../dist/index.js';

const { values: args } = parseArgs({
  options: Object.fromEntries(
    [
      'store',
      'write-experiment',
      'write-runs',
      'write-hz',
      'start-step',
      'readers',
      'interrupted-after-ms',
      'write-offset',
      'write-batch',
    ].map((name) => [name, { type: 'string' }]),
  ),
});
const [kind, ...rest] = args.store.split(':');
const target = rest.join(':');
const liveness = args['interrupted-after-ms']
  ? { interruptedAfterMs: Number(args['interrupted-after-ms']) }
  : {};
const store =
  kind === 'sqlite-in-loop'
    ? (await import('../bench/inLoopSqliteStore.mjs')).createInLoopSqliteStore(target)
    : kind === 'sqlite'
      ? server.createSqliteMetricStore({
          filename: target,
          ...liveness,
          ...(args.readers ? { readers: Number(args.readers) } : {}),
        })
      : server.createPostgresMetricStore({
          connectionString: target,
          maxConnections: 20,
          ...liveness,
        });

const http = createServer(server.toNodeHandler(server.createMetricsHandler({ store })));
http.on('clientError', server.handleClientError);
http.keepAliveTimeout = 60_000;
await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
process.stdout.write(`PORT ${http.address().port}\n`);

let written = 0;
let writing = true;
let writer = Promise.resolve();
if (args['write-experiment']) {
  const runs = Number(args['write-runs'] ?? 50);
  const offset = Number(args['write-offset'] ?? 0);
  // Steps per write: 1 is one transaction per point, more is what a capture's flush does.
  const perWrite = Number(args['write-batch'] ?? 1);
  const period = 1000 / Number(args['write-hz'] ?? 10);
  let step = Number(args['start-step'] ?? 0);
  const writeOnce = async () => {
    const points = [];
    for (let k = 0; k < perWrite; k++) {
      step++;
      points.push({ metric: 'loss', step, value: 1 / step, time: step / 10 });
    }
    await Promise.all(
      Array.from({ length: runs }, (_, i) =>
        store.appendPoints(args['write-experiment'], `run-${offset + i}`, points),
      ),
    );
    written += runs * perWrite;
  };
  const loop = async () => {
    while (writing) {
      const started = performance.now();
      await writeOnce();
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, period - (performance.now() - started))),
      );
    }
  };
  writer = loop();
}

process.on('SIGTERM', async () => {
  writing = false;
  process.stdout.write(`WRITTEN ${written}\n`);
  http.close();
  await writer;
  await store.close();
  process.exit(0);
});
