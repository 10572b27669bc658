import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/launchChromium.mjs';

const appDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoRoot = join(appDir, '..', '..');
const artifacts = join(appDir, 'test-artifacts');
const logFile = join(
  repoRoot,
  'packages/parser/src/__tests__/fixtures/corpus/hf-trainer__alignment-handbook-issue-55.log',
);

const require = createRequire(import.meta.url);
const tsxLoader = join(dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs');
/** The directory the user "typed the command in": --log paths are relative to it. */
const userDir = mkdtempSync(join(tmpdir(), 'trainviz-demo-e2e-'));
const logName = basename(logFile);

let server: ChildProcess | undefined;
let serverOutput = '';
let baseUrl = '';
let browser: Browser | undefined;
let page: Page;
let problems: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function startDemo(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // As `npm run demo -- --log runs/x.log` typed in another directory starts it: npm runs the
    // script from the repository root and says where the user was in INIT_CWD.
    const child = spawn(
      process.execPath,
      [
        '--import',
        tsxLoader,
        'apps/demo/server/main.ts',
        '--port',
        String(port),
        '--interval-ms',
        '15',
        '--poll-ms',
        '100',
        '--log',
        join('runs', logName),
        '--log',
        join('runs', 'late.log'),
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, INIT_CWD: userDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    server = child;
    const timer = setTimeout(
      () => reject(new Error(`demo server did not start:\n${serverOutput}`)),
      60_000,
    );
    const collect = (chunk: Buffer) => {
      serverOutput += chunk.toString();
      const match = /trainviz demo: (http:\/\/\S+)/.exec(serverOutput);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo server exited with ${code}:\n${serverOutput}`));
    });
  });
}

async function shot(name: string): Promise<void> {
  // Recharts draws a line progressively (a growing stroke-dasharray) after each update; a screenshot
  // taken before it ends shows half a line. A live chart may start a new one: then take it as it is.
  await page
    .waitForFunction(
      () =>
        Array.from(document.querySelectorAll('path.tvz-line')).every(
          (path) => !path.getAttribute('stroke-dasharray'),
        ),
      undefined,
      { timeout: 15_000, polling: 200 },
    )
    .catch(() => {});
  await page.screenshot({ path: join(artifacts, `${name}.png`) });
}

function runButton(name: string): Locator {
  return page.locator(`.run-select[data-run-id="${name}"]`);
}

function chart(): Locator {
  return page.locator('.chart-card');
}

/** Number of points of the drawn line: one move-to plus one command per further point. */
async function drawnPoints(): Promise<number> {
  const d = await chart().locator('path.tvz-line').first().getAttribute('d');
  return d ? (d.match(/[ML]/g) ?? []).length : 0;
}

async function lineShape(): Promise<string> {
  return (await chart().locator('path.tvz-line').first().getAttribute('d')) ?? '';
}

async function selectRun(runId: string): Promise<void> {
  await runButton(runId).click();
  await expect.poll(() => page.locator('.run-title h1').textContent()).toBe(runId);
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  mkdirSync(join(userDir, 'runs'));
  copyFileSync(logFile, join(userDir, 'runs', logName));
  // A log last written two hours ago: a finished run, not one being written now.
  const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
  utimesSync(join(userDir, 'runs', logName), twoHoursAgo, twoHoursAgo);
  baseUrl = await startDemo(await freePort());
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(userDir, { recursive: true, force: true });
});

beforeEach(async () => {
  problems = [];
  if (!browser) throw new Error('no browser');
  page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
});

afterEach(async () => {
  await page.close();
  expect(problems, 'console errors, page errors and failed requests').toEqual([]);
});

describe('the demo page', () => {
  it('loads the experiment with every kind of run and no console errors', async () => {
    await page.goto(baseUrl);
    await expect.poll(() => page.locator('.run-select').count()).toBe(9);
    const names = await page.locator('.run-name').allTextContents();
    expect(names).toEqual(
      expect.arrayContaining([
        'sft-qwen7b-lr2e-5',
        'sft-qwen7b-lora-r64',
        'dpo-qwen7b-beta0.1',
        'sft-qwen7b-lr5e-5',
        'sft-qwen7b-baseline',
        'dpo-qwen7b-beta0.05',
        'sft-llama2-7b-2024',
        'hf-trainer__alignment-handbook-issue-55.log',
        'late.log',
      ]),
    );
    await expect
      .poll(() => runButton('dpo-qwen7b-beta0.05').locator('.pill').textContent())
      .toBe('Failed');
    await expect
      .poll(() => runButton('sft-qwen7b-baseline').locator('.pill').textContent())
      .toBe('Completed');
    expect(await runButton('sft-llama2-7b-2024').locator('.pill').textContent()).toBe('No metrics');
    expect(await runButton('sft-qwen7b-lr2e-5').locator('.pill').textContent()).toBe('Running');
    // The page opens on a live run, its terminal showing what the trainer printed.
    await expect.poll(() => page.locator('.run-title h1').textContent()).toBe('sft-qwen7b-lr2e-5');
    await expect.poll(() => page.getByTestId('terminal').textContent()).toContain("{'loss': ");
    await expect.poll(drawnPoints).toBeGreaterThan(10);
    await shot('01-overview');
  });

  it('grows the chart of a live run while it trains', async () => {
    await page.goto(`${baseUrl}/?run=sft-qwen7b-lora-r64`);
    await expect.poll(drawnPoints).toBeGreaterThan(10);
    const before = await drawnPoints();
    const stepBefore = await page.getByTestId('run-step').textContent();
    await expect.poll(drawnPoints, { timeout: 20_000 }).toBeGreaterThan(before + 3);
    await expect.poll(() => page.getByTestId('run-step').textContent()).not.toBe(stepBefore);
    await shot('02-live-run');
  });

  it('redraws when another run or another metric is chosen', async () => {
    await page.goto(`${baseUrl}/?run=sft-qwen7b-baseline`);
    await expect.poll(drawnPoints).toBeGreaterThan(100);
    const baseline = await lineShape();

    await selectRun('dpo-qwen7b-beta0.1');
    await expect.poll(lineShape).not.toBe(baseline);
    await expect
      .poll(() => page.getByTestId('terminal').textContent())
      .toContain('rewards/margins');
    const dpoLoss = await lineShape();

    const selector = chart().getByLabel('Metric');
    await expect
      .poll(() => selector.locator('option').allTextContents())
      .toContain('rewards/margins');
    await selector.selectOption('rewards/margins');
    await expect.poll(lineShape).not.toBe(dpoLoss);
    expect(await selector.inputValue()).toBe('rewards/margins');
    await shot('03-dpo-margins');

    // The chosen metric follows to the next run when it has it, and the page has a dark theme.
    await page.getByRole('button', { name: 'Dark mode' }).click();
    await selector.selectOption('learning_rate');
    await selectRun('sft-qwen7b-baseline');
    await expect.poll(() => chart().getByLabel('Metric').inputValue()).toBe('learning_rate');
    await expect.poll(lineShape).not.toBe(baseline);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await shot('04-dark-learning-rate');
  });

  it('compares three runs in a modal dialog', async () => {
    await page.goto(baseUrl);
    await expect.poll(() => page.locator('.run-select').count()).toBe(9);
    const compare = page.getByRole('button', { name: /^Compare \(\d\)$/ });
    expect(await compare.isDisabled()).toBe(true);
    for (const run of ['sft-qwen7b-lr2e-5', 'sft-qwen7b-lora-r64', 'sft-qwen7b-baseline']) {
      await page.getByLabel(`Compare ${run}`).check();
    }
    expect(await compare.textContent()).toBe('Compare (3)');
    await compare.click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect
      .poll(() => dialog.locator('path.tvz-line').count(), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(3);
    const text = await dialog.textContent();
    for (const run of ['sft-qwen7b-lr2e-5', 'sft-qwen7b-lora-r64', 'sft-qwen7b-baseline']) {
      expect(text).toContain(run);
    }
    // Focus stays inside the dialog.
    for (let i = 0; i < 12; i += 1) await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() =>
        document.querySelector('[role="dialog"]')?.contains(document.activeElement),
      ),
    ).toBe(true);
    await shot('05-compare');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('marks the point where the loss became NaN', async () => {
    await page.goto(`${baseUrl}/?run=sft-qwen7b-lr5e-5`);
    await expect
      .poll(() => chart().locator('.tvz-nonfinite').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => chart().textContent()).toMatch(/NaN/);
    await expect.poll(() => page.getByTestId('terminal').textContent()).toContain("'loss': nan");
    await shot('06-nan-run');
  });

  it('shows the empty state for the run without metrics', async () => {
    await page.goto(`${baseUrl}/?run=sft-llama2-7b-2024`);
    await expect.poll(() => chart().getByRole('status').textContent()).toMatch(/no metrics/i);
    expect(await chart().locator('path.tvz-line').count()).toBe(0);
    await shot('07-no-metrics');
  });

  it('keeps comparing live: three running runs gain points in the dialog', async () => {
    await page.goto(baseUrl);
    const live = ['sft-qwen7b-lr2e-5', 'sft-qwen7b-lora-r64', 'dpo-qwen7b-beta0.1'];
    for (const run of live) await page.getByLabel(`Compare ${run}`).check();
    await page.getByRole('button', { name: 'Compare (3)' }).click();
    const dialog = page.getByRole('dialog');
    const lines = dialog.locator('path.tvz-line');
    await expect.poll(() => lines.count(), { timeout: 20_000 }).toBe(3);
    const pointsPerLine = () =>
      lines.evaluateAll((paths) =>
        paths.map((path) => (path.getAttribute('d')?.match(/[ML]/g) ?? []).length),
      );
    const before = await pointsPerLine();
    // Each of the three lines grows: the comparison polls every run while it is running.
    await expect
      .poll(
        async () => {
          const now = await pointsPerLine();
          return now.every((count, i) => count > (before[i] ?? 0));
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(true);
    await shot('09-compare-live');
  });

  it('fits a 360 px phone: no sideways scrolling on the page or in the comparison', async () => {
    await page.setViewportSize({ width: 360, height: 760 });
    await page.goto(baseUrl);
    await expect.poll(drawnPoints).toBeGreaterThan(10);
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The theme toggle and the breadcrumb are on screen, not pushed off it.
    const toggle = await page.getByRole('button', { name: /mode/ }).boundingBox();
    expect((toggle?.x ?? 999) + (toggle?.width ?? 0)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(artifacts, '10-phone.png'), fullPage: true });

    for (const run of ['sft-qwen7b-lr2e-5', 'sft-qwen7b-baseline']) {
      await page.getByLabel(`Compare ${run}`).check();
    }
    await page.getByRole('button', { name: 'Compare (2)' }).click();
    const dialog = page.getByRole('dialog');
    await expect
      .poll(() => dialog.locator('path.tvz-line').count(), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
    expect(await overflow()).toBeLessThanOrEqual(0);
    const box = await dialog.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 999)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(artifacts, '11-phone-compare.png') });
  });

  it('shows a DPO run as panels of its loss and rewards, one hover step in all of them', async () => {
    await page.goto(`${baseUrl}/?run=dpo-qwen7b-beta0.1`);
    await expect.poll(drawnPoints).toBeGreaterThan(10);
    await page.getByRole('button', { name: 'Panels' }).click();
    const titles = chart().locator('.tvz-panel-title');
    await expect
      .poll(() => titles.allTextContents())
      .toEqual([
        'loss',
        'rewards/chosen',
        'rewards/rejected',
        'rewards/margins',
        'rewards/accuracies',
      ]);
    const grid = await chart().locator('.recharts-cartesian-grid').first().boundingBox();
    if (!grid) throw new Error('no plot');
    await page.mouse.move(grid.x + grid.width * 0.6, grid.y + grid.height / 2);
    await expect.poll(() => chart().locator('.tvz-tip').count()).toBe(5);
    const headers = await chart().locator('.tvz-tip-x').allTextContents();
    expect(new Set(headers).size).toBe(1);
    await page.screenshot({ path: join(artifacts, '13-panels.png'), fullPage: true });
  });

  it('keeps a run colour from its page to the comparison', async () => {
    await page.goto(`${baseUrl}/?run=sft-qwen7b-lora-r64`);
    const swatch = (scope: Locator) =>
      scope
        .getByRole('button', { name: 'sft-qwen7b-lora-r64' })
        .locator('span')
        .evaluate((node) => (node as HTMLElement).style.background);
    await expect.poll(drawnPoints).toBeGreaterThan(10);
    const own = await swatch(chart());
    for (const run of ['sft-qwen7b-baseline', 'sft-qwen7b-lr2e-5', 'sft-qwen7b-lora-r64']) {
      await page.getByLabel(`Compare ${run}`).check();
    }
    await page.getByRole('button', { name: 'Compare (3)' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.locator('path.tvz-line').count()).toBe(3);
    expect(await swatch(dialog)).toBe(own);
  });

  it('asks at most twice for a run that does not exist, shows the 404 once, and stops', async () => {
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/runs/deleted-run/metrics')) requests.push(request.url());
    });
    await page.goto(`${baseUrl}/?run=deleted-run`);
    const alert = chart().getByRole('alert');
    await expect.poll(() => alert.count(), { timeout: 20_000 }).toBe(1);
    expect(await alert.textContent()).toMatch(/not found|404/i);
    // Three poll intervals (3 s each) with the error shown: no new request, no flicker back.
    for (let i = 0; i < 9; i += 1) {
      await page.waitForTimeout(1000);
      expect(await alert.count()).toBe(1);
      expect(await chart().locator('[aria-busy="true"]').count()).toBe(0);
    }
    // The demo's QueryClient retries a failed request once: 2 requests at most, then none.
    expect(requests.length).toBeGreaterThanOrEqual(1);
    expect(requests.length).toBeLessThanOrEqual(2);
    await shot('12-run-not-found');
    // The 404s are what this test expects, not a problem of the page.
    problems = problems.filter(
      (problem) =>
        !problem.includes('/runs/deleted-run/metrics') && !problem.includes('status of 404'),
    );
  });

  it('charts a log file given with --log', async () => {
    await page.goto(baseUrl);
    await runButton('hf-trainer__alignment-handbook-issue-55').click();
    await expect
      .poll(() => page.locator('.run-title h1').textContent())
      .toBe('hf-trainer__alignment-handbook-issue-55.log');
    // The file holds 11 train records, at epochs 0.42 to 0.67.
    await expect.poll(drawnPoints).toBe(11);
    await expect
      .poll(() => page.getByTestId('terminal').textContent())
      .toContain("{'loss': 1.0238, 'learning_rate': 1.2462789068320016e-05, 'epoch': 0.42}");
    await shot('08-log-file');
  });

  it('lists a --log file that does not exist yet as waiting, and charts it once it appears', async () => {
    await page.goto(`${baseUrl}/?run=late`);
    await expect.poll(() => page.locator('.run-title h1').textContent()).toBe('late.log');
    const pill = runButton('late').locator('.pill');
    expect(await pill.textContent()).toBe('Waiting for file');
    expect(await page.locator('.run-title .pill').textContent()).toBe('Waiting for file');
    copyFileSync(logFile, join(userDir, 'runs', 'late.log'));
    await expect.poll(() => pill.textContent(), { timeout: 30_000 }).toBe('Running');
    await expect.poll(drawnPoints, { timeout: 30_000 }).toBe(11);
  });
});
