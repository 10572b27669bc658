import { describe, expect, it } from 'vitest';
import { decodeRunMetrics } from '../decodeRunMetrics';
import { encodeRunMetrics } from '../encodeRunMetrics';
import type { RunMetrics } from '../types';
import { validateRunMetricsWire } from '../validateRunMetricsWire';

const run: RunMetrics = {
  experimentId: 'exp-1',
  runId: 'sft-7',
  status: 'completed',
  lastStep: 30,
  updatedAt: '2026-11-27T10:00:00.000Z',
  startedAt: null,
  stepSource: 'count',
  restarts: [{ step: 20 }],
  metrics: {
    loss: { steps: [10, 20, 30], values: [2.5, Number.NaN, Infinity], times: [1, 2, 3] },
    'rewards/chosen': { steps: [30], values: [-Infinity] },
  },
  totalPoints: { loss: 7 },
};

describe('encodeRunMetrics / decodeRunMetrics', () => {
  it('serves snake_case JSON with non-finite values as strings', () => {
    const json = JSON.parse(JSON.stringify(encodeRunMetrics(run)));
    expect(json).toEqual({
      experiment_id: 'exp-1',
      run_id: 'sft-7',
      status: 'completed',
      last_step: 30,
      updated_at: '2026-11-27T10:00:00.000Z',
      started_at: null,
      step_source: 'count',
      restarts: [{ step: 20 }],
      metrics: {
        loss: { steps: [10, 20, 30], values: [2.5, 'NaN', 'Infinity'], times: [1, 2, 3] },
        'rewards/chosen': { steps: [30], values: ['-Infinity'] },
      },
      total_points: { loss: 7 },
    });
  });

  it('survives a round trip through JSON text unchanged', () => {
    const text = JSON.stringify(encodeRunMetrics(run));
    expect(decodeRunMetrics(validateRunMetricsWire(JSON.parse(text)))).toEqual(run);
  });

  it('omits the optional fields it was not given', () => {
    const { totalPoints: _, ...plain } = run;
    const wire = encodeRunMetrics({ ...plain, metrics: { loss: { steps: [1], values: [1] } } });
    expect('total_points' in wire).toBe(false);
    expect('times' in (wire.metrics.loss ?? {})).toBe(false);
  });
});
