import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogParser } from '../createLogParser';
import { parseTrainingLog } from '../parseTrainingLog';
import type { LogParserUpdate, MetricSeries, ParseOptions, ParseResult } from '../types';

/** A value as a trainer printed it, and the number a person reads in it. */
interface Spelled {
  text: string;
  value: number;
}

/** Python's float repr of a decimal: always a dot or an exponent (`1.0`, `0.05`, `2.3126`). */
function pyFloat(value: number): string {
  const text = String(value);
  return /[.eE]|n/.test(text) ? text : `${text}.0`;
}

const decimalArb: fc.Arbitrary<Spelled> = fc
  .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 6 }), fc.boolean())
  .map(([digits, shift, negative]) => {
    // No -0: it prints as 0.0, which a person reads as 0.
    const value = negative && digits > 0 ? -digits / 10 ** shift : digits / 10 ** shift;
    return { text: pyFloat(value), value };
  });

/** Scientific notation in the spellings seen in logs: 1e-05, 4.9e-05, 9.150E-06, 1.04e-5, 1.63e+6. */
const scientificArb: fc.Arbitrary<Spelled> = fc
  .record({
    int: fc.integer({ min: 1, max: 9 }),
    frac: fc.option(fc.integer({ min: 0, max: 9999 }), { nil: undefined }),
    e: fc.constantFrom('e', 'E'),
    sign: fc.constantFrom('-', '+', ''),
    exp: fc.integer({ min: 0, max: 12 }),
    pad: fc.boolean(),
  })
  .map(({ int, frac, e, sign, exp, pad }) => {
    const mantissa = frac === undefined ? String(int) : `${int}.${frac}`;
    const text = `${mantissa}${e}${sign}${pad ? String(exp).padStart(2, '0') : exp}`;
    return { text, value: Number(text) };
  });

const nonFiniteArb: fc.Arbitrary<Spelled> = fc.constantFrom(
  { text: 'nan', value: Number.NaN },
  { text: 'inf', value: Number.POSITIVE_INFINITY },
  { text: '-inf', value: Number.NEGATIVE_INFINITY },
);

const numpyArb: fc.Arbitrary<Spelled> = decimalArb.map((d) => ({
  text: `np.float64(${d.text})`,
  value: d.value,
}));

const valueArb: fc.Arbitrary<Spelled> = fc.oneof(
  { weight: 6, arbitrary: decimalArb },
  { weight: 3, arbitrary: scientificArb },
  { weight: 1, arbitrary: nonFiniteArb },
  { weight: 1, arbitrary: numpyArb },
);

interface HfRecord {
  /** Steps the progress bar is redrawn at before the record; the last one is the record's step. */
  bars: number[];
  loss: Spelled;
  gradNorm: Spelled;
  learningRate: Spelled;
  epoch: number;
  evalLoss: Spelled | undefined;
}

interface HfRun {
  total: number;
  records: HfRecord[];
  trainLoss: Spelled;
  runtime: number;
  newline: '\n' | '\r\n';
}

const hfRunArb: fc.Arbitrary<HfRun> = fc
  .record({
    records: fc.array(
      fc.record({
        gap: fc.integer({ min: 1, max: 30 }),
        redraws: fc.integer({ min: 1, max: 12 }),
        loss: valueArb,
        gradNorm: valueArb,
        learningRate: valueArb,
        evalLoss: fc.option(valueArb, { nil: undefined, freq: 4 }),
      }),
      { minLength: 1, maxLength: 40 },
    ),
    trainLoss: decimalArb,
    runtime: fc.integer({ min: 1, max: 100_000 }),
    newline: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
  })
  .map(({ records, trainLoss, runtime, newline }) => {
    let step = 0;
    const total = records.reduce((sum, r) => sum + r.gap, 0) + 5;
    return {
      total,
      trainLoss,
      runtime: runtime / 100,
      newline,
      records: records.map((r) => {
        const from = step;
        step += r.gap;
        const bars: number[] = [];
        // tqdm redraws about ten times per logging step; the last redraw shows the record's step.
        for (let k = r.redraws; k >= 1; k--) {
          const s = step - Math.floor(((k - 1) * r.gap) / r.redraws);
          if (s > from && bars[bars.length - 1] !== s) bars.push(s);
        }
        return {
          bars,
          loss: r.loss,
          gradNorm: r.gradNorm,
          learningRate: r.learningRate,
          epoch: Math.round((step / total) * 100) / 100,
          evalLoss: r.evalLoss,
        };
      }),
    };
  });

function tqdmBar(step: number, total: number): string {
  const fraction = step / total;
  const filled = Math.floor(fraction * 10);
  const bar = '█'.repeat(filled) + (filled < 10 ? '▏' : '') + ' '.repeat(Math.max(0, 9 - filled));
  return `${String(Math.floor(fraction * 100)).padStart(3)}%|${bar}| ${step}/${total} [00:${String(step % 60).padStart(2, '0')}<29:02:42, 14.62s/it]`;
}

/**
 * The raw stdout of a Hugging Face Trainer run: tqdm redraws separated by `\r`, each logged dict
 * written through `tqdm.write` (clear the bar, print the dict, redraw the bar), eval dicts after
 * some of them and the end-of-run summary.
 */
function renderHfLog(run: HfRun): string {
  const nl = run.newline;
  let out = `***** Running training *****${nl}  Total optimization steps = ${run.total}${nl}`;
  out += tqdmBar(0, run.total);
  for (const r of run.records) {
    for (const s of r.bars) out += `\r${tqdmBar(s, run.total)}`;
    const step = r.bars[r.bars.length - 1] as number;
    const clear = `\r${' '.repeat(60)}\r`;
    out += `${clear}{'loss': ${r.loss.text}, 'grad_norm': ${r.gradNorm.text}, 'learning_rate': ${r.learningRate.text}, 'epoch': ${pyFloat(r.epoch)}}${nl}`;
    out += tqdmBar(step, run.total);
    if (r.evalLoss) {
      out += `${clear}{'eval_loss': ${r.evalLoss.text}, 'eval_runtime': 1.2345, 'eval_samples_per_second': 81.0, 'epoch': ${pyFloat(r.epoch)}}${nl}`;
      out += tqdmBar(step, run.total);
    }
  }
  out += `${nl}{'train_runtime': ${pyFloat(run.runtime)}, 'train_samples_per_second': 3.401, 'train_steps_per_second': 0.053, 'train_loss': ${run.trainLoss.text}, 'epoch': ${pyFloat(run.records[run.records.length - 1]?.epoch ?? 0)}}${nl}`;
  return out;
}

/** nanoGPT `train.py`: iter lines, an eval line every few iters. */
const nanoGptLogArb: fc.Arbitrary<string> = fc
  .record({
    iters: fc.array(fc.tuple(decimalArb, fc.boolean(), decimalArb), {
      minLength: 1,
      maxLength: 60,
    }),
    interval: fc.integer({ min: 1, max: 10 }),
    newline: fc.constantFrom('\n', '\r\n'),
  })
  .map(({ iters, interval, newline }) =>
    iters
      .map(([loss, evalHere, val], i) => {
        const it = i * interval;
        const line = `iter ${it}: loss ${loss.text}, time ${(893.76 + i).toFixed(2)}ms, mfu ${(16.68).toFixed(2)}%`;
        return evalHere
          ? `step ${it}: train loss ${loss.text}, val loss ${val.text}${newline}${line}`
          : line;
      })
      .join(newline)
      .concat(newline),
  );

/** LLaMA-Factory `trainer_log.jsonl`, sometimes resumed from a checkpoint (steps go back). */
const jsonLinesLogArb: fc.Arbitrary<string> = fc
  .record({
    steps: fc.array(fc.tuple(fc.integer({ min: -20, max: 30 }), decimalArb, scientificArb), {
      minLength: 1,
      maxLength: 60,
    }),
    newline: fc.constantFrom('\n', '\r\n'),
  })
  .map(({ steps, newline }) => {
    let step = 0;
    return steps
      .map(([delta, loss, lr]) => {
        step = Math.max(1, step + (delta === 0 ? 1 : delta));
        const value = Number.isFinite(loss.value) ? loss.value : 0;
        return `{"current_steps": ${step}, "total_steps": 500, "loss": ${value}, "lr": ${lr.value}, "epoch": ${step / 100}, "percentage": ${step / 5}, "elapsed_time": "0:04:02", "remaining_time": "0:33:29"}`;
      })
      .join(newline)
      .concat(newline);
  });

const realisticLogArb: fc.Arbitrary<string> = fc.oneof(
  hfRunArb.map(renderHfLog),
  nanoGptLogArb,
  jsonLinesLogArb,
);

/** Cuts `text` at the given positions (any order, duplicates allowed) into chunks. */
function cut(text: string, positions: number[]): string[] {
  const sorted = [...new Set(positions.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of sorted) {
    chunks.push(text.slice(from, p));
    from = p;
  }
  chunks.push(text.slice(from));
  return chunks;
}

/** Applies streaming updates the way `LogParserUpdate` documents it, into plain series. */
function applyUpdates(updates: LogParserUpdate[]): Record<string, MetricSeries> {
  const store = new Map<string, Map<number, number>>();
  for (const update of updates) {
    for (const restart of update.restarts) {
      for (const points of store.values()) {
        for (const step of [...points.keys()]) if (step >= restart.step) points.delete(step);
      }
    }
    for (const p of update.points) {
      const points = store.get(p.metric) ?? new Map<number, number>();
      points.set(p.step, p.value);
      store.set(p.metric, points);
    }
  }
  const series: Record<string, MetricSeries> = {};
  for (const [metric, points] of store) {
    if (points.size === 0) continue;
    const steps = [...points.keys()].sort((a, b) => a - b);
    series[metric] = { steps, values: steps.map((s) => points.get(s) as number) };
  }
  return series;
}

function parseInChunks(chunks: string[], options: ParseOptions = {}) {
  const parser = createLogParser(options);
  const updates = chunks.map((c) => parser.push(c));
  updates.push(parser.end());
  return { result: parser.result(), updates };
}

function expectNoThrow(text: string): ParseResult {
  const result = parseTrainingLog(text);
  expect(typeof result.format).toBe('string');
  const parser = createLogParser();
  for (let i = 0; i < text.length; i += 7_919) parser.push(text.slice(i, i + 7_919));
  parser.end();
  parser.result();
  return result;
}

describe('parseTrainingLog never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expectNoThrow(text);
      }),
      { numRuns: 300 },
    );
  });

  it('on random bytes decoded as latin1', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), (bytes) => {
        expectNoThrow(String.fromCharCode(...bytes));
      }),
      { numRuns: 200 },
    );
  });

  it('on soups of log tokens: unterminated dicts, lone \\r, bars, exotic numbers', () => {
    const token = fc.constantFrom(
      '{',
      '}',
      "{'loss': 1.0,",
      "'loss'",
      "'eval_loss'",
      ': ',
      ', ',
      'nan',
      '-inf',
      'np.float64(',
      'tensor(1.2',
      ')',
      '1e-05',
      '9.150E-06',
      '1e+999',
      '-0.000000',
      '13,448',
      '\r',
      '\n',
      '\r\n',
      ' 10/7252 [',
      '|',
      'iter 10: loss ',
      'step ',
      'Iter 5: Train loss ',
      ' iteration      122/  250000 | lm loss: ',
      '{"current_steps": ',
      '"',
      '\u001b[32m',
      '> ',
      '\u0000',
      '\uffff',
      '\ud800',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 200 }), (tokens) => {
        expectNoThrow(tokens.join(''));
      }),
      { numRuns: 500 },
    );
  });

  it('on lone carriage returns and unterminated dicts', () => {
    expectNoThrow('\r');
    expectNoThrow('\r\r\r\n\r');
    expectNoThrow("{'loss': 1.0,");
    expectNoThrow("{'loss': 1.0,\r{'loss': 1.0,\n{'loss':");
    expectNoThrow(`${"{'loss': 1.0, ".repeat(50_000)}`);
  });

  it('on a 10 MB line, and the records after it are still read', () => {
    const huge = 'x'.repeat(10_000_000);
    expectNoThrow(huge);
    const hugeDict = `{'loss': ${'9'.repeat(10_000_000)}}`;
    const result = expectNoThrow(
      `iter 1: loss 2.5, time 1.00ms, mfu 1.00%\n${hugeDict}\niter 2: loss 2.25, time 1.00ms, mfu 1.00%\n`,
    );
    expect(result.series.loss?.steps).toEqual([1, 2]);
    expect(result.series.loss?.values).toEqual([2.5, 2.25]);
  }, 60_000);
});

describe('streaming parse does not depend on where the text is cut', () => {
  it('gives the same result() for any chunking of realistic logs', () => {
    const logAndCuts = realisticLogArb.chain((text) =>
      fc.tuple(
        fc.constant(text),
        fc.array(fc.nat({ max: text.length }), { maxLength: 30 }),
        fc.boolean(),
      ),
    );
    fc.assert(
      fc.property(logAndCuts, ([text, positions, cutInsideCrlf]) => {
        const cuts = [...positions];
        if (cutInsideCrlf) {
          // Between every \r and its \n: the worst place for a line splitter.
          for (let i = text.indexOf('\r\n'); i !== -1; i = text.indexOf('\r\n', i + 1)) {
            cuts.push(i + 1);
          }
        }
        const whole = parseTrainingLog(text);
        const { result, updates } = parseInChunks(cut(text, cuts));
        expect(result).toEqual(whole);
        // The points streamed out rebuild the same curves.
        expect(applyUpdates(updates)).toEqual(whole.series);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('gives the same result() when fed one character at a time', () => {
    fc.assert(
      fc.property(realisticLogArb, (text) => {
        expect(parseInChunks([...text]).result).toEqual(parseTrainingLog(text));
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});

/** Asserts a series point by point; NaN matches NaN, everything else must be the exact number. */
function expectExactSeries(
  result: ParseResult,
  metric: string,
  steps: number[],
  values: number[],
): void {
  const series = result.series[metric];
  expect(series, `series ${metric}`).toBeDefined();
  expect(series?.steps, `steps of ${metric}`).toEqual(steps);
  expect(series?.values.map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual(
    values.map((v) => (Number.isNaN(v) ? 'NaN' : v)),
  );
}

describe('a generated Hugging Face Trainer log parses back to its values', () => {
  it('keeps every value and takes steps from the progress bar', () => {
    fc.assert(
      fc.property(hfRunArb, (run) => {
        const result = parseTrainingLog(renderHfLog(run));
        const steps = run.records.map((r) => r.bars[r.bars.length - 1] as number);
        expect(result.format).toBe('hf-trainer');
        expect(result.stepSource).toBe('progress');
        expect(result.restarts).toEqual([]);
        expectExactSeries(
          result,
          'loss',
          steps,
          run.records.map((r) => r.loss.value),
        );
        expectExactSeries(
          result,
          'grad_norm',
          steps,
          run.records.map((r) => r.gradNorm.value),
        );
        expectExactSeries(
          result,
          'learning_rate',
          steps,
          run.records.map((r) => r.learningRate.value),
        );
        expectExactSeries(
          result,
          'epoch',
          steps,
          run.records.map((r) => r.epoch),
        );
        const evals = run.records.flatMap((r, i) =>
          r.evalLoss ? [[steps[i] as number, r.evalLoss.value] as const] : [],
        );
        if (evals.length > 0) {
          expectExactSeries(
            result,
            'eval_loss',
            evals.map(([s]) => s),
            evals.map(([, v]) => v),
          );
        } else {
          expect(result.series.eval_loss).toBeUndefined();
        }
        // The end-of-run summary is not a point of the loss curve.
        expect(result.summary.train_loss).toBe(run.trainLoss.value);
        expect(result.summary.train_runtime).toBe(run.runtime);
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
