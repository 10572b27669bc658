import { readWrappedScalar } from '../parseNumber';

/**
 * The general name/value grammar shared by most text logs, read by one left-to-right scan with no
 * regular expression, so every line costs time linear in its length whatever it holds.
 *
 * ```
 * line   := (field sep)* field
 * sep    := "," | ";" | "|" | tab | " - " | two or more spaces | brackets | "·" | ">>"
 * field  := words [":" | "=" | ":=" ] value [unit] ["(" anything short ")"]
 *         | value words                      (value first: `112241 tok/s`)
 * words  := word (" " word)*                 (`total loss`, `Learning Rate`, `rewards/chosen`)
 * value  := number ["/" number] [unit] | nan | inf | np.float64(n) | tensor(n, ...) | 'n'
 * number := [+-] digits [("," 3 digits)+] ["." digits] [e [+-] digits] ["%"] ["."]
 * ```
 *
 * Times (`0:01:54`), dates (`2020-10-26`), versions (`1.2.3`) and words glued to digits (`bf16`)
 * are never values. A name is at most a few words: words before them are prose, counted so a
 * caller can tell a sentence with a stray number from a metric line.
 */

/** One name/value pair as printed. */
export interface ScannedPair {
  /** The name as printed, words joined by one space (`Learning Rate`, `rewards/chosen`). */
  name: string;
  value: number;
  /** The `M` of a `N/M` value (`iteration 122/250000`, `Epoch 3/10`), else `undefined`. */
  total: number | undefined;
  /** An `=` or `:` stood between name and value. */
  assigned: boolean;
  /** The value was printed with a percent sign (`Valid: 92.50%`). */
  percent?: true;
  /**
   * A whole number with a glued `k` (`Step: 86k`): a count in thousands, read as such where the
   * value is a step (a metric keeps the number as printed).
   */
  thousands?: true;
  /** Printed with a fraction or an exponent (`3.0000`): a measure, never a counter. */
  decimal?: true;
  /** The value closed a bracketed range of counts (`Batch [8880-8900]`): the range's end. */
  range?: true;
}

/** What one line holds. */
export interface ScannedLine {
  pairs: ScannedPair[];
  /** Words that belong to no pair (prose). */
  proseWords: number;
  /** An unnamed integer opening the line (`[936] loss ...`, `490 | loss ...`), else `undefined`. */
  leadingCounter: number | undefined;
  /** The words before the first pair, lower-cased (`test set`, `validation`, `eval epoch`). */
  lead: string;
  /** Numbers with no name (`[200/1000]` after `epoch: 52`), in order. */
  loose: Array<{ value: number; total: number | undefined }>;
  /**
   * The line opens with a decimal that has no name, then a separator (`36.9 | grad_norm: 1.27`):
   * the tail of a line cut before it, whose name went with the cut.
   */
  tail: boolean;
}

enum Tok {
  Word = 0,
  Number = 1,
  Assign = 2,
  Sep = 3,
  /** `[` or `]`: transparent between a name and its value (`Epoch [1/10]`, `Epoch: [27]`). */
  Bracket = 4,
}

interface Token {
  kind: Tok;
  text: string;
  value: number;
  total: number | undefined;
  /** A unit was glued to the number or the number carried a percent sign. */
  unit: boolean;
  /** Position of the token in the line. */
  start: number;
  /** Every value of a slash-packed number (`0.5/0.1/0.6`), the first one in `value`. */
  packed?: number[];
  /** The number carried a percent sign. */
  percent?: true;
  /** A whole number with a glued `k` or `K` and nothing more (`86k`). */
  thousands?: true;
  /** Printed with a fraction or an exponent (`3.0000`, `1e-3`), whatever its value. */
  decimal?: true;
  /** A word a sentence period closed (`records/second.`). */
  stop?: true;
  /** The number was printed with a decimal comma (`0,0`): a value, never a counter. */
  comma?: true;
  /** The end of a bracketed range of counts (`[8880-8900]`). */
  range?: true;
}

const MAX_NAME_WORDS = 4;

/** A Markdown ordered-list number (`2.  `) opening a line that goes on with a number. */
const LIST_MARKER_RE = /^ *\d{1,4}\. +(?=\d)/;

/** Words that end a name: what stands before them is prose (`Saving checkpoint at step 500`). */
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'is',
  'of',
  'on',
  'or',
  'the',
  'to',
  'was',
  'were',
  'with',
  'after',
  'before',
  'took',
  // onert_train's `- Epoch 1      takes 39871.8920 ms` after the run: a duration, named by no word.
  'takes',
]);

/** Unit words that may follow a value after a space (`9.707 GB`, `0.00971 s`). */
const UNITS = new Set([
  's',
  'sec',
  'secs',
  'second',
  'seconds',
  'ms',
  'us',
  'µs',
  'ns',
  'm',
  'min',
  'mins',
  'minutes',
  'h',
  'hr',
  'hrs',
  'hours',
  'b',
  'kb',
  'mb',
  'gb',
  'tb',
  'kib',
  'mib',
  'gib',
  'k',
  'g',
  'it/s',
  's/it',
  'tok/s',
  'tokens/s',
  'samples/s',
  'img/s',
  'ex/s',
  'tflops',
  'gflops',
  'tflop/s',
  'flops',
]);

/**
 * The units of {@link UNITS} that may stand between a value and the next name with no separator
 * (`114.797 s Mean Reward: 0.4`): times and byte sizes, not the one-letter `m`, `k`, `g`, `b`
 * that also open names (`g loss: 2.1`).
 */
const SPACED_UNITS = new Set([
  's',
  'sec',
  'secs',
  'seconds',
  'ms',
  'min',
  'mins',
  'minutes',
  'hours',
  'kb',
  'mb',
  'gb',
  'tb',
  'kib',
  'mib',
  'gib',
]);

/** Words from `i` on, at most {@link MAX_NAME_WORDS}, that an assignment closes. */
function wordsThenAssign(tokens: readonly Token[], i: number): boolean {
  let j = i;
  while (j < tokens.length && j - i < MAX_NAME_WORDS && (tokens[j] as Token).kind === Tok.Word) j++;
  return j > i && tokens[j]?.kind === Tok.Assign;
}

/** Another `of` among the words from `k` on. */
function nameHasOf(words: readonly Token[], k: number): boolean {
  for (let j = k; j < words.length; j++)
    if ((words[j] as Token).text.toLowerCase() === 'of') return true;
  return false;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (c > 127 && !isSymbol(c));
/**
 * Pictographs and symbols, which decorate a line without being part of a name (`🚀 Step 10 |
 * 📉 Loss: 2.31`, `✅ val_loss → 0.41`): arrows, technical and geometric symbols, dingbats,
 * emoji (UTF-16 halves of the planes' pictographs), their variation selector and joiner.
 */
const isSymbol = (c: number): boolean =>
  (c >= 0x2190 && c <= 0x2bff) ||
  (c >= 0xd83c && c <= 0xd83e) ||
  (c >= 0xdc00 && c <= 0xdfff) ||
  c === 0xfe0f ||
  c === 0x200d;
/** Characters that continue a word once it started: letters, digits and `_ / . - @ # ' `. */
const isWordChar = (c: number): boolean =>
  isLetter(c) ||
  isDigit(c) ||
  c === 47 /* / */ ||
  c === 46 /* . */ ||
  c === 45 /* - */ ||
  c === 64 /* @ */ ||
  c === 35; /* # */

/** A whole number in exponent notation: `4.06070204e-32`, `-1E+3`. */
const EXPONENT_NUMBER_RE = /^[-+]?\d{0,20}\.?\d{1,20}[eE][-+]?\d{1,4}$/;

const SPACE = 32;
const TAB = 9;

/**
 * Scans one line (prefixes already removed) into name/value pairs.
 *
 * @param line - The line.
 * @returns Pairs, prose count, the opening counter and the words before the first pair.
 * @example
 * ```ts
 * scanPairs('Epoch 5, Time 4981.4s, Loss 0.5731, LR 0.1111').pairs.map((p) => p.name);
 * // ['Epoch', 'Time', 'Loss', 'LR']
 * ```
 */
export function scanPairs(line: string): ScannedLine {
  // `2.  39160/50000: episode: 570, ...`: the number of a Markdown ordered list is no counter.
  const marker = LIST_MARKER_RE.exec(line);
  const tokens = tokenize(marker ? line.slice(marker[0].length) : line);
  const pairs: ScannedPair[] = [];
  let prose = 0;
  let lead = '';
  let leadingCounter: number | undefined;
  let tail = false;
  let words: Token[] = [];
  let assigned = false;
  let seenPair = false;
  const loose: ScannedLine['loose'] = [];
  const n = tokens.length;
  let first = true;
  const groupStart: number[] = [];
  const groupNames: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    const opening = first;
    if (t.kind !== Tok.Bracket) first = false;
    if (t.kind === Tok.Bracket) {
      // `[D] real 0.049 fake 0.055  [G] fake 2.87 reg 0.16`: a one-word tag in brackets opens a
      // group of the pairs after it (their names are qualified below when groups repeat names);
      // a tag before any pair is the line's lead (`[Validation] loss 0.3`).
      const tag = tokens[i + 1];
      const shut = tokens[i + 2];
      if (
        line.charCodeAt(t.start) === 91 &&
        words.length === 0 &&
        tag !== undefined &&
        tag.kind === Tok.Word &&
        tag.text.length <= 12 &&
        shut !== undefined &&
        shut.kind === Tok.Bracket &&
        line.charCodeAt(shut.start) === 93 &&
        tokens[i + 3]?.kind === Tok.Word
      ) {
        if (!seenPair) lead += `${lead ? ' ' : ''}${tag.text}`;
        groupStart.push(pairs.length);
        groupNames.push(tag.text);
        i += 2;
        continue;
      }
      // icefall's `loss[loss=0.7711, simple_loss=1.542], tot_loss[loss=0.8632, ...]`: the group's
      // name is no part of the names inside it (the first `loss` of the line is the batch's).
      if (
        t.text === '[' &&
        words.length > 0 &&
        !assigned &&
        tokens[i + 1]?.kind === Tok.Word &&
        tokens[i + 2]?.kind === Tok.Assign
      ) {
        if (!seenPair) lead += `${lead ? ' ' : ''}${joinWords(words, 0)}`;
        words = [];
      }
      continue;
    }
    if (t.kind === Tok.Word) {
      if (assigned) {
        // `key: word` (a text value such as `eta: N/A`, or a label such as `Test set: Loss: 0.72`):
        // the key is no metric; the word may start the next name.
        if (!seenPair) lead += `${lead ? ' ' : ''}${joinWords(words, 0)}`;
        prose += words.length;
        words = [t];
        assigned = false;
        continue;
      }
      words.push(t);
      continue;
    }
    if (t.kind === Tok.Assign) {
      if (words.length > 0) assigned = true;
      continue;
    }
    if (t.kind === Tok.Sep) {
      // Spaces or a tab that align a value after its name (`Acc@1   0.00`, `lr:    0.001`,
      // `MaxRew: \t -199.9`) separate nothing.
      if ((t.text === '  ' || t.text === '\t') && words.length > 0) {
        const next = tokens[i + 1];
        if (next !== undefined && (next.kind === Tok.Number || next.kind === Tok.Bracket)) continue;
      }
      // Lasagne's `  training loss:\t\t0.985421` (tabs after the colon), Trax's
      // `train CrossEntropyLoss |  2.30551210` (a bar before the line's last value): a name, a
      // value.
      if (words.length > 0 && ((t.text === '\t' && assigned) || t.text === '|')) {
        const next = tokens[i + 1];
        const after = tokens[i + 2];
        if (
          next !== undefined &&
          next.kind === Tok.Number &&
          (t.text === '\t' || after === undefined || (after.kind === Tok.Sep && i + 3 >= n))
        )
          continue;
      }
      if (!seenPair && words.length > 0) lead += `${lead ? ' ' : ''}${joinWords(words, 0)}`;
      prose += words.length;
      words = [];
      assigned = false;
      continue;
    }
    // A number.
    if (words.length === 0) {
      if (opening) {
        // `0,1, actual=0,998,ideal=1` (a network's inputs, then its output): numbers listed with
        // commas open a row of values, not a counter.
        const listed =
          tokens[i + 1]?.kind === Tok.Sep &&
          (tokens[i + 1] as Token).text === ',' &&
          tokens[i + 2]?.kind === Tok.Number;
        if (
          Number.isInteger(t.value) &&
          t.value >= 0 &&
          !t.unit &&
          t.total === undefined &&
          t.comma !== true &&
          !listed
        ) {
          leadingCounter = t.value;
          continue;
        }
        // keras-rl's `39160/50000: episode: 569, ...`: the steps done, out of all, open the line.
        if (
          t.total !== undefined &&
          Number.isInteger(t.value) &&
          tokens[i + 1]?.kind === Tok.Assign
        ) {
          leadingCounter = t.value;
          i++;
          continue;
        }
      }
      // Value first (`112241 tok/s`, `36.58 ms`): a number opening a field, then words to its end.
      const prev = tokens[i - 1];
      if (prev === undefined || prev.kind === Tok.Sep) {
        let j = i + 1;
        while (j < n && (tokens[j] as Token).kind === Tok.Word && j - i <= 3) j++;
        if (j > i + 1 && (j === n || (tokens[j] as Token).kind === Tok.Sep)) {
          const name = joinWords(tokens.slice(i + 1, j), 0);
          pairs.push({ name, value: t.value, total: t.total, assigned: false });
          seenPair = true;
          i = j - 1;
          continue;
        }
      }
      if (opening && !Number.isInteger(t.value) && tokens[i + 1]?.kind === Tok.Sep) tail = true;
      loose.push({ value: t.value, total: t.total });
      continue;
    }
    // onert_train's `loss: [0] 30090.0898`: an integer in brackets between a name and a number is
    // the index of the model output the number belongs to, not the value.
    if (
      Number.isInteger(t.value) &&
      t.total === undefined &&
      !t.unit &&
      tokens[i - 1]?.kind === Tok.Bracket &&
      line.charCodeAt((tokens[i - 1] as Token).start) === 91 &&
      tokens[i + 1]?.kind === Tok.Bracket &&
      line.charCodeAt((tokens[i + 1] as Token).start) === 93 &&
      tokens[i + 2]?.kind === Tok.Number
    ) {
      i++;
      continue;
    }
    // MindSpore's `epoch: 1 step: 375, loss is 2.29`: after a pair, `is` before the value assigns it.
    if (
      seenPair &&
      !assigned &&
      words.length >= 2 &&
      (words[words.length - 1] as Token).text.toLowerCase() === 'is'
    ) {
      words.pop();
      assigned = true;
    }
    let from = 0;
    const limit = assigned ? MAX_NAME_WORDS + 2 : MAX_NAME_WORDS;
    if (words.length > limit) from = words.length - limit;
    const floor = from;
    for (let k = words.length - 1; k >= floor; k--) {
      const word = (words[k] as Token).text.toLowerCase();
      if (STOP_WORDS.has(word)) {
        // ML-Agents' `Std of Reward: 0.490`: an assigned name may hold one `of` between two words
        // of its own (`Number of steps:`); before another stop word, the name starts after it.
        if (
          word === 'of' &&
          assigned &&
          k > floor &&
          k < words.length - 1 &&
          !STOP_WORDS.has((words[k - 1] as Token).text.toLowerCase()) &&
          !nameHasOf(words, k + 1)
        ) {
          continue;
        }
        from = k + 1;
        break;
      }
    }
    // WeNet's `Epoch 74 CV info cv_loss 7.62`: words that repeat the first part of the identifier
    // closing the name (`CV` before `cv_loss`) are its heading, not part of it.
    if (words.length - from >= 2) {
      const last = (words[words.length - 1] as Token).text;
      const cut = last.indexOf('_');
      if (
        cut > 0 &&
        cut < last.length - 1 &&
        (words[from] as Token).text.toLowerCase() === last.slice(0, cut).toLowerCase()
      ) {
        from = words.length - 1;
      }
    }
    if (from >= words.length) {
      prose += words.length;
      words = [];
      assigned = false;
      // `in 1.47 seconds. Throughput is ...`: the unnamed value's closing word goes with it.
      const closing = tokens[i + 1];
      if (closing !== undefined && closing.kind === Tok.Word && closing.stop === true) i++;
      continue;
    }
    if (!seenPair && from > 0) lead += `${lead ? ' ' : ''}${joinWords(words.slice(0, from), 0)}`;
    prose += from;
    const name = joinWords(words, from);
    const parts = t.packed !== undefined ? name.split('/') : undefined;
    if (parts !== undefined && t.packed !== undefined && parts.length === t.packed.length) {
      // `a/b/c=0.5/0.1/0.6`: three names, three values.
      for (let k = 0; k < parts.length; k++) {
        pairs.push({
          name: (parts[k] as string).trim(),
          value: t.packed[k] as number,
          total: undefined,
          assigned,
        });
      }
    } else {
      const pair: ScannedPair = { name, value: t.value, total: t.total, assigned };
      if (t.percent) pair.percent = true;
      if (t.thousands) pair.thousands = true;
      if (t.decimal) pair.decimal = true;
      if (t.range) pair.range = true;
      pairs.push(pair);
    }
    seenPair = true;
    words = [];
    assigned = false;
    // A unit word after the value (`9.707 GB`), when a separator or the end follows it.
    const next = tokens[i + 1];
    // `Throughput is 2091.89 records/second. Loss is 1.72` (BigDL): one word after the value that
    // a sentence period closes is the value's unit (or prose), never the start of the next name.
    if (next !== undefined && next.kind === Tok.Word && next.stop === true && !t.unit) {
      i++;
      continue;
    }
    if (
      next !== undefined &&
      next.kind === Tok.Word &&
      !t.unit &&
      isUnitWord(next.text.toLowerCase()) &&
      (i + 2 >= n || (tokens[i + 2] as Token).kind !== Tok.Number)
    ) {
      const after = tokens[i + 2];
      const afterNext = tokens[i + 3];
      const aligning =
        after !== undefined &&
        after.text === '  ' &&
        afterNext !== undefined &&
        afterNext.kind === Tok.Number;
      if (after === undefined || (after.kind === Tok.Sep && !aligning)) i++;
      // ML-Agents' `Time Elapsed: 114.797 s Mean Reward: 0.400`: a time or size unit, then words
      // that an assignment closes, is the value's unit and the next name after it.
      else if (
        after.kind === Tok.Word &&
        (SPACED_UNITS.has(next.text.toLowerCase()) || next.text.indexOf('/') > 0) &&
        wordsThenAssign(tokens, i + 2)
      )
        i++;
    }
  }
  prose += words.length;
  if (!seenPair && words.length > 0) lead += `${lead ? ' ' : ''}${joinWords(words, 0)}`;
  if (groupNames.length >= 2) qualifyGroups(pairs, groupStart, groupNames);
  return { pairs, proseWords: prose, leadingCounter, lead: lead.toLowerCase(), loose, tail };
}

/**
 * Two or more `[tag]` groups on a line whose pairs repeat a name (`[D] ... q -0.49  [G] ... q
 * -0.76`): every pair of a group is named `tag/name` (`D/q`, `G/q`), so none hides another.
 */
function qualifyGroups(pairs: ScannedPair[], starts: number[], tags: string[]): void {
  const names = new Set<string>();
  let repeated = false;
  for (let g = 0; g < starts.length; g++) {
    const end = starts[g + 1] ?? pairs.length;
    const own = new Set<string>();
    for (let k = starts[g] as number; k < end; k++) {
      const name = (pairs[k] as ScannedPair).name.toLowerCase();
      if (names.has(name)) repeated = true;
      own.add(name);
    }
    for (const name of own) names.add(name);
  }
  if (!repeated) return;
  for (let g = 0; g < starts.length; g++) {
    const end = starts[g + 1] ?? pairs.length;
    for (let k = starts[g] as number; k < end; k++) {
      const pair = pairs[k] as ScannedPair;
      pair.name = `${tags[g]}/${pair.name}`;
    }
  }
}

/** Spaces, then a single `=` (not `==`), from `i`. */
function assignsAfter(line: string, i: number): boolean {
  let j = i;
  while (line.charCodeAt(j) === SPACE) j++;
  return line.charCodeAt(j) === 61 && line.charCodeAt(j + 1) !== 61;
}

/** Counter names that a number sign may separate from their number (`Epoch #1`). */
const NUMBERED_COUNTERS = new Set([
  'epoch',
  'epochs',
  'step',
  'iteration',
  'iter',
  'trial',
  'round',
]);

/** The last token is a counter's name ({@link NUMBERED_COUNTERS}). */
function countsAfter(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  return (
    last !== undefined && last.kind === Tok.Word && NUMBERED_COUNTERS.has(last.text.toLowerCase())
  );
}

/**
 * A rate unit after a value (`26130.01 samples/sec`, `2091.89 records/second`, `300 img/s`): a
 * word, a slash, then a time unit.
 */
const RATE_UNIT_RE = /^[a-z]{1,12}\/(?:s|sec|secs|second|seconds|ms|min|step|it|iter|batch)$/;

/** A unit word after a value ({@link UNITS}, or a rate unit). */
function isUnitWord(lower: string): boolean {
  return UNITS.has(lower) || (lower.indexOf('/') > 0 && RATE_UNIT_RE.test(lower));
}

function joinWords(words: readonly Token[], from: number): string {
  let out = '';
  for (let k = from; k < words.length; k++) out += (k > from ? ' ' : '') + (words[k] as Token).text;
  return out;
}

export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  const n = line.length;
  let i = 0;
  let spaces = 0;
  /** A name's `:` or `=` (also a spaced dash between a name and its number): one assign token. */
  const assign = (at: number): void => {
    tokens.push({
      kind: Tok.Assign,
      text: ':',
      value: 0,
      total: undefined,
      unit: false,
      start: at,
    });
  };
  const sep = (text: string, at: number): void => {
    const last = tokens[tokens.length - 1];
    if (last !== undefined && last.kind === Tok.Sep) return;
    tokens.push({ kind: Tok.Sep, text, value: 0, total: undefined, unit: false, start: at });
  };
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === SPACE) {
      spaces++;
      i++;
      if (spaces === 2) sep('  ', i);
      continue;
    }
    const spaced = spaces > 0;
    spaces = 0;
    if (
      c === 91 /* [ */ ||
      c === 93 /* ] */ ||
      (c === 60 /* < */ && (isDigit(line.charCodeAt(i + 1)) || line.charCodeAt(i + 1) === 45)) ||
      (c === 62 /* > */ && i > 0 && isDigit(line.charCodeAt(i - 1)))
    ) {
      tokens.push({
        kind: Tok.Bracket,
        // `loss[loss=0.77, ...]`: a `[` glued to a word opens a group named by that word.
        // So does a `[` right after a `]` (BasicSR's `[Retin..][epoch:  8, iter: 500, ...]`): the
        // tag before it names no value inside.
        text:
          c === 91 && i > 0 && (isWordChar(line.charCodeAt(i - 1)) || line.charCodeAt(i - 1) === 93)
            ? '['
            : '',
        value: 0,
        total: undefined,
        unit: false,
        start: i,
      });
      i++;
      continue;
    }
    // Encog's `Epoch #1 Error:0,40`, Optuna's `Trial #3`: a number sign between a counter's name
    // and its number (`output #0` of a Caffe net names a blob, not a count, and stays).
    if (c === 35 /* # */ && spaced && isDigit(line.charCodeAt(i + 1)) && countsAfter(tokens)) {
      i++;
      continue;
    }
    if (c === TAB || c === 44 /* , */ || c === 59 /* ; */ || c === 124 /* | */ || c === 183) {
      sep(line[i] as string, i);
      i++;
      continue;
    }
    if (c === 58 /* : */ || c === 61 /* = */) {
      // `::` and `==>` are decoration, not assignment.
      const d = line.charCodeAt(i + 1);
      if (d === c || d === 62) {
        sep(':', i);
        i += 2;
        while (i < n && (line.charCodeAt(i) === c || line.charCodeAt(i) === 62)) i++;
        continue;
      }
      if (c === 58 && d === 61) i++;
      // `train/loss     : 6.9128` (a listing of names padded to one width): the spaces before the
      // colon pad the name, they separate nothing.
      const padded = tokens[tokens.length - 1];
      if (
        spaced &&
        padded !== undefined &&
        padded.kind === Tok.Sep &&
        padded.text === '  ' &&
        tokens[tokens.length - 2]?.kind === Tok.Word
      ) {
        tokens.pop();
      }
      const last = tokens[tokens.length - 1];
      if (last === undefined || last.kind !== Tok.Assign) {
        assign(i);
      }
      i++;
      continue;
    }
    if (c === 45 /* - */ && spaced && line.charCodeAt(i + 1) === SPACE) {
      // pSp's `Step - 10000, Loss - 0.950`: a spaced dash between a name and a number assigns it
      // (after a number it separates pairs: `step 345 - loss 103.2`).
      const last = tokens[tokens.length - 1];
      if (last !== undefined && last.kind === Tok.Word && startsValue(line, i + 2)) {
        assign(i);
        i++;
        continue;
      }
      sep('-', i);
      i++;
      continue;
    }
    const startsNumber =
      isDigit(c) ||
      (c === 46 && isDigit(line.charCodeAt(i + 1))) ||
      ((c === 45 || c === 43) &&
        (isDigit(line.charCodeAt(i + 1)) ||
          (line.charCodeAt(i + 1) === 46 && isDigit(line.charCodeAt(i + 2))) ||
          startsWithWord(line, i + 1, 'inf') ||
          startsWithWord(line, i + 1, 'infinity') ||
          startsWithWord(line, i + 1, 'nan')));
    if (startsNumber) {
      const prev = i > 0 ? line.charCodeAt(i - 1) : SPACE;
      if (isLetter(prev) || prev === 46) {
        // `bf16`, `v2`, `x.5`: digits inside a word.
        i = skipWord(line, i);
        continue;
      }
      i = readNumberToken(line, i, tokens);
      continue;
    }
    // `nan`, `tensor(0.69)`, and `<tf.Tensor: shape=(), dtype=float32, numpy=0.69>` (TensorFlow's
    // repr in a printed dict): a value where a word or a sign would be.
    const special =
      c === 60 /* < */
        ? readWrappedScalar(line, i)
        : isLetter(c)
          ? readSpecialValue(line, i)
          : undefined;
    if (special !== undefined) {
      tokens.push(numberToken(special.value, i));
      i = special.end;
      continue;
    }
    if (isLetter(c)) {
      const end = readWordEnd(line, i);
      let text = line.slice(i, end);
      // A sentence period or a trailing dash/slash is no part of the name; nor is the number sign
      // glued to a counter's name (dlib's `step#: 22954`).
      const full = text.length;
      while (text.length > 1 && /[./#-]$/.test(text.slice(-1))) text = text.slice(0, -1);
      const word: Token = {
        kind: Tok.Word,
        text,
        value: 0,
        total: undefined,
        unit: false,
        start: i,
      };
      // `... 2091.89 records/second. Loss is 1.72`: a sentence ends with this word.
      if (text.length < full && line.charCodeAt(i + text.length) === 46) word.stop = true;
      tokens.push(word);
      i = end;
      continue;
    }
    if (c === 39 || c === 34 || c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d) {
      // Quotes around names or values are dropped; the word or number inside is read as usual.
      i++;
      continue;
    }
    if (c === 40 /* ( */) {
      // Julia's `@show` (`loss(x, y) = 0.09`, `accuracy(m, x, label, 0.0:9) = 0.10`): a call's
      // arguments glued to its name, then `=`, are no part of the name nor values.
      const called = tokens[tokens.length - 1];
      if (
        called !== undefined &&
        called.kind === Tok.Word &&
        i > 0 &&
        isWordChar(line.charCodeAt(i - 1))
      ) {
        const shut = closeWithin(line, i, 41, 80);
        if (shut > i && assignsAfter(line, shut + 1)) {
          i = shut + 1;
          continue;
        }
      }
      // A parenthesised group right after a value (`0.0276 (0.0314)`, `nan (+nanz)`, `( 33%)`) is
      // its running average or decoration: skipped with the value.
      const last = tokens[tokens.length - 1];
      const close = closeWithin(line, i, 41, 40);
      // `Total Loss: 3.06 (Value: 0.02 R²=+0.33, Policy: 2.83)`: a group opening with a name and
      // its `:` or `=` holds the parts of that value, pairs of their own.
      if (
        last !== undefined &&
        last.kind === Tok.Number &&
        close > i &&
        !opensPair(line, i, close)
      ) {
        i = close + 1;
        continue;
      }
      // A one-value tuple after the assignment (BasicSR's `lr:(2.000e-04,)`, one learning rate a
      // parameter group): its first number is the value.
      if (last !== undefined && last.kind === Tok.Assign && startsValue(line, i + 1)) {
        i++;
        continue;
      }
      // A unit in brackets after a name (`Speed (samples/sec) nan`): part of the name.
      const unitClose = closeWithin(line, i, 41, 24);
      if (last !== undefined && last.kind === Tok.Word && unitClose > i) {
        const close = unitClose;
        const inner = line.slice(i, close + 1);
        // `Training loss (for one batch): 787.34` (Ludwig): a scope in words, not a unit, says
        // which loss it is, and the name is the words before it.
        if (/^\((?:for|per|over|on) [A-Za-z ]{1,20}\)$/.test(inner)) {
          i = close + 1;
          continue;
        }
        if (!/[,;|\t]/.test(inner)) {
          tokens.push({
            kind: Tok.Word,
            text: inner,
            value: 0,
            total: undefined,
            unit: false,
            start: i,
          });
          i = close + 1;
          continue;
        }
      }
      sep('(', i);
      i++;
      continue;
    }
    sep(line[i] as string, i);
    i++;
  }
  return tokens;
}

/**
 * The group `(` … `)` from `open` to `close` opens with a name of letters followed by `:` or `=`
 * (`(Value: 0.02, Policy: 2.83)`), not with a number (`(0.0314)`, `( 33%)`) or words (`(took 2 ms)`).
 */
function opensPair(line: string, open: number, close: number): boolean {
  let j = open + 1;
  if (!isLetter(line.charCodeAt(j))) return false;
  while (j < close && (isLetter(line.charCodeAt(j)) || line.charCodeAt(j) === 95)) j++;
  while (j < close && line.charCodeAt(j) === SPACE) j++;
  const c = line.charCodeAt(j);
  return c === 58 /* : */ || c === 61 /* = */;
}

/** A number starts at `i`, after optional spaces (`(2.0e-04,)`, `( -1.5)`). */
function startsValue(line: string, i: number): boolean {
  let j = i;
  while (line.charCodeAt(j) === SPACE && j < i + 4) j++;
  const c = line.charCodeAt(j);
  if (c === 45 || c === 43) return isDigit(line.charCodeAt(j + 1));
  return isDigit(c);
}

/** Index of the `close` character within `max` characters after `open`, else -1. */
function closeWithin(line: string, open: number, close: number, max: number): number {
  const end = Math.min(line.length, open + max + 1);
  for (let k = open + 1; k < end; k++) if (line.charCodeAt(k) === close) return k;
  return -1;
}

function startsWithWord(line: string, i: number, word: string): boolean {
  if (line.length < i + word.length) return false;
  for (let k = 0; k < word.length; k++) {
    if ((line.charCodeAt(i + k) | 32) !== word.charCodeAt(k)) return false;
  }
  const after = line.charCodeAt(i + word.length);
  return !(isLetter(after) || isDigit(after));
}

function skipWord(line: string, i: number): number {
  let j = i;
  while (j < line.length && isWordChar(line.charCodeAt(j))) j++;
  return j === i ? i + 1 : j;
}

/** End of a word: word characters, plus a short bracket group glued to it (`(gib)`, `[0]`). */
function readWordEnd(line: string, i: number): number {
  let j = i;
  const n = line.length;
  for (;;) {
    while (j < n && isWordChar(line.charCodeAt(j))) j++;
    // `train's l2`: an apostrophe between letters is part of the word.
    if (
      line.charCodeAt(j) === 39 &&
      j > i &&
      (isLetter(line.charCodeAt(j - 1)) || isDigit(line.charCodeAt(j - 1))) &&
      isLetter(line.charCodeAt(j + 1))
    ) {
      j++;
      continue;
    }
    const c = line.charCodeAt(j);
    // `mAP@0.50:0.95: 0.0` (YOLOv6): a range of IoU thresholds after `@` is part of the name.
    if (c === 58 && j - i < 40 && line.slice(i, j).includes('@')) {
      let k = j + 1;
      while (k < n && k - j <= 8 && (isDigit(line.charCodeAt(k)) || line.charCodeAt(k) === 46)) k++;
      const after = line.charCodeAt(k);
      if (k > j + 1 && isDigit(line.charCodeAt(k - 1)) && (after === 58 || after === 61)) {
        j = k;
        continue;
      }
    }
    if (c === 40 || c === 91) {
      const close = closeWithin(line, j, c === 40 ? 41 : 93, 24);
      const inner = close > j ? line.slice(j + 1, close) : '';
      // `(gib)`, `[sec]` belong to the name; `Epoch[0]`, `Batch [100]` hold its value, and so does
      // `total_loss[4.06e-32]` (TF's `tf.print`): a number in exponent notation is no unit.
      if (
        close > j &&
        !/[\s,;|]/.test(inner) &&
        /[A-Za-z_]/.test(inner) &&
        !EXPONENT_NUMBER_RE.test(inner)
      ) {
        j = close + 1;
        continue;
      }
    }
    return j;
  }
}

/** A plain value token: a number read whole, with no total, unit or decoration. */
function numberToken(value: number, start: number): Token {
  return { kind: Tok.Number, text: '', value, total: undefined, unit: false, start };
}

/**
 * `nan`, `inf`, `infinity` (any case), or a number in a framework's wrapper (`np.float64(x)`,
 * `tensor(x, ...)`, `tf.Tensor(x, ...)`, `Array(x, ...)`: {@link readWrappedScalar}) at `i`.
 */
function readSpecialValue(line: string, i: number): { value: number; end: number } | undefined {
  const c = line.charCodeAt(i) | 32;
  if (c === 110 /* n */ && startsWithWord(line, i, 'nan')) return { value: Number.NaN, end: i + 3 };
  if (c === 105 /* i */) {
    if (startsWithWord(line, i, 'infinity')) return { value: Infinity, end: i + 8 };
    if (startsWithWord(line, i, 'inf')) return { value: Infinity, end: i + 3 };
    return undefined;
  }
  // Only the first letters of a wrapper: `n`p, `t`ensor, `t`f, `A`rray, `a`rray, `D`eviceArray,
  // `p`aram.
  if (c !== 110 && c !== 116 && c !== 97 && c !== 100 && c !== 112) return undefined;
  return readWrappedScalar(line, i);
}

/**
 * Reads a number token at `i` (a sign, digits, thousands groups, decimals, exponent, `%`, a
 * glued unit, `/total`), or a time/date/version, which is pushed as a separator: it is no value.
 */
function readNumberToken(line: string, start: number, tokens: Token[], pack = true): number {
  const n = line.length;
  let i = start;
  let negative = false;
  if (line.charCodeAt(i) === 45 || line.charCodeAt(i) === 43) {
    negative = line.charCodeAt(i) === 45;
    i++;
  }
  const special = readSpecialValue(line, i);
  if (special) {
    tokens.push(numberToken(negative ? -special.value : special.value, start));
    return special.end;
  }
  let digits = '';
  const intStart = i;
  while (i < n && isDigit(line.charCodeAt(i))) i++;
  digits = line.slice(intStart, i);
  // Thousands separators: `10,049`, `134,217,728` (1 to 3 digits, then groups of exactly three).
  if (digits.length > 0 && digits.length <= 3 && !(digits === '0' && line.charCodeAt(i) === 44)) {
    let j = i;
    let grouped = '';
    while (
      line.charCodeAt(j) === 44 &&
      isDigit(line.charCodeAt(j + 1)) &&
      isDigit(line.charCodeAt(j + 2)) &&
      isDigit(line.charCodeAt(j + 3)) &&
      !isDigit(line.charCodeAt(j + 4))
    ) {
      grouped += line.slice(j + 1, j + 4);
      j += 4;
    }
    if (grouped.length > 0 && line.charCodeAt(j) !== 46) {
      digits += grouped;
      i = j;
    }
  }
  const c = line.charCodeAt(i);
  // MXNet's Speedometer `Epoch[0] Batch [8880-8900]`: a bracketed range of counts is its end.
  if (c === 45 && digits.length > 0 && !negative && line.charCodeAt(start - 1) === 91) {
    let j = i + 1;
    while (j < n && j - i <= 12 && isDigit(line.charCodeAt(j))) j++;
    if (j > i + 1 && line.charCodeAt(j) === 93) {
      const end = Number(line.slice(i + 1, j));
      if (end >= Number(digits)) {
        tokens.push({
          kind: Tok.Number,
          text: '',
          value: end,
          total: undefined,
          unit: false,
          start,
          range: true,
        });
        return j;
      }
    }
  }
  // A time (`0:01:54`, `12:30`), a date (`2020-10-26`, `03/11`) or a version (`1.2.3`) is no value.
  if (
    (c === 58 && isDigit(line.charCodeAt(i + 1)) && isDigit(line.charCodeAt(i + 2))) ||
    (c === 45 && isDigit(line.charCodeAt(i + 1)) && digits.length >= 2)
  ) {
    return skipNonValue(line, i, tokens, start);
  }
  let fraction = '';
  const commaEnd = c === 44 ? decimalCommaEnd(line, start, i, digits) : -1;
  if (commaEnd > 0) {
    fraction = line.slice(i + 1, commaEnd);
    i = commaEnd;
  } else if (c === 46 && isDigit(line.charCodeAt(i + 1))) {
    const f = i + 1;
    i++;
    while (i < n && isDigit(line.charCodeAt(i))) i++;
    fraction = line.slice(f, i);
    if (line.charCodeAt(i) === 46 && isDigit(line.charCodeAt(i + 1))) {
      return skipNonValue(line, i, tokens, start);
    }
  } else if (c === 46 && digits.length > 0) {
    // `517.` (a trailing dot): the dot is read, nothing follows it.
    i++;
  }
  if (digits.length === 0 && fraction.length === 0) {
    sep(tokens, line.slice(start, i + 1), start);
    return i + 1;
  }
  let exponent = '';
  const e = line.charCodeAt(i);
  if (e === 101 || e === 69) {
    let j = i + 1;
    const sign = line.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    const d = j;
    while (j < n && isDigit(line.charCodeAt(j))) j++;
    if (j > d) {
      exponent = line.slice(i + 1, j);
      i = j;
    }
  }
  let value = Number(
    `${digits || '0'}${fraction ? `.${fraction}` : ''}${exponent ? `e${exponent}` : ''}`,
  );
  if (negative) value = -value;
  let unit = false;
  let total: number | undefined;
  let percent = false;
  let thousands = false;
  if (line.charCodeAt(i) === 37 /* % */) {
    unit = true;
    percent = true;
    i++;
  }
  // `N/M` (a counter and its total), not a unit such as `ms/step`; `iter 1 / 19` (the
  // deep-learning-from-scratch trainers) spaces the slash of an integer counter on both sides.
  let slashAt = i;
  if (!fraction && !exponent && !unit && line.charCodeAt(i) === SPACE) {
    let k = i;
    while (line.charCodeAt(k) === SPACE && k - i < 3) k++;
    if (line.charCodeAt(k) === 47 && line.charCodeAt(k + 1) === SPACE) slashAt = k;
  }
  let slashEnd = slashAt + 1;
  while (line.charCodeAt(slashEnd) === SPACE && slashEnd - slashAt < 4) slashEnd++;
  if (line.charCodeAt(slashAt) === 47 && isDigit(line.charCodeAt(slashEnd))) {
    let j = slashEnd;
    while (j < n && isDigit(line.charCodeAt(j))) j++;
    if (line.charCodeAt(j) !== 46 || !isDigit(line.charCodeAt(j + 1))) {
      total = Number(line.slice(slashEnd, j));
      i = j;
    }
  }
  // Slash-packed values (`0.5/0.1/0.6`, `13100.0/13240.9`): the names say how many there are.
  let packed: number[] | undefined;
  if (pack && total === undefined && line.charCodeAt(i) === 47) {
    let j = i;
    const more: number[] = [];
    while (line.charCodeAt(j) === 47 && more.length < 16) {
      const part: Token[] = [];
      const c = line.charCodeAt(j + 1);
      if (!(isDigit(c) || c === 45 || c === 46 || (c | 32) === 110 || (c | 32) === 105)) break;
      const next = readNumberToken(line, j + 1, part, false);
      const t = part[0];
      if (t === undefined || t.kind !== Tok.Number) break;
      more.push(t.value);
      j = next;
    }
    if (more.length > 0) {
      packed = [value, ...more];
      i = j;
    }
  }
  // A rate glued after a slash (`78.7430/s`, `25.5163/s/gpu`, open_clip's throughput): its unit.
  if (
    total === undefined &&
    packed === undefined &&
    line.charCodeAt(i) === 47 &&
    isLetter(line.charCodeAt(i + 1))
  ) {
    let j = i + 1;
    while (j < n && (isLetter(line.charCodeAt(j)) || line.charCodeAt(j) === 47)) j++;
    const after = line.charCodeAt(j);
    if (j === n || after === SPACE || after === 9 || after === 44) {
      unit = true;
      i = j;
    }
  }
  // A glued unit (`4981.4s`, `561.94ms`, `2956Mb`, `30ms/step`, `22.80s/it`).
  if (isLetter(line.charCodeAt(i))) {
    let j = i;
    while (j < n && (isLetter(line.charCodeAt(j)) || line.charCodeAt(j) === 47)) j++;
    const after = line.charCodeAt(j);
    if (fraction.length > 0 && j - i > 2 && (after === 58 || after === 61)) {
      // `0.6355974416passed: 17.4`: the letters are the next name, glued to the value.
      tokens.push({ kind: Tok.Number, text: '', value, total, unit, start });
      return i;
    }
    // Julia's Float32 (`267.8037f0`, `1.5f-5`): an `f` exponent.
    const f = line.charCodeAt(i) | 32;
    const signed = line.charCodeAt(j) === 45 && isDigit(line.charCodeAt(j + 1));
    if (
      j - i === 1 &&
      f === 102 &&
      exponent.length === 0 &&
      (isDigit(line.charCodeAt(j)) || signed)
    ) {
      let k = signed ? j + 1 : j;
      while (k < n && isDigit(line.charCodeAt(k))) k++;
      if (!isLetter(line.charCodeAt(k)) && line.charCodeAt(k) !== 46) {
        const scaled = Number(`${value}e${line.slice(j, k)}`);
        tokens.push({ kind: Tok.Number, text: '', value: scaled, total, unit, start });
        return k;
      }
    }
    if (isDigit(line.charCodeAt(j))) {
      // `1x2`, `3d4`: an identifier, not a number with a unit.
      return skipNonValue(line, j, tokens, start);
    }
    unit = true;
    if (
      j - i === 1 &&
      fraction.length === 0 &&
      exponent.length === 0 &&
      (line.charCodeAt(i) | 32) === 107
    )
      thousands = true;
    // `1h 38m 21s`, `2d 03h`, `3m 13s` (StyleGAN's `time`, CatBoost's `total`): a duration in
    // parts is one value, in seconds, never its first part alone.
    if (j - i === 1 && fraction.length === 0 && !negative && isDurationPart(line, i)) {
      const parts: number[] = [];
      const end = durationEnd(line, j, parts);
      if (end > j) {
        let seconds = value * durationSeconds(line.charCodeAt(i));
        for (let k = 0; k < parts.length; k += 2)
          seconds += (parts[k] as number) * (parts[k + 1] as number);
        tokens.push({ kind: Tok.Number, text: '', value: seconds, total, unit: true, start });
        return end;
      }
    }
    i = j;
  }
  // A sentence period after the number (`grad_norm=33.4706.`).
  if (line.charCodeAt(i) === 46 && !isDigit(line.charCodeAt(i + 1))) i++;
  const token: Token = { kind: Tok.Number, text: '', value, total, unit, start };
  if (commaEnd > 0) token.comma = true;
  if (packed !== undefined) token.packed = packed;
  if (percent) token.percent = true;
  if (thousands && !percent && total === undefined) token.thousands = true;
  if (fraction.length > 0 || exponent.length > 0) token.decimal = true;
  tokens.push(token);
  return i;
}

/** A one-letter duration unit (`d`, `h`, `m`, `s`) at `i`. */
function isDurationPart(line: string, i: number): boolean {
  const c = line.charCodeAt(i);
  return c === 100 || c === 104 || c === 109 || c === 115;
}

/**
 * End of the parts after a first one (`38m 21s` after `1h`): each is one space, digits and one
 * duration letter; `i` when no part follows (then the first one is an ordinary unit).
 */
function durationEnd(line: string, i: number, parts: number[]): number {
  let end = i;
  for (let count = 0; count < 3; count++) {
    let j = end;
    if (line.charCodeAt(j) !== SPACE) break;
    j++;
    const digits = j;
    while (j < line.length && j - digits < 3 && isDigit(line.charCodeAt(j))) j++;
    if (j === digits || !isDurationPart(line, j) || isLetter(line.charCodeAt(j + 1))) break;
    parts.push(Number(line.slice(digits, j)), durationSeconds(line.charCodeAt(j)));
    end = j + 1;
  }
  return end;
}

/** Seconds in one `d`, `h`, `m` or `s`. */
function durationSeconds(unit: number): number {
  if (unit === 100) return 86400;
  if (unit === 104) return 3600;
  if (unit === 109) return 60;
  return 1;
}

function sep(tokens: Token[], text: string, at: number): void {
  const last = tokens[tokens.length - 1];
  if (last !== undefined && last.kind === Tok.Sep) return;
  tokens.push({ kind: Tok.Sep, text, value: 0, total: undefined, unit: false, start: at });
}

/**
 * The end of the fraction after a decimal comma (`0,8027785`, `2,216309`, `7,081955E+12`: .NET
 * printing under a comma-decimal culture), or -1. A comma followed by exactly three digits is a
 * thousands separator unless the integer part is `0` or an exponent follows; a comma inside a list
 * (`[2,3]`, `(640,640)`, `1,2,3`) or before a dot (`1,0.5`) is no decimal comma.
 */
function decimalCommaEnd(line: string, start: number, comma: number, digits: string): number {
  if (digits.length === 0 || !isDigit(line.charCodeAt(comma + 1))) return -1;
  const before = start > 0 ? line.charCodeAt(start - 1) : SPACE;
  if (before === 40 || before === 91 || before === 44 || isDigit(before)) return -1;
  let j = comma + 1;
  const n = line.length;
  while (j < n && isDigit(line.charCodeAt(j))) j++;
  const after = line.charCodeAt(j);
  const exponent = after === 69 || after === 101;
  if (j - comma - 1 === 3 && digits !== '0' && !exponent) return -1;
  if (after === 46 || after === 41 || after === 93) return -1;
  if ((after === 44 || after === 47) && isDigit(line.charCodeAt(j + 1))) return -1;
  return j;
}

/** Skips the rest of a non-value made of digits and punctuation (a time, a date, a version). */
function skipNonValue(line: string, i: number, tokens: Token[], start: number): number {
  let j = i;
  const n = line.length;
  while (j < n) {
    const c = line.charCodeAt(j);
    if (
      isDigit(c) ||
      c === 58 ||
      c === 45 ||
      c === 46 ||
      c === 47 ||
      isLetter(c) ||
      (c === 44 && isDigit(line.charCodeAt(j + 1)))
    )
      j++;
    else break;
  }
  sep(tokens, line.slice(start, j), start);
  return j;
}
