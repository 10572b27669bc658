import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTrainingLog } from '../parseTrainingLog';
import {
  HOSTILE_ENDS,
  HOSTILE_PREFIXES,
  HOSTILE_UNITS,
  hostileLine,
  type LinearTimeReport,
  limitFor,
  measureAgainstNormal,
  normalLine,
  parseChunked,
  shapeKey,
  timeAgainst,
} from './helpers/hostileLines';

// Issue 9, section 4: every line parses in time linear in its length. Timing is never compared
// with the clock: a hostile line is compared with a normal line of the same length parsed in the
// same test (see MAX_SLOWDOWN in helpers/hostileLines.ts for the floor and why it is safe).

function describeReport(what: string, r: LinearTimeReport): string {
  return `${what}: whole ${r.wholeMs.toFixed(1)} ms, chunked ${r.chunkedMs.toFixed(1)} ms, normal line ${r.normalMs.toFixed(2)} ms, limit ${r.limitMs.toFixed(1)} ms`;
}

function expectLinear(what: string, line: string, chunkChars = 4096): void {
  const report = measureAgainstNormal(`${line}\n`, chunkChars);
  expect(report.ok, describeReport(what, report)).toBe(true);
}

beforeAll(() => {
  // First calls compile the parser's functions and regexes; time them out of the measurements.
  for (let i = 0; i < 5; i++) {
    parseTrainingLog(`${normalLine(4000)}\n`);
    parseChunked(`${hostileLine({ prefix: 'loss ', unit: 'a ', end: '!' }, 4000)}\n`, 512);
  }
});

describe('parse time is linear in the line length', () => {
  it('on hostile lines of 10k to 250k characters, whole and in chunks (property)', () => {
    const shape = fc.record({
      prefix: fc.constantFrom(...HOSTILE_PREFIXES),
      unit: fc.constantFrom(...HOSTILE_UNITS),
      end: fc.constantFrom(...HOSTILE_ENDS),
    });

    fc.assert(
      fc.property(
        shape,
        fc.integer({ min: 10_000, max: 250_000 }),
        fc.integer({ min: 512, max: 65_536 }),
        (s, length, chunkChars) => {
          expectLinear(shapeKey(s), hostileLine(s, length), chunkChars);
        },
      ),
      // A slow case is slow again when shrunk: report the first one as it is.
      { numRuns: 40, endOnFailure: true },
    );
  }, 120_000);

  it('on every hostile shape at 20k characters, whole and in chunks', () => {
    const length = 20_000;
    const chunkChars = 4096;
    const { normalMs, limitMs } = limitFor(length, chunkChars);
    const slow: string[] = [];
    for (const prefix of HOSTILE_PREFIXES) {
      for (const unit of HOSTILE_UNITS) {
        for (const end of HOSTILE_ENDS) {
          const s = { prefix, unit, end };
          const line = `${hostileLine(s, length)}\n`;
          const whole = timeAgainst(limitMs, () => parseTrainingLog(line));
          const chunked = timeAgainst(limitMs, () => parseChunked(line, chunkChars));
          if (whole > limitMs || chunked > limitMs) {
            slow.push(`${shapeKey(s)}: ${whole.toFixed(1)} / ${chunked.toFixed(1)} ms`);
          }
        }
      }
    }
    expect(slow, `limit ${limitMs.toFixed(1)} ms (normal line ${normalMs.toFixed(2)} ms)`).toEqual(
      [],
    );
  }, 180_000);

  it('on the lines that were quadratic in the format readers fixed here', () => {
    // notebookTable.ts trimmed a trailing backslash with /\s*\\\s*$/.
    expectLinear('notebook table header + blanks', `Step  Training Loss${' '.repeat(100_000)}x`);
    // nanogpt.ts split fields on /,\s*|\s+\(/.
    expectLinear('nanoGPT iter line + blanks', `iter 1: loss${' '.repeat(100_000)}x`);
    // parseNumber.ts read digits with \d+\.?\d* before a rest that could fail.
    expectLinear('long number + line separator', `loss: ${'1'.repeat(100_000)}\u2028x`);
  }, 60_000);

  it("on near-misses of the sixth set's rules (scheduler sentences, settings dicts, tables)", () => {
    expectLinear('lr of group, digits', `lr of group ${'1'.repeat(100_000)} tx`);
    expectLinear('learning rate to, repeated', 'learning rate to '.repeat(6_000));
    expectLinear('settings word + blanks before a dict', `params${' '.repeat(100_000)}x{'a': 1}`);
    expectLinear('pairs before a dict', `${'Pass 0, '.repeat(12_000)}{'loss': 1}`);
    expectLinear('bracketed status column', `[${'-'.repeat(100_000)}] Epoch  loss`);
    expectLinear('a row of words', `${'word  '.repeat(16_000)}`);
    expectLinear('step line + blanks', `--> STEP: 1/2 -- GLOBAL_STEP: 3${' '.repeat(100_000)}`);
    expectLinear('eval words alone', 'EVAL '.repeat(20_000));
    expectLinear('a pair, then is repeated', `epoch: 1 ${'loss is '.repeat(12_000)}x`);
    expectLinear('name, bar, number, repeated', 'train loss |  2.5 '.repeat(6_000));
    expectLinear('name, colon, tabs, repeated', 'loss:\t\t\t'.repeat(12_000));
  }, 60_000);
});

/**
 * One whole-text parse against the limit. Enough to show a line is slow (noise only ever adds
 * time); when a regex is fixed and its case below becomes `it`, use {@link expectLinear}.
 */
function expectLinearOnce(what: string, line: string): void {
  const text = `${line}\n`;
  const { normalMs, limitMs } = limitFor(text.length, 4096);
  const start = performance.now();
  parseTrainingLog(text);
  const ms = performance.now() - start;
  expect(
    ms,
    `${what}: ${ms.toFixed(1)} ms, normal line ${normalMs.toFixed(2)} ms`,
  ).toBeLessThanOrEqual(limitMs);
}

// One line per regex that made 0.1.x quadratic (its generic reader and field reader), long enough
// to take 2 to 5 s there against a limit of ~0.5 s; the general grammar's scanner reads each in a
// few ms.
describe('the lines that were quadratic in 0.1.x', () => {
  it(
    'loss + a( repeated (was PAIR_RE of generic.ts)',
    () => expectLinearOnce('row 1', `loss ${'a('.repeat(20_000)}`),
    60_000,
  );
  it(
    'iteration + blanks (was STEP_RE of generic.ts)',
    () => expectLinearOnce('row 2', `iteration${' '.repeat(40_000)}loss`),
    60_000,
  );
  it(
    'loss, tab, digits, no terminator (was VALUE_KEY_RE of readFieldPair.ts)',
    () => expectLinearOnce('row 3', `loss\t${'1'.repeat(35_000)}!`),
    60_000,
  );
  it(
    'a pipe field of closing parentheses (was KEY_VALUE_RE of readFieldPair.ts)',
    () => expectLinearOnce('row 4', `| a ${')'.repeat(60_000)} loss`),
    60_000,
  );
  it(
    'an MLX line of a1 repeated (was the running-average regex of readFieldPair.ts)',
    () => expectLinearOnce('row 5', `Iter 1: ${'a1'.repeat(30_000)}`),
    60_000,
  );
});
