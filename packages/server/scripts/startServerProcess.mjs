// Starts scripts/serverProcess.mjs as a child process (benchmarks and integration tests).
import { spawn } from 'node:child_process';

/** Starts scripts/serverProcess.mjs with `args`; resolves once it listens. */
export function startServerProcess(args) {
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
