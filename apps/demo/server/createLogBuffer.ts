import type { DemoLogPage } from '../src/types';

/**
 * Options of {@link createLogBuffer}.
 *
 * @example
 * ```ts
 * createLogBuffer({ capacity: 2000 });
 * ```
 */
export interface LogBufferOptions {
  /**
   * Complete lines kept; older ones are dropped.
   * @defaultValue 2000
   */
  capacity?: number;
}

/**
 * The last lines a run printed, as a terminal would show them.
 *
 * @example
 * ```ts
 * const log = createLogBuffer();
 * log.write(' 10%|█   | 10/100\r 20%|██  | 20/100');
 * log.read(0); // { lines: [], next: 0, partial: ' 20%|██  | 20/100', dropped: 0 }
 * ```
 */
export interface LogBuffer {
  /** Appends raw output: `\n` ends a line, `\r` starts redrawing the current one. */
  write(text: string): void;
  /** Lines numbered `since` and after that are still held, plus the line being drawn. */
  read(since: number): DemoLogPage;
  /** Number of complete lines written so far (held or dropped). */
  readonly lineCount: number;
}

const ansi = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * Creates a ring buffer of terminal lines that understands carriage returns, so a tqdm bar
 * redrawn a thousand times is one line, not a thousand.
 *
 * @example
 * ```ts
 * const log = createLogBuffer({ capacity: 500 });
 * child.stdout.on('data', (chunk) => log.write(String(chunk)));
 * ```
 */
export function createLogBuffer(options: LogBufferOptions = {}): LogBuffer {
  const capacity = Math.max(1, options.capacity ?? 2000);
  const lines: string[] = [];
  let first = 0;
  let partial = '';

  function commit(line: string): void {
    lines.push(line.replace(ansi, '').trimEnd());
    if (lines.length > capacity) {
      lines.shift();
      first += 1;
    }
  }

  return {
    write(text) {
      for (const piece of text.split(/(\r\n|\n|\r)/)) {
        if (piece === '\n' || piece === '\r\n') {
          commit(partial);
          partial = '';
        } else if (piece === '\r') {
          partial = '';
        } else {
          partial += piece;
        }
      }
    },
    read(since) {
      const from = Math.max(0, Math.floor(Number.isFinite(since) ? since : 0));
      const start = Math.max(from, first);
      return {
        lines: lines.slice(start - first),
        next: first + lines.length,
        partial: partial.replace(ansi, '').trimEnd(),
        dropped: Math.min(start, first + lines.length) - Math.min(from, first + lines.length),
      };
    },
    get lineCount() {
      return first + lines.length;
    },
  };
}
