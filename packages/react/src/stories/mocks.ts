import type { RunMetricsWire, RunStatus, WireMetricSeries, WireValue } from '@trainviz/client';
import { encodeWireValue } from '@trainviz/client';
import type { HttpHandler } from 'msw';
import { delay, HttpResponse, http } from 'msw';
import type { ChartSeriesData } from '../data/types';

/** The route every story mocks; `*` matches whatever base URL the provider was given. */
export const METRICS_ROUTE = '*/experiments/:experimentId/runs/:runId/metrics';

/** Base URL the stories' provider uses: same origin, so MSW's service worker sees the requests. */
export const STORY_BASE_URL = '/api';

/** The experiment every story reads. */
export const STORY_EXPERIMENT = 'exp-1';

/**
 * Options of {@link lossCurve}.
 *
 * @example
 * ```ts
 * const options: LossCurveOptions = { points: 200, stepEvery: 10, start: 2.6, end: 0.4 };
 * ```
 */
export interface LossCurveOptions {
  /** Number of points. @defaultValue 200 */
  points?: number;
  /** Step of the first point. @defaultValue 0 */
  firstStep?: number;
  /** Steps between two points. @defaultValue 10 */
  stepEvery?: number;
  /** Value at the first point. @defaultValue 2.6 */
  start?: number;
  /** Value the curve decays towards. @defaultValue 0.4 */
  end?: number;
  /** Amplitude of the deterministic noise, as a fraction of the value. @defaultValue 0.04 */
  noise?: number;
  /** Seed of the noise, so two runs do not overlap. @defaultValue 1 */
  seed?: number;
}

/**
 * A deterministic, noisy, exponentially decaying loss curve (values rounded to 4 decimals, so a
 * tooltip shows them exactly).
 *
 * @param options - {@link LossCurveOptions}
 * @returns parallel steps and values
 *
 * @example
 * ```ts
 * const { steps, values } = lossCurve({ points: 100, seed: 2 });
 * ```
 */
export function lossCurve(options: LossCurveOptions = {}): { steps: number[]; values: number[] } {
  const {
    points = 200,
    firstStep = 0,
    stepEvery = 10,
    start = 2.6,
    end = 0.4,
    noise = 0.04,
    seed = 1,
  } = options;
  const steps: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < points; i++) {
    const decay = end + (start - end) * Math.exp((-4 * i) / Math.max(1, points));
    const wobble = Math.sin(i * 1.7 + seed * 3.1) * Math.sin(i * 0.23 + seed);
    steps.push(firstStep + i * stepEvery);
    values.push(Math.round(decay * (1 + noise * wobble) * 1e4) / 1e4);
  }
  return { steps, values };
}

/**
 * Turns decoded values into wire values: non-finite ones become the strings "NaN", "Infinity",
 * "-Infinity".
 *
 * @param series - steps, values and optional times
 * @returns the wire series
 *
 * @example
 * ```ts
 * toWireSeries({ steps: [1], values: [Number.NaN] }); // { steps: [1], values: ['NaN'] }
 * ```
 */
export function toWireSeries(series: ChartSeriesData): WireMetricSeries {
  const values: WireValue[] = series.values.map((value) => encodeWireValue(value));
  return series.times
    ? { steps: [...series.steps], values, times: [...series.times] }
    : { steps: [...series.steps], values };
}

/**
 * Options of {@link runWire}.
 *
 * @example
 * ```ts
 * runWire({ runId: 'sft-7', metrics: { loss: lossCurve() }, status: 'completed' });
 * ```
 */
export interface RunWireOptions {
  runId: string;
  /** Metrics by name, decoded (NaN as a number). */
  metrics: Readonly<Record<string, ChartSeriesData>>;
  /** @defaultValue 'completed' */
  status?: RunStatus;
  /** @defaultValue [] */
  restarts?: { step: number }[];
  /** @defaultValue 'exp-1' */
  experimentId?: string;
}

/**
 * The wire JSON of one run, as `GET .../metrics` serves it (`RunMetricsWire`).
 *
 * @param options - {@link RunWireOptions}
 * @returns the JSON body
 *
 * @example
 * ```ts
 * HttpResponse.json(runWire({ runId: 'a', metrics: { loss: lossCurve() } }));
 * ```
 */
export function runWire(options: RunWireOptions): RunMetricsWire {
  const metrics: Record<string, WireMetricSeries> = {};
  let lastStep: number | null = null;
  for (const [name, series] of Object.entries(options.metrics)) {
    metrics[name] = toWireSeries(series);
    const last = series.steps[series.steps.length - 1];
    if (last !== undefined && (lastStep === null || last > lastStep)) lastStep = last;
  }
  return {
    experiment_id: options.experimentId ?? STORY_EXPERIMENT,
    run_id: options.runId,
    status: options.status ?? 'completed',
    last_step: lastStep,
    updated_at: '2026-11-27T10:00:00.000Z',
    started_at: '2026-11-27T09:00:00.000Z',
    step_source: 'explicit',
    restarts: options.restarts ?? [],
    metrics,
  };
}

/**
 * Keeps the points with `step > sinceStep`, as the endpoint does for a `since_step` query.
 *
 * @param wire - the full run
 * @param sinceStep - exclusive lower bound, or null for everything
 * @returns the run with only the newer points (same status, restarts and last step)
 *
 * @example
 * ```ts
 * sliceSince(runWire({ runId: 'a', metrics }), 100);
 * ```
 */
export function sliceSince(wire: RunMetricsWire, sinceStep: number | null): RunMetricsWire {
  if (sinceStep === null) return wire;
  const metrics: Record<string, WireMetricSeries> = {};
  for (const [name, series] of Object.entries(wire.metrics)) {
    const from = series.steps.findIndex((step) => step > sinceStep);
    const start = from === -1 ? series.steps.length : from;
    metrics[name] = series.times
      ? {
          steps: series.steps.slice(start),
          values: series.values.slice(start),
          times: series.times.slice(start),
        }
      : { steps: series.steps.slice(start), values: series.values.slice(start) };
  }
  return { ...wire, metrics };
}

function sinceStepOf(request: Request): number | null {
  const raw = new URL(request.url).searchParams.get('since_step');
  return raw === null ? null : Number(raw);
}

function runIdOf(params: Readonly<Record<string, string | readonly string[] | undefined>>): string {
  const value = params.runId;
  return typeof value === 'string' ? value : '';
}

/** What {@link metricsHandler} answers for one run: its JSON, or an HTTP error. */
export type MockRun = RunMetricsWire | { error: number; message: string };

/**
 * An MSW handler serving fixed runs by id (honouring `since_step`); unknown runs get a 404.
 *
 * @param runs - run id to its wire JSON or to `{ error: status, message }`
 * @returns the handler for `parameters.msw.handlers`
 *
 * @example
 * ```ts
 * parameters: { msw: { handlers: [metricsHandler({ a: runWire({ runId: 'a', metrics }) })] } }
 * ```
 */
export function metricsHandler(runs: Readonly<Record<string, MockRun>>): HttpHandler {
  return http.get(METRICS_ROUTE, ({ params, request }) => {
    const run = runs[runIdOf(params)];
    if (!run) return HttpResponse.json({ error: 'run not found' }, { status: 404 });
    if ('error' in run) return HttpResponse.json({ error: run.message }, { status: run.error });
    return HttpResponse.json(sliceSince(run, sinceStepOf(request)));
  });
}

/**
 * An MSW handler that never answers: the chart stays in its loading state.
 *
 * @returns the handler
 *
 * @example
 * ```ts
 * parameters: { msw: { handlers: [pendingHandler()] } }
 * ```
 */
export function pendingHandler(): HttpHandler {
  return http.get(METRICS_ROUTE, async () => {
    await delay('infinite');
    return HttpResponse.json({});
  });
}

/**
 * A handler whose first `failures` requests answer 503, then serve `run`: the Retry story.
 *
 * @param run - the run served once the failures are spent
 * @param failures - how many requests fail first. @defaultValue 1
 * @returns the handler and `reset`, to call before each render of the story
 *
 * @example
 * ```ts
 * const flaky = flakyHandler(runWire({ runId: 'a', metrics }));
 * ```
 */
export function flakyHandler(
  run: RunMetricsWire,
  failures = 1,
): { handler: HttpHandler; reset: () => void } {
  let calls = 0;
  const handler = http.get(METRICS_ROUTE, ({ request }) => {
    calls += 1;
    if (calls <= failures) {
      return HttpResponse.json({ error: 'metrics store is restarting' }, { status: 503 });
    }
    return HttpResponse.json(sliceSince(run, sinceStepOf(request)));
  });
  return {
    handler,
    reset: () => {
      calls = 0;
    },
  };
}

/**
 * A live run: each poll (`since_step` = the last step the chart has) reveals `chunk` more points of
 * `total`, with status `running` until all are out, then `completed`.
 *
 * @param options - run id, total points, points per poll
 * @returns the handler and `reset`
 *
 * @example
 * ```ts
 * const live = liveRunHandler({ runId: 'live', total: 400, chunk: 20 });
 * ```
 */
export function liveRunHandler(options: {
  runId: string;
  total: number;
  chunk: number;
  first?: number;
}): { handler: HttpHandler; reset: () => void } {
  const full = lossCurve({ points: options.total, seed: 5 });
  let revealed = 0;
  const handler = http.get(METRICS_ROUTE, ({ request }) => {
    revealed = Math.min(
      options.total,
      revealed === 0 ? (options.first ?? options.chunk) : revealed + options.chunk,
    );
    const shown = {
      steps: full.steps.slice(0, revealed),
      values: full.values.slice(0, revealed),
    };
    const status: RunStatus = revealed >= options.total ? 'completed' : 'running';
    const wire = runWire({ runId: options.runId, metrics: { loss: shown }, status });
    return HttpResponse.json(sliceSince(wire, sinceStepOf(request)));
  });
  return {
    handler,
    reset: () => {
      revealed = 0;
    },
  };
}

/**
 * A run with the metrics a trainer logs: loss, grad_norm, learning_rate and epoch, with the seconds
 * since start of each point (`times`), so every x axis mode is offered.
 *
 * @param seed - noise seed. @defaultValue 1
 * @param points - points per metric. @defaultValue 300
 * @param end - loss the run converges towards, so overlaid runs are told apart. @defaultValue 0.4
 * @returns the decoded metrics, ready for `runWire` or a `ChartRun`
 *
 * @example
 * ```ts
 * runWire({ runId: 'sft-7', metrics: trainerMetrics(2) });
 * ```
 */
export function trainerMetrics(seed = 1, points = 300, end = 0.4): Record<string, ChartSeriesData> {
  const loss = lossCurve({ points, seed, end });
  const times = loss.steps.map((step) => Math.round(step * 1.5 * 10) / 10);
  const gradNorm = lossCurve({ points, seed: seed + 7, start: 9, end: 1.2, noise: 0.2 });
  const learningRate = loss.steps.map((_, i) => Math.round(5e-5 * (1 - i / points) * 1e10) / 1e10);
  const epoch = loss.steps.map((step) => Math.round((step / (points * 10)) * 3 * 1000) / 1000);
  return {
    loss: { ...loss, times },
    grad_norm: { steps: gradNorm.steps, values: gradNorm.values, times },
    learning_rate: { steps: loss.steps, values: learningRate, times },
    epoch: { steps: loss.steps, values: epoch },
  };
}

/**
 * Two short hand-written runs with round values, for tooltip and legend checks.
 *
 * @example
 * ```ts
 * TWO_RUNS.a.values[5]; // 1.6 at step 50
 * ```
 */
export const TWO_RUNS = {
  a: {
    steps: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
    values: [2.5, 2.2, 2.0, 1.9, 1.75, 1.6, 1.5, 1.45, 1.4, 1.38, 1.35],
  },
  b: {
    steps: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
    values: [2.6, 2.4, 2.3, 2.15, 2.05, 1.95, 1.9, 1.8, 1.72, 1.7, 1.66],
  },
} as const;

/**
 * A generated series of `points` points (a million in some tens of milliseconds), for the large
 * series story and the benchmark.
 *
 * @param points - number of points
 * @param seed - noise seed. @defaultValue 1
 * @returns steps and values
 *
 * @example
 * ```ts
 * const big = largeSeries(1_000_000);
 * ```
 */
export function largeSeries(points: number, seed = 1): ChartSeriesData {
  const steps = new Array<number>(points);
  const values = new Array<number>(points);
  let state = seed * 2654435761;
  for (let i = 0; i < points; i++) {
    // xorshift: reproducible noise, cheaper than Math.random and the same on every render.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const noise = ((state >>> 0) / 4294967296 - 0.5) * 0.3;
    steps[i] = i;
    values[i] = 0.4 + 2.2 * Math.exp((-5 * i) / points) + noise * Math.exp((-2 * i) / points);
  }
  return { steps, values };
}
