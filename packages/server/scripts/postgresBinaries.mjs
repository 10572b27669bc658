// Finds the PostgreSQL server binaries (initdb, pg_ctl) the tests and benchmarks start a
// throwaway cluster with; on Debian as root, installs them with apt-get when they are missing.
// Used by `npm test` (via ensurePostgres.mjs) and by the test and bench helpers.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const INSTALL_LINE = 'sudo apt-get install -y postgresql';

/** The directory holding initdb and pg_ctl, or null. */
export function findPostgresBin() {
  const candidates = [];
  if (process.env.TRAINVIZ_PG_BIN) candidates.push(process.env.TRAINVIZ_PG_BIN);
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  }
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // No pg_config on the PATH.
  }
  return (
    candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ??
    null
  );
}

/**
 * The binaries' directory; installs Debian's postgresql when run as root on Debian, otherwise
 * throws with the exact install line.
 */
export function ensurePostgresBin() {
  const found = findPostgresBin();
  if (found) return found;
  const root = process.getuid?.() === 0;
  if (root && existsSync('/etc/debian_version')) {
    console.error("[trainviz] PostgreSQL is missing: installing Debian's postgresql with apt-get");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'postgresql']]) {
      const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
      if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
    }
    const installed = findPostgresBin();
    if (installed) return installed;
  }
  throw new Error(
    `The @trainviz/server tests need a PostgreSQL server (initdb, pg_ctl) and none was found: run \`${INSTALL_LINE}\` (or set TRAINVIZ_PG_BIN to its bin directory).`,
  );
}
