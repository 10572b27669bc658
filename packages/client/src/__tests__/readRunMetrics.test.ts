import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRunMetrics } from '../decodeRunMetrics';
import { readRunMetrics } from '../readRunMetrics';
import { validateRunMetricsWire } from '../validateRunMetricsWire';
import { sampleWire } from './helpers/fakeFetch';

function outcome(read: () => unknown): unknown {
  try {
    return { value: read() };
  } catch (error) {
    const { kind, message, path } = error as { kind?: string; message?: string; path?: string };
    return { error: { kind, message, path } };
  }
}

const names = fc.constantFrom('loss', '__proto__', 'constructor', 'eval/loss');
const item = fc.oneof(
  fc.integer({ min: -1, max: 30 }),
  fc.double(),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', 'nan', '', null, true, [], {}),
);
const column = fc.oneof(
  fc.array(item, { maxLength: 4 }),
  fc.uniqueArray(fc.nat(30), { maxLength: 4 }).map((steps) => steps.sort((a, b) => a - b)),
  item,
);
const series = fc.oneof(
  fc.record({ steps: column, values: column, times: column }, { requiredKeys: [] }),
  item,
);
const body = fc.record(
  {
    experiment_id: fc.oneof(fc.string(), item),
    run_id: fc.oneof(fc.string(), item),
    status: fc.oneof(fc.constantFrom('running', 'interrupted', 'done'), item),
    last_step: fc.oneof(fc.nat(30), item),
    updated_at: fc.oneof(fc.constantFrom('2026-11-27T10:00:00.000Z', 'yesterday'), item),
    started_at: fc.oneof(fc.constant('2026-11-27T09:00:00.000Z'), item),
    step_source: fc.oneof(fc.constantFrom('explicit', 'count', 'rows'), item),
    restarts: fc.oneof(fc.array(fc.record({ step: fc.oneof(fc.nat(30), item) })), item),
    metrics: fc.oneof(fc.dictionary(names, series, { maxKeys: 3 }), item),
    total_points: fc.oneof(fc.dictionary(names, fc.oneof(fc.nat(), item), { maxKeys: 2 }), item),
  },
  { requiredKeys: [] },
);

describe('readRunMetrics (getRunMetrics: validate and decode in one walk)', () => {
  it('decodes a valid body as decodeRunMetrics(validateRunMetricsWire(body)) does', () => {
    const wire = sampleWire({ total_points: { loss: 900 }, restarts: [{ step: 10 }] });
    const run = readRunMetrics(JSON.parse(JSON.stringify(wire)));
    expect(run).toEqual(decodeRunMetrics(validateRunMetricsWire(wire)));
    expect(run.metrics.loss?.values).toEqual([2.31, Number.NaN]);
    expect(Object.getPrototypeOf(run.metrics)).toBeNull();
  });

  it('keeps the parsed arrays of a body with finite values, without copying them', () => {
    const body = JSON.parse(JSON.stringify(sampleWire()));
    const run = readRunMetrics(body);
    expect(run.metrics.loss?.steps).toBe(body.metrics.loss.steps);
    expect(run.metrics.loss?.times).toBe(body.metrics.loss.times);
    // A column holding "NaN" is decoded into a new array; the body is left as it was.
    expect(run.metrics.loss?.values).not.toBe(body.metrics.loss.values);
    expect(body.metrics.loss.values).toEqual([2.31, 'NaN']);
  });

  it('accepts and rejects what validateRunMetricsWire does, with the same errors', () => {
    fc.assert(
      fc.property(body, (generated) => {
        const parsed = () => JSON.parse(JSON.stringify(generated));
        const read = outcome(() => readRunMetrics(parsed()));
        const checked = outcome(() => decodeRunMetrics(validateRunMetricsWire(parsed())));
        expect(read).toEqual(checked);
      }),
      { numRuns: 2000 },
    );
  });
});
