import { describe, expect, it } from 'vitest';
import { decodeRunMetrics } from '../decodeRunMetrics';
import { mergeRunMetrics } from '../mergeRunMetrics';
import { isTrainvizError } from '../TrainvizError';
import { validateRunMetricsWire } from '../validateRunMetricsWire';
import { sampleWire } from './helpers/fakeFetch';

function failure(body: unknown): { path: string | undefined; message: string } {
  try {
    validateRunMetricsWire(body);
  } catch (error) {
    if (isTrainvizError(error) && error.kind === 'invalid-response') {
      return { path: error.path, message: error.message };
    }
    throw error;
  }
  throw new Error('expected validation to fail');
}

function withSeries(series: unknown): unknown {
  return { ...sampleWire(), metrics: { loss: series } };
}

describe('validateRunMetricsWire', () => {
  it('accepts a body that follows the contract and returns it typed', () => {
    const body = sampleWire({ total_points: { loss: 900 }, restarts: [{ step: 10 }] });
    expect(validateRunMetricsWire(JSON.parse(JSON.stringify(body)))).toEqual(body);
  });

  it('says which value is wrong and what it was', () => {
    expect(failure(withSeries({ steps: [1, 2, 3, 4], values: [1, 2, 3, 'abc'] }))).toEqual({
      path: 'metrics["loss"].values[3]',
      message:
        'metrics["loss"].values[3]: expected a number or "NaN"/"Infinity"/"-Infinity", got "abc"',
    });
    expect(failure(withSeries({ steps: [1], values: [null] })).message).toBe(
      'metrics["loss"].values[0]: expected a number or "NaN"/"Infinity"/"-Infinity", got null',
    );
    expect(failure(withSeries({ steps: [1], values: ['nan'] })).path).toBe(
      'metrics["loss"].values[0]',
    );
  });

  it('rejects a JS NaN number (what JSON.stringify would have turned into null)', () => {
    expect(failure(withSeries({ steps: [1], values: [Number.NaN] })).message).toContain('got NaN');
  });

  it('requires columns of equal length', () => {
    expect(failure(withSeries({ steps: [1, 2, 3], values: [1, 2] })).message).toBe(
      'metrics["loss"].values has 2 entries but metrics["loss"].steps has 3',
    );
    expect(failure(withSeries({ steps: [1, 2], values: [1, 2], times: [0.5] })).path).toBe(
      'metrics["loss"].times',
    );
  });

  it('requires non-negative integer steps in strictly ascending order', () => {
    expect(failure(withSeries({ steps: [1, 3, 2], values: [1, 1, 1] })).message).toBe(
      'metrics["loss"].steps[2]: expected steps in strictly ascending order, got 2 after 3',
    );
    expect(failure(withSeries({ steps: [1, 1], values: [1, 1] })).path).toBe(
      'metrics["loss"].steps[1]',
    );
    expect(failure(withSeries({ steps: [1.5], values: [1] })).message).toContain(
      'expected an integer >= 0, got 1.5',
    );
    expect(failure(withSeries({ steps: ['10'], values: [1] })).message).toContain('got "10"');
    expect(failure(withSeries({ steps: [-1], values: [1] })).path).toBe('metrics["loss"].steps[0]');
  });

  it('checks the run fields', () => {
    expect(failure({ ...sampleWire(), status: 'done' }).message).toBe(
      'status: expected one of "pending", "running", "completed", "failed", "interrupted", got "done"',
    );
    const { run_id: _, ...withoutRunId } = sampleWire();
    expect(failure(withoutRunId).message).toBe(
      'run_id: expected a string, got nothing (the field is missing)',
    );
    expect(failure({ ...sampleWire(), last_step: '20' }).path).toBe('last_step');
    expect(failure({ ...sampleWire(), updated_at: 'yesterday' }).path).toBe('updated_at');
    expect(failure({ ...sampleWire(), restarts: [{ step: 'x' }] }).path).toBe('restarts[0].step');
    expect(failure({ ...sampleWire(), metrics: [] }).message).toBe(
      'metrics: expected an object, got an array',
    );
    expect(failure({ ...sampleWire(), total_points: { loss: -1 } }).path).toBe(
      'total_points["loss"]',
    );
  });

  it('rejects bodies that are not objects', () => {
    expect(failure(null).message).toBe('(body): expected an object, got null');
    expect(failure('<html>').message).toBe('(body): expected an object, got "<html>"');
  });

  it('tolerates what Python backends commonly emit: nulls and missing optional fields', () => {
    const { started_at: _s, step_source: _p, restarts: _r, ...minimal } = sampleWire();
    const body = {
      ...minimal,
      total_points: null,
      metrics: { loss: { steps: [1], values: [0.5], times: null } },
      extra_field: 'ignored',
    };
    expect(validateRunMetricsWire(body)).toEqual({
      ...minimal,
      started_at: null,
      step_source: null,
      restarts: [],
      metrics: { loss: { steps: [1], values: [0.5] } },
    });
  });

  it('accepts a pending run with no points', () => {
    const body = sampleWire({ status: 'pending', last_step: null, metrics: {}, started_at: null });
    expect(validateRunMetricsWire(body).metrics).toEqual({});
  });
});

describe('validateRunMetricsWire: statuses and names', () => {
  it('accepts the interrupted status of a run whose capture was lost', () => {
    const body = validateRunMetricsWire({ ...sampleWire(), status: 'interrupted' });
    expect(body.status).toBe('interrupted');
    expect(decodeRunMetrics(body).status).toBe('interrupted');
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'keeps a metric named %s as an ordinary own key through validation, decoding and merging',
    (name) => {
      const text = `{"experiment_id":"e","run_id":"r","status":"running","last_step":2,"updated_at":"2026-11-27T10:00:00.000Z","metrics":{${JSON.stringify(name)}:{"steps":[1,2],"values":[0.5,"NaN"]}}}`;
      const decoded = decodeRunMetrics(validateRunMetricsWire(JSON.parse(text)));
      expect(Object.keys(decoded.metrics)).toEqual([name]);
      expect(Object.getOwnPropertyDescriptor(decoded.metrics, name)?.value.values).toEqual([
        0.5,
        Number.NaN,
      ]);
      const empty = { ...decoded, metrics: {} };
      const merged = mergeRunMetrics(empty, decoded);
      expect(Object.keys(merged.metrics)).toEqual([name]);
      expect(Object.getOwnPropertyDescriptor(merged.metrics, name)?.value.steps).toEqual([1, 2]);
    },
  );
});
