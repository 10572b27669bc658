import { canonicalName } from '../canonicalName';
import { scanPairs } from '../grammar/scanPairs';
import type { LineRecord } from './LineRecord';

/** Where a summary tree is: its epoch, the section being read and the depth of its metrics. */
export interface SummaryTreeState {
  /** The epoch of the title above the tree (`SUMMARY OF EPOCH 1`), else `undefined`. */
  epoch: number | undefined;
  /** The section being read is an evaluation (`Validation`, `Test`). */
  eval: boolean;
  /** Depth of the section's first valued branch: its metrics; deeper branches detail them. */
  depth: number | undefined;
  /** Metric branches read in the section (the first opens its record, the others continue it). */
  lines: number;
}

/** A branch of a tree drawn with box characters: the indent (`│   ` or four spaces), then `├── ` or `└── `. */
const BRANCH_RE = /^((?:\u2502 {3}| {4})*)[\u251c\u2514]\u2500\u2500 (.+)$/;
/** super-gradients' title above the tree of an epoch's metrics. */
const TITLE_RE = /^summary of epoch (\d{1,9})\s*$/i;
const EVAL_SECTION_RE = /^(?:valid|validation|val|eval|evaluation|test|testing)\b/i;

/**
 * super-gradients' end-of-epoch tree (`SUMMARY OF EPOCH 1`, then `├── Training`, `│   ├──
 * Ppyoloeloss/loss = 2.1742`, `│   │   ├── Best until now = 2.2521 (↘ -0.0779)`, `└── Validation`,
 * ...): a branch without a value opens a section, the first valued branch under it sets the depth
 * of the section's metrics, and deeper branches (the best so far, the epoch before) are details of
 * the metric above them, no points. A section is one record (its first metric opens it, the others
 * continue it); a validation section is an evaluation record. Depths are relative, so a log whose
 * leading spaces were trimmed reads the same.
 *
 * @param text - The line, log prefixes removed.
 * @param state - The tree being read (created on the first branch or title).
 * @returns The record, `'consumed'` for a title, a section or a detail, `undefined` for other lines.
 * @example
 * ```ts
 * const state = { epoch: undefined, eval: false, depth: undefined, lines: 0 };
 * readSummaryTree('│   ├── Ppyoloeloss/loss = 2.1742', state); // a train record
 * ```
 */
export function readSummaryTree(
  text: string,
  state: SummaryTreeState,
): LineRecord | 'consumed' | undefined {
  const title = text.length <= 40 ? TITLE_RE.exec(text) : null;
  if (title) {
    state.epoch = Number(title[1]);
    state.eval = false;
    state.depth = undefined;
    state.lines = 0;
    return 'consumed';
  }
  const c = text.charCodeAt(0);
  if (c !== 0x2502 && c !== 0x251c && c !== 0x2514 && c !== 32) return undefined;
  const branch = BRANCH_RE.exec(text);
  if (!branch) return undefined;
  const depth = (branch[1] as string).length / 4;
  const body = (branch[2] as string).trim();
  const { pairs } = scanPairs(body);
  if (pairs.length === 0) {
    if (/\d/.test(body)) return 'consumed';
    state.eval = EVAL_SECTION_RE.test(body);
    state.depth = undefined;
    state.lines = 0;
    return 'consumed';
  }
  state.depth ??= depth;
  if (depth > state.depth) return 'consumed';
  const pair = pairs[0];
  if (pair === undefined) return 'consumed';
  let name = canonicalName(pair.name);
  if (state.eval) name = name === 'loss' ? 'eval_loss' : `eval_${name}`;
  const record: LineRecord = {
    format: 'generic',
    kind: state.eval ? 'eval' : 'train',
    metrics: [[name, pair.value]],
  };
  if (state.lines > 0) record.tail = true;
  else if (!state.eval && state.epoch !== undefined) record.weakStep = state.epoch;
  state.lines++;
  return record;
}
