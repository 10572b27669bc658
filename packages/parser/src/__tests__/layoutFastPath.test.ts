import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogParser } from '../createLogParser';
import { parseTrainingLog } from '../parseTrainingLog';
import type { ParseResult } from '../types';

// One-line dicts and JSON objects whose layout (keys in order) was seen before are read by a
// compiled pattern and a value reader of their own (src/formats/recordLayout.ts). These tests hold
// that fast path to the general one: every result must be exactly what the general path gives.

function parseBothWays(text: string): { fast: ParseResult; general: ParseResult } {
  const general = parseTrainingLog(text, { layoutFastPath: false });
  const fast = parseTrainingLog(text);
  return { fast, general };
}

const KEYS = [
  'current_steps',
  'total_steps',
  'global_step',
  'step',
  'iter',
  'epoch',
  'loss',
  'eval_loss',
  'lr',
  'learning_rate',
  'grad_norm',
  'rewards/chosen',
  'eval_rewards/margins',
  'memory/max_mem_active(gib)',
  'tokens.per[sec]',
  'a b',
  'elapsed_time',
  'train_runtime',
  'num_updates',
  '__proto__',
];

/** Value spellings, numbers in every length the readers treat differently. */
const valueArb = fc.oneof(
  fc.integer({ min: -1000, max: 1_000_000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc
    .tuple(
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 1, max: 9 }),
    )
    .map(([a, b, e]) => `${a}.${b}e-0${e}`),
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 21 })
    .map((d) => `0.${d.join('')}`),
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: 16, maxLength: 20 })
    .map((d) => `${d.join('')}`.replace(/^0+(?=\d)/, '')),
  fc.constantFrom(
    'null',
    'None',
    '517.',
    '-.5',
    '1e400',
    '-0.0',
    'nan',
    'inf',
    'np.float64(1.5)',
    'QT0:04:02QT',
    'QT3 days, 4:29:51QT',
    'QT0.00QT',
    'QT-1.5e-3QT',
    'QTn/aQT',
    'QTQT',
  ),
);

const layoutArb = fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 6 });

const lineArb = (layouts: string[][]) =>
  fc.record({
    layout: fc.integer({ min: 0, max: layouts.length - 1 }),
    values: fc.array(valueArb, { minLength: 6, maxLength: 6 }),
    spacing: fc.constantFrom(0, 0, 0, 0, 1, 2),
    trailing: fc.constantFrom('', '', '', ' ', '  '),
    repeat: fc.constantFrom(1, 1, 1, 2),
  });

const logArb = fc
  .tuple(fc.array(layoutArb, { minLength: 1, maxLength: 3 }), fc.constantFrom("'", '"'))
  .chain(([layouts, quote]) =>
    fc.tuple(
      fc.constant(layouts),
      fc.constant(quote),
      fc.array(lineArb(layouts), { minLength: 1, maxLength: 60 }),
      fc.constantFrom('\n', '\r\n'),
    ),
  )
  .map(([layouts, quote, lines, newline]) => {
    const out: string[] = [];
    for (const line of lines) {
      const keys = layouts[line.layout] as string[];
      const colon = [': ', ':', ':  '][line.spacing] as string;
      const comma = [', ', ',', ' , '][line.spacing] as string;
      const fields = keys.map((key, i) => {
        const value = (line.values[i] as string).replaceAll('QT', quote);
        return `${quote}${key}${quote}${colon}${value}`;
      });
      const text = `{${fields.join(comma)}}${line.trailing}`;
      for (let r = 0; r < line.repeat; r++) out.push(text);
    }
    return out.join(newline) + newline;
  });

describe('the layout fast path', () => {
  it('gives exactly the general path result on generated dict and JSON-line logs', () => {
    fc.assert(
      fc.property(logArb, (text) => {
        const { fast, general } = parseBothWays(text);
        expect(fast).toEqual(general);
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('gives the same result streamed in chunks as in one piece', () => {
    fc.assert(
      fc.property(logArb, fc.array(fc.nat(), { maxLength: 12 }), (text, cuts) => {
        const positions = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort(
          (a, b) => a - b,
        );
        const parser = createLogParser();
        let from = 0;
        for (const p of positions) {
          parser.push(text.slice(from, p));
          from = p;
        }
        parser.push(text.slice(from));
        parser.end();
        expect(parser.result()).toEqual(parseTrainingLog(text));
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('reads a long LLaMA-Factory log through the layout with the values it printed', () => {
    const lines: string[] = [];
    const epochs: number[] = [];
    for (let step = 10; step <= 20_000; step += 10) {
      // Python's repr of step * 3 / 20000: 16 and 17 significant digits, as real logs print them.
      const epoch = (step * 3) / 20_000 + 1e-12 * step;
      epochs.push(epoch);
      lines.push(
        `{"current_steps": ${step}, "total_steps": 20000, "loss": ${(3 - step / 10_000).toFixed(4)}, "lr": 5e-05, "epoch": ${epoch}, "percentage": ${((step / 20_000) * 100).toFixed(2)}, "elapsed_time": "0:04:02", "remaining_time": "1 day, 0:33:29", "throughput": "0.00", "total_tokens": ${step * 4096}}`,
      );
    }
    const { fast, general } = parseBothWays(`${lines.join('\n')}\n`);
    expect(fast).toEqual(general);
    expect(fast.format).toBe('llamafactory-jsonl');
    expect(fast.series.epoch?.values).toEqual(epochs);
    expect(fast.series.loss?.values[0]).toBe(2.999);
    expect(fast.series.throughput?.values.every((v) => v === 0)).toBe(true);
    expect(fast.series.elapsed_time).toBeUndefined();
    expect(Object.keys(fast.series).sort()).toEqual(
      [
        'epoch',
        'learning_rate',
        'loss',
        'percentage',
        'throughput',
        'total_steps',
        'total_tokens',
      ].sort(),
    );
    // Metrics logged together share their steps; each is still the full, separate series.
    expect(fast.series.loss?.steps).toHaveLength(2000);
    expect(fast.series.loss?.steps.at(-1)).toBe(20_000);
  }, 60_000);
});
