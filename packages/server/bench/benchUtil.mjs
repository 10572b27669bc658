// Shared by the benchmarks: percentiles and the server child process.
import { spawn } from 'node:child_process';

export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

export function summary(latencies) {
  return `n=${latencies.length} p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`;
}

/** Starts bench/serverProcess.mjs with `args`; resolves once it listens. */
export function startServer(args) {
  const child = spawn(
    process.execPath,
    [new URL('./serverProcess.mjs', import.meta.url).pathname, ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`the server process exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const port = /PORT (\d+)/.exec(out);
      if (port && !resolve.done) {
        resolve.done = true;
        resolve({
          baseUrl: `http://127.0.0.1:${port[1]}`,
          async stop() {
            const exited = new Promise((done) => child.once('exit', done));
            child.kill('SIGTERM');
            await exited;
            return Number(/WRITTEN (\d+)/.exec(out)?.[1] ?? 0);
          },
        });
      }
    });
  });
}
