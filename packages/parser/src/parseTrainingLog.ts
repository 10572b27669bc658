import { createLogParser } from './createLogParser';
import type { ParseOptions, ParseResult } from './types';

/**
 * Parses a whole training log at once: exactly `createLogParser(options)` + `push(text)` + `end()`
 * + `result()`, so the result is the same as streaming the text in any chunks. Never throws.
 *
 * @param text - The log text (any size; lines longer than `maxLineLength` are skipped and counted).
 * @param options - Forced format and line-length cap.
 * @returns Series per canonical metric, summary, restarts, detected format and stats.
 * @defaultValue options `{}` (detect the format per line)
 * @example
 * ```ts
 * const result = parseTrainingLog("{'loss': 2.31, 'learning_rate': 5e-05, 'epoch': 0.1}\n");
 * result.series.loss; // { steps: [1], values: [2.31] }
 * result.stepSource; // 'count'
 * ```
 */
export function parseTrainingLog(text: string, options: ParseOptions = {}): ParseResult {
  const parser = createLogParser(options);
  parser.push(text);
  parser.end();
  return parser.result();
}
