/** Keys of a notebook output's text: a stream's, and the plain and HTML renderings of a result. */
const TEXT_KEYS = new Set(['text', 'text/plain', 'text/html']);

/** Reads the lines of a Jupyter notebook's JSON (`.ipynb`, as nbformat writes it: one value a line). */
export interface NotebookReader {
  /** Whether the lines read so far are a notebook's (from its `"cells": [` line to its last `}`). */
  readonly active: boolean;
  /**
   * Reads a line: true when it is a line of the notebook, passing the text of its outputs on.
   *
   * @param raw - The line.
   */
  line(raw: string): boolean;
}

/**
 * Creates the reader of a notebook saved as indented JSON, line by line (so a notebook streams like
 * any log): the strings of its outputs' texts (`"text": [`, `"text/plain": [`, `"text/html": [`)
 * are decoded and passed on; code cells' sources and the JSON around are not read.
 *
 * @param sink - Receives each decoded string (a line of output with its `\n`, or a part of one),
 *   and the end of each text.
 * @returns The reader; it becomes active on a `"cells": [` line.
 * @example
 * ```ts
 * const notebook = createNotebookReader({ text: (s) => out.push(s), endText: () => {} });
 * notebook.line(' "cells": ['); // true: a notebook from here on
 * ```
 */
export function createNotebookReader(sink: {
  text(decoded: string): void;
  endText(): void;
}): NotebookReader {
  let active = false;
  let inText = false;
  return {
    get active() {
      return active;
    },
    line(raw) {
      const t = raw.trim();
      if (!active) {
        if (!isCellsLine(t)) return false;
        active = true;
        return true;
      }
      const first = t.charCodeAt(0);
      if (inText) {
        if (first === 93 /* ] */) {
          inText = false;
          sink.endText();
        } else if (first === 34) {
          const decoded = decodeStringLine(t);
          if (decoded !== undefined) sink.text(decoded);
        }
        return true;
      }
      if (first === 34 /* " */) {
        const close = t.indexOf('":');
        if (close > 0) {
          const key = t.slice(1, close);
          const rest = t.slice(close + 2).trim();
          if (TEXT_KEYS.has(key)) {
            if (rest === '[') inText = true;
            else if (rest.charCodeAt(0) === 34) {
              // A text stored as one string instead of a list of lines.
              const decoded = decodeStringLine(rest);
              if (decoded !== undefined) {
                sink.text(decoded);
                sink.endText();
              }
            }
          }
        }
        return true;
      }
      // The notebook's closing brace, at the start of its line.
      if (first === 125 && raw.charCodeAt(0) === 125) active = false;
      return true;
    },
  };
}

/** `"cells": [` (nbformat's indented JSON), or `"cells":[`. */
function isCellsLine(t: string): boolean {
  if (!t.startsWith('"cells"')) return false;
  const rest = t.slice(7).trim();
  return rest === ':[' || rest === ': [';
}

/** A JSON string literal, alone on its line but for a trailing comma, decoded. */
function decodeStringLine(t: string): string | undefined {
  const literal = t.charCodeAt(t.length - 1) === 44 ? t.slice(0, -1).trimEnd() : t;
  if (literal.length < 2 || literal.charCodeAt(literal.length - 1) !== 34) return undefined;
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
