// Defined once in @trainviz/client/series and bundled into this package's build (see tsup.config.ts).
export type { DownsampleM4Options } from '@trainviz/client/series';
export { downsampleM4, smoothEma } from '@trainviz/client/series';
export { createLogParser } from './createLogParser';
export { csvCell } from './csvCell';
export { downsampleSeries } from './downsampleSeries';
export type { LineSink, LineSplitter } from './engine/createLineSplitter';
export { createLineSplitter } from './engine/createLineSplitter';
export type { LogFormatInfo } from './formats/formatTable';
export { logFormats } from './formats/formatTable';
export { parseTrainingLog } from './parseTrainingLog';
export type { JSONNumber, MetricSeriesJSON, ParseResultJSON } from './seriesToJSON';
export { seriesToJSON } from './seriesToJSON';
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
