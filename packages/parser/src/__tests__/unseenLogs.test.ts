import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTrainingLog } from '../parseTrainingLog';
import type { ParseResult } from '../types';
import { fixtureDir, UNSEEN_SETS } from './helpers/fixtureLogs';

// Real logs of trainers the parser was not written for (fixtures/unseen, SOURCES.md says where
// each comes from). Their expectations were written by reading each log (expectations.json):
// per series the point count and the first and last [step, value]; a null step means the log
// leaves the x-axis ambiguous and only the value is judged.

interface SeriesExpectation {
  count: number;
  first: [number | null, number | string];
  last: [number | null, number | string];
}
interface Expectation {
  series: Record<string, SeriesExpectation>;
  absent?: string[];
  stepSource?: ParseResult['stepSource'];
  summary?: Record<string, number | string>;
}

// The dev sets, gathered at fifteen times by reading public issues, PRs and READMEs.
const sets = UNSEEN_SETS.map((name) => {
  const dir = fixtureDir(name);
  const expectations = JSON.parse(readFileSync(`${dir}expectations.json`, 'utf8')) as Record<
    string,
    Expectation
  >;
  const logs = readdirSync(dir)
    .filter((file) => file.endsWith('.log'))
    .sort();
  return { name, dir, expectations, logs };
});

/**
 * Logs whose expectation the parser does not meet yet, and why (kept visible: each is an `it.fails`
 * that turns red the day the parser reads the log right, so the entry is removed then).
 */
/**
 * The fewest logs a set holds: the first three sets hold twenty or more, the fourth and fifth ten;
 * every later set was asked for at about a dozen.
 */
const AT_LEAST: Readonly<Record<string, number>> = {
  unseen: 20,
  unseen2: 20,
  unseen3: 20,
  unseen4: 10,
  unseen5: 10,
};

const KNOWN_GAPS: Record<string, string> = {
  'speechbrain__speechbrain-issue-938-colab-bars.log':
    "a Colab bar at 2774/2774 repeats the epoch summary's train_loss in its postfix: extra points",
  'speechbrain__speechbrain-pr-2216-stuck-bars.log':
    "a bar stuck at 190/190 repeats the epoch summary's train_loss in its postfix: extra points",
  'plain-stuckbar__gsoc-deeplense-ft-md.log':
    'per-epoch summary lines after Lightning-style bars: the bars also give points',
  'colossalai__colossalai-issue-1400-rich-wrapped.log':
    'rich wraps `[Epoch 5 / Train]:` and `Loss = 107.16` onto two lines, and a 1/1 bar repeats the loss: extra point',
  'keras-rl__keras-rl-pr-80-numbered-list.log':
    'the first line opens with `_1.` (an underscore glued to the list number): its `39160/50000:` step is not read',
  'fastfold-colossalai__fastfold-pr-138-wrapped-equals.log':
    '`Loss: distogram=4.159 ... fape=1.682` wrapped over two lines: `fape` before the wrap is lost, steps counted',
  'kaldi-nnet3__kaldi-issue-134-wrapped-minibatches.log':
    "Kaldi's `Average objective function for 'output' for minibatches 40-49 is -35.0 over 19538 frames.` hard-wrapped over three lines: not joined, not read",
  'dssinet__counting-dssinet-issue-2-step-in-epoch-lists.log':
    "the first line's in-epoch `step 0200` reads as a global step before epoch 9 restarts it, and the epoch summaries `Train loss:` are counted from 1 or join the batch before them: a point lost",
  'plain-bracket-keys__coupletai-issue-2-bracketed-names.log':
    '`[batch]: 23900` beside `[epoch]: 199` counts the whole run (120 batches an epoch), but a batch beside an epoch reads as a position inside it: steps counted',
  'optuna-dataframe__optuna-game-tuner-issue-1-trials-table.log':
    "Optuna's `trials_dataframe()` table (`number  value  params_...  state`) is not read: `number` is no step column, and its trials 0..5 after `Trial 199` would restart the run",
  'mxnet-r__mxnet-pr-3932-speedometer-batch-then-round.log':
    "MXNet R's `Batch [50] ... Train-accuracy=` restarts each epoch and the epoch shows only after it (`[1] Train-accuracy=`): the first epoch's batches read as steps, then `[1]` restarts the run",
  'hifigan__pitchvc-issue-3-gen-loss-total-steps.log':
    '`Mel-Spec. Error : 0.407`: the period inside the name is dropped (`Mel-Spec Error`)',
  'tf-official-resnet__mlcommons-training-issue-124-hook-before-step.log':
    "TF's LoggingTensorHook prints `cross_entropy = 2.09, learning_rate = 0.0125, ...` on the line BEFORE `loss = 2.47, step = 100`: the step-less line takes the step before it (the first one none: steps counted)",
  'tpu-estimator-tfprint__tapas-issue-91-total-loss-brackets.log':
    "tf.print's `total_loss[0]` printed five times between throughput lines, four of them `[0]`: step-less records with equal values are merged as duplicates (2 points of 5)",
};

function expected(value: number | string): number {
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return value as number;
}

function expectValue(actual: number | undefined, value: number | string, label: string): void {
  const e = expected(value);
  if (Number.isNaN(e)) expect(actual, label).toBeNaN();
  else if (!Number.isFinite(e)) expect(actual, label).toBe(e);
  else
    expect(Math.abs((actual ?? Number.NaN) - e), label).toBeLessThanOrEqual(
      Math.abs(e) * 1e-9 + 1e-12,
    );
}

function check(dir: string, exp: Expectation, file: string): void {
  const result = parseTrainingLog(readFileSync(`${dir}${file}`, 'utf8'));
  for (const [name, want] of Object.entries(exp.series)) {
    const series = result.series[name];
    expect(
      series,
      `${file}: series ${name}; have ${Object.keys(result.series).join(', ')}`,
    ).toBeDefined();
    if (!series) continue;
    const n = series.steps.length;
    expect(n, `${file}: ${name} count`).toBe(want.count);
    for (const [at, [step, value]] of [
      [0, want.first],
      [n - 1, want.last],
    ] as const) {
      if (step !== null) expect(series.steps[at], `${file}: ${name} step at ${at}`).toBe(step);
      expectValue(series.values[at], value, `${file}: ${name} value at ${at}`);
    }
  }
  for (const name of exp.absent ?? [])
    expect(result.series[name], `${file}: no ${name}`).toBeUndefined();
  if (exp.stepSource) expect(result.stepSource, `${file}: stepSource`).toBe(exp.stepSource);
  for (const [key, value] of Object.entries(exp.summary ?? {})) {
    expectValue(result.summary[key], value, `${file}: summary ${key}`);
  }
}

describe('real logs of trainers the parser was not written for', () => {
  for (const { name, dir, expectations, logs } of sets) {
    describe(name, () => {
      it('has an expectation for every log', () => {
        expect(logs.filter((file) => !expectations[file])).toEqual([]);
        const least = AT_LEAST[name] ?? 12;
        expect(logs.length).toBeGreaterThanOrEqual(least);
      });
      for (const file of logs) {
        const exp = expectations[file] as Expectation;
        const gap = KNOWN_GAPS[file];
        if (gap) it.fails(`${file} (known gap: ${gap})`, () => check(dir, exp, file));
        else it(file, () => check(dir, exp, file));
      }
    });
  }
});
