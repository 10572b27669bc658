import { describe, expect, it } from 'vitest';
import { buildRunMetricsUrl } from '../buildRunMetricsUrl';

describe('buildRunMetricsUrl', () => {
  it('appends the endpoint path to the base URL', () => {
    expect(buildRunMetricsUrl('https://host', 'exp-1', 'sft-7')).toBe(
      'https://host/experiments/exp-1/runs/sft-7/metrics',
    );
  });

  it('keeps a path prefix and drops trailing slashes', () => {
    expect(buildRunMetricsUrl('https://host/trainviz/api/', 'e', 'r')).toBe(
      'https://host/trainviz/api/experiments/e/runs/r/metrics',
    );
    expect(buildRunMetricsUrl('/api//', 'e', 'r')).toBe('/api/experiments/e/runs/r/metrics');
  });

  it('encodes a slash inside an id so it stays one segment', () => {
    const url = buildRunMetricsUrl('https://host/api', 'team/exp', 'runs/7');
    expect(url).toBe('https://host/api/experiments/team%2Fexp/runs/runs%2F7/metrics');
    expect(new URL(url).pathname.split('/')).toEqual([
      '',
      'api',
      'experiments',
      'team%2Fexp',
      'runs',
      'runs%2F7',
      'metrics',
    ]);
  });

  it('never lets an id containing .. climb out of its segment', () => {
    const url = buildRunMetricsUrl('https://host/api', '../../admin', 'a..b');
    expect(url).toBe('https://host/api/experiments/..%2F..%2Fadmin/runs/a..b/metrics');
    expect(new URL(url).pathname).toBe('/api/experiments/..%2F..%2Fadmin/runs/a..b/metrics');
  });

  it('refuses ids that URL parsers would remove', () => {
    expect(() => buildRunMetricsUrl('https://host', '..', 'r')).toThrow(RangeError);
    expect(() => buildRunMetricsUrl('https://host', 'e', '.')).toThrow(/runId "\."/);
    expect(() => buildRunMetricsUrl('https://host', '', 'r')).toThrow(/experimentId ""/);
    expect(() => buildRunMetricsUrl('https://host', 'e', 'bad\uD800')).toThrow(RangeError);
  });

  it('encodes spaces, reserved characters and unicode', () => {
    expect(buildRunMetricsUrl('https://host', 'my exp?#1', 'lörn-🚀')).toBe(
      'https://host/experiments/my%20exp%3F%231/runs/l%C3%B6rn-%F0%9F%9A%80/metrics',
    );
  });

  it('sends each metric type as a repeated, encoded metric_type parameter', () => {
    expect(
      buildRunMetricsUrl('https://host', 'e', 'r', {
        metricTypes: ['loss', 'rewards/chosen', 'eval loss'],
      }),
    ).toBe(
      'https://host/experiments/e/runs/r/metrics?metric_type=loss&metric_type=rewards%2Fchosen&metric_type=eval%20loss',
    );
  });

  it('sends the step window, since_step and max_points in snake_case', () => {
    const url = new URL(
      buildRunMetricsUrl('https://host', 'e', 'r', {
        stepMin: 100,
        stepMax: 500,
        sinceStep: -1,
        maxPoints: 2000,
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      step_min: '100',
      step_max: '500',
      since_step: '-1',
      max_points: '2000',
    });
  });

  it('omits the query string when nothing is filtered, including an empty metric list', () => {
    expect(buildRunMetricsUrl('https://host', 'e', 'r', { metricTypes: [] })).toBe(
      'https://host/experiments/e/runs/r/metrics',
    );
  });
});
