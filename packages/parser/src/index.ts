export { createLogParser } from './createLogParser';
export { csvCell } from './csvCell';
export type { DownsampleM4Options } from './downsampleM4';
export { downsampleM4 } from './downsampleM4';
export { downsampleSeries } from './downsampleSeries';
export type { LineSink, LineSplitter } from './engine/createLineSplitter';
export { createLineSplitter } from './engine/createLineSplitter';
export type { LogFormatInfo } from './formats/formatTable';
export { logFormats } from './formats/formatTable';
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
