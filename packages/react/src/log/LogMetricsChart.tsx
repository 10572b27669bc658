'use client';
import type { ParseResult } from '@trainviz/parser';
import { useMemo, useState } from 'react';
import { ChartEmpty } from '../components/ChartEmpty';
import { MetricsChartView } from '../components/MetricsChartView';
import { StateFrame } from '../components/StateFrame';
import { chartDefaults } from '../data/chartViewSettings';
import { hasPoints } from '../data/hasPoints';
import type {
  LogSource,
  LogSourceProps,
  TrainingMetricsChartProps,
} from '../data/trainingMetricsChartProps';
import { viewSettings } from '../data/trainingMetricsChartProps';
import type { ChartRun } from '../data/types';
import { createIncrementalLogParser } from './createIncrementalLogParser';

function toLogRun(
  source: LogSource,
  result: ParseResult,
  labels: Readonly<Record<string, string>> | undefined,
): ChartRun {
  return {
    id: source.id,
    label: source.label ?? labels?.[source.id] ?? source.id,
    metrics: result.series,
    restarts: result.restarts,
    stepSource: result.stepSource,
  };
}

/** One incremental parser per log id, kept while the log is shown. */
function createParsers() {
  let parsers = new Map<string, ReturnType<typeof createIncrementalLogParser>>();
  return (sources: readonly LogSource[], complete: boolean) => {
    const next = new Map<string, ReturnType<typeof createIncrementalLogParser>>();
    const results = sources.map((source) => {
      const parser = parsers.get(source.id) ?? createIncrementalLogParser();
      next.set(source.id, parser);
      return { source, result: parser.parse(source.text, complete) };
    });
    parsers = next;
    return results;
  };
}

/**
 * The chart of raw log text, parsed in the browser with `@trainviz/parser`: a growing log is parsed
 * only in its new part. A log without any metric shows the empty state.
 *
 * @param props - the chart's props, with `logText` or `logs`
 * @returns the chart or the empty state
 *
 * @example
 * ```tsx
 * import { LogMetricsChart } from '@trainviz/react/log';
 * <LogMetricsChart logText={terminalOutput} defaultSmoothing={0.6} />
 * ```
 */
export function LogMetricsChart(props: TrainingMetricsChartProps & LogSourceProps) {
  const { height = chartDefaults.height, logComplete = false, runLabels } = props;
  const sources = useMemo<readonly LogSource[]>(
    () => props.logs ?? (props.logText !== undefined ? [{ id: 'log', text: props.logText }] : []),
    [props.logs, props.logText],
  );
  // A parser per log, kept between renders; parsing is a pure function of the text it is given.
  const [parse] = useState(createParsers);
  const runs = useMemo(
    () =>
      parse(sources, logComplete).map(({ source, result }) => toLogRun(source, result, runLabels)),
    [parse, sources, logComplete, runLabels],
  );
  if (!hasPoints(runs)) {
    return (
      <StateFrame theme={props.theme} className={props.className}>
        {props.renderEmpty ? props.renderEmpty() : <ChartEmpty height={height} />}
      </StateFrame>
    );
  }
  return <MetricsChartView {...viewSettings(props)} runs={runs} />;
}
