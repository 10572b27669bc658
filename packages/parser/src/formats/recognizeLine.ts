import { deepspeedRecord } from './deepspeed';
import { fairseqRecord } from './fairseq';
import { generalRecord } from './general';
import { kerasRecord } from './keras';
import type { LineRecord, RecognizerContext } from './LineRecord';
import { litgptRecord } from './litgpt';
import { megatronRecord } from './megatron';
import { mlxLmRecord } from './mlxLm';
import { nanogptRecord } from './nanogpt';
import { nemoRecord } from './nemo';
import { notebookTableRecord } from './notebookTable';
import { summaryBlockRecord } from './summaryBlock';
import { tableRecord } from './table';
import { torchtuneRecord } from './torchtune';
import { verlRecord } from './verl';
import { yoloRecord } from './yolo';

/**
 * Routes one text line (not a dict, not a progress bar) to the recogniser of its format, using
 * cheap first-character and `indexOf` checks so that only candidate lines meet a format grammar;
 * lines nobody claims fall back to {@link genericRecord} when they mention a loss.
 *
 * @param s - The line, prefixes already removed (starts with a non-space character).
 * @param ctx - Parser context.
 * @returns The record, or `undefined` for noise.
 * @defaultValue undefined for lines without metrics
 * @example
 * ```ts
 * recognizeLine('iter 10: loss 3.2202, time 893.76ms', ctx)?.format; // 'nanogpt'
 * ```
 */
export function recognizeLine(s: string, ctx: RecognizerContext): LineRecord | undefined {
  const c = s.charCodeAt(0);
  let record: LineRecord | undefined;
  if (c === 60 /* < */ || ctx.tableHeader !== undefined) {
    record = notebookTableRecord(s, ctx);
    if (record || c === 60 || ctx.tableHeader !== undefined) return record;
  }
  if (ctx.summaryBlock !== undefined || c === 42 /* * */) {
    const summary = summaryBlockRecord(s, ctx);
    if (summary === 'consumed') return undefined;
    if (summary) return summary;
  }
  if (s.indexOf('iteration') >= 0) {
    record = s.startsWith('Training epoch') ? nemoRecord(s, ctx) : megatronRecord(s);
    if (record) return record;
  }
  if (ctx.yoloHeader !== undefined || c === 67 /* C */ || s.startsWith('Epoch ')) {
    record = yoloRecord(s, ctx);
    if (record) return record;
  }
  switch (c) {
    case 105: // i
      record = nanogptRecord(s) ?? litgptRecord(s, ctx);
      break;
    case 73: // I
      record = mlxLmRecord(s);
      break;
    case 115: // s
      record = s.startsWith('step:') && s.indexOf(' - ') > 0 ? verlRecord(s) : undefined;
      record ??= nanogptRecord(s);
      break;
    case 83: // S
      record = torchtuneRecord(s) ?? nanogptRecord(s);
      break;
    case 69: // E
      record = kerasRecord(s, ctx) ?? litgptRecord(s, ctx);
      break;
    case 118: // v
      record = nanogptRecord(s);
      break;
    case 91: // [
      record = deepspeedRecord(s);
      break;
    case 124: // |
      record = fairseqRecord(s);
      break;
    default:
      if (c >= 48 && c <= 57) record = kerasRecord(s, ctx) ?? nanogptRecord(s);
  }
  if (record) return record;
  if (s.indexOf('| epoch ') >= 0) {
    record = fairseqRecord(s);
    if (record) return record;
  }
  if (s.indexOf('timer.py') >= 0) return deepspeedRecord(s);
  if (
    ctx.table !== undefined ||
    ctx.box !== undefined ||
    s.indexOf('|') >= 0 ||
    s.indexOf('\t') >= 0 ||
    s.indexOf('  ') >= 0 ||
    c === 45
  ) {
    const table = tableRecord(s, ctx);
    if (table === 'consumed') return undefined;
    if (table) return table;
  }

  if (s.indexOf('OVERFLOW') >= 0) return undefined;
  return generalRecord(s, ctx);
}
