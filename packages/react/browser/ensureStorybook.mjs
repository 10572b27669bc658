// Builds the static Storybook when storybook-static is missing or older than any story, component
// or Storybook config file, so `npm run test:browser` never tests a stale build.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const built = join(pkg, 'storybook-static', 'index.json');
const inputs = [
  join(pkg, 'src'),
  join(pkg, '..', '..', '.storybook'),
  join(pkg, '..', 'client', 'src'),
  join(pkg, '..', 'parser', 'src'),
];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === '__tests__') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const changedAt = Math.max(...inputs.filter((path) => existsSync(path)).map(newest));
if (changedAt > builtAt) {
  console.log(
    builtAt === 0 ? 'storybook-static missing: building' : 'storybook-static stale: rebuilding',
  );
  execSync('npm run build-storybook', { cwd: pkg, stdio: 'inherit' });
} else {
  console.log('storybook-static is up to date');
}
