import type { UseQueryResult } from '@tanstack/react-query';
import type { MetricSeries, RunMetrics, TrainvizError } from '@trainviz/client';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ChartRun,
  ChartSeriesData,
  MetricsChartViewProps,
  TrainingMetricsChartProps,
  XAxisMode,
} from '../index';
import { TrainingMetricsChart, useRunComparison, useRunMetrics } from '../index';

describe('TrainingMetricsChart source props', () => {
  it('needs a source', () => {
    // @ts-expect-error a chart without experimentId + runIds or logText does not type-check
    <TrainingMetricsChart />;
    // @ts-expect-error runIds alone is not a source
    <TrainingMetricsChart runIds={['a']} />;
    <TrainingMetricsChart experimentId="exp-1" runIds={['a']} isLive />;
    <TrainingMetricsChart logText="{'loss': 1, 'step': 1}" logComplete />;
    <TrainingMetricsChart logs={[{ id: 'a', text: '' }]} />;
  });

  it('takes one source, not both', () => {
    // @ts-expect-error endpoint and log text together
    <TrainingMetricsChart experimentId="exp-1" runIds={['a']} logText="" />;
    // @ts-expect-error polling a log makes no sense
    <TrainingMetricsChart logText="" isLive />;
    // @ts-expect-error logText and logs together
    <TrainingMetricsChart logText="" logs={[]} />;
  });

  it('gives renderError the typed error', () => {
    expectTypeOf<NonNullable<TrainingMetricsChartProps['renderError']>>()
      .parameter(0)
      .toEqualTypeOf<TrainvizError>();
  });
});

describe('controlled and uncontrolled settings', () => {
  it('pairs each value with its default and change handler', () => {
    expectTypeOf<MetricsChartViewProps['metric']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<MetricsChartViewProps['defaultMetric']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<MetricsChartViewProps['onXAxisChange']>>()
      .parameter(0)
      .toEqualTypeOf<XAxisMode>();
    expectTypeOf<NonNullable<MetricsChartViewProps['onHiddenRunIdsChange']>>()
      .parameter(0)
      .toEqualTypeOf<readonly string[]>();
  });
});

describe('hooks', () => {
  it('return React Query results with the typed error', () => {
    expectTypeOf(useRunMetrics).returns.toEqualTypeOf<UseQueryResult<RunMetrics, TrainvizError>>();
    expectTypeOf(useRunComparison).returns.toEqualTypeOf<
      UseQueryResult<RunMetrics, TrainvizError>[]
    >();
  });
});

describe('one series shape', () => {
  it('lets a fetched or parsed series be drawn as is', () => {
    expectTypeOf<MetricSeries>().toExtend<ChartSeriesData>();
    expectTypeOf<RunMetrics['metrics'][string]>().toEqualTypeOf<MetricSeries>();
    expectTypeOf<ChartRun['metrics'][string]>().toEqualTypeOf<ChartSeriesData>();
  });
});
