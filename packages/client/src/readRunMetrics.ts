import { TrainvizError } from './TrainvizError';
import type { RunMetricSeries, RunMetrics, RunStatus, WireMetricSeries } from './types';

type Fields = Record<string, unknown>;

const statuses: readonly RunStatus[] = ['pending', 'running', 'completed', 'failed', 'interrupted'];
const stepSources: readonly NonNullable<RunMetrics['stepSource']>[] = [
  'explicit',
  'progress',
  'count',
];
const nonFinite: readonly unknown[] = ['NaN', 'Infinity', '-Infinity'];
const count = 'an integer >= 0';

/**
 * Checks that `body` (parsed JSON) matches the metrics endpoint contract and decodes it in the same
 * walk: what `decodeRunMetrics(validateRunMetricsWire(body))` returns, with the same checks and
 * errors, but without a second pass over the columns or copies of them. The run keeps `body`'s
 * arrays (meant for a fresh parse that nobody else holds): `steps` and `times` always, `values`
 * unless they hold a non-finite value (a decoded copy then).
 *
 * Throws a {@link TrainvizError} of kind `invalid-response` whose `path` and message say where and
 * what, e.g. `metrics["loss"].values[3]: expected a number or "NaN"/"Infinity"/"-Infinity", got
 * "abc"`.
 */
export function readRunMetrics(body: unknown): RunMetrics {
  return read(body, true);
}

/**
 * {@link readRunMetrics} without decoding: `values` stay as on the wire (numbers and the strings
 * `"NaN"`, `"Infinity"`, `"-Infinity"`), typed as they are by `validateRunMetricsWire`.
 */
export function readRunMetricsAsWire(
  body: unknown,
): Omit<RunMetrics, 'metrics'> & { metrics: Record<string, WireMetricSeries> } {
  return read(body, false) as never;
}

function read(body: unknown, decode: boolean): RunMetrics {
  const root = object(body, '(body)');
  // Fields are checked in this order: the first problem is the one reported.
  const run: RunMetrics = {
    experimentId: string(root.experiment_id, 'experiment_id'),
    runId: string(root.run_id, 'run_id'),
    status: oneOf(root.status, 'status', statuses),
    lastStep:
      root.last_step === null ? null : integer(root.last_step, 'last_step', `${count} or null`),
    updatedAt: date(root.updated_at, 'updated_at'),
    startedAt: root.started_at == null ? null : date(root.started_at, 'started_at'),
    stepSource:
      root.step_source == null ? null : oneOf(root.step_source, 'step_source', stepSources),
    restarts:
      root.restarts === undefined
        ? []
        : array(root.restarts, 'restarts', 'an array of { "step": integer }').map((item, i) => ({
            step: integer(object(item, `restarts[${i}]`).step, `restarts[${i}].step`, count),
          })),
    metrics: record(root.metrics, 'metrics', (item, path) => series(item, path, decode)),
  };
  if (root.total_points != null) {
    run.totalPoints = record(root.total_points, 'total_points', (value, path) =>
      integer(value, path, count),
    );
  }
  return run;
}

/** A name-to-item map read with `read`, null-prototype: `__proto__` or `constructor` is a key. */
function record<T>(
  value: unknown,
  path: string,
  read: (item: unknown, path: string) => T,
): Record<string, T> {
  const source = object(value, path);
  const result: Record<string, T> = Object.create(null);
  for (const name of Object.keys(source)) {
    result[name] = read(source[name], `${path}[${JSON.stringify(name)}]`);
  }
  return result;
}

function series(value: unknown, path: string, decode: boolean): RunMetricSeries {
  const source = object(value, path);
  const steps = array(source.steps, `${path}.steps`, 'an array of steps');
  const values = array(source.values, `${path}.values`, 'an array of values');
  sameLength(values, steps, path, 'values');
  let previous = -1;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (!isCount(step)) fail(`${path}.steps[${i}]`, count, describe(step));
    if (step <= previous) {
      fail(`${path}.steps[${i}]`, 'steps in strictly ascending order', `${step} after ${previous}`);
    }
    previous = step;
  }
  let wireStrings = false;
  for (let i = 0; i < values.length; i++) {
    const item = values[i];
    if (!Number.isFinite(item)) {
      if (!nonFinite.includes(item)) {
        fail(`${path}.values[${i}]`, 'a number or "NaN"/"Infinity"/"-Infinity"', describe(item));
      }
      wireStrings = true;
    }
  }
  const result: RunMetricSeries = {
    steps: steps as number[],
    // `Number` decodes "NaN", "Infinity" and "-Infinity" and keeps numbers. Most series have none:
    // their array is kept as parsed, without a copy.
    values: (decode && wireStrings ? values.map(Number) : values) as number[],
  };
  if (source.times != null) {
    const times = array(source.times, `${path}.times`, 'an array of numbers or null');
    sameLength(times, steps, path, 'times');
    for (let i = 0; i < times.length; i++) {
      if (!Number.isFinite(times[i])) {
        fail(`${path}.times[${i}]`, 'a finite number of seconds', describe(times[i]));
      }
    }
    result.times = times as number[];
  }
  return result;
}

function sameLength(column: unknown[], steps: unknown[], path: string, name: string): void {
  if (column.length !== steps.length) {
    invalid(
      `${path}.${name}`,
      `${path}.${name} has ${column.length} entries but ${path}.steps has ${steps.length}`,
    );
  }
}

function invalid(path: string, message: string): never {
  throw new TrainvizError({ kind: 'invalid-response', message, path });
}

/** Fails with `{path}: expected {expectation}, got {got}`. */
function fail(path: string, expectation: string, got: string): never {
  invalid(path, `${path}: expected ${expectation}, got ${got}`);
}

function check(ok: boolean, value: unknown, path: string, expectation: string): asserts ok {
  if (!ok) fail(path, expectation, describe(value));
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

function object(value: unknown, path: string): Fields {
  check(
    typeof value === 'object' && value !== null && !Array.isArray(value),
    value,
    path,
    'an object',
  );
  return value as Fields;
}

function array(value: unknown, path: string, expectation: string): unknown[] {
  check(Array.isArray(value), value, path, expectation);
  return value;
}

function string(value: unknown, path: string): string {
  check(typeof value === 'string', value, path, 'a string');
  return value;
}

function date(value: unknown, path: string): string {
  const ok = typeof value === 'string' && !Number.isNaN(Date.parse(value));
  check(ok, value, path, 'an ISO 8601 date-time string');
  return value as string;
}

function integer(value: unknown, path: string, expectation: string): number {
  check(isCount(value), value, path, expectation);
  return value;
}

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  const options = allowed.map((option) => JSON.stringify(option)).join(', ');
  check((allowed as readonly unknown[]).includes(value), value, path, `one of ${options}`);
  return value as T;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  }
  return String(value);
}
