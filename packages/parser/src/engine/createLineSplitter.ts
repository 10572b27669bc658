/** Where the lines of a text go. */
export interface LineSink {
  /**
   * One whole line, `text[start, end)` without its line break (not sliced out: a reader may read it
   * in place). `offset` is where the line starts in the whole text.
   */
  line(text: string, start: number, end: number, offset: number): void;
  /** A line longer than the limit: skipped, never held in memory whole. */
  overlong(): void;
}

/** Splits a text that arrives in chunks into lines. */
export interface LineSplitter {
  /** Feeds the next chunk; every line it completes goes to the sink before `push` returns. */
  push(chunk: string): void;
  /** The text ended: an unterminated last line goes to the sink. */
  end(): void;
  /** Characters pushed so far. */
  readonly consumed: number;
  /** The unterminated text after the last line break (a tqdm bar waits there for its redraw). */
  pending(): string;
  /**
   * Hands the unterminated text on as a line now and clears it: a capture does so with a complete
   * progress bar, whose line break only comes with the next redraw.
   */
  flushPending(): void;
}

/**
 * Creates the line splitter of the parser and of live captures: lines end at `\n`, `\r\n` or a
 * lone `\r` (tqdm redraws a bar with `\r`), a `\r\n` cut between two chunks is one break, and a
 * line longer than `maxLineLength` is reported once and dropped as it arrives, so memory stays
 * bounded whatever the input. Linear in the text's length.
 *
 * @param sink - Receives each line.
 * @param maxLineLength - The longest line kept, in characters.
 * @returns The splitter.
 * @defaultValue maxLineLength 1_048_576
 * @example
 * ```ts
 * const lines: string[] = [];
 * const splitter = createLineSplitter({
 *   line: (text, start, end) => lines.push(text.slice(start, end)),
 *   overlong: () => {},
 * });
 * splitter.push('a\r\nb\rc');
 * splitter.end();
 * lines; // ['a', 'b', 'c']
 * ```
 */
export function createLineSplitter(sink: LineSink, maxLineLength = 1_048_576): LineSplitter {
  let carry = '';
  let carryOverflow = false;
  let skipLF = false;
  let consumed = 0;

  function appendCarry(chunk: string, start: number, end: number): void {
    if (carryOverflow) return;
    if (carry.length + (end - start) > maxLineLength) {
      carry = '';
      carryOverflow = true;
      return;
    }
    carry += chunk.slice(start, end);
  }

  function push(chunk: string): void {
    const n = chunk.length;
    // An empty chunk must not use up a pending `\r\n` skip.
    if (n === 0) return;
    const before = consumed;
    consumed += n;
    let start = 0;
    if (skipLF) {
      skipLF = false;
      if (chunk.charCodeAt(0) === 10) start = 1;
    }
    let nextLF = -2;
    let nextCR = -2;
    while (start < n) {
      if (nextLF !== -1 && nextLF < start) nextLF = chunk.indexOf('\n', start);
      if (nextCR !== -1 && nextCR < start) nextCR = chunk.indexOf('\r', start);
      if (nextLF < 0 && nextCR < 0) {
        appendCarry(chunk, start, n);
        break;
      }
      const end = nextLF < 0 ? nextCR : nextCR < 0 ? nextLF : Math.min(nextLF, nextCR);
      if (carryOverflow) {
        carryOverflow = false;
        carry = '';
        sink.overlong();
      } else if (carry.length > 0) {
        const line = carry + chunk.slice(start, end);
        carry = '';
        if (line.length > maxLineLength) sink.overlong();
        else sink.line(line, 0, line.length, before + start - (line.length - (end - start)));
      } else if (end - start > maxLineLength) sink.overlong();
      else sink.line(chunk, start, end, before + start);
      if (chunk.charCodeAt(end) === 13) {
        if (end + 1 < n) start = chunk.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
        else {
          skipLF = true;
          start = end + 1;
        }
      } else start = end + 1;
    }
  }

  function end(): void {
    if (carryOverflow) {
      carryOverflow = false;
      sink.overlong();
    } else if (carry.length > 0) {
      const line = carry;
      carry = '';
      sink.line(line, 0, line.length, consumed - line.length);
    }
  }

  return {
    push,
    end,
    pending: () => (carryOverflow ? '' : carry),
    flushPending(): void {
      if (carry.length === 0) return;
      const line = carry;
      carry = '';
      sink.line(line, 0, line.length, consumed - line.length);
    },
    get consumed() {
      return consumed;
    },
  };
}
