import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/launchChromium.mjs';
import { serveStatic } from './serveStatic.mjs';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const staticDir = `${pkg}storybook-static`;
const artifacts = `${pkg}test-artifacts`;

interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
}

const index = JSON.parse(readFileSync(`${staticDir}/index.json`, 'utf8')) as {
  entries: Record<string, IndexEntry>;
};
const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');

/** Stories whose mocked endpoint answers an HTTP error on purpose: Chromium logs the failed fetch. */
const EXPECTED_HTTP_ERRORS = new Set([
  'charts-trainingmetricschart--error-with-retry',
  'charts-trainingmetricschart--render-error-override',
  'charts-runcomparison--one-run-failing',
]);

let browser: Browser;
let shared: BrowserContext;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await serveStatic(staticDir);
  browser = await launchChromium();
  // One context for all stories: its HTTP cache and the registered MSW worker are reused, each
  // story still gets a fresh page (fresh JS state, fresh QueryClient).
  shared = await browser.newContext({ viewport: { width: 1000, height: 760 } });
});

afterAll(async () => {
  await shared?.close();
  await browser?.close();
  await server?.close();
});

interface ChannelEvent {
  name: string;
  detail: string;
}

interface StoryPage {
  page: Page;
  problems: string[];
  events: ChannelEvent[];
}

/**
 * Opens a story in a new page, records every page error and console error, and waits
 * for Storybook to report the story finished (rendered and its play function done).
 */
async function openStory(id: string): Promise<StoryPage> {
  const page = await shared.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // Chromium asks every new origin for /favicon.ico, which Storybook does not ship.
    if (message.location().url.endsWith('/favicon.ico')) return;
    if (EXPECTED_HTTP_ERRORS.has(id) && /status of (4|5)\d\d/.test(text)) return;
    problems.push(`console error: ${text}`);
  });
  await page.addInitScript(() => {
    const names = [
      'storyRendered',
      'storyErrored',
      'storyThrewException',
      'playFunctionThrewException',
      'storyFinished',
    ];
    const store = { events: [] as { name: string; detail: string }[] };
    (window as unknown as { __tvzChannel: typeof store }).__tvzChannel = store;
    // The channel exists once the preview boots; attach before the story renders.
    const attach = () => {
      const channel = (
        window as unknown as {
          __STORYBOOK_ADDONS_CHANNEL__?: { on: (n: string, f: (p: unknown) => void) => void };
        }
      ).__STORYBOOK_ADDONS_CHANNEL__;
      if (!channel) {
        setTimeout(attach, 2);
        return;
      }
      for (const name of names) {
        channel.on(name, (payload) => {
          let detail = '';
          try {
            detail = JSON.stringify(payload)?.slice(0, 2000) ?? '';
          } catch {
            detail = String(payload);
          }
          store.events.push({ name, detail });
        });
      }
    };
    attach();
  });
  await page.goto(`${server.url}/iframe.html?id=${id}&viewMode=story`);
  await page.waitForFunction(
    () => {
      const store = (window as unknown as { __tvzChannel?: { events: { name: string }[] } })
        .__tvzChannel;
      const phase = (
        window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } }
      ).__STORYBOOK_PREVIEW__?.currentRender?.phase;
      return (
        store?.events.some((event) => event.name === 'storyFinished') ||
        phase === 'completed' ||
        phase === 'errored'
      );
    },
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  const events = await page.evaluate(
    () => (window as unknown as { __tvzChannel: { events: ChannelEvent[] } }).__tvzChannel.events,
  );
  return { page, problems, events };
}

/** Two animation frames: React has committed and the browser has painted. */
async function painted(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

/** Waits for Recharts' line animation (1.5 s by default) to end: the paths stop changing. */
async function settled(page: Page): Promise<void> {
  const signature = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('path.tvz-line')]
        .map((path) => `${path.getAttribute('d')}|${path.getAttribute('stroke-dasharray')}`)
        .join('\n'),
    );
  let previous = await signature();
  let stable = 0;
  for (let waited = 0; waited < 5000 && stable < 3; waited += 150) {
    await page.waitForTimeout(150);
    const next = await signature();
    stable = next === previous ? stable + 1 : 0;
    previous = next;
  }
}

async function xTicks(page: Page): Promise<number[]> {
  const texts = await page
    // Recharts 3 draws tick labels in a layer of their own; the x axis' are the centred ones.
    .locator('.recharts-cartesian-axis-tick-value[text-anchor="middle"]')
    .allTextContents();
  return texts.map((text) => Number(text.replace(/k$/, 'e3')));
}

async function plotBox(page: Page) {
  const box = await page.locator('.recharts-cartesian-grid').first().boundingBox();
  if (!box) throw new Error('no plot area');
  return box;
}

describe('every story in the built Storybook', () => {
  it('finds the stories', () => {
    expect(stories.length).toBeGreaterThanOrEqual(25);
  });

  for (const story of stories) {
    it(`${story.title} / ${story.name} renders and passes its play function`, async () => {
      const { page, problems, events } = await openStory(story.id);
      try {
        const failures = events.filter((event) =>
          ['storyErrored', 'storyThrewException', 'playFunctionThrewException'].includes(
            event.name,
          ),
        );
        expect(failures).toEqual([]);
        const finished = events.find((event) => event.name === 'storyFinished');
        expect(finished?.detail ?? '').toContain('"status":"success"');
        const root = page.locator('#storybook-root');
        expect(await root.evaluate((node) => node.childElementCount)).toBeGreaterThan(0);
        expect(await page.locator('body.sb-show-errordisplay').count()).toBe(0);
        await settled(page);
        await painted(page);
        await page.screenshot({ path: `${artifacts}/${story.id}.png`, fullPage: true });
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});

describe('the chart in Chromium', () => {
  it('draws the loss as a line with one vertex per point', async () => {
    const { page, problems } = await openStory('charts-trainingmetricschart--data');
    try {
      const d = await page.locator('path.tvz-line').first().getAttribute('d');
      // 300 points, "L<x>,<y>" each: far more than a stub path.
      expect(d?.split('L').length).toBe(300);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows the recorded value of each run at the hovered step in the tooltip', async () => {
    const { page, problems } = await openStory('charts-runcomparison--two-runs');
    try {
      const box = await plotBox(page);
      // The x domain is steps 0..100, so the middle of the plot is step 50.
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const tip = page.locator('.tvz-tip');
      await tip.waitFor({ state: 'visible', timeout: 5000 });
      const text = await tip.textContent();
      expect(text).toContain('step 50');
      expect(text).toContain('run-a: 1.6 (step 50)');
      expect(text).toContain('run-b: 1.95 (step 50)');
      await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2);
      await expect.poll(() => tip.textContent()).toContain('run-a: 1.38 (step 90)');
      expect(await tip.textContent()).toContain('run-b: 1.7 (step 90)');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('zooms to a dragged x range and Reset zoom restores the full range', async () => {
    const { page, problems } = await openStory('charts-trainingmetricschart--data');
    try {
      const full = await xTicks(page);
      // Steps 0..2990: the axis starts at 0 and its ticks reach 2k or more.
      expect(full[0]).toBe(0);
      expect(Math.max(...full)).toBeGreaterThanOrEqual(2000);
      const reset = page.getByRole('button', { name: 'Reset zoom' });
      await expect.poll(() => reset.isDisabled()).toBe(true);
      const box = await plotBox(page);
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width * 0.25, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.5, y, { steps: 8 });
      await page.mouse.move(box.x + box.width * 0.75, y, { steps: 8 });
      await page.mouse.up();
      await expect.poll(() => reset.isDisabled()).toBe(false);
      const zoomed = await xTicks(page);
      // About steps 750..2240 remain.
      expect(Math.min(...zoomed)).toBeGreaterThan(500);
      expect(Math.max(...zoomed)).toBeLessThan(2500);
      await reset.click();
      await expect.poll(() => xTicks(page)).toEqual(full);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('follows one hover step in every panel, and zooms every panel with one drag', async () => {
    const { page, problems } = await openStory('charts-metric-panels--sft-preset');
    try {
      const grids = page.locator('.recharts-cartesian-grid');
      await expect.poll(() => grids.count()).toBe(4);
      const first = await grids.first().boundingBox();
      if (!first) throw new Error('no plot');
      await page.mouse.move(first.x + first.width * 0.5, first.y + first.height / 2);
      const tips = page.locator('.tvz-tip');
      await expect.poll(() => tips.count()).toBe(4);
      const headers = await page.locator('.tvz-tip-x').allTextContents();
      // The same step in all four panels.
      expect(new Set(headers).size).toBe(1);
      expect(headers[0]).toMatch(/^step \d/);
      // Smoothing off: the raw value alone; the eval loss gives its nearest recorded point.
      const evalTip = await tips.nth(1).textContent();
      expect(evalTip).toMatch(/sft-lr2e-5: [\d.]+ \(step \d+00\)/);
      await page.screenshot({ path: `${artifacts}/panels-shared-hover.png`, fullPage: true });

      const reset = page.getByRole('button', { name: 'Reset zoom' });
      const y = first.y + first.height / 2;
      await page.mouse.move(first.x + first.width * 0.3, y);
      await page.mouse.down();
      await page.mouse.move(first.x + first.width * 0.6, y, { steps: 10 });
      await page.mouse.up();
      await expect.poll(() => reset.isDisabled()).toBe(false);
      // Every panel shows the same, zoomed, x ticks.
      const ticksOf = (i: number) =>
        page
          .locator('.recharts-wrapper')
          .nth(i)
          .locator('.recharts-cartesian-axis-tick-value[text-anchor="middle"]')
          .allTextContents();
      const zoomed = await ticksOf(0);
      for (const i of [1, 2, 3]) expect(await ticksOf(i)).toEqual(zoomed);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('keeps the tooltip inside a phone-width chart at its right edge', async () => {
    const { page, problems } = await openStory('charts-metric-panels--phone');
    try {
      const grid = await page.locator('.recharts-cartesian-grid').first().boundingBox();
      if (!grid) throw new Error('no plot');
      await page.mouse.move(grid.x + grid.width - 2, grid.y + grid.height / 2);
      const tip = page.locator('.tvz-tip').first();
      await tip.waitFor({ state: 'visible', timeout: 5000 });
      const tipBox = await tip.boundingBox();
      const plot = await page.locator('.tvz-plot').first().boundingBox();
      if (!tipBox || !plot) throw new Error('no boxes');
      expect(tipBox.x).toBeGreaterThanOrEqual(plot.x);
      expect(tipBox.x + tipBox.width).toBeLessThanOrEqual(plot.x + plot.width + 0.5);
      await page.screenshot({ path: `${artifacts}/phone-tooltip.png`, fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('marks the NaN at the top of the plot and says where the loss became NaN', async () => {
    const { page, problems } = await openStory('charts-trainingmetricschart--na-n-markers');
    try {
      // The markers' module is loaded when the plot meets the NaN: they follow the first draw.
      await expect.poll(() => page.locator('.tvz-nonfinite').count()).toBeGreaterThanOrEqual(1);
      const note = page.getByText(/^loss became NaN at step 1234/);
      await note.waitFor({ state: 'visible' });
      expect(await note.textContent()).toBe(
        'loss became NaN at step 1234 (2 more non-finite points)',
      );
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
