import { TrainvizError } from './TrainvizError';
import type { RunMetricsWire, RunStatus, WireMetricSeries, WireValue } from './types';

const statuses: readonly RunStatus[] = ['pending', 'running', 'completed', 'failed', 'interrupted'];
const stepSources: readonly (RunMetricsWire['step_source'] & string)[] = [
  'explicit',
  'progress',
  'count',
];
const valueExpectation = 'a number or "NaN"/"Infinity"/"-Infinity"';

/**
 * Checks at run time that `body` (parsed JSON) matches the metrics endpoint contract and returns it
 * typed. Throws a {@link TrainvizError} of kind `invalid-response` whose `path` and message say
 * where and what, e.g. `metrics["loss"].values[3]: expected a number or
 * "NaN"/"Infinity"/"-Infinity", got "abc"`.
 *
 * Beyond types it checks that steps are non-negative integers in strictly ascending order and that
 * `steps`, `values` and `times` have equal lengths. Lenient where backends commonly differ:
 * `times` and `total_points` may be `null` (treated as absent), `started_at` and `step_source` may
 * be missing (`null`), `restarts` may be missing (`[]`); unknown fields are dropped.
 *
 * @example
 * ```ts
 * const wire = validateRunMetricsWire(await response.json());
 * const metrics = decodeRunMetrics(wire);
 * ```
 */
export function validateRunMetricsWire(body: unknown): RunMetricsWire {
  const root = expectObject(body, '(body)');
  const experimentId = expectString(root.experiment_id, 'experiment_id');
  const runId = expectString(root.run_id, 'run_id');
  const status = expectOneOf(root.status, 'status', statuses);
  const lastStep =
    root.last_step === null
      ? null
      : expectStep(root.last_step, 'last_step', 'an integer >= 0 or null');
  const updatedAt = expectDate(root.updated_at, 'updated_at');
  const startedAt =
    root.started_at === undefined || root.started_at === null
      ? null
      : expectDate(root.started_at, 'started_at');
  const stepSource =
    root.step_source === undefined || root.step_source === null
      ? null
      : expectOneOf(root.step_source, 'step_source', stepSources);
  const restarts = validateRestarts(root.restarts);
  const metricsObject = expectObject(root.metrics, 'metrics');
  // Null-prototype maps: a metric named `__proto__` or `constructor` is an ordinary key.
  const metrics: Record<string, WireMetricSeries> = Object.create(null);
  for (const name of Object.keys(metricsObject)) {
    metrics[name] = validateSeries(metricsObject[name], `metrics[${JSON.stringify(name)}]`);
  }
  const result: RunMetricsWire = {
    experiment_id: experimentId,
    run_id: runId,
    status,
    last_step: lastStep,
    updated_at: updatedAt,
    started_at: startedAt,
    step_source: stepSource,
    restarts,
    metrics,
  };
  if (root.total_points !== undefined && root.total_points !== null) {
    const totals = expectObject(root.total_points, 'total_points');
    const totalPoints: Record<string, number> = Object.create(null);
    for (const name of Object.keys(totals)) {
      totalPoints[name] = expectStep(
        totals[name],
        `total_points[${JSON.stringify(name)}]`,
        'an integer >= 0',
      );
    }
    result.total_points = totalPoints;
  }
  return result;
}

function validateRestarts(value: unknown): { step: number }[] {
  if (value === undefined) return [];
  const list = expectArray(value, 'restarts', 'an array of { "step": integer }');
  return list.map((item, index) => {
    const restart = expectObject(item, `restarts[${index}]`);
    return { step: expectStep(restart.step, `restarts[${index}].step`, 'an integer >= 0') };
  });
}

function validateSeries(value: unknown, path: string): WireMetricSeries {
  const series = expectObject(value, path);
  const steps = expectArray(series.steps, `${path}.steps`, 'an array of steps');
  const values = expectArray(series.values, `${path}.values`, 'an array of values');
  if (values.length !== steps.length) {
    fail(
      `${path}.values`,
      `${path}.values has ${values.length} entries but ${path}.steps has ${steps.length}`,
    );
  }
  let previous = -1;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) {
      fail(`${path}.steps[${i}]`, `expected an integer >= 0, got ${describe(step)}`);
    }
    if (step <= previous) {
      fail(
        `${path}.steps[${i}]`,
        `expected steps in strictly ascending order, got ${step} after ${previous}`,
      );
    }
    previous = step;
  }
  for (let i = 0; i < values.length; i++) {
    const item = values[i];
    const ok =
      typeof item === 'number'
        ? Number.isFinite(item)
        : item === 'NaN' || item === 'Infinity' || item === '-Infinity';
    if (!ok) fail(`${path}.values[${i}]`, `expected ${valueExpectation}, got ${describe(item)}`);
  }
  const result: WireMetricSeries = {
    steps: steps as number[],
    values: values as WireValue[],
  };
  if (series.times !== undefined && series.times !== null) {
    const times = expectArray(series.times, `${path}.times`, 'an array of numbers or null');
    if (times.length !== steps.length) {
      fail(
        `${path}.times`,
        `${path}.times has ${times.length} entries but ${path}.steps has ${steps.length}`,
      );
    }
    for (let i = 0; i < times.length; i++) {
      const time = times[i];
      if (typeof time !== 'number' || !Number.isFinite(time)) {
        fail(`${path}.times[${i}]`, `expected a finite number of seconds, got ${describe(time)}`);
      }
    }
    result.times = times as number[];
  }
  return result;
}

function fail(path: string, message: string): never {
  throw new TrainvizError({
    kind: 'invalid-response',
    message: message.startsWith(path) ? message : `${path}: ${message}`,
    path,
  });
}

function expectObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, `expected an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

function expectArray(value: unknown, path: string, expectation: string): unknown[] {
  if (!Array.isArray(value)) fail(path, `expected ${expectation}, got ${describe(value)}`);
  return value;
}

function expectString(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, `expected a string, got ${describe(value)}`);
  return value;
}

function expectDate(value: unknown, path: string): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    fail(path, `expected an ISO 8601 date-time string, got ${describe(value)}`);
  }
  return value;
}

function expectStep(value: unknown, path: string, expectation: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    fail(path, `expected ${expectation}, got ${describe(value)}`);
  }
  return value;
}

function expectOneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const options = allowed.map((option) => JSON.stringify(option)).join(', ');
    fail(path, `expected one of ${options}, got ${describe(value)}`);
  }
  return value as T;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}
