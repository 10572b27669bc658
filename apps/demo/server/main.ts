import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteMetricStore } from '@trainviz/server';
import { createDemoRuns } from './createDemoRuns';
import { createDemoServer } from './createDemoServer';
import { type DemoArgs, demoUsage, parseDemoArgs } from './parseDemoArgs';

const experimentId = 'qwen2.5-7b-chat';
const title = 'Qwen2.5-7B chat alignment';
const appDir = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);

function readArgs(): DemoArgs {
  try {
    return parseDemoArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`trainviz demo: ${(error as Error).message}\n\n${demoUsage}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const args = readArgs();
  if (args.help) {
    console.log(demoUsage);
    return;
  }
  for (const file of args.logs) {
    if (!existsSync(file)) {
      console.warn(
        `trainviz demo: --log ${file}: no such file; listed as "waiting for file" until it appears`,
      );
    }
  }
  const tempDir = args.db === null ? mkdtempSync(join(tmpdir(), 'trainviz-demo-')) : null;
  const store = createSqliteMetricStore({
    filename: args.db ?? join(tempDir ?? '.', 'metrics.db'),
  });
  const runs = await createDemoRuns({
    store,
    experimentId,
    intervalMs: args.intervalMs,
    logs: args.logs,
    pollMs: args.pollMs,
    simulate: args.simulate,
  });
  const openapiPath = join(
    dirname(require.resolve('@trainviz/client/package.json')),
    'openapi.json',
  );
  const server = createDemoServer({
    store,
    experimentId,
    title,
    runs: () => runs.entries,
    distDir: join(appDir, 'dist'),
    openapiPath,
    storybookDir: join(appDir, '..', '..', 'packages', 'react', 'storybook-static'),
  });

  let closing = false;
  async function shutdown(): Promise<void> {
    if (closing) return;
    closing = true;
    server.close();
    server.closeAllConnections();
    await runs.stop();
    await store.close().catch(() => {});
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    process.exit(0);
  }
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `trainviz demo: port ${args.port} is in use; try --port ${args.port + 1}`
        : `trainviz demo: ${error.message}`,
    );
    void runs.stop().then(() => process.exit(1));
  });
  server.listen(args.port, args.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : args.port;
    console.log(`trainviz demo: http://${args.host}:${port}`);
    console.log(
      `  metrics endpoint: http://${args.host}:${port}/api/experiments/${experimentId}/runs/{runId}/metrics`,
    );
    console.log(`  OpenAPI document: http://${args.host}:${port}/api/openapi.json`);
    console.log(`  Storybook:        http://${args.host}:${port}/storybook/`);
  });
}

main().catch((error: unknown) => {
  console.error(`trainviz demo: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
