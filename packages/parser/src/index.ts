export { createLogParser } from './createLogParser';
export { csvCell } from './csvCell';
export type { DownsampleM4Options } from './downsampleM4';
export { downsampleM4 } from './downsampleM4';
export { downsampleSeries } from './downsampleSeries';
export { parseTrainingLog } from './parseTrainingLog';
export type { JSONNumber, MetricSeriesJSON, ParseResultJSON } from './seriesToJSON';
export { seriesToJSON } from './seriesToJSON';
export { smoothEma } from './smoothEma';
export type {
  LogFormat,
  LogParser,
  LogParserUpdate,
  MetricPoint,
  MetricSeries,
  ParseOptions,
  ParseResult,
  ParseStats,
  Restart,
  StepSource,
} from './types';
