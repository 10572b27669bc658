import type { LineRecord } from '../formats/LineRecord';
import type { FlatObject } from '../formats/objectRecord';
import { createRecordLayout, type RecordLayout, readLayoutLine } from '../formats/recordLayout';
import type { StoredSeries } from './createColumnStore';

/**
 * The layouts of the one-line dicts and JSON objects seen last (most recent first): a line of a
 * known layout is read by its compiled pattern, without the general object reader. A log whose
 * objects seldom repeat a layout stops learning them.
 *
 * @param enabled - Learn layouts at all (`ParseOptions.layoutFastPath`).
 * @returns `read` (the layout that read the line, if any) and `learn`.
 * @example
 * ```ts
 * const layouts = createLayoutCache(true);
 * layouts.read(line, 0, line.length); // undefined until a line of that layout was learnt
 * ```
 */
export function createLayoutCache(enabled: boolean) {
  const layouts: Array<RecordLayout<StoredSeries>> = [];
  let learned = 0;
  let hits = 0;
  return {
    read(text: string, start: number, end: number): RecordLayout<StoredSeries> | undefined {
      for (let k = 0; k < layouts.length; k++) {
        const layout = layouts[k] as RecordLayout<StoredSeries>;
        if (!readLayoutLine(layout, text, start, end)) continue;
        if (k > 0) {
          layouts[k] = layouts[0] as RecordLayout<StoredSeries>;
          layouts[0] = layout;
        }
        hits++;
        return layout;
      }
      return undefined;
    },
    learn(object: FlatObject, record: LineRecord | undefined, line: string): void {
      // A log whose objects seldom repeat a layout stops paying for building them.
      if (!enabled || record === undefined) return;
      if (learned >= 64 && learned * 4 > hits) return;
      learned++;
      const layout = createRecordLayout<StoredSeries>(object, record, line);
      if (!layout) return;
      if (layouts.length >= 8) layouts.pop();
      layouts.unshift(layout);
    },
  };
}
