import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runMetricsOpenApi } from '../runMetricsOpenApi';
import { isTrainvizError } from '../TrainvizError';
import { validateRunMetricsWire } from '../validateRunMetricsWire';

const file: unknown = JSON.parse(
  readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8'),
);

interface Example {
  value: unknown;
}
const operation = (
  file as {
    paths: Record<
      string,
      {
        get: {
          responses: Record<
            string,
            { content: Record<string, { examples: Record<string, Example> }> }
          >;
          parameters: { name: string }[];
        };
      }
    >;
  }
).paths['/experiments/{experiment_id}/runs/{run_id}/metrics']?.get;

function examples(status: string): [string, Example][] {
  return Object.entries(operation?.responses[status]?.content['application/json']?.examples ?? {});
}

describe('runMetricsOpenApi', () => {
  it('is the shipped openapi.json', () => {
    expect(runMetricsOpenApi).toEqual(file);
    expect(runMetricsOpenApi.openapi).toBe('3.1.0');
  });

  it('documents every query parameter the client sends', () => {
    expect(operation?.parameters.map((parameter) => parameter.name)).toEqual([
      'experiment_id',
      'run_id',
      'metric_type',
      'step_min',
      'step_max',
      'since_step',
      'max_points',
    ]);
  });

  it('has 200 examples that pass the client validator', () => {
    const found = examples('200');
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const [, example] of found) {
      expect(() => validateRunMetricsWire(example.value)).not.toThrow();
    }
  });

  it('has error examples in the shape the client reads', () => {
    const errors = [...examples('400'), ...examples('404')];
    expect(errors.length).toBeGreaterThanOrEqual(3);
    for (const [, example] of errors) {
      const body = example.value as { error: { code: string; message: string } };
      expect(['invalid_parameter', 'not_found']).toContain(body.error.code);
      expect(body.error.message.length).toBeGreaterThan(0);
    }
  });

  it('would catch a broken example (the validator is not vacuous)', () => {
    const [, first] = examples('200')[0] ?? [];
    const broken = structuredClone(first?.value) as { metrics: { loss: { values: unknown[] } } };
    broken.metrics.loss.values[0] = 'abc';
    try {
      validateRunMetricsWire(broken);
      expect.unreachable();
    } catch (error) {
      expect(isTrainvizError(error) && error.path).toBe('metrics["loss"].values[0]');
    }
  });
});
