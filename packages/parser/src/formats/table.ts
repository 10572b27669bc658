import { canonicalName, normalizeName } from '../canonicalName';
import { parseNumber } from '../parseNumber';
import type { LineFormat } from './FormatDescriptor';
import { renameEvalMetrics } from './general';
import type { LineRecord } from './LineRecord';

/** The table, the box and the phase table being read. */
export interface TableReaderState {
  table: TableState | undefined;
  box: BoxState | undefined;
  phases: PhaseTableState | undefined;
  /** A row of single words just read: the upper line of a header printed on two lines. */
  upper: Cell[] | undefined;
}

/** A table whose columns are phases (`Training | Validation`) and whose rows are metrics. */
export interface PhaseTableState {
  /** The phase of each value column. */
  phases: Phase[];
  /** Rows read so far: the first one is the record's train row, the others join its step. */
  rows: number;
}

type Phase = 'train' | 'eval' | 'test';

const PHASE_WORDS = new Map<string, Phase>([
  ['train', 'train'],
  ['training', 'train'],
  ['validation', 'eval'],
  // Ludwig's `│ vali     │ 1.2190 │` rows.
  ['vali', 'eval'],
  ['valid', 'eval'],
  ['val', 'eval'],
  ['dev', 'eval'],
  ['eval', 'eval'],
  ['evaluation', 'eval'],
  ['test', 'test'],
  ['testing', 'test'],
]);

/** How the cells of a table line are separated. */
type CellSeparator = 'pipe' | 'tab' | 'mixed' | 'space' | 'comma' | 'semicolon' | 'single';

/** A delimited file (CSV with commas, or with semicolons as spreadsheets of comma-decimal locales write it). */
function isDelimited(separator: CellSeparator): boolean {
  return separator === 'comma' || separator === 'semicolon';
}

/** A table being read: its header and how its cells are separated. */
export interface TableState {
  columns: string[];
  separator: CellSeparator;
  /** Start and end of each header cell in its line (aligned-space tables). */
  spans: Array<[number, number]>;
  /** Column of the step (`Step`, `Iteration`), else of an integer `Epoch`, else -1. */
  stepColumn: number;
  stepIsEpoch: boolean;
  /** Columns of the wall clock (`Wall time` of a TensorBoard CSV export): when, not a metric. */
  clockColumns: boolean[];
  /** Rows read under this header. */
  rows: number;
  /** The header's names were completed by a second line of words. */
  stacked: boolean;
  /**
   * The first column names each row's run (`Trial name` of Ray Tune's status table): rows are runs
   * side by side, so the step column is a counter that is the step only while it advances.
   */
  rowsAreRuns: boolean;
}

/** A vertical `| name | value |` box being read (stable-baselines3, RL libraries). */
export interface BoxState {
  section: string;
  metrics: Array<[string, number]>;
  step: number | undefined;
  stepRank: number;
}

interface Cell {
  text: string;
  start: number;
  end: number;
}

const STEP_COLUMNS = new Map<string, number>(
  [
    'global step',
    'step',
    'steps',
    'iteration',
    'iterations',
    'iter',
    'total timesteps',
    'timesteps total',
    'num timesteps',
    'timesteps',
    'training iteration',
    // spaCy's `E    #       LOSS TOK2VEC  LOSS NER ...`: `#` counts the steps.
    '#',
    // spaCy v2's `Itn.  Dep Loss  NER Loss  UAS ...`: the training iteration.
    'itn.',
    'itn',
  ].map((name, rank) => [name, rank]),
);

/** ` (% Done)` after a column's name (nerfstudio's `Step (% Done)`): what its cells add. */
const NAME_NOTE_RE = /^(.{1,40}) \([^()]{1,16}\)$/;

/** The rank of a step column's name, also when a note in brackets follows it (`Step (% Done)`). */
function stepColumnRank(key: string): number | undefined {
  const rank = STEP_COLUMNS.get(key);
  if (rank !== undefined || key.charCodeAt(key.length - 1) !== 41) return rank;
  const note = NAME_NOTE_RE.exec(key);
  return note === null ? undefined : STEP_COLUMNS.get(note[1] as string);
}

/** `29910 (99.70%)`: a step cell followed by how much of the run it is. */
const STEP_PERCENT_RE = /^(\d{1,12}) \(\d{1,3}(?:\.\d{1,4})?%\)$/;

/** Columns holding when a row was written (seconds since 1970), not a value of the run. */
const CLOCK_COLUMNS = new Set(['wall time', 'walltime', 'timestamp', 'unix time']);

/** A column saying whether a row is a training row (`True`) or an evaluation one (`False`). */
const PHASE_COLUMNS = new Set(['train', 'training', 'is train', 'is training']);

const EMPTY_CELLS = new Set(['', '-', '—', 'no log', 'n/a', 'na', 'none', 'null', '--', '[]']);

const METRIC_WORD_RE =
  /(?:^|[\s/])(?:loss|acc|accuracy|wer|cer|bleu|rouge\w*|f1|auc|map\w*|iou|ppl|perplexity|reward\w*|score|precision|recall|error|mse|mae|rmse|lr|learning rate|ep rew mean|return)(?=$|[\s/\d])/;

/**
 * Tables, whatever separates their cells: a header row of names, then rows of values, with `|`
 * (Markdown, notebook output), tabs, a mix of both, or aligned spaces with blank cells; any column
 * may carry the step (`Step`, `Iteration`, else an integer `Epoch`). An empty cell, `-` or `No log`
 * is no value. Also vertical boxes, one `| name | value |` pair per row and one box per record,
 * between dashed borders, with `| section/ |  |` rows naming the section of the pairs below them.
 *
 * ```
 * header := cell (sep cell)+        every cell a name, one of them a metric or step name
 * row    := cell (sep cell)+        as many cells as the header, most of them numbers
 * box    := border ("| " name " | " [value] " |")+ border
 *         | border ("│ " name "  " value " │")+ border      (box-drawing characters, Ray Train/Tune)
 * ```
 * Real lines: `epoch     train_loss  valid_loss  accuracy` / `1         3.966292    3.450758    0.527065`,
 * `Step\t|Training Loss\t|Validation Loss\tWer` / `200\t|0.902800\t|0.843902\t |90.673353`,
 * `| Training Loss | Epoch | Step | Validation Loss |` / `| - | 4.3038 | 400 | 0.3193 |`,
 * `|    ep_len_mean     | 202      |`, `│ loss                                       0.6204 │`,
 * spaCy's `E    #       LOSS TOK2VEC  LOSS NER  ENTS_F` (`#` is the step column).
 *
 * @param line - The line (prefixes removed).
 * @param state - The table or box being read.
 * @returns The record of a row or of a closed box; `undefined` for headers and other lines.
 * @defaultValue undefined for lines that are no table row
 * @example
 * ```ts
 * tableRecord('epoch  train_loss  valid_loss', ctx); // undefined (a header)
 * tableRecord('0      0.571278    1.090870', ctx)?.metrics; // [['loss', 0.571278], ['eval_loss', 1.09087]]
 * ```
 */
export function tableRecord(
  line: string,
  ctx: TableReaderState,
): LineRecord | 'consumed' | undefined {
  // Markdown hard breaks (` \`) end some pasted rows.
  let text = blankStatusColumn(line.trimEnd());
  if (text.endsWith('\\')) text = text.slice(0, -1).trimEnd();
  // Boxes drawn with box-drawing characters (Ray's `╭───╮` / `│ loss   0.6204 │`) are ASCII boxes.
  const first = text.charCodeAt(0);
  if (first >= 0x2500 && first <= 0x257f) text = text.replace(BOX_BAR_RE, '|');
  if (isBorder(text)) return closeBox(ctx, true);
  if (ctx.box !== undefined) {
    const pair = readBoxRow(text);
    if (pair !== undefined) {
      addBoxPair(ctx.box, pair);
      return 'consumed';
    }
    const record = closeBox(ctx, false);
    if (record) return record;
  }
  const separator = separatorOf(text);
  if (separator === undefined) {
    ctx.phases = undefined;
    return readSingleSpaced(ctx, text);
  }
  const cells = splitCells(text, separator);
  if (separator === 'pipe') {
    const phased = readPhaseTable(ctx, cells);
    if (phased !== undefined) return phased;
  }
  ctx.phases = undefined;
  const table = ctx.table;
  if (table !== undefined && cells.length >= 2) {
    if (separator === 'pipe' && isRule(cells)) return 'consumed';
    const record = readRow(table, text, cells, separator);
    if (record) {
      table.rows++;
      return record;
    }
    // MATLAB's `trainNetwork` prints each column name on two lines (`| Mini-batch | Base Learning |`
    // over `|    Loss    |     Rate      |`): a second row of words under a header that has no row
    // yet ends its names.
    if (table.rows === 0 && !table.stacked && isHeaderContinuation(table, cells, separator)) {
      ctx.table = headerState(stackColumns(table, cells), separator);
      ctx.table.stacked = true;
      return 'consumed';
    }
  }
  const upper = ctx.upper;
  ctx.upper = undefined;
  if (isHeader(cells) && (!isDelimited(separator) || cells.every(isCsvName))) {
    // `average    since` over `loss       last`: one name per column, its words on two lines.
    let names = cells;
    if (upper !== undefined) {
      // The header's words may stand one space apart (`predict features` under `current  current`).
      const lower = stacksOver(upper, cells) ? cells : words(text);
      if (stacksOver(upper, lower)) names = stack(upper, lower);
    }
    ctx.table = headerState(names, separator);
    return 'consumed';
  }
  if (separator === 'space' && isWordRow(cells)) ctx.upper = cells;
  return undefined;
}

/** A duration cell after the last column of a row: fastai v1's `(00:13)`, a bare `00:13`. */
const DURATION_CELL_RE = /^\(?\d{1,3}(?::\d\d){1,2}\)?$/;

/**
 * A table whose cells stand one space apart, as a web page or a forum shows a pasted table (HTML
 * collapses runs of spaces): a header of one-word names, one of them the step or `epoch` and one a
 * metric, then rows of as many numbers, each optionally followed by its duration (fastai v1's
 * `(00:13)`). The table closes at the first line that is no such row.
 *
 * ```
 * header := name (" " name)+               names of letters, digits and `_ . / -`, no number
 * row    := cell (" " cell)+ [" " duration]  one number or empty mark per name
 * ```
 * Real lines: `epoch train_loss valid_loss error_rate` / `1 1.513021 1.041628 0.507326 (00:13)`.
 */
function readSingleSpaced(
  ctx: TableReaderState,
  text: string,
): LineRecord | 'consumed' | undefined {
  const table = ctx.table;
  if (table !== undefined && table.separator === 'single') {
    const record = singleSpacedRow(table, text);
    if (record !== undefined) {
      table.rows++;
      return record;
    }
    ctx.table = undefined;
  }
  if (text.length > 512 || !namesOnly(text)) return undefined;
  const cells = words(text);
  if (cells.length < 3 || cells.length > 32) return undefined;
  let step = false;
  for (const cell of cells) {
    if (!/^[A-Za-z_][\w./-]*$/.test(cell.text)) return undefined;
    const key = normalizeName(cell.text);
    if (STEP_COLUMNS.has(key) || key === 'epoch') step = true;
  }
  if (!step || !isHeader(cells)) return undefined;
  ctx.table = headerState(cells, 'single');
  return 'consumed';
}

/**
 * Only the characters of column names (letters, digits, `_ . / -`) and spaces, one space at least:
 * the cheap test before a line is split into words as a header (most log lines fail at their
 * first `:`, `,` or `=`).
 */
function namesOnly(text: string): boolean {
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) space = true;
    else if (
      !(
        (c >= 97 && c <= 122) ||
        (c >= 65 && c <= 90) ||
        (c >= 48 && c <= 57) ||
        c === 95 ||
        c === 46 ||
        c === 47 ||
        c === 45
      )
    )
      return false;
  }
  return space;
}

function singleSpacedRow(table: TableState, text: string): LineRecord | undefined {
  const cells = words(text);
  const n = table.columns.length;
  if (cells.length < n || cells.length > n + 1) return undefined;
  if (cells.length > n && !DURATION_CELL_RE.test((cells[n] as Cell).text)) return undefined;
  const row = cells.slice(0, n);
  for (const cell of row) {
    const t = cell.text;
    if (
      parseNumber(t) === undefined &&
      !EMPTY_CELLS.has(t.toLowerCase()) &&
      !DURATION_CELL_RE.test(t)
    )
      return undefined;
  }
  return readRow(table, text, row, 'single');
}

/**
 * `[    1%      ]` or `[------------]` opening every line of a table (xLearn's progress column)
 * is blanked, so that the cells after it keep their columns.
 */
function blankStatusColumn(text: string): string {
  if (text.charCodeAt(0) !== 91) return text;
  const close = text.indexOf(']');
  if (close < 2 || close > 24) return text;
  const inner = text.slice(1, close);
  if (!/^[\s-]*$/.test(inner) && !/^\s*\d{1,3}%\s*$/.test(inner)) return text;
  return ' '.repeat(close + 1) + text.slice(close + 1);
}

/** The words of a line, each a cell. */
function words(text: string): Cell[] {
  const cells: Cell[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text))
    cells.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return cells;
}

/** Two or more cells of one word each, no number among them. */
function isWordRow(cells: readonly Cell[]): boolean {
  if (cells.length < 2 || cells.length > 64) return false;
  for (const cell of cells) if (!/^[A-Za-z_][\w./()-]{0,23}$/.test(cell.text)) return false;
  return true;
}

/** Each cell of the upper line sits over the cell of the header at its index. */
function stacksOver(upper: readonly Cell[], lower: readonly Cell[]): boolean {
  if (upper.length !== lower.length) return false;
  for (let i = 0; i < upper.length; i++) {
    const a = upper[i] as Cell;
    const b = lower[i] as Cell;
    if (Math.min(a.end, b.end) <= Math.max(a.start, b.start)) return false;
  }
  return true;
}

function stack(upper: readonly Cell[], lower: readonly Cell[]): Cell[] {
  return lower.map((b, i) => {
    const a = upper[i] as Cell;
    return {
      text: `${a.text} ${b.text}`,
      start: Math.min(a.start, b.start),
      end: Math.max(a.end, b.end),
    };
  });
}

function separatorOf(text: string): CellSeparator | undefined {
  const pipe = text.indexOf('|') >= 0;
  const tab = text.indexOf('\t') >= 0;
  if (pipe && tab) return 'mixed';
  if (pipe) return 'pipe';
  if (tab) return 'tab';
  // `Epoch ,FinishTime     ,LR    ,RMSE_Train` / `    0 ,04.29_01:45:54 ,0.001 , 1434.0919`: a CSV
  // file padded with `%-Ns ,` formats, every comma after a blank (a sentence glues them to words).
  if (paddedCommas(text)) return 'comma';
  if (text.indexOf('  ') >= 0) return 'space';
  // `epoch;loss;val_loss` / `1;0,5;0,6`: a CSV of a comma-decimal locale (`to_csv(sep=';',
  // decimal=',')`, a spreadsheet's export), its commas decimal points.
  if (text.indexOf(';') >= 0 && text.indexOf('; ') < 0 && text.indexOf(': ') < 0)
    return 'semicolon';
  // `train/loss_step,global_step,epoch` (a CSV file, Lightning's `metrics.csv`): commas with no
  // space after them; `Epoch 5, Loss 0.57` is a sentence, not a row.
  if (text.indexOf(',') >= 0 && text.indexOf(', ') < 0) return 'comma';
  return undefined;
}

function splitCells(text: string, separator: CellSeparator): Cell[] {
  const cells: Cell[] = [];
  const n = text.length;
  if (separator === 'space') {
    // Cells are runs of text separated by two or more spaces.
    let i = 0;
    while (i < n) {
      while (i < n && text.charCodeAt(i) === 32) i++;
      if (i >= n) break;
      const start = i;
      while (i < n && !(text.charCodeAt(i) === 32 && text.charCodeAt(i + 1) === 32)) {
        if (text.charCodeAt(i) === 32 && i + 1 >= n) break;
        i++;
      }
      cells.push({ text: text.slice(start, i).trim(), start, end: i });
    }
    return cells;
  }
  const isSep = (c: number): boolean =>
    separator === 'pipe'
      ? c === 124
      : separator === 'tab'
        ? c === 9
        : separator === 'comma'
          ? c === 44
          : separator === 'semicolon'
            ? c === 59
            : c === 124 || c === 9;
  let start = 0;
  let i = 0;
  for (; i <= n; i++) {
    if (i < n && !isSep(text.charCodeAt(i))) continue;
    if (separator === 'mixed') {
      // A run of tabs, pipes and spaces is one separator.
      const cell = text.slice(start, i).trim();
      if (cell.length > 0) cells.push({ text: cell, start, end: i });
      while (i + 1 < n && (isSep(text.charCodeAt(i + 1)) || text.charCodeAt(i + 1) === 32)) i++;
    } else cells.push({ text: text.slice(start, i).trim(), start, end: i });
    start = i + 1;
  }
  if (separator === 'pipe') {
    // `| a | b |`: the outer pipes open and close the row.
    if (cells.length > 0 && cells[0]?.text === '' && text.trimStart().startsWith('|'))
      cells.shift();
    if (cells.length > 0 && cells[cells.length - 1]?.text === '') cells.pop();
  }
  return cells;
}

/** Two commas or more, each after a blank. */
function paddedCommas(text: string): boolean {
  let commas = 0;
  for (let i = text.indexOf(','); i >= 0; i = text.indexOf(',', i + 1)) {
    if (i === 0 || text.charCodeAt(i - 1) !== 32) return false;
    commas++;
  }
  return commas >= 2;
}

/**
 * A CSV column name: up to five words of letters, digits and `_ / . - ( ) [ ]` (`train/loss_step`,
 * TensorBoard's `Wall time`, pandas' `Training Loss`).
 */
function isCsvName(cell: Cell): boolean {
  return /^[A-Za-z_][\w./()[\]-]*(?: [\w./()[\]-]+){0,4}$/.test(cell.text);
}

function isRule(cells: readonly Cell[]): boolean {
  return cells.every((cell) => /^:?-{2,}:?$/.test(cell.text) || cell.text === '');
}

const BOX_BAR_RE = /[\u2502\u2503\u2551]/g;

function isBorder(text: string): boolean {
  const t = text.trim();
  return t.length >= 8 && /^(?:-+|[\u2500-\u257f]+)$/.test(t);
}

function isHeader(cells: readonly Cell[]): boolean {
  if (cells.length < 2 || cells.length > 64) return false;
  let named = false;
  for (const cell of cells) {
    const t = cell.text;
    if (t.length === 0 || t.length > 48) return false;
    if ((!/^[A-Za-z_]/.test(t) && t !== '#') || parseNumber(t) !== undefined) return false;
    const words = t.split(' ');
    if (words.length > 5) return false;
    // `Loss 6.1411`: a name with its value is a pair, not a column name.
    for (const word of words) if (/^[-+]?\.?\d/.test(word)) return false;
    const key = normalizeName(t);
    if (stepColumnRank(key) !== undefined || key === 'epoch' || METRIC_WORD_RE.test(key))
      named = true;
  }
  return named;
}

function headerState(cells: readonly Cell[], separator: CellSeparator): TableState {
  const columns = cells.map((cell) => cell.text);
  let stepColumn = -1;
  let best = 99;
  let epochColumn = -1;
  columns.forEach((column, i) => {
    const key = normalizeName(column);
    // `example counter` (Vowpal Wabbit): a column counting what was trained on is the step.
    const rank = stepColumnRank(key) ?? (key.endsWith(' counter') ? STEP_COLUMNS.size : undefined);
    if (rank !== undefined && rank < best) {
      best = rank;
      stepColumn = i;
    }
    if (key === 'epoch' && epochColumn < 0) epochColumn = i;
  });
  const stepIsEpoch = stepColumn < 0 && epochColumn >= 0;
  return {
    columns,
    separator,
    spans: cells.map((cell) => [cell.start, cell.end]),
    stepColumn: stepIsEpoch ? epochColumn : stepColumn,
    stepIsEpoch,
    // `ETA (time)` (nerfstudio): the time left, not a value of the run.
    clockColumns: columns.map((column) => {
      const key = normalizeName(column);
      return CLOCK_COLUMNS.has(key) || key === 'eta' || key.startsWith('eta (');
    }),
    rows: 0,
    stacked: false,
    rowsAreRuns: columns.length > 1 && RUN_NAME_COLUMNS.has(normalizeName(columns[0] as string)),
  };
}

/** A first column naming the run of each row (a search's status table, one row per trial). */
const RUN_NAME_COLUMNS = new Set(['trial name', 'trial', 'trial id', 'run name', 'run', 'run id']);

/**
 * A line of the same separator and cell count as the header, every cell blank or words (`Loss`,
 * `Rate`, `(hh:mm:ss)`), at least one of them a word: the lower half of the header's names.
 */
function isHeaderContinuation(
  table: TableState,
  cells: readonly Cell[],
  separator: CellSeparator,
): boolean {
  if (separator !== table.separator || separator === 'space' || isDelimited(separator))
    return false;
  if (cells.length !== table.columns.length) return false;
  let words = 0;
  let repeated = true;
  for (let i = 0; i < cells.length; i++) {
    const t = (cells[i] as Cell).text;
    // The header printed again (by another rank) is no second line of it.
    if (t !== table.columns[i]) repeated = false;
    if (t.length === 0) continue;
    if (t.length > 32 || !/^[A-Za-z(][\w ./():%-]*$/.test(t) || /\d/.test(t)) return false;
    words++;
  }
  return words > 0 && !repeated;
}

/** The header's names, each followed by the word printed under it. */
function stackColumns(table: TableState, cells: readonly Cell[]): Cell[] {
  return cells.map((cell, i) => {
    const upper = table.columns[i] as string;
    const [start, end] = table.spans[i] ?? [cell.start, cell.end];
    const text =
      cell.text.length === 0 ? upper : upper.length === 0 ? cell.text : `${upper} ${cell.text}`;
    return { text, start: Math.min(start, cell.start), end: Math.max(end, cell.end) };
  });
}

function readRow(
  table: TableState,
  text: string,
  cells: readonly Cell[],
  separator: CellSeparator,
): LineRecord | undefined {
  const { columns } = table;
  // A CSV table reads only comma rows, and comma rows belong only to a CSV table.
  if ((isDelimited(table.separator) || isDelimited(separator)) && table.separator !== separator)
    return undefined;
  // A `key: value` or `key=value` line is no row, whatever its spacing (a time `00:23` is a cell).
  if (text.indexOf('=') >= 0 || text.indexOf(': ') >= 0) return undefined;
  let values: Array<string | undefined>;
  if (table.separator === 'space' && separator === 'space') values = alignCells(table, text);
  else if (cells.length === columns.length) values = cells.map((cell) => cell.text);
  else return undefined;
  const metrics: Array<[string, number]> = [];
  let step: number | undefined;
  let numbers = 0;
  let filled = 0;
  let evalRow = false;
  let rowPhase: Phase | undefined;
  for (let i = 0; i < columns.length; i++) {
    const raw = values[i];
    if (raw === undefined || EMPTY_CELLS.has(raw.toLowerCase())) continue;
    filled++;
    // `│ vali     │ 1.2190 │     0.2708 │` under `│ rating   │   loss │   accuracy │` (Ludwig's
    // table after each epoch): the first cell names the phase of the row's values.
    if (i === 0 && i !== table.stepColumn) {
      rowPhase = PHASE_WORDS.get(raw.toLowerCase());
      if (rowPhase !== undefined) continue;
    }
    // `[0.001]`: a list of one value (the learning rates of one parameter group) is that value.
    const cell =
      raw.length > 2 && raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
    if (cell !== raw && cell.indexOf(',') >= 0 && i !== table.stepColumn) {
      const read = listCell(columns[i] as string, cell, metrics);
      if (read) {
        numbers++;
        continue;
      }
    }
    // `accuracy | loss | epoch | train` with `True` / `False` cells (miniai's and fastai's metrics
    // callbacks): the phase of the row, `False` an evaluation row.
    if (raw === 'False' && PHASE_COLUMNS.has(normalizeName(columns[i] as string))) evalRow = true;
    // A semicolon CSV writes decimals with a comma (`0,5`).
    let value = parseNumber(
      table.separator === 'semicolon' && cell.indexOf('.') < 0 ? cell.replace(',', '.') : cell,
    );
    if (value === undefined && i === table.stepColumn && cell.endsWith('%)')) {
      const stepPercent = STEP_PERCENT_RE.exec(cell);
      if (stepPercent !== null) value = Number(stepPercent[1]);
    }
    if (value === undefined) continue;
    numbers++;
    if (i === table.stepColumn) {
      if (table.stepIsEpoch && !Number.isInteger(value)) {
        metrics.push(['epoch', value]);
        continue;
      }
      step = value;
      if (table.stepIsEpoch) metrics.push(['epoch', value]);
      continue;
    }
    if (table.clockColumns[i]) continue;
    const name = canonicalName(columns[i] as string);
    metrics.push([name, value]);
  }
  if (numbers === 0 || numbers * 2 < filled) return undefined;
  if (metrics.length === 0) return undefined;
  // The Trainer's notebook callback names its columns `Training Loss` / `Validation Loss`.
  const notebook =
    !table.stacked && (columns.includes('Training Loss') || columns.includes('Validation Loss'));
  if (evalRow || rowPhase === 'eval') renameEvalMetrics(metrics, true);
  if (rowPhase === 'test') {
    for (const metric of metrics) if (metric[0] !== 'epoch') metric[0] = `test_${metric[0]}`;
  }
  const record: LineRecord = {
    format: notebook ? 'hf-notebook' : 'table',
    kind: evalRow || rowPhase === 'eval' || rowPhase === 'test' ? 'eval' : 'train',
    metrics,
  };
  if (step !== undefined) {
    if (table.rowsAreRuns) record.weakStep = step;
    else record.step = step;
  }
  return record;
}

/** The inside of a list of numbers: digits, signs, exponents, points, commas and blanks. */
const LIST_BODY_RE = /^[\d\s.,eE+-]*$/;

/** The longest list read as one cell (64 terms of a dozen characters and their separators). */
const MAX_LIST_CHARS = 1024;

/**
 * A cell holding a list of numbers (`[3.75e-02, 1.59e+00, 1.00e+04, 2.25e+02]`, DeepXDE's terms of
 * the loss, one per equation and condition): each term under `<name>[i]`, and a loss column's
 * total, the sum of its terms, under the column's own name (the value DeepXDE itself reports as the
 * train or test loss).
 *
 * @returns Whether the cell was a list of numbers.
 */
function listCell(column: string, body: string, metrics: Array<[string, number]>): boolean {
  const parts = body.split(',');
  if (parts.length > 64) return false;
  const values: number[] = [];
  for (const part of parts) {
    const value = parseNumber(part.trim());
    if (value === undefined) return false;
    values.push(value);
  }
  const name = canonicalName(column);
  if (/loss/i.test(column)) {
    let sum = 0;
    for (const value of values) sum += value;
    metrics.push([name, sum]);
  }
  values.forEach((value, k) => {
    metrics.push([`${name}[${k}]`, value]);
  });
  return true;
}

/** A row index cell: a whole number. */
const INDEX_CELL_RE = /^\d{1,9}$/;

/** Values of an aligned-space row, placed under the header cell they overlap most. */
function alignCells(table: TableState, text: string): Array<string | undefined> {
  const n = text.length;
  const out: Array<string | undefined> = new Array(table.columns.length).fill(undefined);
  // pandas' `print(df)`: one token a column after the row's index (`0  2.2500  NaN  10` under
  // `loss  eval_loss  step`, the header's indent over the index gone with the line's leading
  // blanks). The index is no value of any column; the values follow the names in order.
  const words = text.trim().split(/\s+/);
  if (
    words.length === out.length + 1 &&
    INDEX_CELL_RE.test(words[0] as string) &&
    // Every other token a number: a cell of two words (`12 s`) is no index and a value.
    words.every((word, i) => i === 0 || word === 'NaN' || parseNumber(word) !== undefined)
  ) {
    // pandas writes a missing value as `NaN`: a column the record does not have.
    for (let i = 0; i < out.length; i++) out[i] = words[i + 1] === 'NaN' ? undefined : words[i + 1];
    return out;
  }
  const tokens = /\S+/g;
  // The next `]` after the token being read (found once for all the tokens before it: linear).
  let close = -1;
  for (let m = tokens.exec(text); m !== null; m = tokens.exec(text)) {
    const start = m.index;
    let end = start + m[0].length;
    let token = m[0];
    // `[3.75e-02, 1.59e+00, 1.00e+04]` (DeepXDE's loss terms): a bracketed list is one cell, placed
    // by where it opens, however far past its header it reaches.
    if (token.charCodeAt(0) === 91 && token.charCodeAt(token.length - 1) !== 93 && close < n) {
      if (close < end) close = text.indexOf(']', end);
      if (close < 0) close = n;
      else if (close - start <= MAX_LIST_CHARS && LIST_BODY_RE.test(text.slice(start + 1, close))) {
        end = close + 1;
        token = text.slice(start, end);
        tokens.lastIndex = end;
      }
    }
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    table.spans.forEach(([s, e], j) => {
      const overlap = Math.min(end, e) - Math.max(start, s);
      const score = overlap > 0 ? overlap : -Math.min(Math.abs(start - s), Math.abs(end - e));
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    });
    if (best >= 0) out[best] = out[best] === undefined ? token : `${out[best]} ${token}`;
  }
  return out;
}

/**
 * A table with one column per phase and one row per metric, as AllenNLP prints at the end of each
 * epoch: a header of phase names (`Training |  Validation`, optionally after a blank or a title
 * cell), then `name | train value | validation value` rows, `N/A` for a phase without the metric.
 * One table is one record: its first row is a train record, the others are sent as evaluation
 * records, which take the step of the train record before them. A validation value is
 * `eval_<name>`, a test value `test_<name>`.
 *
 * ```
 * header := [title "|"] phase ("|" phase)+     phase: Training, Validation, Test, ... (no metric name)
 * row    := name ("|" value)+                  one value (or N/A, -, empty) per phase
 * ```
 */
function readPhaseTable(
  ctx: TableReaderState,
  cells: readonly Cell[],
): LineRecord | 'consumed' | undefined {
  const table = ctx.phases;
  if (table !== undefined && cells.length === table.phases.length + 1) {
    if (isRule(cells)) return 'consumed';
    const record = phaseRow(table, cells);
    if (record !== undefined) return record;
  }
  const phases = phaseHeader(cells);
  if (phases === undefined) return undefined;
  ctx.phases = { phases, rows: 0 };
  ctx.table = undefined;
  return 'consumed';
}

function phaseHeader(cells: readonly Cell[]): Phase[] | undefined {
  if (cells.length < 2 || cells.length > 9) return undefined;
  const phases: Phase[] = [];
  for (let i = 0; i < cells.length; i++) {
    const phase = PHASE_WORDS.get((cells[i] as Cell).text.toLowerCase());
    if (phase !== undefined) phases.push(phase);
    // Only the first cell may be a blank or a title (`RMSE`) over the row names.
    else if (i > 0) return undefined;
  }
  const hasOther = phases.some((phase) => phase !== 'train');
  if (phases.length < 2 || !hasOther || new Set(phases).size !== phases.length) return undefined;
  return phases;
}

function phaseRow(
  table: PhaseTableState,
  cells: readonly Cell[],
): LineRecord | 'consumed' | undefined {
  const name = (cells[0] as Cell).text;
  if (name.length === 0 || name.length > 64 || !/^[A-Za-z_]/.test(name)) return undefined;
  const base = canonicalName(name);
  const metrics: Array<[string, number]> = [];
  for (let i = 0; i < table.phases.length; i++) {
    const raw = (cells[i + 1] as Cell).text;
    if (EMPTY_CELLS.has(raw.toLowerCase())) continue;
    const value = parseNumber(raw);
    if (value === undefined) return undefined;
    const phase = table.phases[i] as Phase;
    metrics.push([phase === 'train' ? base : `${phase}_${base}`, value]);
  }
  // A row with no value in any phase (`BLEU | N/A | N/A`) still belongs to the table.
  if (metrics.length === 0) return 'consumed';
  const kind = table.rows === 0 ? 'train' : 'eval';
  table.rows++;
  return { format: 'table', kind, metrics };
}

function readBoxRow(text: string): { name: string; value: number | undefined } | undefined {
  const t = text.trim();
  if (!t.startsWith('|') || !t.endsWith('|')) return undefined;
  const inner = t.slice(1, -1);
  let bar = inner.indexOf('|');
  if (bar >= 0 && inner.indexOf('|', bar + 1) >= 0) return undefined;
  let width = 1;
  if (bar < 0) {
    // `│ time_total_s        9.51638 │`: name and value in one cell, apart by a run of spaces.
    const trimmed = inner.trimEnd();
    bar = trimmed.lastIndexOf('  ');
    if (bar < 0) return undefined;
    width = 2;
  }
  const name = inner.slice(0, bar).trim();
  const cell = inner.slice(bar + width).trim();
  if (!/[A-Za-z]/.test(name) || name.length > 64) return undefined;
  if (cell.length === 0) return { name, value: undefined };
  const value = parseNumber(cell);
  if (value === undefined) return undefined;
  return { name, value };
}

function addBoxPair(box: BoxState, pair: { name: string; value: number | undefined }): void {
  if (pair.value === undefined) {
    box.section = pair.name.endsWith('/') ? pair.name : `${pair.name}/`;
    return;
  }
  const name = box.section + pair.name;
  const leaf = normalizeName(pair.name);
  const rank = STEP_COLUMNS.get(leaf);
  if (rank !== undefined && rank < box.stepRank && Number.isFinite(pair.value)) {
    box.step = pair.value;
    box.stepRank = rank;
  }
  box.metrics.push([canonicalName(name), pair.value]);
}

/** At a border: closes the open box (its record), or opens one. */
function closeBox(ctx: TableReaderState, border: boolean): LineRecord | 'consumed' | undefined {
  const box = ctx.box;
  ctx.box = border && (box === undefined || box.metrics.length === 0) ? emptyBox() : undefined;
  if (box === undefined || box.metrics.length === 0) return border ? 'consumed' : undefined;
  if (border) ctx.box = undefined;
  const record: LineRecord = { format: 'table', kind: 'train', metrics: box.metrics };
  if (box.step !== undefined) record.step = box.step;
  return record;
}

function emptyBox(): BoxState {
  return { section: '', metrics: [], step: undefined, stepRank: 99 };
}

/** Tables of any separator and vertical `| name | value |` boxes (fastai, RLlib, SB3, model cards). */
export const tableFormat = {
  id: 'table' as const,
  name: 'Tables (fastai, Markdown model cards, RLlib, AllenNLP phase tables) and stable-baselines3 boxes',
  example: 'epoch     train_loss  valid_loss  accuracy',
  reads: 'line',
  createState: (): TableReaderState => ({
    table: undefined,
    box: undefined,
    phases: undefined,
    upper: undefined,
  }),
  claims: (line, first, state) =>
    state.table !== undefined ||
    state.box !== undefined ||
    state.phases !== undefined ||
    first === 45 /* - */ ||
    (first >= 0x2500 && first <= 0x257f) /* box drawing */ ||
    line.indexOf('|') >= 0 ||
    line.indexOf('\t') >= 0 ||
    line.indexOf('  ') >= 0 ||
    (line.indexOf(',') >= 0 && line.indexOf(', ') < 0) ||
    (line.indexOf(';') >= 0 && line.indexOf('; ') < 0) ||
    // `epoch train_loss valid_loss error_rate`: a header whose names stand one space apart.
    (line.indexOf('_') > 0 && namesOnly(line)),
  read: tableRecord,
} satisfies LineFormat<'table', TableReaderState>;
