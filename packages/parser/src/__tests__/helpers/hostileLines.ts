import { createLogParser } from '../../createLogParser';
import { parseTrainingLog } from '../../parseTrainingLog';

/**
 * Hostile one-line logs for the linear-time tests: a prefix that routes the line to a format
 * reader (a keyword, a `key:`, a dict opening), then one short unit repeated to the wanted length,
 * then a last character that makes every "match to the end" fail. A backtracking regex meets its
 * worst case on such lines; a linear reader reads them as fast as any other line.
 */
export interface HostileShape {
  prefix: string;
  unit: string;
  end: string;
}

export const HOSTILE_PREFIXES = [
  '',
  'loss ',
  'loss: ',
  'loss\t',
  '| loss ',
  'x\t',
  'Epoch ',
  'Epoch 1 ',
  'iter ',
  'iter 1: ',
  'step ',
  'step 1: ',
  'Step 1 | ',
  'Iter 1: ',
  'iteration',
  "{'loss': ",
  '{"loss": ',
  '[rank0]: loss ',
  'INFO loss ',
  'Step  Training Loss',
] as const;

export const HOSTILE_UNITS = [
  ':',
  '=',
  '|',
  ',',
  '1',
  '.',
  ' ',
  '\t',
  "{'",
  '[',
  '(',
  ')',
  '-',
  'a(',
  'a)',
  'a1',
  'a/',
  '1,',
  '1.',
  'a ',
  '1 ',
  'a:',
  'a=',
  ': ',
  'Epoch ',
  'iter ',
  'step ',
  'loss ',
] as const;

/** No terminator at all, a stray punctuation mark, a word, a line separator inside the line. */
export const HOSTILE_ENDS = ['', '!', ' x', '(', '\u2028x'] as const;

/** `'loss ' + 'a('.repeat(n)`-style line of exactly `length` characters (the end included). */
export function hostileLine(shape: HostileShape, length: number): string {
  const body = Math.max(0, length - shape.prefix.length - shape.end.length);
  const unit = shape.unit;
  return shape.prefix + unit.repeat(Math.ceil(body / unit.length)).slice(0, body) + shape.end;
}

/** A key that names one shape in the known-slow list: prefix, unit and end, JSON-quoted. */
export function shapeKey(shape: HostileShape): string {
  return JSON.stringify([shape.prefix, shape.unit, shape.end]);
}

const NORMAL_FIELDS = [
  'loss: 2.3456',
  'lr: 1.0e-04',
  'grad_norm: 0.7512',
  'tokens_per_sec: 10,049',
  'eval_loss: 2.91',
  'mfu: 41.2%',
];

/**
 * A well-formed metric line of exactly `length` characters, `key: value` pairs as mmengine,
 * detectron2 or a hand-written `print` give them (`step: 7 | loss: 2.3456, lr: 1.0e-04, ...`):
 * the yardstick a hostile line of the same length is compared with.
 */
export function normalLine(length: number): string {
  const parts = ['step: 7 | '];
  let size = parts[0]?.length ?? 0;
  for (let i = 0; size < length; i++) {
    const field = `${NORMAL_FIELDS[i % NORMAL_FIELDS.length]}, `;
    parts.push(field);
    size += field.length;
  }
  return parts.join('').slice(0, length);
}

/** Best (smallest) wall time of `runs` calls, in ms: the least disturbed by other processes. */
export function bestTime(runs: number, work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** Parses `text` through `createLogParser` in chunks of `chunkChars`, as a live capture does. */
export function parseChunked(text: string, chunkChars: number): void {
  const parser = createLogParser();
  for (let i = 0; i < text.length; i += chunkChars) parser.push(text.slice(i, i + chunkChars));
  parser.end();
  parser.result();
}

/**
 * How much slower than a normal line a hostile line may parse, and a constant for the noise of a
 * shared machine (a GC pause, a descheduled process). The normal line costs ~0.02-0.05 us per
 * character; the costliest linear hostile lines (one-character tab or pipe fields: a string and a
 * field read per character) ~1-2 us, so a linear parser stays well under 200x. A quadratic regex
 * costs ~1 ns x length per character (1 s for 30,000 characters): past 200x from ~15,000
 * characters on, and past 5,000x at 250,000.
 */
export const MAX_SLOWDOWN = 200;
export const SLACK_MS = 50;

export interface LinearTimeReport {
  ok: boolean;
  /** Whole-text parse of the hostile line, and chunked parse. */
  wholeMs: number;
  chunkedMs: number;
  /** The normal line of the same length, best of both ways. */
  normalMs: number;
  limitMs: number;
}

/** The time limit for a hostile line of `length` characters: from a normal line of that length. */
export function limitFor(
  length: number,
  chunkChars: number,
): { normalMs: number; limitMs: number } {
  const normal = `${normalLine(length - 1)}\n`;
  const normalMs = Math.min(
    bestTime(5, () => parseTrainingLog(normal)),
    bestTime(5, () => parseChunked(normal, chunkChars)),
  );
  return { normalMs, limitMs: MAX_SLOWDOWN * normalMs + SLACK_MS };
}

/**
 * Times `work` once; a time over the limit is measured twice more and the best kept, so a failing
 * verdict never rests on one unlucky run (a GC pause, a descheduled process).
 */
export function timeAgainst(limitMs: number, work: () => void): number {
  let ms = bestTime(1, work);
  for (let retry = 0; retry < 2 && ms > limitMs; retry++) ms = Math.min(ms, bestTime(1, work));
  return ms;
}

/**
 * Times `line` (one hostile line plus its newline) against {@link normalLine} of the same length,
 * whole and in chunks.
 */
export function measureAgainstNormal(line: string, chunkChars: number): LinearTimeReport {
  const { normalMs, limitMs } = limitFor(line.length, chunkChars);
  const wholeMs = timeAgainst(limitMs, () => parseTrainingLog(line));
  const chunkedMs = timeAgainst(limitMs, () => parseChunked(line, chunkChars));
  return { ok: wholeMs <= limitMs && chunkedMs <= limitMs, wholeMs, chunkedMs, normalMs, limitMs };
}
