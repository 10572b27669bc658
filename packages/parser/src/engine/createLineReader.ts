import type { FormatRouter } from '../formats/createFormatRouter';
import { headStep, isEvalWord, renameEvalMetrics } from '../formats/general';
import type { LineRecord } from '../formats/LineRecord';
import type { FlatObject } from '../formats/objectRecord';
import { readProgressBar } from '../formats/progressBar';
import { readObjectLiteral } from '../formats/readObjectLiteral';
import { decodeHtmlEntities, hasHtmlEntity } from '../grammar/decodeHtmlEntities';
import { hasWideCharacter, normalizeWidth } from '../grammar/normalizeWidth';
import { mayBeLogEnvelope, readLogEnvelope } from '../grammar/readLogEnvelope';
import { scanPairs } from '../grammar/scanPairs';
import { stripLogPrefix } from '../grammar/stripLogPrefix';
import type { StrippedPrefixes } from '../grammar/stripPrefixes';
import { stripPrefixes } from '../grammar/stripPrefixes';
import { scanFlatObject } from '../scanFlatObject';
import { createNotebookReader } from './createNotebookReader';
import { createRecordJoiner, isWrappedMegatronStart } from './createRecordJoiner';
import type { StepTracker } from './createStepTracker';

const NUL_RE = /\u0000/g;

/** What the line reader hands on. */
export interface LineReaderSink {
  /** A record a format read. */
  record(record: LineRecord): void;
  /**
   * A one-line dict or JSON object at `text[start, end)`: true when the layout fast path read it
   * (and its record was handled).
   */
  layoutLine(text: string, start: number, end: number): boolean;
  /** An object `scanFlatObject` read from a line, with the record its format made of it. */
  scannedObject(object: FlatObject, record: LineRecord | undefined, line: string): void;
  /** A line that looked like a record but could not be read. */
  malformed(): void;
}

/** Reads one line at a time. */
export interface LineReader {
  /** The line `text[start, end)`. */
  read(text: string, start: number, end: number): void;
  /** The text ended. */
  end(): void;
}

/**
 * Creates the line reader of a parse: what kind of line it is, and who reads it. A plain tqdm
 * bar is kept unread for the step tracker; a bar with a postfix goes to the bar formats; a line
 * opening with `{` is a dict or JSON object (the layout fast path first); a line continuing a
 * wrapped record goes to the joiner; every other line, its transport prefixes removed
 * (`[rank0]:`, `> `, ANSI codes, logger headers), goes to the line formats of the registry.
 *
 * @param parts - The format router, the step tracker, the sink and the longest joined record.
 * @returns The reader.
 * @example
 * ```ts
 * const reader = createLineReader({ router, tracker, sink, maxLength: 1_048_576 });
 * reader.read('iter 10: loss 3.2202, time 893.76ms', 0, 35);
 * ```
 */
export function createLineReader(parts: {
  router: FormatRouter;
  tracker: StepTracker;
  sink: LineReaderSink;
  maxLength: number;
}): LineReader {
  const { router, tracker, sink } = parts;
  const scanned: FlatObject = {
    keys: [],
    values: [],
    count: 0,
    quote: 'double',
    scratch: { format: 'unknown', kind: 'train', metrics: [] },
    info: [],
    infoKeys: [],
  };

  /** The dict being read follows an eval word (`valid:{'loss': 28.08, ...}`, ParlAI). */
  let evalPrefix = false;
  /**
   * The line before was a heading naming a split's results (`Test scores`, DeepChem): the phase
   * whose end-of-run totals the dict below it holds.
   */
  let resultsPhase: string | undefined;
  /** The values of the dict read under that heading, to know the same dict printed again. */
  let resultsDict: string | undefined;
  const stripped: StrippedPrefixes = { counter: undefined };

  /**
   * The step of a line holding only a step (`Step - 0,`), or a best-so-far note naming one
   * (`**Best**: Step - 10000, Loss - 0.950`), read on the line before; then the step of the dict
   * starting on the line after it (pSp's and e4e's `timestamp.txt`).
   */
  let stepLine: number | undefined;
  /** That step, on the line being read. */
  let lineStepAbove: number | undefined;
  let objectStepAbove: number | undefined;

  function objectRecord(object: FlatObject, pretty: boolean): LineRecord | undefined {
    const record = router.readObject(object, pretty);
    if (
      record &&
      objectStepAbove !== undefined &&
      record.kind !== 'summary' &&
      record.step === undefined &&
      record.progressStep === undefined
    ) {
      record.step = objectStepAbove;
    }
    objectStepAbove = undefined;
    if (
      record &&
      resultsPhase !== undefined &&
      record.kind === 'train' &&
      record.step === undefined
    ) {
      // `Test scores` over `{'pearson_r2_score': 0.10, 'mean_absolute_error': 2.41}`: totals. The
      // same dict printed again (by another rank) is the same totals; another dict is a record.
      const signature = record.metrics.map(([name, value]) => `${name}=${value}`).join(',');
      if (resultsDict === undefined || resultsDict === signature) {
        resultsDict = signature;
        record.kind = 'summary';
        for (const metric of record.metrics) metric[0] = `${resultsPhase}_${metric[0]}`;
      } else resultsPhase = undefined;
    } else if (record && evalPrefix && record.kind === 'train') {
      // A dict announced as an evaluation, named as the general grammar names announced eval lines.
      record.kind = 'eval';
      renameEvalMetrics(record.metrics, true);
    }
    evalPrefix = false;
    if (record) sink.record(record);
    return record;
  }

  /** Reads the pairs of a dict read whole as a record. */
  function readPairs(
    pairs: ReadonlyArray<[string, number | undefined]>,
    quote: 'single' | 'double',
    pretty: boolean,
  ): void {
    const object: FlatObject = { keys: [], values: [], count: pairs.length, quote };
    for (const [key, value] of pairs) {
      object.keys.push(key);
      object.values.push(value);
    }
    objectRecord(object, pretty);
  }

  /**
   * `[{'loss': 2.31, 'step': 10}, {'loss': 2.1, 'step': 20}]` on one line (a printed
   * `trainer.state.log_history`): each dict is a record. `false` when the line is no whole list.
   */
  function readDictList(s: string, brace: number): boolean {
    let at = brace;
    let read = 0;
    // Each turn reads past one whole dict: the loop ends within the line.
    for (;;) {
      const r = readObjectLiteral(s, at);
      if (r.status !== 'ok') break;
      readPairs(r.pairs, r.quote, false);
      read++;
      let j = r.end;
      while (s.charCodeAt(j) === 32) j++;
      if (s.charCodeAt(j) !== 44) break;
      j++;
      while (s.charCodeAt(j) === 32) j++;
      if (s.charCodeAt(j) !== 123) break;
      at = j;
    }
    return read > 0;
  }

  const joiner = createRecordJoiner(
    {
      object: readPairs,
      megatronLine(text) {
        const record = router.readLine(text);
        if (record) sink.record(record);
      },
      malformed: sink.malformed,
    },
    parts.maxLength,
  );

  /** How deep in the texts of envelopes the line being read is (0: a line of the log itself). */
  let depth = 0;
  /** The start of a line an envelope cut (Docker's `log` without its `\n`), until the rest comes. */
  let held = '';

  /** Reads the lines of a text an envelope or a notebook held. */
  function readText(text: string, keepsBreaks: boolean): void {
    const s = held.length > 0 ? held + text : text;
    held = '';
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (i > from) readNested(s, from, i);
      from = i + 1;
    }
    if (from >= s.length) return;
    if (!keepsBreaks) readNested(s, from, s.length);
    else if (s.length - from > parts.maxLength) sink.malformed();
    else held = s.slice(from);
  }

  function flushHeld(): void {
    if (held.length === 0) return;
    const text = held;
    held = '';
    readNested(text, 0, text.length);
  }

  function readNested(text: string, start: number, end: number): void {
    depth++;
    try {
      read(text, start, end);
    } finally {
      depth--;
    }
  }

  const notebook = createNotebookReader({
    text: (decoded) => readText(decoded, true),
    endText: flushHeld,
  });

  function read(text: string, start: number, end: number): void {
    if (end === start) return;
    // (A notebook's own JSON lines are not its outputs' lines: they are read nested, below.)
    if (!(depth === 0 && notebook.active)) {
      lineStepAbove = stepLine;
      if (stepLine !== undefined) {
        objectStepAbove = text.charCodeAt(start) === 123 ? stepLine : undefined;
        stepLine = undefined;
      }
    }
    // Hot path: a one-line dict or JSON record read in place, without slicing the line out.
    if (text.charCodeAt(start) === 123) {
      const busy = joiner.busy;
      if (!busy) {
        if (
          resultsPhase === undefined &&
          objectStepAbove === undefined &&
          sink.layoutLine(text, start, end)
        )
          return;
        evalPrefix = false;
      }
      // A collector's JSON around each line (Docker, Cloud Logging, journald, JSON loggers), also
      // while the lines it wraps join into one record.
      if (depth < 2 && mayBeLogEnvelope(text, start, end)) {
        const envelope = readLogEnvelope(text.slice(start, end));
        if (envelope) {
          for (const inner of envelope.texts) readText(inner, envelope.keepsBreaks);
          if (envelope.texts.length > 1) flushHeld();
          return;
        }
      }
      if (!busy && text.charCodeAt(end - 1) === 125 && scanFlatObject(text, start, scanned, end)) {
        const line = text.slice(start, end);
        sink.scannedObject(scanned, objectRecord(scanned, false), line);
        return;
      }
    }
    readLine(start === 0 && end === text.length ? text : text.slice(start, end));
  }

  function readLine(input: string): void {
    // A notebook (`.ipynb`): only the text of its outputs is read.
    if (depth === 0 && (notebook.active || isIndentedKey(input))) {
      const opens = !notebook.active;
      if (notebook.line(input)) {
        // The notebook's opening `{` started a record to join: it was none.
        if (opens) joiner.cancel();
        return;
      }
    }
    const last = input.charCodeAt(input.length - 1);
    // Most lines of a Trainer log are tqdm redraws: kept unread, before anything else is tried.
    if (last === 93 && !joiner.busy) {
      const percent = input.indexOf('%|');
      if (percent >= 0 && isPlainBar(input, percent, input.length)) {
        tracker.keepBar(input, percent);
        return;
      }
    } else if (last === 32 && input.charCodeAt(0) === 32 && input.trim().length === 0) {
      joiner.blank();
      return;
    }
    // A log copied from a page's HTML source: `{&#39;loss&#39;: 1.5}`, `[00:01&lt;00:00, ...]`.
    let line = hasHtmlEntity(input) ? decodeHtmlEntities(input) : input;
    // A UTF-16 file (what Windows PowerShell's `>` writes) read as UTF-8: a NUL after each letter.
    if (line.indexOf('\u0000') >= 0) line = line.replace(NUL_RE, '');
    // Full-width punctuation (`训练次数：100，Loss：2.29`) and no-break spaces read as ASCII.
    if (hasWideCharacter(line)) line = normalizeWidth(line);
    const len = line.length;
    // Carriage returns pasted as the two characters `^M` end lines too.
    const caret = line.indexOf('^M');
    if (caret >= 0) {
      let from = 0;
      for (let at = caret; at >= 0; at = line.indexOf('^M', from)) {
        if (at > from) readLine(line.slice(from, at));
        from = at + 2;
      }
      if (from < len) readLine(line.slice(from));
      return;
    }
    // A paste's typographic quotes around dict keys (`{‘loss’: 5.29}`) are plain quotes.
    const raw = line.indexOf('{') >= 0 && hasTypographicQuote(line) ? plainQuotes(line) : line;
    if (joiner.offer(raw)) return;
    if (raw.charCodeAt(0) === 123) {
      evalPrefix = false;
      if (resultsPhase === undefined && sink.layoutLine(raw, 0, len)) return;
      if (scanFlatObject(raw, 0, scanned)) {
        sink.scannedObject(scanned, objectRecord(scanned, false), raw);
        return;
      }
    }
    // keithito Tacotron's `Input: ... fa3~_______..._______Step 1001 [5.149 sec/step, loss=0.149]`:
    // a line printed after a run of padding underscores, glued to it, is a line of its own.
    if (raw.indexOf(PADDING_RUN) >= 0) {
      const pieces = splitGluedPadding(raw);
      if (pieces !== undefined) {
        for (const piece of pieces) readLine(piece);
        return;
      }
    }
    const percent = raw.indexOf('%|');
    if (percent >= 0 && raw.indexOf('{') < 0) {
      // `| 0/6 [00:00<?, ?it/s]Training loss (for one batch): 787.34`: a line printed while the
      // bar was drawn, glued after it, is a line of its own.
      const tail = gluedAfterBar(raw, percent);
      readBarLine(tail > 0 ? raw.slice(0, tail) : raw, percent);
      if (tail > 0) readLine(raw.slice(tail));
      return;
    }
    // `Training: 100% 3/3 [00:10<00:00,  3.46s/it]` (a tqdm bar copied from a notebook, whose
    // bar cell was HTML): the same bar without its bar characters.
    const s = stripPrefixes(raw, stripped);
    if (s.length === 0) return;
    // A dict behind a collector's prefix (`web-1  | {...}`) is read below, under the heading too.
    if (s.charCodeAt(0) !== 123) {
      resultsPhase = s.length <= 40 ? resultsHeading(s) : undefined;
      resultsDict = undefined;
      if (resultsPhase !== undefined) return;
    }
    // Without a postfix it holds no metric: its percentage is no value named by its label.
    if (percent < 0 && s.indexOf('=') < 0 && bareBarPercent(s) >= 0) return;
    // `Trial 42 finished with value: 0.93 and parameters: {'lr': 0.002}. Best is ...` (Optuna):
    // the dict is the trial's settings, the record is the sentence around it.
    if (s.indexOf('rial') > 0) {
      const trial = router.readLineAs('trial-result', s);
      if (trial) {
        sink.record(trial);
        return;
      }
    }
    const brace = findObjectStart(s);
    // `param {'lr': 0.01, 'epoch': 100}`, `args: {...}`: the run's settings, printed once.
    if (brace > 0 && endsObject(s) && CONFIG_PREFIX_RE.test(s.slice(0, brace))) return;
    // `Pong (train_ppo_ale.py, args=\`{"rom": "Pong", "lr": 0.00025, ...}\`)`: the settings named
    // at the end of a sentence, quoted or in brackets.
    if (
      brace > 0 &&
      endsQuotedObject(s) &&
      CONFIG_TAIL_RE.test(s.slice(Math.max(0, brace - 24), brace))
    )
      return;
    if (brace > 0 && pairsBeforeObject(s, brace)) {
      // `Pass 0, Batch 100, Cost 2.26, {'classification_error_evaluator': 0.83}`: a sentence of
      // pairs that ends with a one-line dict is one record, read whole by the general grammar.
      const record = router.readLine(withoutLogPrefix(s), stripped.counter);
      if (record) {
        sink.record(record);
        return;
      }
    }
    if (brace >= 0) {
      const barAt = s.indexOf('%|');
      if (barAt >= 0 && barAt < brace) {
        const bar = readProgressBar(s, barAt);
        if (bar) tracker.noteBar(bar);
      }
      evalPrefix = brace > 0 && announcesEval(stripLogPrefix(s.slice(0, brace)));
      // A list of dicts on one line: each dict a record.
      if (brace > 0 && s.charCodeAt(0) === 91 && s.slice(1, brace).trim() === '') {
        if (readDictList(s, brace)) return;
      }
      // The dict behind a collector's prefix (`web-1  | {...}`) under a step line: its step too.
      if (brace === 0 && lineStepAbove !== undefined) objectStepAbove = lineStepAbove;
      // `Step 10: {'loss': 2.31}` (a loop printing its step, then the dict of its metrics): the
      // step of the dict, unless the dict names its own.
      if (brace > 0 && barAt < 0) {
        const step = headStep(withoutLogPrefix(s.slice(0, brace)).trimEnd());
        if (step !== undefined) objectStepAbove = step;
      }
      joiner.startObject(s, brace);
      return;
    }
    if (isWrappedMegatronStart(s)) {
      joiner.startMegatron(s);
      return;
    }
    // `34:  learn: 0.95 ...` loses its `34:` with the `srun -l` ranks: the general grammar gets it
    // back as a counter that is the step while it advances (ranks repeat, so they never are).
    const text = withoutLogPrefix(s);
    if (text.length === 0) return;
    const record = router.readLine(text, stripped.counter);
    if (!record) return;
    if (record.step !== undefined && (record.metrics.length === 0 || record.kind === 'summary'))
      stepLine = record.step;
    sink.record(record);
  }

  /** A progress bar line: torchtune's description, a YOLO row, or a bar with a postfix. */
  function readBarLine(raw: string, percent: number): void {
    const tt = raw.indexOf('|Loss: ');
    if (tt >= 0) {
      const start = raw.lastIndexOf(':', tt - 4);
      const record = router.readLineAs(
        'torchtune',
        raw.slice(start < 0 ? 0 : start + 1).trimStart(),
      );
      if (record) {
        sink.record(record);
        return;
      }
    }
    const yolo = router.readLineAs('yolo', stripPrefixes(raw));
    if (yolo) {
      sink.record(yolo);
      return;
    }
    const bar = readProgressBar(raw, percent);
    if (!bar) return;
    if (bar.postfix.length > 0) {
      const record = router.readBar(bar);
      if (record) {
        sink.record(record);
        return;
      }
    }
    // `Loss=4.01 Batch_id=300 Accuracy=6.92: 100%|███| 301/301 [...]`: a hand-written loop's
    // `set_description(f'Loss={loss} ...')` holds the metrics, read as a line of their own.
    // So does `set_description(f'{t:.1f}s - loss: {loss:.3f} - acc: {acc:.3f}')`, with colons.
    const described =
      bar.postfix.length === 0 &&
      (bar.description.indexOf('=') > 0 || DESCRIPTION_PAIR_RE.test(bar.description));
    const head = described ? withoutLogPrefix(stripPrefixes(bar.description).trimEnd()) : '';
    if (head.indexOf('=') > 0 || DESCRIPTION_PAIR_RE.test(head)) {
      const record = router.readLine(head.endsWith(':') ? head.slice(0, -1) : head);
      if (record) {
        if (record.step === undefined && record.progressStep === undefined)
          record.barDescription = true;
        else if (
          bar.n > (record.step ?? record.progressStep ?? bar.n) &&
          record.metrics.some(([name]) => name === 'epoch')
        ) {
          // `Epoch 2, Step 0, Loss: 0.97:   7%|▋  | 10/144`: the step counts batches inside the
          // epoch named beside it (or e × N + n of them); the bar, already further, counts the run.
          record.step = undefined;
          record.progressStep = bar.n;
        }
        sink.record(record);
        return;
      }
    }
    tracker.noteBar(bar);
  }

  return {
    read,
    end() {
      flushHeld();
      joiner.end();
    },
  };
}

/** A `name: value` pair inside a bar's description (`loss: 0.484 - acc: 75.000:`). */
const DESCRIPTION_PAIR_RE = /[A-Za-z]: [-+]?\.?\d/;

/** Sixteen underscores: the shortest run of padding a glued line is split after. */
const PADDING_RUN = '________________';

/**
 * The line cut after every run of 16 or more underscores that a capital letter follows (the
 * padding, dropped, then the line glued to it), or `undefined` when there is none. Linear: each
 * run is scanned once.
 */
function splitGluedPadding(line: string): string[] | undefined {
  let pieces: string[] | undefined;
  let from = 0;
  let at = line.indexOf(PADDING_RUN);
  while (at >= 0) {
    let j = at;
    while (line.charCodeAt(j) === 95) j++;
    const c = line.charCodeAt(j);
    if (c >= 65 && c <= 90) {
      pieces ??= [];
      pieces.push(line.slice(from, at));
      from = j;
    }
    at = line.indexOf(PADDING_RUN, j);
  }
  if (pieces === undefined) return undefined;
  pieces.push(line.slice(from));
  return pieces;
}

/**
 * Where a line glued after a bar's closing `]` starts (a letter or a logger's bracketed header
 * right after it, no other bar in it), else `-1`.
 */
function gluedAfterBar(line: string, percent: number): number {
  const open = line.indexOf(' [', percent);
  if (open < 0) return -1;
  const close = line.indexOf(']', open);
  if (close < 0 || close + 1 >= line.length) return -1;
  const c = line.charCodeAt(close + 1) | 32;
  if ((c < 97 || c > 122) && !opensLogHeader(line, close + 1)) return -1;
  return line.indexOf('%|', close) < 0 ? close + 1 : -1;
}

/**
 * A logger's bracketed header opens at `at`: a timestamp (`[2021-11-26 03:07:16,494] [INFO]`,
 * `[03/11 21:47:38 d2.engine]`) or a level (`[INFO|trainer.py:3910]`), not a bar's `[A` residue.
 */
function opensLogHeader(line: string, at: number): boolean {
  if (line.charCodeAt(at) !== 91) return false;
  if (isDigitAt(line, at + 1)) return true;
  let i = at + 1;
  while (i < line.length && i - at <= 8 && line.charCodeAt(i) >= 65 && line.charCodeAt(i) <= 90)
    i++;
  const c = line.charCodeAt(i);
  return i - at > 3 && (c === 124 || c === 93);
}

/**
 * Index of the `%` of a tqdm bar printed without bar characters (`Training: 100% 3/3 [00:10<00:00,
 * 3.46s/it]`): digits, `% `, `n/N`, then ` [` and a `<` in the bracket; `-1` for other lines.
 */
function bareBarPercent(line: string): number {
  let at = line.indexOf('% ');
  for (let tries = 0; at > 0 && tries < 3; tries++) {
    let i = at + 2;
    const c = line.charCodeAt(at - 1);
    if (c >= 48 && c <= 57) {
      const n0 = i;
      while (isDigitAt(line, i)) i++;
      if (i > n0 && line.charCodeAt(i) === 47) {
        const t0 = ++i;
        while (isDigitAt(line, i)) i++;
        if (i > t0 && line.startsWith(' [', i)) {
          const close = line.indexOf(']', i);
          const lt = line.indexOf('<', i);
          if (lt > i && (close < 0 || lt < close)) return at;
        }
      }
    }
    at = line.indexOf('% ', at + 2);
  }
  return -1;
}

function isDigitAt(line: string, i: number): boolean {
  const c = line.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** A line of indented JSON opening with a key (`  "cells": [`), as a notebook's first key is. */
function isIndentedKey(line: string): boolean {
  // Cheap test first: the line ends with `[` (`"cells": [`), as no bar, blank or record line does.
  if (line.charCodeAt(line.length - 1) !== 91) return false;
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return line.charCodeAt(i) === 34 && line.startsWith('"cells"', i);
}

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
    if ((c === 39 || c === 34 || c === 125) && !isPairValue(s, i)) return i;
    i = s.indexOf('{', i + 1);
  }
  return -1;
}

/**
 * `lr=9.8e-05 grad_norm={'0_default': 2.15, '1_fp32': 0.0} micro_num=16` (InternEvo): a dict
 * between `key=value` pairs is the value of one pair of the line, not the record (but
 * `TrainOutput(..., metrics={'train_runtime': ...})` ends with its dict: that dict is read).
 */
function isPairValue(s: string, brace: number): boolean {
  if (brace < 2 || s.charCodeAt(brace - 1) !== 61) return false;
  const close = s.indexOf('}', brace);
  return close > 0 && /^ +[\w/]+=[-+.\d]/.test(s.slice(close + 1, close + 130));
}

/** A word naming the settings of a run, before the dict that holds them. */
const CONFIG_PREFIX_RE =
  /^\s*(?:params?|parameters|config|configuration|args|arguments|hparams|hyper-?parameters|settings|options|kwargs)\s*(?:[:=]\s*)?$/i;

/**
 * The line closes the dict it opens and the text before the dict holds two pairs or more
 * (`Pass 0, Batch 100, Cost 2.26, `), not a log prefix, a bracketed header, a bar or an
 * announcement (`valid:`).
 */
function pairsBeforeObject(s: string, brace: number): boolean {
  if (!endsObject(s) || s.indexOf('%|') >= 0) return false;
  const head = stripLogPrefix(s.slice(0, brace)).trimEnd();
  // `[ time:20.0s total_exs:510 ] {...}` (ParlAI): a bracketed header the dict's format reads.
  if (head.length === 0 || head.charCodeAt(head.length - 1) === 93) return false;
  const scanned = scanPairs(head);
  return scanned.pairs.length >= 2 && scanned.proseWords <= 1;
}

/**
 * The line without its logger's prefix, removed before any format sees the line; a second one
 * when the output of a logged program was logged again (a launcher's logger around the trainer's).
 */
function withoutLogPrefix(s: string): string {
  const text = stripLogPrefix(s);
  return text === s ? text : stripLogPrefix(text);
}

/** The line ends with a `}` (trailing blanks aside). */
/** The end of a sentence naming the settings printed after it (`..., args=\``, `(config: `). */
const CONFIG_TAIL_RE =
  /(?:^|[\s(,])(?:params|parameters|config|configuration|args|arguments|hparams|hyper-?parameters|settings|options|kwargs)\s?[:=]\s?[`'"]?$/i;

/** The line closes its dict, then only quotes, brackets or a period follow (`}\`)`, `}).`). */
function endsQuotedObject(s: string): boolean {
  let end = s.length - 1;
  let guard = 0;
  while (end > 0 && guard++ < 8 && '`\'") .\t'.indexOf(s.charAt(end)) >= 0) end--;
  return s.charCodeAt(end) === 125;
}

function endsObject(s: string): boolean {
  let end = s.length - 1;
  while (end > 0 && (s.charCodeAt(end) === 32 || s.charCodeAt(end) === 9)) end--;
  return s.charCodeAt(end) === 125;
}

function hasTypographicQuote(line: string): boolean {
  return (
    line.indexOf('\u2018') >= 0 ||
    line.indexOf('\u2019') >= 0 ||
    line.indexOf('\u201c') >= 0 ||
    line.indexOf('\u201d') >= 0
  );
}

function plainQuotes(line: string): string {
  return line.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

/** An eval word and a colon before a dict: `valid:{...}`, `Test: {...}` (ParlAI's eval reports). */
function announcesEval(head: string): boolean {
  const text = head.trim();
  return text.endsWith(':') && isEvalWord(text.slice(0, -1).trimEnd());
}

/** `Train scores`, `Test results:`, `Validation metrics` alone on a line: a split's results follow. */
const RESULTS_HEADING_RE =
  /^(train|training|valid|validation|val|test|eval|evaluation|dev)\s(?:set\s)?(?:scores|results|metrics):?$/i;

/** The phase a results heading names (`train`, `test`, ...), else `undefined`. */
function resultsHeading(line: string): string | undefined {
  const t = line.trim();
  const last = t.charCodeAt(t.length - 1);
  // `s` or `:`: the only last characters of such a heading.
  if (last !== 115 && last !== 58) return undefined;
  const m = RESULTS_HEADING_RE.exec(t);
  return m === null ? undefined : (m[1] as string).toLowerCase();
}
