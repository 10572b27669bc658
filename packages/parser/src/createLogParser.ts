import { fairseqJsonRecord } from './formats/fairseq';
import { hfTrainerRecord } from './formats/hfTrainer';
import { jsonLinesRecord } from './formats/jsonLines';
import type { LineRecord, RecognizerContext } from './formats/LineRecord';
import { lightningRecord } from './formats/lightning';
import { llamaFactoryRecord } from './formats/llamaFactory';
import type { FlatObject } from './formats/objectRecord';
import { type ProgressBar, readProgressBar } from './formats/progressBar';
import { readObjectLiteral } from './formats/readObjectLiteral';
import { recognizeLine } from './formats/recognizeLine';
import { torchtuneRecord } from './formats/torchtune';
import { trainerStateRecord } from './formats/trainerState';
import { yoloRecord } from './formats/yolo';
import { scanFlatObject } from './scanFlatObject';
import type {
  LogFormat,
  LogParser,
  LogParserUpdate,
  MetricPoint,
  MetricSeries,
  ParseOptions,
  ParseResult,
  Restart,
  StepSource,
} from './types';

const DEFAULT_MAX_LINE_LENGTH = 1_048_576;
const MEGATRON_START_RE = /(?:^|\|)\s*iteration\s+\d+\s*\/\s*\d+\s*\|/;
const SOURCE_RANK: Record<StepSource, number> = { explicit: 2, progress: 1, count: 0 };

interface StoredSeries extends MetricSeries {
  name: string;
  /** Length of the series when the update `update` first touched it. */
  base: number;
  update: number;
}

interface PendingObject {
  text: string;
  lines: number;
  /** Pretty-printed JSON (trainer_state.json): abandoned silently when a nested object starts. */
  json: boolean;
}

/**
 * Creates a streaming training-log parser. Text is split into lines on `\n`, `\r\n` and lone `\r`
 * (live tqdm redraws); each line is routed to the recogniser of its format (see `src/formats/`),
 * dicts wrapped over several lines are joined, and points are stored per metric and step (later value
 * wins, restarts replace what follows). Only the series are kept, never the raw text, so memory stays
 * bounded however long the log is. The result never depends on how the text was cut into chunks.
 *
 * @param options - Forced format and line-length cap.
 * @returns A parser with `push(chunk)`, `end()` and `result()`; none of them throws.
 * @defaultValue options `{}` (detect the format per line, lines capped at 1 MiB)
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
  const forced = options.format;
  const maxLineLength = Math.max(1, options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH);

  let carry = '';
  let carryOverflow = false;
  let skipLF = false;
  let ended = false;

  let lines = 0;
  let records = 0;
  let malformedLines = 0;
  let duplicateRecords = 0;

  const series = new Map<string, StoredSeries>();
  const summary: Record<string, number> = {};
  const restarts: Restart[] = [];
  const formatCounts = new Map<LogFormat, { loss: number; all: number }>();
  let weakestSource: StepSource | undefined;

  let lastExplicitStep: number | undefined;
  let lastTrainStep: number | undefined;
  let counter = 0;
  // The previous record, copied (records of the hot path are reused), for duplicate detection.
  let previousKind = '';
  let previousStepKey: number | undefined;
  const previousNames: string[] = [];
  const previousValues: number[] = [];

  let mainTotal = 0;
  let barPosition = 0;
  let barFresh = false;
  // The last plain bar is kept unread: of ten redraws only the one before a record is ever parsed.
  let lastBarLine: string | undefined;
  let lastBarPercent = 0;

  let pending: PendingObject | undefined;
  const scanned: FlatObject = {
    keys: [],
    values: [],
    count: 0,
    quote: 'double',
    scratch: { format: 'unknown', kind: 'train', metrics: [] },
  };
  let megatronCarry: { text: string; lines: number } | undefined;

  const ctx: RecognizerContext = {
    kerasEpoch: undefined,
    yoloHeader: undefined,
    carried: new Map(),
    tableHeader: undefined,
    tableRow: undefined,
  };

  // The points of an update are not copied point by point: each series remembers where the current
  // update began (`base`); points appended since are read back with one `slice` when the update is
  // frozen (at the next push/end, or when `points` is read). Only rewrites of older points are
  // recorded on the side (`extra*`), which is rare.
  let updateId = 0;
  let touched: StoredSeries[] = [];
  let extraMetrics: string[] = [];
  let extraSteps: number[] = [];
  let extraValues: number[] = [];
  let freezeCurrent: () => void = () => {};
  let update: LogParserUpdate = emptyUpdate();

  function emptyUpdate(): LogParserUpdate {
    freezeCurrent();
    updateId++;
    const parts: StoredSeries[] = [];
    const metrics: string[] = [];
    const steps: number[] = [];
    const values: number[] = [];
    touched = parts;
    extraMetrics = metrics;
    extraSteps = steps;
    extraValues = values;
    let frozen: Array<{ metric: string; steps: number[]; values: number[] }> | undefined;
    let points: MetricPoint[] | undefined;
    const freeze = (): void => {
      if (frozen !== undefined) return;
      frozen = parts.map((s) => ({
        metric: s.name,
        steps: s.steps.slice(s.base),
        values: s.values.slice(s.base),
      }));
    };
    freezeCurrent = freeze;
    return {
      get points(): MetricPoint[] {
        if (points === undefined) {
          freeze();
          points = [];
          for (let i = 0; i < steps.length; i++) {
            const metric = metrics[i] as string;
            points.push({ metric, step: steps[i] as number, value: values[i] as number });
          }
          for (const part of frozen ?? []) {
            for (let i = 0; i < part.steps.length; i++) {
              const step = part.steps[i] as number;
              points.push({ metric: part.metric, step, value: part.values[i] as number });
            }
          }
        }
        return points;
      },
      restarts: [],
      summary: {},
    };
  }

  function extra(metric: string, step: number, value: number): void {
    extraMetrics.push(metric);
    extraSteps.push(step);
    extraValues.push(value);
  }

  function upsert(metric: string, step: number, value: number): void {
    let s = series.get(metric);
    if (!s) {
      s = { name: metric, steps: [], values: [], base: 0, update: 0 };
      series.set(metric, s);
    }
    if (s.update !== updateId) {
      s.update = updateId;
      s.base = s.steps.length;
      touched.push(s);
    }
    const { steps, values } = s;
    const n = steps.length;
    const last = n > 0 ? (steps[n - 1] as number) : Number.NEGATIVE_INFINITY;
    if (step > last) {
      steps.push(step);
      values.push(value);
    } else if (step === last) {
      values[n - 1] = value;
      if (n - 1 < s.base) extra(metric, step, value);
    } else {
      const i = lowerBound(steps, step);
      if (steps[i] === step) values[i] = value;
      else {
        steps.splice(i, 0, step);
        values.splice(i, 0, value);
        if (i < s.base) s.base++;
      }
      if (i < s.base) extra(metric, step, value);
    }
  }

  function restartAt(step: number, fromStep: number): void {
    for (const s of series.values()) {
      const i = lowerBound(s.steps, step);
      s.steps.length = i;
      s.values.length = i;
      if (s.update === updateId && i < s.base) s.base = i;
    }
    // Rewrites of this update at or after the restart step are superseded as well.
    let kept = 0;
    for (let i = 0; i < extraSteps.length; i++) {
      if ((extraSteps[i] as number) >= step) continue;
      extraMetrics[kept] = extraMetrics[i] as string;
      extraSteps[kept] = extraSteps[i] as number;
      extraValues[kept] = extraValues[i] as number;
      kept++;
    }
    extraMetrics.length = kept;
    extraSteps.length = kept;
    extraValues.length = kept;
    const restart: Restart = { step, fromStep, line: lines };
    restarts.push(restart);
    update.restarts.push(restart);
  }

  /** Same kind and the same metrics with the same values (NaN equal to NaN) as the previous record. */
  function isPreviousRecord(record: LineRecord): boolean {
    const metrics = record.metrics;
    if (record.kind !== previousKind || metrics.length !== previousNames.length) return false;
    for (let i = 0; i < metrics.length; i++) {
      const metric = metrics[i] as [string, number];
      if (metric[0] !== previousNames[i] || !Object.is(metric[1], previousValues[i])) return false;
    }
    return true;
  }

  function noteSource(source: StepSource): void {
    if (weakestSource === undefined || SOURCE_RANK[source] < SOURCE_RANK[weakestSource]) {
      weakestSource = source;
    }
  }

  function handleRecord(record: LineRecord): void {
    if (forced !== undefined && record.format !== forced) return;
    if (record.kind === 'summary') {
      for (const [name, value] of record.metrics) {
        if (name === '__proto__') continue;
        summary[name] = value;
        update.summary[name] = value;
      }
      countFormat(record, false);
      records++;
      return;
    }
    let step: number;
    let source: StepSource | undefined;
    if (record.step !== undefined) {
      step = record.step;
      source = 'explicit';
    } else if (record.progressStep !== undefined) {
      step = record.progressStep;
      source = 'progress';
    } else if (record.kind === 'eval') {
      step = lastTrainStep ?? 0;
    } else if ((lastBarLine !== undefined && settleBar()) || barFresh) {
      step = barPosition;
      source = 'progress';
    } else {
      step = counter + 1;
      source = 'count';
    }
    const stepKey = source === 'explicit' || source === 'progress' ? step : undefined;
    if (previousStepKey === stepKey && isPreviousRecord(record)) {
      duplicateRecords++;
      return;
    }
    previousKind = record.kind;
    previousStepKey = stepKey;
    const metrics = record.metrics;
    previousNames.length = metrics.length;
    previousValues.length = metrics.length;
    for (let i = 0; i < metrics.length; i++) {
      const metric = metrics[i] as [string, number];
      previousNames[i] = metric[0];
      previousValues[i] = metric[1];
    }
    if (source === 'count') counter = step;
    if (record.kind === 'train' && source !== undefined) {
      barFresh = false;
      lastBarLine = undefined;
    }
    if (source === 'explicit') {
      if (lastExplicitStep !== undefined && step < lastExplicitStep)
        restartAt(step, lastExplicitStep);
      lastExplicitStep = step;
    }
    if (record.kind === 'train') {
      lastTrainStep = step;
      if (source !== undefined) noteSource(source);
    } else if (source === 'explicit') noteSource(source);
    if (!Number.isFinite(step)) return;
    let curve = false;
    for (let i = 0; i < metrics.length; i++) {
      const [name, value] = metrics[i] as [string, number];
      if (name === 'loss' || name === 'eval_loss') curve = true;
      upsert(name, step, value);
    }
    countFormat(record, curve);
    records++;
  }

  function countFormat(record: LineRecord, curve: boolean): void {
    let c = formatCounts.get(record.format);
    if (!c) {
      c = { loss: 0, all: 0 };
      formatCounts.set(record.format, c);
    }
    c.all++;
    if (curve) c.loss++;
  }

  /** Reads the bar kept by the fast path; true when it is a fresh position of the main bar. */
  function settleBar(): boolean {
    const line = lastBarLine;
    lastBarLine = undefined;
    if (line === undefined) return barFresh;
    const bar = readProgressBar(line, lastBarPercent);
    if (bar) noteBar(bar);
    return barFresh;
  }

  function noteBar(bar: ProgressBar): void {
    lastBarLine = undefined;
    if (bar.total >= mainTotal) {
      mainTotal = bar.total;
      barPosition = bar.n;
      barFresh = true;
    }
  }

  function handleObject(object: FlatObject, pretty: boolean): void {
    let record: LineRecord | undefined;
    if (object.quote === 'single') record = hfTrainerRecord(object);
    else if (hasKey(object, 'current_steps')) record = llamaFactoryRecord(object);
    else if (hasKey(object, 'num_updates')) record = fairseqJsonRecord(object);
    else if (pretty) record = trainerStateRecord(object);
    else record = jsonLinesRecord(object);
    if (record) handleRecord(record);
  }

  function handlePairs(
    pairs: Array<[string, number | undefined]>,
    quote: 'single' | 'double',
    pretty: boolean,
  ): void {
    const object: FlatObject = { keys: [], values: [], count: pairs.length, quote };
    for (const [key, value] of pairs) {
      object.keys.push(key);
      object.values.push(value);
    }
    handleObject(object, pretty);
  }

  function startOrFinishObject(s: string, brace: number): void {
    let text = s;
    let at = brace;
    if (text.indexOf('&quot;') >= 0 || text.indexOf('&#39;') >= 0) {
      text = decodeEntities(text.slice(at));
      at = 0;
    }
    const r = readObjectLiteral(text, at);
    if (r.status === 'ok') {
      handlePairs(r.pairs, r.quote, false);
    } else if (r.status === 'incomplete') {
      const rest = text.slice(at);
      const lone = rest.trim() === '{';
      pending = { text: rest, lines: 1, json: lone || /^\{\s*"/.test(rest) };
    } else {
      malformedLines++;
    }
  }

  function continuePending(p: PendingObject, raw: string): boolean {
    const cleaned = stripPrefixes(raw);
    const t = cleaned.trim();
    if (p.json) {
      if (t.startsWith('{') || t.endsWith('{')) {
        const brace = t.startsWith('{') ? cleaned.indexOf('{') : cleaned.lastIndexOf('{');
        pending = undefined;
        startOrFinishObject(cleaned, brace);
        return true;
      }
    } else {
      if (cleaned.indexOf('%|') >= 0) return false;
      if (t.startsWith('{')) {
        pending = undefined;
        malformedLines++;
        return false;
      }
    }
    p.text += p.json ? t : cleaned;
    p.lines++;
    if (p.lines > (p.json ? 2000 : 64) || p.text.length > maxLineLength) {
      pending = undefined;
      if (!p.json) malformedLines++;
      return true;
    }
    if (t.indexOf('}') >= 0) {
      const r = readObjectLiteral(p.text, 0);
      if (r.status === 'ok') {
        pending = undefined;
        handlePairs(r.pairs, r.quote, p.json);
      } else if (r.status === 'malformed') {
        pending = undefined;
        if (!p.json) malformedLines++;
      }
    }
    return true;
  }

  function flushMegatron(): void {
    const m = megatronCarry;
    if (!m) return;
    megatronCarry = undefined;
    const record = recognizeLine(stripPrefixes(m.text), ctx);
    if (record) handleRecord(record);
  }

  function processLine(raw: string): void {
    lines++;
    const len = raw.length;
    if (len === 0) return;
    const last = raw.charCodeAt(len - 1);
    if (last === 93 && megatronCarry === undefined && pending === undefined) {
      const percent = raw.indexOf('%|');
      if (percent >= 0 && isPlainBar(raw, percent, len)) {
        lastBarLine = raw;
        lastBarPercent = percent;
        return;
      }
    } else if (last === 32 && raw.charCodeAt(0) === 32 && BLANK_RE.test(raw)) {
      if (megatronCarry) flushMegatron();
      return;
    }
    if (megatronCarry) {
      const t = raw.trim();
      if (
        t.length === 0 ||
        t === '...' ||
        megatronCarry.lines >= 4 ||
        MEGATRON_START_RE.test(raw) ||
        raw.indexOf('%|') >= 0
      ) {
        flushMegatron();
      } else {
        megatronCarry.text += raw;
        megatronCarry.lines++;
        if (t.endsWith('|')) flushMegatron();
        return;
      }
    }
    if (pending && continuePending(pending, raw)) return;
    if (raw.charCodeAt(0) === 123 && scanFlatObject(raw, 0, scanned)) {
      handleObject(scanned, false);
      return;
    }
    const percent = raw.indexOf('%|');
    if (percent >= 0 && raw.indexOf('{') < 0) {
      handleBarLine(raw, percent);
      return;
    }
    const s = stripPrefixes(raw);
    if (s.length === 0) return;
    const brace = findObjectStart(s);
    if (brace >= 0) {
      const barAt = s.indexOf('%|');
      if (barAt >= 0 && barAt < brace) {
        const bar = readProgressBar(s, barAt);
        if (bar) noteBar(bar);
      }
      startOrFinishObject(s, brace);
      return;
    }
    if (MEGATRON_START_RE.test(s) && !s.trimEnd().endsWith('|')) {
      megatronCarry = { text: s, lines: 1 };
      return;
    }
    const record = recognizeLine(s, ctx);
    if (record) handleRecord(record);
  }

  function handleBarLine(raw: string, percent: number): void {
    const tt = raw.indexOf('|Loss: ');
    if (tt >= 0) {
      const start = raw.lastIndexOf(':', tt - 4);
      const record = torchtuneRecord(raw.slice(start < 0 ? 0 : start + 1).trimStart());
      if (record) {
        handleRecord(record);
        return;
      }
    }
    if (ctx.yoloHeader !== undefined || raw.indexOf('Class') >= 0 || raw.indexOf('GPU_mem') >= 0) {
      const record = yoloRecord(stripPrefixes(raw), ctx);
      if (record) {
        handleRecord(record);
        return;
      }
    }
    const bar = readProgressBar(raw, percent);
    if (!bar) return;
    if (bar.postfix.length > 0) {
      const record = lightningRecord(bar);
      if (record) {
        handleRecord(record);
        return;
      }
    }
    noteBar(bar);
  }

  function feedLine(line: string): void {
    if (line.length > maxLineLength) {
      lines++;
      malformedLines++;
      return;
    }
    processLine(line);
  }

  function push(chunk: string): LogParserUpdate {
    update = emptyUpdate();
    if (ended || typeof chunk !== 'string' || chunk.length === 0) return update;
    const n = chunk.length;
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
      let end: number;
      if (nextLF < 0 && nextCR < 0) {
        appendCarry(chunk, start, n);
        break;
      }
      if (nextLF < 0) end = nextCR;
      else if (nextCR < 0) end = nextLF;
      else end = Math.min(nextLF, nextCR);
      if (carryOverflow) {
        carryOverflow = false;
        carry = '';
        lines++;
        malformedLines++;
      } else if (carry.length > 0) {
        const line = carry + chunk.slice(start, end);
        carry = '';
        feedLine(line);
      } else {
        // Hot path: a one-line dict/JSON record read in place, without slicing the line out.
        if (
          chunk.charCodeAt(start) === 123 &&
          pending === undefined &&
          megatronCarry === undefined &&
          end - start <= maxLineLength &&
          chunk.charCodeAt(end - 1) === 125 &&
          scanFlatObject(chunk, start, scanned, end)
        ) {
          lines++;
          handleObject(scanned, false);
        } else feedLine(chunk.slice(start, end));
      }
      if (chunk.charCodeAt(end) === 13) {
        if (end + 1 < n) start = chunk.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
        else {
          skipLF = true;
          start = end + 1;
        }
      } else start = end + 1;
    }
    return update;
  }

  function appendCarry(chunk: string, start: number, end: number): void {
    if (carryOverflow) return;
    if (carry.length + (end - start) > maxLineLength) {
      carry = '';
      carryOverflow = true;
      return;
    }
    carry += chunk.slice(start, end);
  }

  function end(): LogParserUpdate {
    update = emptyUpdate();
    if (ended) return update;
    ended = true;
    if (carryOverflow) {
      carryOverflow = false;
      lines++;
      malformedLines++;
    } else if (carry.length > 0) {
      const line = carry;
      carry = '';
      feedLine(line);
    }
    flushMegatron();
    if (pending) {
      if (!pending.json) malformedLines++;
      pending = undefined;
    }
    return update;
  }

  function result(): ParseResult {
    const out: Record<string, MetricSeries> = {};
    for (const [name, s] of series) {
      if (s.steps.length === 0 || name === '__proto__') continue;
      out[name] = { steps: s.steps.slice(), values: s.values.slice() };
    }
    const formats = [...formatCounts.entries()]
      .sort((a, b) => b[1].loss - a[1].loss || b[1].all - a[1].all)
      .map(([f]) => f);
    return {
      format: formats[0] ?? 'unknown',
      formats,
      stepSource: weakestSource ?? 'count',
      series: out,
      summary: { ...summary },
      restarts: restarts.slice(),
      stats: { lines, records, malformedLines, duplicateRecords },
    };
  }

  return {
    push(chunk: string): LogParserUpdate {
      try {
        return push(chunk);
      } catch {
        malformedLines++;
        carry = '';
        return update;
      }
    },
    end(): LogParserUpdate {
      try {
        return end();
      } catch {
        return update;
      }
    },
    result,
  };
}

const BLANK_RE = /^\s*$/;

/**
 * A tqdm bar without metrics (`  1%|▏         | 100/7252 [24:16<29:02:42, 14.62s/it]`): only a
 * percentage before `%|` and a plain rate (`s/it]`, `it/s]`) at the end, so there is no postfix.
 */
function isPlainBar(line: string, percent: number, len: number): boolean {
  if (percent > 8) return false;
  for (let i = 0; i < percent; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && (c < 48 || c > 57)) return false;
  }
  const a = line.charCodeAt(len - 2);
  // `s/it]` or `it/s]` (also `?it/s]`): a postfix would end in `=value]`.
  return (
    (a === 116 && line.charCodeAt(len - 3) === 105 && line.charCodeAt(len - 4) === 47) ||
    (a === 115 && line.charCodeAt(len - 3) === 47 && line.charCodeAt(len - 4) === 116)
  );
}

function hasKey(object: FlatObject, key: string): boolean {
  for (let i = 0; i < object.count; i++) if (object.keys[i] === key) return true;
  return false;
}

function lowerBound(steps: number[], step: number): number {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((steps[mid] as number) < step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Index of a `{` that opens a dict/JSON record (`{'`, `{"`, `{}` or a lone `{` ending the line). */
function findObjectStart(s: string): number {
  let i = s.indexOf('{');
  let guard = 0;
  while (i >= 0 && guard++ < 16) {
    let j = i + 1;
    const n = s.length;
    while (j < n && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9)) j++;
    if (j >= n) return i;
    const c = s.charCodeAt(j);
    if (c === 39 || c === 34 || c === 125 || (c === 38 && s.startsWith('&quot;', j))) return i;
    i = s.indexOf('{', i + 1);
  }
  return -1;
}

const BRACKET_PREFIX_RE = /^\[(?:rank\d+|[\w-]+\|\d+|RANK:?\d+)\]:\s*/i;
const RAY_PREFIX_RE = /^\(\w+ pid=\d+(?:, ip=[\d.]+)?\)\s*/;
const SRUN_PREFIX_RE = /^\d{1,4}:\s+/;
const TIMESTAMP_RE = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?\s+(?=[a-zA-Z])/;

/**
 * Removes what wraps a record without being part of it: leading spaces, `> ` quote marks, ANSI colour
 * codes (with or without their ESC byte), `[rank0]:`/`[trainer0|0]:`, `(main_task pid=1) `,
 * `srun -l` rank numbers, `[INFO|trainer.py:3910] ... >> ` and user timestamps before `iter`.
 */
function stripPrefixes(line: string): string {
  let s = line;
  if (s.indexOf('\x1b') >= 0) s = s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  if (s.indexOf('[0m') >= 0) s = s.replace(/\[[0-9;]*m/g, '');
  let i = 0;
  const n = s.length;
  for (let guard = 0; guard < 8; guard++) {
    while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
    if (i >= n) return '';
    const c = s.charCodeAt(i);
    if (c === 62 /* > */) {
      if (i + 1 >= n || s.charCodeAt(i + 1) === 32) {
        i++;
        continue;
      }
      break;
    }
    if (c === 91 /* [ */) {
      const rest = s.slice(i, i + 200);
      const m = BRACKET_PREFIX_RE.exec(rest);
      if (m) {
        i += m[0].length;
        continue;
      }
      const arrows = rest.indexOf(' >> ');
      if (arrows > 0 && /^\[[A-Z]+\|/.test(rest)) {
        i += arrows + 4;
        continue;
      }
      break;
    }
    if (c === 40 /* ( */) {
      const m = RAY_PREFIX_RE.exec(s.slice(i, i + 80));
      if (m) {
        i += m[0].length;
        continue;
      }
      break;
    }
    if (c >= 48 && c <= 57) {
      const rest = s.slice(i, i + 40);
      const m = SRUN_PREFIX_RE.exec(rest) ?? TIMESTAMP_RE.exec(rest);
      if (m) {
        i += m[0].length;
        continue;
      }
    }
    break;
  }
  return i === 0 ? s : s.slice(i);
}
