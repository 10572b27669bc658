import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTrainvizClient, mergeRunMetrics, type RunMetrics } from '@trainviz/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type PostgresCluster, startPostgresCluster } from '../../scripts/postgresCluster.mjs';
import { type ServerProcess, startServerProcess } from '../../scripts/startServerProcess.mjs';

// Three capture processes write three runs into one PostgreSQL database; two separate HTTP server
// processes read them; live charts (the real client, polling with since_step and merging) read
// each run through both servers in turn. Uses the built package: `npm run build` first (turbo
// does it before `npm test`).

const CAPTURE = fileURLToPath(new URL('./fixtures/captureProcess.mjs', import.meta.url));
const METRICS = ['loss', 'learning_rate', 'grad_norm'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let cluster: PostgresCluster;
let url: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  cluster = await startPostgresCluster();
  const admin = new pg.Pool({ connectionString: cluster.connectionString, max: 1 });
  await admin.query('CREATE DATABASE integration');
  await admin.end();
  url = cluster.url('integration');
  for (let i = 0; i < 2; i++) {
    servers.push(
      await startServerProcess(['--store', `postgres:${url}`, '--interrupted-after-ms', '5000']),
    );
  }
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  cluster?.stop();
});

/** A capture process; `printed()` is the last step it handed to its capture. */
function capture(runId: string, steps?: number): { child: ChildProcess; printed: () => number } {
  const args = [CAPTURE, '--store', `postgres:${url}`, '--experiment', 'exp', '--run', runId];
  if (steps !== undefined) args.push('--steps', String(steps));
  args.push('--interval', '15');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    for (const match of chunk.toString().matchAll(/STEP (\d+)/g)) printed = Number(match[1]);
  });
  return { child, printed: () => printed };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** Every response must be a snapshot: no point past last_step, steps strictly ascending. */
function expectConsistent(run: RunMetrics): void {
  for (const name of METRICS) {
    const steps = run.metrics[name]?.steps ?? [];
    for (let i = 1; i < steps.length; i++) {
      expect(steps[i] as number).toBeGreaterThan(steps[i - 1] as number);
    }
    if (steps.length > 0) expect(steps.at(-1)).toBeLessThanOrEqual(run.lastStep ?? -1);
  }
}

/**
 * A live chart of one run: polls with since_step through the two servers alternately until the
 * run is no longer running, counting how often each step arrives.
 */
async function follow(runId: string): Promise<{ data: RunMetrics; seen: Map<number, number> }> {
  const clients = servers.map((server) => createTrainvizClient({ baseUrl: server.baseUrl }));
  const seen = new Map<number, number>();
  const count = (run: RunMetrics) => {
    for (const step of run.metrics.loss?.steps ?? []) seen.set(step, (seen.get(step) ?? 0) + 1);
  };
  let data: RunMetrics | null = null;
  for (let i = 0; ; i++) {
    const client = clients[i % clients.length] as (typeof clients)[number];
    let run: RunMetrics;
    try {
      run = await client.getRunMetrics(
        'exp',
        runId,
        data ? { sinceStep: data.lastStep ?? -1 } : {},
      );
    } catch (error) {
      // Before the capture created the run.
      if ((error as { status?: number }).status === 404 && !data) {
        await sleep(50);
        continue;
      }
      throw error;
    }
    expectConsistent(run);
    count(run);
    data = data ? mergeRunMetrics(data, run) : run;
    if (run.status !== 'running' && run.status !== 'pending') return { data, seen };
    await sleep(60);
  }
}

describe('PostgreSQL: three capture processes, two server processes, live clients', () => {
  it('delivers every printed point exactly once, consistently, and marks a killed capture interrupted', async () => {
    const a = capture('run-a', 150);
    const b = capture('run-b', 150);
    const c = capture('run-c');
    const killer = (async () => {
      await vi.waitFor(() => expect(c.printed()).toBeGreaterThan(60), {
        timeout: 60_000,
        interval: 50,
      });
      c.child.kill('SIGKILL');
    })();
    const [followedA, followedB, followedC] = await Promise.all([
      follow('run-a'),
      follow('run-b'),
      follow('run-c'),
      killer,
    ]);
    expect(await exited(a.child)).toBe(0);
    expect(await exited(b.child)).toBe(0);

    const allSteps = Array.from({ length: 150 }, (_, i) => i + 1);
    for (const { data, seen } of [followedA, followedB]) {
      expect(data.status).toBe('completed');
      expect(data.lastStep).toBe(150);
      for (const name of METRICS) expect(data.metrics[name]?.steps).toEqual(allSteps);
      expect(data.metrics.loss?.values[9]).toBeCloseTo(1 / 10, 6);
      expect(data.metrics.grad_norm?.values[9]).toBeCloseTo(1 / 10 + 2, 6);
      // Exactly once: no poll repeated a step, none was skipped.
      expect([...seen.keys()].sort((x, y) => x - y)).toEqual(allSteps);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
    }

    const { data: killed, seen: seenC } = followedC;
    expect(killed.status).toBe('interrupted');
    const lastStep = killed.lastStep ?? 0;
    // What a killed capture loses is at most what it had not flushed yet.
    expect(lastStep).toBeGreaterThan(40);
    expect(lastStep).toBeLessThanOrEqual(c.printed());
    const kept = Array.from({ length: lastStep }, (_, i) => i + 1);
    for (const name of METRICS) expect(killed.metrics[name]?.steps).toEqual(kept);
    expect([...seenC.values()].every((n) => n === 1)).toBe(true);

    // Both servers agree on every run, read fresh.
    for (const server of servers) {
      const client = createTrainvizClient({ baseUrl: server.baseUrl });
      const runs = await client.listRuns('exp');
      expect(runs.map((run) => [run.runId, run.status])).toEqual([
        ['run-a', 'completed'],
        ['run-b', 'completed'],
        ['run-c', 'interrupted'],
      ]);
      const again = await client.getRunMetrics('exp', 'run-c', { maxPoints: 10 });
      expect(again.totalPoints?.loss).toBe(lastStep);
    }
  });
});
