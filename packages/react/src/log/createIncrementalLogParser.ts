import type { LogParser, ParseResult } from '@trainviz/parser';
import { createLogParser } from '@trainviz/parser';

/**
 * Parses a log text that grows by appending, re-reading only what was added.
 *
 * @example
 * ```ts
 * const parser = createIncrementalLogParser();
 * parser.parse('{"loss": 2.3, "step": 1}\n').series.loss?.values; // [2.3]
 * ```
 */
export interface IncrementalLogParser {
  /**
   * The parse of `text`. When `text` starts with the previous text, only the new suffix is parsed;
   * otherwise parsing starts over. With `complete`, an unterminated last line is read too (a later,
   * longer text then starts over).
   */
  parse(text: string, complete?: boolean): ParseResult;
}

/**
 * Creates an {@link IncrementalLogParser} on top of the streaming `createLogParser()`.
 *
 * @returns a parser with no text yet
 *
 * @example
 * ```ts
 * const parser = createIncrementalLogParser();
 * parser.parse(firstChunk);
 * parser.parse(firstChunk + secondChunk); // parses only secondChunk
 * ```
 */
export function createIncrementalLogParser(): IncrementalLogParser {
  let text = '';
  let parser: LogParser = createLogParser();
  let ended = false;
  let result: ParseResult | null = null;
  return {
    parse(next, complete = false) {
      if (result && next === text && (ended || !complete)) return result;
      const appended = !ended && next.length >= text.length && next.startsWith(text);
      if (!appended) {
        parser = createLogParser();
        text = '';
        ended = false;
      }
      if (next.length > text.length) parser.push(next.slice(text.length));
      text = next;
      if (complete) {
        parser.end();
        ended = true;
      }
      result = parser.result();
      return result;
    },
  };
}
