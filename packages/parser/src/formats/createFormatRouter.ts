import type { BarFormat, LineFormat, ObjectFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';
import type { FlatObject } from './objectRecord';
import type { ProgressBar } from './progressBar';
import { FORMATS, type FormatId } from './registry';

/** Offers lines, objects and bars to the formats of the registry, each with its own state. */
export interface FormatRouter {
  /**
   * A text line (prefixes removed): the record of the first format that claims and reads it.
   * `counter` is the number of an `N:` prefix that was removed with the others.
   */
  readLine(line: string, counter?: number): LineRecord | undefined;
  /** The line read by one format only (a YOLO row glued to its bar). */
  readLineAs(id: FormatId, line: string): LineRecord | undefined;
  /** A dict or JSON object: the record of the first object format that claims it. */
  readObject(object: FlatObject, pretty: boolean): LineRecord | undefined;
  /** A progress bar with a postfix: the record of the first bar format that reads it. */
  readBar(bar: ProgressBar): LineRecord | undefined;
}

/**
 * Creates the router of one parse: every line format gets a fresh state (a table header being
 * read, the last Keras epoch line), so two parses never share anything.
 *
 * @returns The router.
 * @example
 * ```ts
 * const router = createFormatRouter();
 * router.readLine('iter 10: loss 3.2202, time 893.76ms')?.format; // 'nanogpt'
 * ```
 */
export function createFormatRouter(): FormatRouter {
  const lines: Array<LineFormat<string, unknown>> = [];
  const objects: ObjectFormat[] = [];
  const bars: BarFormat[] = [];
  for (const format of FORMATS) {
    if (format.reads === 'line') lines.push(format as LineFormat<string, unknown>);
    else if (format.reads === 'object') objects.push(format);
    else bars.push(format);
  }
  const states = lines.map((format) => format.createState());
  const count = lines.length;

  function readLine(line: string, counter?: number): LineRecord | undefined {
    const first = line.charCodeAt(0);
    for (let i = 0; i < count; i++) {
      const format = lines[i] as LineFormat<string, unknown>;
      const state = states[i];
      if (!format.claims(line, first, state)) continue;
      const record = format.read(line, state, counter);
      if (record === 'consumed') return undefined;
      if (record !== undefined) return record;
    }
    return undefined;
  }

  function readLineAs(id: FormatId, line: string): LineRecord | undefined {
    for (let i = 0; i < count; i++) {
      const format = lines[i] as LineFormat<string, unknown>;
      if (format.id !== id) continue;
      const record = format.read(line, states[i]);
      return record === 'consumed' ? undefined : record;
    }
    return undefined;
  }

  function readObject(object: FlatObject, pretty: boolean): LineRecord | undefined {
    for (const format of objects) {
      if (format.claimsObject(object, pretty)) return format.readObject(object);
    }
    return undefined;
  }

  function readBar(bar: ProgressBar): LineRecord | undefined {
    for (const format of bars) {
      const record = format.readBar(bar);
      if (record) return record;
    }
    return undefined;
  }

  return { readLine, readLineAs, readObject, readBar };
}
