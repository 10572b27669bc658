// A throwaway PostgreSQL cluster for tests and benchmarks: initdb in a temp directory, a free
// loopback port, started with pg_ctl (as the unprivileged `postgres` user when run as root,
// since PostgreSQL refuses to run as root), stopped and deleted by stop().
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePostgresBin } from './postgresBinaries.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a cluster; resolves `{ connectionString, url(database), stop() }`. */
export async function startPostgresCluster() {
  const bin = ensurePostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'trainviz-pg-'));
  const data = join(dir, 'data');
  const root = process.getuid?.() === 0;
  let asUser = (command, args) => [command, args];
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    asUser = (command, args) => ['runuser', ['-u', 'postgres', '--', command, ...args]];
  }
  const run = (command, args) => {
    const [file, argv] = asUser(join(bin, command), args);
    // -l below keeps the server's output out of our pipes, so this returns once it started.
    const result = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) {
      throw new Error(`${command} failed (${result.status}): ${result.stderr || result.stdout}`);
    }
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    // A throwaway cluster: durability is not the point, speed on a busy machine is.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', settings, '-w', '-t', '120', 'start']);
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    connectionString: url(),
    url,
    port,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
