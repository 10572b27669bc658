export type { WireValue } from '../types';
export { decodeWireValue, encodeWireValue } from '../wireValue';
export type { DownsampleM4Options } from './downsampleM4';
export { downsampleM4 } from './downsampleM4';
export { escapeCsvCell } from './escapeCsvCell';
export type { MetricSeries, ReadonlyMetricSeries } from './MetricSeries';
export type { EmaSmoother } from './smoothEma';
export { createEmaSmoother, smoothEma } from './smoothEma';
export { lowerBound, nearestIndex, upperBound } from './sortedSearch';
