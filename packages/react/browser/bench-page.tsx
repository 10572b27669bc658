import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { Line, LineChart, XAxis, YAxis } from 'recharts';
import { MetricsChartView } from '../src/components/MetricsChartView';
import type { ChartRun } from '../src/data/types';

/**
 * One measurement asked for by `render.bench.mjs`.
 *
 * @example
 * ```ts
 * await window.runBench({ chart: 'trainviz', points: 100_000, runs: 3, append: 100 });
 * ```
 */
export interface BenchRequest {
  /** `trainviz`: MetricsChartView; `recharts`: a plain LineChart given every point. */
  chart: 'trainviz' | 'recharts';
  /** Points per run. */
  points: number;
  /** Runs (lines) drawn. @defaultValue 3 */
  runs?: number;
  /** Points appended by the update (a poll). @defaultValue 100 */
  append?: number;
  /** Metrics per run drawn as panels (`metrics` prop); 0 draws one metric. @defaultValue 0 */
  panels?: number;
}

/**
 * Milliseconds from `root.render` to the painted lines.
 *
 * @example
 * ```ts
 * const { firstMs, updateMs } = await window.runBench(request);
 * ```
 */
export interface BenchResult {
  firstMs: number;
  updateMs: number;
}

declare global {
  interface Window {
    runBench: (request: BenchRequest) => Promise<BenchResult>;
    prepareBench: (request: BenchRequest) => Promise<void>;
    measureFirst: () => Promise<number>;
    measureUpdate: () => Promise<number>;
    benchReady: boolean;
  }
}

const WIDTH = 800;
const HEIGHT = 320;

function series(points: number, seed: number): { steps: number[]; values: number[] } {
  const steps: number[] = [];
  const values: number[] = [];
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < points; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const noise = ((state >>> 0) / 4294967296 - 0.5) * 0.3;
    steps.push(i);
    values.push(0.4 + 2.2 * Math.exp((-5 * i) / points) + noise * Math.exp((-2 * i) / points));
  }
  return { steps, values };
}

function appended(
  base: { steps: number[]; values: number[] },
  count: number,
): { steps: number[]; values: number[] } {
  const last = base.steps[base.steps.length - 1] ?? 0;
  const extra = series(count, 99);
  // A new array, as the client's mergeRunMetrics produces on a poll.
  return {
    steps: base.steps.concat(extra.steps.map((step) => last + 1 + step)),
    values: base.values.concat(extra.values.map((value) => value * 0.2)),
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

/** Waits until every run's path exists with a `d` different from `before`, then for the paint. */
async function drawn(container: HTMLElement, runs: number, before: string | null): Promise<string> {
  for (;;) {
    const paths = container.querySelectorAll('.recharts-line path.recharts-curve');
    const first = paths[0]?.getAttribute('d') ?? null;
    if (paths.length >= runs && first && first !== before) {
      await nextPaint();
      return first;
    }
    await tick();
  }
}

function toRows(data: { steps: number[]; values: number[] }) {
  return data.steps.map((x, i) => ({ x, y: data.values[i] as number }));
}

let prepared: {
  runCount: number;
  container: HTMLElement;
  root: ReturnType<typeof createRoot>;
  firstElement: ReturnType<typeof PlainRecharts>;
  updateElement: ReturnType<typeof PlainRecharts>;
  firstPath: string | null;
} | null = null;

window.prepareBench = async (request) => {
  prepared?.root.unmount();
  const panelCount = request.chart === 'trainviz' ? (request.panels ?? 0) : 0;
  const runCount = (request.runs ?? 3) * Math.max(1, panelCount);
  const append = request.append ?? 100;
  const base = Array.from({ length: request.runs ?? 3 }, (_, i) => series(request.points, i + 1));
  const grown = base.map((data) => appended(data, append));
  const container = document.createElement('div');
  container.style.width = `${WIDTH}px`;
  document.body.replaceChildren(container);
  const element = (data: { steps: number[]; values: number[] }[]) => {
    if (request.chart === 'recharts') {
      return <PlainRecharts runs={data.map((d, i) => ({ id: `run-${i}`, rows: toRows(d) }))} />;
    }
    if (panelCount > 0) {
      // Each run records `panels` metrics of the same length: a Trainer's loss, lr, grad norm, ...
      const names = Array.from({ length: panelCount }, (_, k) =>
        k === 0 ? 'loss' : `metric_${k}`,
      );
      const runs: ChartRun[] = data.map((d, i) => ({
        id: `run-${i}`,
        metrics: Object.fromEntries(names.map((name) => [name, d])),
      }));
      return (
        <MetricsChartView runs={runs} metrics={names} width={WIDTH} height={HEIGHT} theme="light" />
      );
    }
    const runs: ChartRun[] = data.map((d, i) => ({ id: `run-${i}`, metrics: { loss: d } }));
    return <MetricsChartView runs={runs} width={WIDTH} height={HEIGHT} theme="light" />;
  };
  // Data and Recharts rows are made before the clock starts: that is the host's work, not the chart's.
  prepared = {
    runCount,
    container,
    root: createRoot(container),
    firstElement: element(base),
    updateElement: element(grown),
    firstPath: null,
  };
  await nextPaint();
};

window.measureFirst = async () => {
  const bench = prepared!;
  const t0 = performance.now();
  flushSync(() => bench.root.render(bench.firstElement));
  bench.firstPath = await drawn(bench.container, bench.runCount, null);
  return performance.now() - t0;
};

window.measureUpdate = async () => {
  const bench = prepared!;
  const t0 = performance.now();
  flushSync(() => bench.root.render(bench.updateElement));
  await drawn(bench.container, bench.runCount, bench.firstPath);
  const ms = performance.now() - t0;
  bench.root.unmount();
  bench.container.remove();
  prepared = null;
  return ms;
};

window.runBench = async (request) => {
  await window.prepareBench(request);
  const firstMs = await window.measureFirst();
  const updateMs = await window.measureUpdate();
  return { firstMs, updateMs };
};

window.benchReady = true;
