import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { RunMetrics } from '@trainviz/client';
import { createTrainvizClient, encodeRunMetrics } from '@trainviz/client';
import { lowerBound } from '@trainviz/client/series';
import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { Line, LineChart, XAxis, YAxis } from 'recharts';
import { TrainingMetricsChart } from '../src/components/TrainingMetricsChart';
import { TrainvizProvider } from '../src/components/TrainvizProvider';
import { runMetricsQueryOptions } from '../src/runMetricsQueryOptions';

/**
 * One first-render measurement asked for by `render.bench.mjs`.
 *
 * @example
 * ```ts
 * await window.measureFirst({ chart: 'trainviz', points: 1_000_000, runs: 3 });
 * ```
 */
export interface FirstRequest {
  /**
   * `trainviz`: TrainingMetricsChart on a filled cache; `recharts`: a LineChart given every point;
   * `panels`: TrainingMetricsChart with the SFT panels (loss, eval_loss, learning_rate, grad_norm,
   * each recorded at every step).
   */
  chart: 'trainviz' | 'recharts' | 'panels';
  points: number;
  runs: number;
}

/**
 * A live measurement: `TrainingMetricsChart isLive` polling the mocked endpoint, which grows every
 * run by `append` points on each poll.
 *
 * @example
 * ```ts
 * await window.measurePolls({ points: 1_000_000, runs: 3, append: 100, intervalMs: 1000, durationMs: 10_000 });
 * ```
 */
export interface PollRequest {
  points: number;
  runs: number;
  append: number;
  intervalMs: number;
  durationMs: number;
}

/**
 * What a live measurement saw: per poll of a run, ms from its request to the paint showing its new
 * points; long tasks (over 50 ms) while polling.
 *
 * @example
 * ```ts
 * const { repaintMs, longTasks } = await window.measurePolls(request);
 * ```
 */
export interface PollResult {
  repaintMs: number[];
  longTasks: number[];
  polls: number;
  /** Per poll, ms from its request to its merged data in the query cache (in arrival order). */
  toCacheMs: number[];
  /** Requests without `since_step` while polling: each one refetches the whole series. */
  fullFetches: number;
}

declare global {
  interface Window {
    measureFirst: (request: FirstRequest) => Promise<number>;
    measurePolls: (request: PollRequest) => Promise<PollResult>;
    /** `measurePolls` in two halves, so a profiler can record the polling alone. */
    startPolls: (request: PollRequest) => Promise<void>;
    runPolls: () => Promise<PollResult>;
    benchReady: boolean;
    /** The last `measureFirst`'s time to the lines in the DOM, before any paint (main thread). */
    lastDomMs: number;
  }
}

const WIDTH = 800;
const HEIGHT = 320;
const EXPERIMENT = 'bench';

function series(points: number, seed: number, from = 0): { steps: number[]; values: number[] } {
  const steps: number[] = [];
  const values: number[] = [];
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let i = from; i < from + points; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const noise = ((state >>> 0) / 4294967296 - 0.5) * 0.3;
    steps.push(i);
    values.push(0.4 + 2.2 * Math.exp(-i / 200_000) + noise * Math.exp(-i / 500_000));
  }
  return { steps, values };
}

/**
 * The mocked metrics endpoint: runs held in memory, answered through the client's own encoder as
 * JSON, with `since_step` honoured. With `grow`, each incremental request first appends that many
 * points to its run, as a training run does between two polls.
 */
const SFT_METRICS = ['loss', 'eval_loss', 'learning_rate', 'grad_norm'];

function mockEndpoint(runIds: readonly string[], points: number, metricNames = ['loss']) {
  const runs = new Map(
    runIds.map((id, i) => [
      id,
      new Map(metricNames.map((name, m) => [name, series(points, i + 1 + 100 * m)])),
    ]),
  );
  let grow = 0;
  let full = 0;
  const requests: { at: number; runId: string }[] = [];
  const fetch = async (input: string | URL | Request): Promise<Response> => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input : input.url,
    );
    // /api/experiments/{experiment}/runs/{run}/metrics
    const runId = decodeURIComponent(url.pathname.split('/')[5] ?? '');
    const run = runs.get(runId);
    if (!run) return new Response('{"error":"not_found","message":"no run"}', { status: 404 });
    const since = url.searchParams.get('since_step');
    if (since === null) full++;
    const metrics: RunMetrics['metrics'] = {};
    let lastStep: number | null = null;
    if (since !== null) requests.push({ at: performance.now(), runId });
    for (const [name, data] of run) {
      if (since !== null && grow > 0) {
        const more = series(grow, 7, data.steps.length);
        for (let i = 0; i < grow; i++) {
          data.steps.push(more.steps[i] as number);
          data.values.push(more.values[i] as number);
        }
      }
      const from = since === null ? 0 : lowerBound(data.steps, Number(since) + 1);
      metrics[name] = { steps: data.steps.slice(from), values: data.values.slice(from) };
      lastStep = data.steps[data.steps.length - 1] ?? lastStep;
    }
    const body: RunMetrics = {
      experimentId: EXPERIMENT,
      runId,
      status: 'running',
      lastStep,
      updatedAt: new Date(0).toISOString(),
      startedAt: null,
      stepSource: 'explicit',
      restarts: [],
      metrics,
    };
    return new Response(JSON.stringify(encodeRunMetrics(body)), {
      headers: { 'content-type': 'application/json' },
    });
  };
  return {
    // Four metrics of a million points are about 70 MB of JSON, past the client's 64 MB default
    // cap: a host with runs that long raises it, as this one does.
    client: createTrainvizClient({
      baseUrl: 'http://bench.invalid/api',
      fetch,
      maxResponseBytes: 512 * 1024 * 1024,
    }),
    requests,
    fullFetches: () => full,
    setGrowth: (count: number) => {
      grow = count;
    },
  };
}

function PlainRecharts(props: { runs: { id: string; rows: { x: number; y: number }[] }[] }) {
  return (
    <LineChart width={WIDTH} height={HEIGHT}>
      <XAxis type="number" dataKey="x" domain={['dataMin', 'dataMax']} />
      <YAxis type="number" />
      {props.runs.map((run) => (
        <Line
          key={run.id}
          data={run.rows}
          dataKey="y"
          isAnimationActive={false}
          dot={false}
          stroke="#0072b2"
        />
      ))}
    </LineChart>
  );
}

const nextPaint = () =>
  new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
const tick = () => new Promise<void>((done) => setTimeout(done, 0));

/** Waits until `ready()` holds, checking after every task, then for the paint. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) {
    const alert = document.querySelector('[role="alert"]');
    if (alert) throw new Error(`the chart shows an error: ${alert.textContent}`);
    await tick();
  }
  await nextPaint();
}

function pathsDrawn(container: HTMLElement, runs: number): boolean {
  // trainviz draws its lines as `path.tvz-line`; plain Recharts as its Line components' curves.
  return container.querySelectorAll('path.tvz-line, path.recharts-line-curve').length >= runs;
}

/** Point counts per run from the chart's screen-reader summary (`run-0 1000100 points, ...`). */
function pointCounts(container: HTMLElement): number[] {
  const label = container.querySelector('[role="img"]')?.getAttribute('aria-label') ?? '';
  return [...label.matchAll(/ (\d+) points/g)].map((match) => Number(match[1]));
}

function mount(): { container: HTMLElement; root: ReturnType<typeof createRoot> } {
  const container = document.createElement('div');
  container.style.width = `${WIDTH}px`;
  document.body.replaceChildren(container);
  return { container, root: createRoot(container) };
}

function providers(client: ReturnType<typeof mockEndpoint>['client'], queryClient: QueryClient) {
  return (children: ReactNode) => (
    <QueryClientProvider client={queryClient}>
      <TrainvizProvider client={client}>{children}</TrainvizProvider>
    </QueryClientProvider>
  );
}

/**
 * Fetches every run through the real query function (client, decoder, cache), as a host's
 * `prefetchQuery` or an earlier page would: the first render then starts from a filled cache.
 */
async function filledCache(endpoint: ReturnType<typeof mockEndpoint>, runIds: readonly string[]) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  await Promise.all(
    runIds.map((runId) =>
      queryClient.prefetchQuery(runMetricsQueryOptions(endpoint.client, EXPERIMENT, runId)),
    ),
  );
  return queryClient;
}

const runIdsOf = (runs: number) => Array.from({ length: runs }, (_, i) => `run-${i}`);

window.measureFirst = async ({ chart, points, runs }) => {
  const runIds = runIdsOf(runs);
  const { container, root } = mount();
  let element: ReactNode;
  let queryClient: QueryClient | null = null;
  if (chart === 'recharts') {
    // Rows made before the clock starts: shaping data is the host's work there.
    const rows = runIds.map((id, i) => {
      const data = series(points, i + 1);
      return { id, rows: data.steps.map((x, j) => ({ x, y: data.values[j] as number })) };
    });
    element = <PlainRecharts runs={rows} />;
  } else {
    const panels = chart === 'panels';
    const endpoint = mockEndpoint(runIds, points, panels ? SFT_METRICS : ['loss']);
    queryClient = await filledCache(endpoint, runIds);
    element = providers(
      endpoint.client,
      queryClient,
    )(
      <TrainingMetricsChart
        experimentId={EXPERIMENT}
        runIds={runIds}
        height={HEIGHT}
        {...(panels ? { metrics: 'sft' as const } : {})}
      />,
    );
  }
  // The setup's garbage (up to 3M points generated, encoded and decoded) collected first, then a
  // quiet moment for the collector's background work: the chart mounts on an idle page.
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise<void>((done) => setTimeout(done, 200));
  await nextPaint();
  const t0 = performance.now();
  flushSync(() => root.render(element));
  const lines = chart === 'panels' ? runs * SFT_METRICS.length : runs;
  // Time to the lines in the DOM: the main thread's work, free of the frame the paint waits for.
  while (!pathsDrawn(container, lines)) await tick();
  window.lastDomMs = performance.now() - t0;
  await until(() => pathsDrawn(container, lines));
  const ms = performance.now() - t0;
  root.unmount();
  // The cache would keep 3 million points per measurement alive for its 5 min gcTime.
  queryClient?.clear();
  return ms;
};

let live: (() => Promise<PollResult>) | null = null;

window.measurePolls = async (request) => {
  await window.startPolls(request);
  return window.runPolls();
};

window.runPolls = () => (live as () => Promise<PollResult>)();

window.startPolls = async ({ points, runs, append, intervalMs, durationMs }) => {
  const runIds = runIdsOf(runs);
  const endpoint = mockEndpoint(runIds, points);
  const queryClient = await filledCache(endpoint, runIds);
  const { container, root } = mount();
  root.render(
    providers(
      endpoint.client,
      queryClient,
    )(
      <TrainingMetricsChart
        experimentId={EXPERIMENT}
        runIds={runIds}
        height={HEIGHT}
        isLive
        pollIntervalMs={intervalMs}
      />,
    ),
  );
  await until(() => pathsDrawn(container, runs));
  live = async () => {
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    endpoint.setGrowth(append);
    const fullBefore = endpoint.fullFetches();
    const start = performance.now();
    const repaintMs: number[] = [];
    // Per run: the oldest request not yet seen drawn, and the count it must reach. Checked once a
    // frame; a run drawn in one frame is painted by the next.
    const counts = pointCounts(container);
    // When each poll's merged data reached the cache: splits a repaint into fetch + merge and draw.
    const cached: number[] = [];
    const stopCache = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'success')
        cached.push(performance.now());
    });
    const requestsBefore = endpoint.requests.length;
    let seen = endpoint.requests.length;
    const waiting = new Map<number, { at: number; count: number }>();
    // Each commit that changes the chart's summary is checked at once (a mutation observer runs
    // right after React writes the DOM); a run whose new points are drawn is timed at the paint of
    // that frame: the task after the next animation frame callback runs once the frame is painted.
    const check = () => {
      for (; seen < endpoint.requests.length; seen++) {
        const request = endpoint.requests[seen] as { at: number; runId: string };
        const index = runIds.indexOf(request.runId);
        const pending = waiting.get(index);
        const count = (pending?.count ?? counts[index] ?? points) + append;
        waiting.set(index, { at: pending?.at ?? request.at, count });
      }
      const now = pointCounts(container);
      const drawn = [...waiting].filter(([index, { count }]) => (now[index] ?? 0) >= count);
      for (const [index] of drawn) {
        counts[index] = now[index] as number;
        waiting.delete(index);
      }
      if (drawn.length > 0) {
        requestAnimationFrame(() =>
          setTimeout(() => {
            const painted = performance.now();
            for (const [, { at }] of drawn) repaintMs.push(painted - at);
          }, 0),
        );
      }
    };
    const commits = new MutationObserver(check);
    commits.observe(container, {
      attributes: true,
      attributeFilter: ['aria-label'],
      subtree: true,
    });
    while (performance.now() - start < durationMs || waiting.size > 0) {
      await new Promise<void>((done) => setTimeout(done, 50));
      check();
      if (performance.now() - start > durationMs + 30_000) break;
    }
    commits.disconnect();
    await nextPaint();
    stopCache();
    const toCacheMs = cached.map((at, i) => at - (endpoint.requests[requestsBefore + i]?.at ?? at));
    observer.disconnect();
    endpoint.setGrowth(0);
    root.unmount();
    queryClient.clear();
    return {
      repaintMs,
      longTasks,
      polls: repaintMs.length,
      toCacheMs,
      fullFetches: endpoint.fullFetches() - fullBefore,
    };
  };
};

window.benchReady = true;
