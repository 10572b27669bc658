// Benchmark of the PostgreSQL store behind the real HTTP server, on a throwaway local cluster
// (initdb in a temp directory; fsync off, so writes cost less than on a real server).
// 100 runs each get 10 points a second (4 writer processes standing for 100 captures; batched
// as a capture's flush does, then one transaction per point as the worst case) while 50 clients
// poll them with since_step through one server process:
//   [1] paced like live charts (each client every 250 ms): p50 / p99 / max latency, requests/s;
//   [2] closed loop (each client polls again as soon as it has an answer): the same figures.
// Run `npm run build` first; imports dist/. Usage: node bench/postgres.bench.mjs [--seconds 15]
import { parseArgs } from 'node:util';
import { createTrainvizClient } from '@trainviz/client';
import pg from 'pg';
import { createPostgresMetricStore } from '../dist/index.js';
import { startPostgresCluster } from '../scripts/postgresCluster.mjs';
import { startServerProcess } from '../scripts/startServerProcess.mjs';
import { summary } from './benchUtil.mjs';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '15' } } });
const SECONDS = Number(values.seconds);
const RUNS = 100;
const WRITERS = 4;
const CLIENTS = 50;
const HISTORY = 2000;

const cluster = await startPostgresCluster();
try {
  const admin = new pg.Pool({ connectionString: cluster.connectionString, max: 1 });
  await admin.query('CREATE DATABASE bench');
  await admin.end();
  const url = cluster.url('bench');

  // Seed: 100 running runs with 2000 steps of loss each.
  const seed = createPostgresMetricStore({ connectionString: url });
  for (let i = 0; i < RUNS; i++) {
    await seed.upsertRun({ experimentId: 'live', runId: `run-${i}`, status: 'running' });
    const batch = [];
    for (let step = 1; step <= HISTORY; step++)
      batch.push({ metric: 'loss', step, value: 1 / step, time: step / 10 });
    await seed.appendPoints('live', `run-${i}`, batch);
  }
  await seed.close();
  console.log(`seeded ${RUNS} runs x ${HISTORY} points on PostgreSQL at ${url}`);

  async function scenario(label, hz, batch) {
    const writers = [];
    for (let w = 0; w < WRITERS; w++) {
      writers.push(
        await startServerProcess([
          '--store',
          `postgres:${url}`,
          '--write-experiment',
          'live',
          '--write-runs',
          String(RUNS / WRITERS),
          '--write-offset',
          String((w * RUNS) / WRITERS),
          '--write-hz',
          String(hz),
          '--write-batch',
          String(batch),
          '--start-step',
          String(step),
        ]),
      );
    }
    const server = await startServerProcess(['--store', `postgres:${url}`]);
    const client = createTrainvizClient({ baseUrl: server.baseUrl });

    async function poll(seconds, pauseMs) {
      const latencies = [];
      let points = 0;
      const started = performance.now();
      const until = started + seconds * 1000;
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, i) => {
          // Each client follows two runs in turn, so all 100 are read.
          const runs = [`run-${i}`, `run-${i + CLIENTS}`];
          const last = new Map();
          for (const run of runs) {
            last.set(
              run,
              (await client.getRunMetrics('live', run, { sinceStep: step - 1 })).lastStep,
            );
          }
          await new Promise((resolve) => setTimeout(resolve, (i * (pauseMs || 10)) / CLIENTS));
          for (let k = 0; performance.now() < until; k++) {
            const run = runs[k % 2];
            const t = performance.now();
            const answer = await client.getRunMetrics('live', run, { sinceStep: last.get(run) });
            latencies.push(performance.now() - t);
            points += answer.metrics.loss?.steps.length ?? 0;
            last.set(run, answer.lastStep ?? last.get(run));
            if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      return { latencies, points, perSecond: latencies.length / elapsed };
    }

    await poll(2, 250); // warm-up, not measured
    const paced = await poll(SECONDS, 250);
    const closed = await poll(SECONDS, 0);
    await server.stop();
    let written = 0;
    for (const writer of writers) written += await writer.stop();
    // The next scenario starts after every step any writer reached here.
    step += Math.ceil(written / RUNS) + 100;
    console.log(
      `\n${label}: ${written} points written meanwhile; ${CLIENTS} clients poll with since_step`,
    );
    console.log(
      `  [1] every 250 ms: ${summary(paced.latencies)}, ${paced.perSecond.toFixed(0)} requests/s, ${paced.points} new points`,
    );
    console.log(
      `  [2] closed loop:  ${summary(closed.latencies)}, ${closed.perSecond.toFixed(0)} requests/s, ${closed.points} new points`,
    );
  }

  let step = HISTORY;
  await scenario(
    `${RUNS} runs x 10 points/s, batched as a capture flushing every 500 ms (5 points a write)`,
    2,
    5,
  );
  await scenario(`${RUNS} runs x 10 points/s, one transaction per point (worst case)`, 10, 1);
} finally {
  cluster.stop();
}
