'use client';
import type { ParseResult } from '@trainviz/parser';
import { useMemo, useState } from 'react';
import { createIncrementalLogParser } from './createIncrementalLogParser';

/**
 * Options of {@link useLogTextMetrics}.
 *
 * @example
 * ```ts
 * const options: UseLogTextMetricsOptions = { complete: true };
 * ```
 */
export interface UseLogTextMetricsOptions {
  /**
   * The log will not grow any more: its last line is read even without a trailing newline.
   * @defaultValue false (a last line without newline waits for more text)
   */
  complete?: boolean;
}

/**
 * Parses raw training-log text in the browser with `@trainviz/parser`, for hosts with a log stream but
 * no metrics endpoint. Memoised on the text; when the new text extends the previous one (a growing
 * terminal), only the appended part is parsed, so each update costs the size of the new text.
 *
 * @param logText - the whole log so far
 * @param options - whether the log is complete. @defaultValue `{}`
 * @returns the parse result (series, restarts, step source, stats)
 *
 * @example
 * ```tsx
 * const { series, restarts } = useLogTextMetrics(terminalText);
 * ```
 */
export function useLogTextMetrics(
  logText: string,
  options: UseLogTextMetricsOptions = {},
): ParseResult {
  const [parser] = useState(createIncrementalLogParser);
  const complete = options.complete ?? false;
  return useMemo(() => parser.parse(logText, complete), [parser, logText, complete]);
}
