/**
 * After the level: a dotted (`allennlp.training.trainer`) or dunder (`__main__`) logger name,
 * loguru's `module:function:line`, or a logger name in parentheses (`%(name)s` as MONAI's ignite
 * handlers print it: `(ignite.engine.engine.SupervisedTrainer:972)`), then ` - `.
 */
const LOGGER_NAME_RE =
  /^(?:[A-Za-z_]\w*(?:\.\w+)+|__\w+__|[\w.<>-]+:[\w.<>-]+:\d+|\([A-Za-z_][\w.<>-]{0,80}(?::\d+)?\)) +- /;
/** rich's logging handler puts the source location at the end of the line: `   train.py:42`. */
const TRAILING_SOURCE_RE = / {2,}[\w.-]+\.py:\d+ *$/;

const LEVELS = ['INFO', 'WARNING', 'WARN', 'DEBUG', 'ERROR', 'CRITICAL', 'NOTICE', 'TRACE'];
const LEVEL_ANY_RE = /INFO|WARN|DEBUG|ERROR|CRITICAL|NOTICE|TRACE/;
/**
 * DeepSpeech's info level, `I `, opening a capitalised message. Only `I`: a `D Loss: 0.69` (a
 * GAN's discriminator) or an `F Score` opening a line is a name.
 */
const LEVEL_LETTER_RE = /^I [A-Z][A-Za-z]/;

/**
 * Removes a logging framework's prefix from a metric line: everything up to a log level word
 * (`2020-10-26 18:48:56 train.py:267 INFO `, `10/30 22:18:02 - mmengine - INFO - `,
 * `INFO:__main__:`, `| INFO |`), glog's `I0423 12:00:00.123 1234 file.py:12] `, and bracket groups
 * that open the line and hold a time, a level, a source file or a rank
 * (`[03/11 21:47:38 d2.utils.events]:`, `[2023-09-17 13:18:20,123] [INFO] [axolotl.module:264]`).
 * A bracketed counter (`[936]`, `[1/10]`) is kept: it is data. Linear in the line's length.
 *
 * @param line - The line, transport prefixes already removed.
 * @returns The line from its first data character.
 * @example
 * ```ts
 * stripLogPrefix('10/30 22:18:02 - mmengine - INFO - Epoch(train) [1][200/735]  lr: 1.9e-04');
 * // 'Epoch(train) [1][200/735]  lr: 1.9e-04'
 * ```
 */
export function stripLogPrefix(line: string): string {
  let s = line;
  // A level word within the first 160 characters, as a whole word.
  const head = s.length > 160 ? s.slice(0, 160) : s;
  let cut = -1;
  // One scan tells most lines (the message itself, no level word) apart before the per-level ones.
  if (LEVEL_ANY_RE.test(head))
    for (const level of LEVELS) {
      let at = head.indexOf(level);
      while (at >= 0) {
        const before = at === 0 ? 32 : head.charCodeAt(at - 1);
        const after = head.charCodeAt(at + level.length);
        if (!isWordChar(before) && !isWordChar(after)) {
          cut = Math.max(cut, at + level.length);
          break;
        }
        at = head.indexOf(level, at + 1);
      }
    }
  if (cut >= 0) {
    let i = cut;
    // A level inside a bracket group with other fields (`[INFO|DP=0|PP=0|TP=0]:`, nanotron): the
    // whole group is the prefix, rank coordinates included.
    const open = head.lastIndexOf('[', cut);
    if (open >= 0 && head.lastIndexOf(']', cut) < open) {
      const close = s.indexOf(']', cut);
      if (close > 0 && close - open < 120) i = close + 1;
    }
    // The logger's name after `INFO:` (`INFO:__main__:`, `INFO:tensorflow:`).
    if (s.charCodeAt(i) === 58) {
      const next = s.indexOf(':', i + 1);
      if (next > i && next - i < 48 && !/\s/.test(s.slice(i + 1, next))) i = next;
    }
    s = s.slice(skipDecoration(s, i));
    // Python logging's `%(levelname)s - %(name)s - %(message)s`: a dotted logger name after the
    // level (`INFO - allennlp.training.trainer - Epoch 0/39`). The message keeps its own spacing.
    const dash = s.indexOf(' - ');
    const logger = dash > 0 && dash < 160 ? LOGGER_NAME_RE.exec(s.slice(0, dash + 3)) : null;
    if (logger) s = s.slice(logger[0].length);
    if (s.indexOf('.py:') > 0) {
      const tail = s.length > 120 ? s.length - 120 : 0;
      const source = TRAILING_SOURCE_RE.exec(tail === 0 ? s : s.slice(tail));
      if (source) s = s.slice(0, tail + source.index);
    }
  } else if (/^[IWEF]\d{4}(?:\d{4})? \d\d:\d\d:\d\d/.test(s)) {
    // glog's `I0423 12:00:00`, or with the year (`I20250119 10:05:11 90 dinov2 helpers.py:102] `).
    const close = s.indexOf('] ');
    if (close > 0 && close < 120) s = s.slice(close + 2);
  } else if (LEVEL_LETTER_RE.test(s)) {
    // Mozilla DeepSpeech's `I Training of Epoch 0 - loss: 223.10`: its info level, one letter and
    // a space before a capitalised message.
    s = s.slice(2);
  } else {
    // `%(asctime)s-%(message)s` (insightface's `Training: 2021-07-03 00:09:37,089-Speed 1473.00`):
    // the time glued to the message by a dash.
    const glued = ASCTIME_DASH_RE.exec(s);
    if (glued) s = s.slice(glued[0].length);
  }
  // Leading bracket groups holding a time, a source file, a rank or a level: metadata.
  for (let guard = 0; guard < 8; guard++) {
    const t = s.trimStart();
    if (t.charCodeAt(0) !== 91) break;
    const close = t.indexOf(']');
    if (close < 0 || close > 120) break;
    const inside = t.slice(1, close);
    // `[valid] Ep. 1 : Up. 20000 : perplexity : 187.458` (Marian): a tag announcing an evaluation
    // is data, kept for the formats that read it.
    if (EVAL_TAGS.has(inside.toLowerCase())) break;
    // CoupletAI's `[epoch]: 199, [batch]: 23900, [loss]: 4.99`: a bracketed name with its value
    // after `:` is a pair, not a level.
    if (/^[A-Za-z_]\w*$/.test(inside) && NAMED_VALUE_AFTER_RE.test(t.slice(close + 1, close + 24)))
      break;
    if (!/\d:\d\d|\.py\b|rank|pid|^[A-Z]+$|\||^[\w.]+:\d+$/i.test(inside)) break;
    // `[D] real 0.05 fake 0.06  [G] fake 2.87`: a short tag that another one follows on the line
    // names a group of pairs (a GAN's discriminator and generator), not a log level.
    if (inside.length <= 2 && /\s\[[A-Z]{1,2}\]\s/.test(t.slice(close + 1))) break;
    s = t.slice(skipDecoration(t, close + 1));
  }
  return s;
}

/** An optional logger name, a date and a time (with milliseconds), then a dash glued to a word. */
const ASCTIME_DASH_RE =
  /^(?:[A-Za-z][\w.]{0,40}: )?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:[,.]\d{1,6})?-(?=[A-Za-z])/;

/** `: 199` or `=0.5` right after a bracketed name: the name's value. */
const NAMED_VALUE_AFTER_RE = /^ *[:=] *[-+]?\.?\d/;

const EVAL_TAGS = new Set(['valid', 'validation', 'val', 'eval', 'evaluation', 'dev']);

function skipDecoration(s: string, from: number): number {
  let i = from;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    // spaces, `-`, `:`, `|`, `]`, `>`
    if (c === 32 || c === 9 || c === 45 || c === 58 || c === 124 || c === 93 || c === 62) i++;
    else break;
  }
  return i;
}

function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
}
