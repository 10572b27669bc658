import { createColumnStore } from './engine/createColumnStore';
import { createLayoutCache } from './engine/createLayoutCache';
import { createLineReader } from './engine/createLineReader';
import { createLineSplitter } from './engine/createLineSplitter';
import { createRecordBuffer } from './engine/createRecordBuffer';
import { createRecordHandler } from './engine/createRecordHandler';
import { createStepTracker } from './engine/createStepTracker';
import { createFormatRouter } from './formats/createFormatRouter';
import type { LogParser, LogParserUpdate, MetricSeries, ParseOptions, ParseResult } from './types';

const DEFAULT_MAX_LINE_LENGTH = 1_048_576;

/**
 * Creates a streaming training-log parser, a composition of named parts (`src/engine/`):
 *
 * ```
 * text ─ splitter ─ line reader ─┬─ joiner (wrapped dicts, Megatron lines)
 *        (\n \r\n \r)            ├─ layout fast path (one-line dicts seen before)
 *                                └─ formats of the registry (src/formats/registry.ts)
 *                                        │ records
 *                        record handler ─┼─ step tracker (explicit > bar > count, restarts)
 *                                        ├─ record buffer (duplicates)
 *                                        └─ column store (series, updates)
 * ```
 *
 * Only the series are kept (8 bytes a value, steps shared by the metrics logged together), never
 * the raw text; with `retainSeries: false` not even those, so a streaming consumer's memory stays
 * bounded however long the log is. The result never depends on how the text was cut into chunks,
 * and replaying the updates of `push()`/`end()` gives exactly `result().series`.
 *
 * @param options - Forced format, line-length cap, whether to retain the series, the fast path.
 * @returns A parser with `push(chunk)`, `end()` and `result()`; none of them throws.
 * @defaultValue options `{}` (detect the format per line, lines capped at 1 MiB, series retained)
 * @example
 * ```ts
 * const parser = createLogParser();
 * parser.push("{'loss': 2.31, 'epoch': 0.1}\n{'loss'");
 * parser.push(": 2.12, 'epoch': 0.2}\n");
 * parser.end();
 * parser.result().series.loss; // { steps: [1, 2], values: [2.31, 2.12] }
 * ```
 */
export function createLogParser(options: ParseOptions = {}): LogParser {
  const maxLineLength = Math.max(1, options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH);
  const learnLayouts = options.layoutFastPath !== false;
  let lines = 0;
  let malformed = 0;
  let ended = false;
  let finished: Record<string, MetricSeries> | undefined;

  const store = createColumnStore(options.retainSeries !== false);
  const buffer = createRecordBuffer(store);
  const tracker = createStepTracker();
  const handler = createRecordHandler({
    store,
    buffer,
    tracker,
    forced: options.format,
    line: () => lines,
  });
  const layouts = createLayoutCache(learnLayouts);
  const reader = createLineReader({
    router: createFormatRouter(),
    tracker,
    maxLength: maxLineLength,
    sink: {
      record: handler.record,
      layoutLine(text, start, end) {
        const layout = layouts.read(text, start, end);
        if (layout === undefined) return false;
        handler.layoutRecord(layout);
        return true;
      },
      scannedObject: layouts.learn,
      malformed: () => malformed++,
    },
  });
  let chunkEnd = 0;
  const splitter = createLineSplitter(
    {
      line(text, start, end, offset) {
        lines++;
        store.setPosition(offset, chunkEnd);
        reader.read(text, start, end);
      },
      overlong() {
        lines++;
        malformed++;
      },
    },
    maxLineLength,
  );

  function push(chunk: string): LogParserUpdate {
    const update = store.beginUpdate();
    if (ended || typeof chunk !== 'string' || chunk.length === 0) return update;
    chunkEnd = splitter.consumed + chunk.length;
    splitter.push(chunk);
    return update;
  }

  function end(): LogParserUpdate {
    const update = store.beginUpdate();
    if (ended) return update;
    ended = true;
    chunkEnd = splitter.consumed;
    store.setPosition(chunkEnd, chunkEnd);
    splitter.end();
    reader.end();
    return update;
  }

  function result(): ParseResult {
    // After end() the series never change again: later calls hand out the same arrays.
    if (ended && finished === undefined) finished = store.series(true);
    const formats = handler.formats();
    return {
      format: formats[0] ?? 'unknown',
      formats,
      stepSource: tracker.source,
      series: finished ?? store.series(false),
      summary: Object.assign(Object.create(null) as Record<string, number>, handler.summary),
      restarts: handler.restarts.slice(),
      stats: {
        lines,
        records: handler.records,
        malformedLines: malformed,
        duplicateRecords: handler.duplicates,
      },
    };
  }

  return {
    push(chunk: string): LogParserUpdate {
      try {
        return push(chunk);
      } catch {
        malformed++;
        return store.update;
      }
    },
    end(): LogParserUpdate {
      try {
        return end();
      } catch {
        return store.update;
      }
    },
    result,
  };
}
