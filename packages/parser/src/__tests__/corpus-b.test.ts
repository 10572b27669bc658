import { describe, expect, it } from 'vitest';
import { createLogParser } from '../createLogParser';
import { parseTrainingLog } from '../parseTrainingLog';
import type { ParseResult } from '../types';
import { expectPoints, expectSeries, readFixture } from './helpers/corpus';

// Acceptance tests on real logs (batch B). Every expectation below was written by reading the log
// (see ../shared/corpus/SOURCES.md for each file's origin), never copied from the parser's output.

function parseFixture(name: string): ParseResult {
  return parseTrainingLog(readFixture(name));
}

/** Every name of `names` is a series; any other series must be one of `optional`. */
function expectSeriesNames(
  result: ParseResult,
  names: readonly string[],
  optional: readonly string[] = [],
): void {
  const actual = Object.keys(result.series);
  expect(actual, 'series present').toEqual(expect.arrayContaining([...names]));
  const allowed = new Set([...names, ...optional]);
  expect(
    actual.filter((name) => !allowed.has(name)),
    'series nobody would chart',
  ).toEqual([]);
}

function comparable(result: ParseResult) {
  return {
    series: result.series,
    summary: result.summary,
    restarts: result.restarts,
    stepSource: result.stepSource,
    format: result.format,
  };
}

function itStreamsLikeTheWholeText(name: string): void {
  it('gives the same result when streamed in chunks of 1, 7 and 64 characters', () => {
    const text = readFixture(name);
    const whole = comparable(parseTrainingLog(text));
    for (const size of [1, 7, 64]) {
      const parser = createLogParser();
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      parser.end();
      expect(comparable(parser.result()), `chunks of ${size} characters`).toEqual(whole);
    }
  });
}

describe('mmcv__tablemaster-issue-32.log', () => {
  const file = 'mmcv__tablemaster-issue-32.log';
  // Pitfall: old mmcv runner `Epoch [1][100/62598]<TAB>`, comma-separated `key: value`, bare `nan`
  // grad_norm, `eta: 6 days, 15:22:46` (numbers that are no metric), first line without its prefix.
  it('reads both iterations of the first epoch, keeping the NaN grad_norm', () => {
    const r = parseFixture(file);
    // Epoch 1 is the first epoch, so the in-epoch iteration counter is the global iteration.
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [
      [100, 1.9091],
      [200, 0.9186],
    ]);
    expectSeries(r, 'grad_norm', [
      [100, Number.NaN],
      [200, 3.9772],
    ]);
    expectSeries(r, 'learning_rate', [
      [100, 1e-3],
      [200, 1e-3],
    ]);
    expectSeries(r, 'loss_ce', [
      [100, 1.2757],
      [200, 0.5921],
    ]);
    expectSeries(r, 'horizon_bbox_loss', [
      [100, 0.2828],
      [200, 0.221],
    ]);
    expectSeries(r, 'vertical_bbox_loss', [
      [100, 0.3507],
      [200, 0.1055],
    ]);
    expectSeries(r, 'memory', [
      [100, 7239],
      [200, 7239],
    ]);
    expectSeriesNames(
      r,
      [
        'learning_rate',
        'time',
        'data_time',
        'memory',
        'loss_ce',
        'horizon_bbox_loss',
        'vertical_bbox_loss',
        'loss',
        'grad_norm',
      ],
      ['epoch'],
    );
    expect(r.restarts).toEqual([]);
    expect(r.summary).toEqual({});
  });
  itStreamsLikeTheWholeText(file);
});

describe('mmengine-xtuner__xtuner-issue-187.log', () => {
  const file = 'mmengine-xtuner__xtuner-issue-187.log';
  // Pitfall: mmengine double-space `key: value` fields behind a `10/30 22:18:02` prefix whose
  // month/day looks like an `n/N` counter; grad_norm turns `nan` in the last two records.
  it('uses the [200/735] iteration as step, not the 10/30 date, and keeps NaN grad norms', () => {
    const r = parseFixture(file);
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [
      [200, 2.7522],
      [210, 2.615],
      [220, 2.6687],
      [230, 2.7682],
      [240, 2.5128],
      [250, 2.4566],
    ]);
    expectSeries(r, 'grad_norm', [
      [200, 3.0608],
      [210, 2.7647],
      [220, 2.7647],
      [230, 2.5099],
      [240, Number.NaN],
      [250, Number.NaN],
    ]);
    expectSeries(r, 'learning_rate', [
      [200, 1.987e-4],
      [210, 1.9857e-4],
      [220, 1.9843e-4],
      [230, 1.9828e-4],
      [240, 1.9813e-4],
      [250, 1.9797e-4],
    ]);
    expectSeries(r, 'data_time', [
      [200, 0.0042],
      [210, 0.0041],
      [220, 0.004],
      [230, 0.004],
      [240, 0.0042],
      [250, 0.0039],
    ]);
    expectSeriesNames(
      r,
      ['learning_rate', 'time', 'data_time', 'memory', 'loss', 'grad_norm'],
      ['epoch'],
    );
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('modded-nanogpt__modded-nanogpt-pr-65.log', () => {
  const file = 'modded-nanogpt__modded-nanogpt-pr-65.log';
  // Pitfall: grep output includes the shell command, the bare pattern `val_loss:` and the print0
  // f-string source line `step:{step}/...`, none of which is data; `step_avg:nanms` at step 0.
  it('reads the validation curve and ignores the grepped source line', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('nanogpt');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'eval_loss', [
      [0, 7.7109],
      [125, 4.3719],
      [250, 3.9992],
      [375, 3.8241],
      [500, 3.7067],
      [625, 3.6328],
    ]);
    expectSeries(r, 'train_time', [
      [0, 0],
      [125, 29736],
      [250, 62563],
      [375, 96107],
      [500, 130164],
      [625, 164680],
    ]);
    expectSeries(r, 'step_avg', [
      [0, Number.NaN],
      [125, 258.57],
      [250, 260.68],
      [375, 263.31],
      [500, 265.64],
      [625, 267.77],
    ]);
    // Only validation lines were grepped: there is no train loss to chart.
    expectSeriesNames(r, ['eval_loss', 'train_time', 'step_avg']);
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('nanochat__a800-report-zh-sft.log', () => {
  const file = 'nanochat__a800-report-zh-sft.log';
  // Pitfall: eval-only lines with a capital `Step 00000` (zero padded) and a metric that appears
  // only on the second line. `Validation bpb` is bits per byte, not a loss: it keeps its own name.
  it('reads the two validation lines at steps 0 and 200', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('nanogpt');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'Validation bpb', [
      [0, 0.4434],
      [200, 0.3062],
    ]);
    expectSeries(r, 'ChatCORE', [[200, 0.2882]]);
    expectSeriesNames(r, ['Validation bpb', 'ChatCORE']);
  });
  itStreamsLikeTheWholeText(file);
});

describe('nanochat__a800-report-zh.log', () => {
  const file = 'nanochat__a800-report-zh.log';
  // Pitfall: `tok/sec: 13,448` thousands separator, `lrm` is an lr multiplier (not learning_rate),
  // `epoch: 1 pq: 0 rg: 8` packs three key:values in one pipe field, `dt: 77971.27ms` unit suffix.
  it('reads the single step-0 record with every field under the right name', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('nanogpt');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [[0, 10.397663]]);
    expectSeries(r, 'lrm', [[0, 0.03]]);
    expectSeries(r, 'dt', [[0, 77971.27]]);
    expectSeries(r, 'tok/sec', [[0, 13448]]);
    expectSeries(r, 'bf16_mfu', [[0, 2.57]]);
    expectSeries(r, 'epoch', [[0, 1]]);
    expectSeries(r, 'pq', [[0, 0]]);
    expectSeries(r, 'rg', [[0, 8]]);
    expectSeries(r, 'total time', [[0, 0]]);
    expect(r.series.learning_rate).toBeUndefined();
    expectSeriesNames(r, [
      'loss',
      'lrm',
      'dt',
      'tok/sec',
      'bf16_mfu',
      'epoch',
      'pq',
      'rg',
      'total time',
    ]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('nanogpt__nanogpt-issue-110.log', () => {
  const file = 'nanogpt__nanogpt-issue-110.log';
  // Pitfall: early nanoGPT lines without mfu, after a `$ torchrun ... --nproc_per_node=8` shell
  // line (a key=value that is no metric) and a literal `...` line.
  it('reads iterations 1631 to 1641 and nothing from the shell prompt', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('nanogpt');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [
      [1631, 4.0863],
      [1632, 3.7441],
      [1633, 3.9848],
      [1634, 3.8716],
      [1635, 3.9853],
      [1636, 3.7735],
      [1637, 3.8779],
      [1638, 3.6817],
      [1639, 3.9185],
      [1640, 3.6782],
      [1641, 3.9748],
    ]);
    expectPoints(r, 'time', [
      [1631, 561.94],
      [1635, 561.5],
      [1641, 567.31],
    ]);
    expect(r.series.time?.steps).toHaveLength(11);
    expectSeriesNames(r, ['loss', 'time']);
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('nanogpt__nanogpt-issue-215.log', () => {
  const file = 'nanogpt__nanogpt-issue-215.log';
  // Pitfall: `> ` quote marks and `> ` blank lines, a user timestamp before `iter` (not a step),
  // `saving checkpoint to out`, an eval line and a train line at the same step 3000 (the later train
  // line wins for loss, and it is not a restart), then the loss turns `nan` and must stay charted.
  it('keeps the NaN losses after step 3000 and the later train loss at step 3000', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('nanogpt');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [
      [2920, 3.9883],
      [2930, 3.9408],
      [2940, 3.9994],
      [2950, 4.0977],
      [2960, 4.1535],
      [2970, 3.9453],
      [2980, 3.8993],
      [2990, 3.8853],
      [3000, 4.249],
      [3010, Number.NaN],
      [3020, Number.NaN],
      [3030, Number.NaN],
      [3040, Number.NaN],
      [3050, Number.NaN],
      [3060, Number.NaN],
    ]);
    expectSeries(r, 'eval_loss', [[3000, 4.0427]]);
    expectPoints(r, 'mfu', [
      [2920, 15.34],
      [2990, 15.34],
      [3000, 13.85],
      [3060, 15.11],
    ]);
    expectPoints(r, 'time', [
      [2920, 1099.34],
      [3000, 35392.33],
      [3010, 1019.95],
    ]);
    expect(r.series.mfu?.steps).toHaveLength(15);
    expectSeriesNames(r, ['loss', 'eval_loss', 'mfu', 'time']);
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('nanogpt__nanogpt-issue-466.log', () => {
  const file = 'nanogpt__nanogpt-issue-466.log';
  // Pitfall: a user elision marker `[...]` (brackets, no metric) before the records.
  it('reads iterations 340 to 390', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('nanogpt');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [
      [340, 5.4983],
      [350, 5.4702],
      [360, 5.0448],
      [370, 5.335],
      [380, 5.7851],
      [390, 4.6022],
    ]);
    expectSeries(r, 'mfu', [
      [340, 0.96],
      [350, 0.96],
      [360, 0.96],
      [370, 0.96],
      [380, 0.96],
      [390, 0.96],
    ]);
    expectSeries(r, 'time', [
      [340, 33785.52],
      [350, 33798.82],
      [360, 33770.99],
      [370, 33695.61],
      [380, 33648.24],
      [390, 33637.29],
    ]);
    expectSeriesNames(r, ['loss', 'mfu', 'time']);
  });
  itStreamsLikeTheWholeText(file);
});

describe('nemo2__bionemo-recipes-pr-740.log', () => {
  const file = 'nemo2__bionemo-recipes-pr-740.log';
  // Pitfall: NeMo 2.0 pipe fields, `train_step_timing in s` (key with spaces) and a stale
  // `val_loss: 4.106` carried forward on every train line: one eval point, not six.
  it('reads reduced_train_loss as loss and the carried-forward val_loss once', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('nemo');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [
      [120, 1.233],
      [121, 1.288],
      [122, 1.333],
      [123, 1.245],
      [124, 1.375],
      [125, 1.34],
    ]);
    expectSeries(r, 'learning_rate', [
      [120, 3e-5],
      [121, 3e-5],
      [122, 3e-5],
      [123, 3e-5],
      [124, 3e-5],
      [125, 3e-5],
    ]);
    expectSeries(r, 'eval_loss', [[120, 4.106]]);
    expectSeries(r, 'train_step_timing in s', [
      [120, 0.03146],
      [121, 0.03163],
      [122, 0.03215],
      [123, 0.03157],
      [124, 0.0317],
      [125, 0.03147],
    ]);
    expectSeries(r, 'consumed_samples', [
      [120, 121],
      [121, 122],
      [122, 123],
      [123, 124],
      [124, 125],
      [125, 126],
    ]);
    expectSeriesNames(
      r,
      [
        'loss',
        'learning_rate',
        'eval_loss',
        'train_step_timing in s',
        'consumed_samples',
        'global_batch_size',
      ],
      ['epoch'],
    );
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('nemo2__nemo-pr-10128.log', () => {
  const file = 'nemo2__nemo-pr-10128.log';
  // Pitfall: 0-based `iteration 0/9` and `global_step: 0`; lr printed without an exponent.
  it('reads global steps 0 to 8', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('nemo');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [
      [0, 11.02],
      [1, 9.761],
      [2, 9.21],
      [3, 8.595],
      [4, 8.675],
      [5, 7.918],
      [6, 7.319],
      [7, 7.889],
      [8, 7.113],
    ]);
    expectSeries(
      r,
      'learning_rate',
      [0, 1, 2, 3, 4, 5, 6, 7, 8].map((step) => [step, 0.0006] as const),
    );
    expectSeries(
      r,
      'consumed_samples',
      [0, 1, 2, 3, 4, 5, 6, 7, 8].map((step) => [step, 32 * (step + 1)] as const),
    );
    expect(r.series.eval_loss).toBeUndefined();
    expectSeriesNames(
      r,
      ['loss', 'learning_rate', 'consumed_samples', 'global_batch_size'],
      ['epoch'],
    );
  });
  itStreamsLikeTheWholeText(file);
});

describe('other-pipe__modded-llama2-issue-10.log', () => {
  const file = 'other-pipe__modded-llama2-issue-10.log';
  // Pitfall: llama2.c pipe lines whose step is a bare leading number (`10 | loss ...`), after a
  // nanoGPT-style eval line at step 0 whose `train loss` the later train line at step 0 replaces.
  it('reads the bare leading number as step and the step-0 eval', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('nanogpt');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [
      [0, 11.625],
      [10, 9.375],
      [20, 7.5],
      [30, 6.9062],
      [40, 6.625],
      [50, 6.3125],
      [60, 5.625],
      [70, 5.7188],
      [80, 5.5938],
      [90, 5.9688],
      [100, 5.875],
    ]);
    expectSeries(r, 'eval_loss', [[0, 11.6275]]);
    expectSeries(
      r,
      'learning_rate',
      [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((step) => [step, 3e-4] as const),
    );
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('other-pipe__transformer-xl-issue-69.log', () => {
  const file = 'other-pipe__transformer-xl-issue-69.log';
  // Pitfall: padded pipe fields (`loss  4.13`), an eval block between dashed rules that carries its
  // own step (`Eval  12 at step    48000`), and `#params = ...` header lines that are no metric.
  it('reads the train curve from 48200 and the eval at step 48000', () => {
    const r = parseFixture(file);
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [
      [48200, 4.13],
      [48400, 4.14],
      [48600, 4.17],
      [48800, 4.18],
      [49000, 4.19],
      [49200, 4.18],
      [49400, 4.18],
      [49600, 4.2],
    ]);
    expectSeries(
      r,
      'learning_rate',
      [48200, 48400, 48600, 48800, 49000, 49200, 49400, 49600].map(
        (step) => [step, 0.000244] as const,
      ),
    );
    expectSeries(r, 'ppl', [
      [48200, 61.889],
      [48400, 62.738],
      [48600, 64.46],
      [48800, 65.431],
      [49000, 66.287],
      [49200, 65.394],
      [49400, 65.567],
      [49600, 66.799],
    ]);
    // `valid loss` is the spaced spelling of fairseq's `valid_loss`, a validation loss.
    expectSeries(r, 'eval_loss', [[48000, 4.16]]);
    expectSeries(r, 'valid ppl', [[48000, 64.24]]);
    expect(r.series['#params']).toBeUndefined();
    expect(r.series['#non emb params']).toBeUndefined();
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('other-plain__modula-pr-1.log', () => {
  const file = 'other-plain__modula-pr-1.log';
  // Pitfall: columns separated by runs of spaces, keys with spaces and slashes, `MFU: 63.91%`, and
  // a `$ CUDA_VISIBLE_DEVICES=2 python ...` shell line whose key=value is no metric.
  it('reads train loss, test loss, throughput and MFU at steps 10 to 110', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('generic');
    expect(r.stepSource).toBe('explicit');
    const steps = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110];
    const at = (values: number[]) => steps.map((step, i) => [step, values[i] as number] as const);
    expectSeries(r, 'loss', at([3.11, 2.73, 2.64, 2.66, 2.64, 2.73, 2.59, 2.67, 2.55, 2.52, 2.58]));
    // `test loss` is not one of the canonical eval spellings, so it keeps its own name.
    expectSeries(
      r,
      'test loss',
      at([3.05, 2.76, 2.68, 2.69, 2.64, 2.62, 2.62, 2.63, 2.6, 2.6, 2.61]),
    );
    expectSeries(
      r,
      'tokens/gpu/sec',
      at([
        9378.4, 10191.8, 9852.9, 10145.24, 10331.91, 10332.93, 10376.13, 10437.77, 10415.25,
        10437.63, 10432.99,
      ]),
    );
    expectSeries(
      r,
      'MFU',
      at([63.91, 69.45, 67.14, 69.14, 70.41, 70.41, 70.71, 71.13, 70.98, 71.13, 71.1]),
    );
    expectSeriesNames(r, ['loss', 'test loss', 'tokens/gpu/sec', 'MFU']);
  });
  itStreamsLikeTheWholeText(file);
});

describe('other-plain__pytorch-imagenet-issue-1.log', () => {
  const file = 'other-plain__pytorch-imagenet-issue-1.log';
  // Pitfall: TAB-separated `Name  value (average)` pairs: the current value is the point, the
  // running average in parentheses is not; E-notation loss `6.9802e+00`; lr `0.000000`.
  it('reads the current values of the single record at iteration 400 of epoch 0', () => {
    const r = parseFixture(file);
    // Epoch 0 is the first epoch: batch 400 of it is global iteration 400.
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [[400, 6.9802]]);
    expectSeries(r, 'learning_rate', [[400, 0]]);
    expectSeries(r, 'Acc@1', [[400, 0]]);
    expectSeries(r, 'Acc@5', [[400, 6.25]]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('other-plain__siastegnet-issue-1-pctf.log', () => {
  const file = 'other-plain__siastegnet-issue-1-pctf.log';
  // Pitfall: python logging with a literal `.%f` in every timestamp, TAB-separated
  // `Accuracy: 50.22%<TAB>Loss: 0.721378`, and a `Test set: Loss: ...` line at the end.
  it('charts the five train losses of epoch 52 and keeps the test loss off the train curve', () => {
    const r = parseFixture(file);
    // The global step is unknowable (epoch 52 of unknown length, counters in samples or batches),
    // so only the order of the five train records is asserted, not their step numbers.
    expect(r.series.loss?.values).toEqual([0.721378, 0.721496, 0.72101, 0.721563, 0.721192]);
    const steps = r.series.loss?.steps ?? [];
    expect(steps).toHaveLength(5);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    // `Test set: Loss` is an evaluation after the last train record: a person charts it as eval.
    expect(r.series.eval_loss?.values).toEqual([0.7222]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('other-tensor__llama-cookbook-issue-642.log', () => {
  const file = 'other-tensor__llama-cookbook-issue-642.log';
  // Pitfall: `tensor(1.1639, device='cuda:0')` wrappers, tqdm bars glued to prose, an end-of-run
  // `Key: avg_train_loss, Value: ...` summary, no trailing newline (last line ends in backticks).
  it('unwraps tensor(...) values and keeps the Key/Value totals in the summary', () => {
    const r = parseFixture(file);
    // One epoch was logged: each per-epoch metric is a single point (its step is the epoch's record).
    expect(r.series.eval_ppl?.values).toEqual([1.1639]);
    expect(r.series.eval_epoch_loss?.values).toEqual([0.1518]);
    expect(r.series.train_perplexity?.values).toEqual([1.1131]);
    expect(r.series.train_epoch_loss?.values).toEqual([0.1072]);
    expect(r.summary).toEqual({
      avg_train_prep: 1.1131309270858765,
      avg_train_loss: 0.1071767508983612,
      avg_eval_prep: 1.163931965827942,
      avg_eval_loss: 0.1518038660287857,
      avg_epoch_time: 24.080209309002385,
      avg_checkpoint_time: 10.366551257902756,
      model_tflops: 318.32860094962024,
    });
    expect(r.series.loss?.values ?? []).not.toContain(0.1071767508983612);
    expect(r.series.Key).toBeUndefined();
    expect(r.series.Value).toBeUndefined();
  });
  itStreamsLikeTheWholeText(file);
});

describe('other-tf__tf-models-issue-2980-dup.log', () => {
  const file = 'other-tf__tf-models-issue-2980-dup.log';
  // Pitfall: every line printed twice by two logging handlers: one point per step, and the repeated
  // step is not a restart; `Recording summary at step 4.` is no record.
  it('collapses the duplicated lines into six points', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('generic');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [
      [1, 79.3501],
      [2, 72.8609],
      [3, 67.3308],
      [4, 64.2655],
      [5, 62.5264],
      [6, 60.8808],
    ]);
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('other-tf__tf-od-api-issue-6.log', () => {
  const file = 'other-tf__tf-od-api-issue-6.log';
  // Pitfall: each step logged twice in two formats (absl `I0912 11:40:27.956218 139735407601536`
  // prefix, whose numbers are no step, and `INFO:tensorflow:`), interleaved so steps repeat.
  it('reads one loss per step from 100 to 400', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('generic');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [
      [100, 1.396],
      [200, 1.192],
      [300, 1.346],
      [400, 1.36],
    ]);
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('simpletuner__simpletuner-issue-1250.log', () => {
  const file = 'simpletuner__simpletuner-issue-1250.log';
  // Pitfall: metrics only in a tqdm postfix (`grad_norm=0.00485, lr=1.04e-5, step_loss=0.434`), the
  // step is the bar position `5750/10000` (not the `Epoch 38/65` counter); short exponent `1.04e-5`.
  it('takes steps from the bar position and reads the postfix metrics', () => {
    const r = parseFixture(file);
    expect(r.stepSource).toBe('progress');
    const steps = [5750, 6000, 6250, 6500, 6750, 7000, 7250, 7500, 7750, 7999];
    const at = (values: number[]) => steps.map((step, i) => [step, values[i] as number] as const);
    // `step_loss` is not one of the canonical loss spellings, so it keeps its own name.
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: 0.434 is a logged loss, not log10(e).
    const stepLoss = [0.434, 0.777, 0.421, 0.488, 0.429, 0.465, 0.437, 0.603, 0.369, 0.34];
    expectSeries(r, 'step_loss', at(stepLoss));
    expectSeries(
      r,
      'grad_norm',
      at([0.00485, 0.00372, 0.0405, 0.00735, 0.00427, 0.0184, 0.0146, 0.00343, 0.00638, 0.0114]),
    );
    expectSeries(
      r,
      'learning_rate',
      at([
        1.04e-5, 9.89e-6, 9.42e-6, 8.93e-6, 8.44e-6, 7.94e-6, 7.44e-6, 6.92e-6, 6.39e-6, 5.85e-6,
      ]),
    );
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('timm-style__openpcdet-pr-1229.log', () => {
  const file = 'timm-style__openpcdet-pr-1229.log';
  // Pitfall: `value (running average)` pairs with a trailing-dot average `(517.)`, padded
  // `[  49/323 ( 15%)]` in-epoch counters, and the global iteration printed as `Acc_iter 50`.
  it('charts the current loss against the global Acc_iter counter', () => {
    const r = parseFixture(file);
    // Acc_iter is the global step; the bracket counter restarts every epoch.
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [
      [1, 516.7],
      [50, 36.77],
      [100, 23.51],
      [150, 28.79],
    ]);
    expectSeries(r, 'learning_rate', [
      [1, 1e-4],
      [50, 1.351e-4],
      [100, 2.377e-4],
      [150, 3.91e-4],
    ]);
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('torchtune__torchtune-pr-1358-stdout.log', () => {
  const file = 'torchtune__torchtune-pr-1358-stdout.log';
  // Pitfall: `Step 1 | loss:2.08 lr:2e-05 ...` (key:value without space) after DEBUG/INFO logging
  // lines, one of which holds `seed + rank = 3903944230 + 0` (numbers that are no metric).
  it('reads steps 1 to 12 and nothing from the logging preamble', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('torchtune');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [
      [1, 2.085338592529297],
      [2, 1.8718312978744507],
      [3, 1.1732845306396484],
      [4, 1.1244843006134033],
      [5, 0.9739330410957336],
      [6, 0.8440025448799133],
      [7, 0.9451338052749634],
      [8, 0.8629082441329956],
      [9, 0.6810362935066223],
      [10, 1.0359036922454834],
      [11, 1.0432602167129517],
      [12, 1.1174635887145996],
    ]);
    expectSeries(
      r,
      'learning_rate',
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((step) => [step, 2e-5] as const),
    );
    expectPoints(r, 'tokens_per_second_per_gpu', [
      [1, 57.828881833956174],
      [6, 345.44944748351764],
      [10, 962.2259327743811],
      [12, 542.9797193194343],
    ]);
    expect(r.series.tokens_per_second_per_gpu?.steps).toHaveLength(12);
    expectSeriesNames(r, ['loss', 'learning_rate', 'tokens_per_second_per_gpu']);
    expect(r.summary).toEqual({});
  });
  itStreamsLikeTheWholeText(file);
});

describe('torchtune__torchtune-pr-2620-multinode.log', () => {
  const file = 'torchtune__torchtune-pr-2620-multinode.log';
  // Pitfall: `[trainer0|0]:` prefix on every line and glued at line ends, tqdm description
  // `1|26|Loss: ...` printed twice per step (before and after the bar advances): not a restart.
  it('reads one loss per step from 25 to 31', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('torchtune');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [
      [25, 1.2621808052062988],
      [26, 1.2436443567276],
      [27, 1.1958776712417603],
      [28, 1.2151892185211182],
      [29, 1.2168413400650024],
      [30, 1.1868056058883667],
      [31, 1.1992870569229126],
    ]);
    expectSeriesNames(r, ['loss'], ['epoch']);
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('trainer-state__quality-lrqa-interleaved.json.log', () => {
  const file = 'trainer-state__quality-lrqa-interleaved.json.log';
  // Pitfall: a trainer_state.json cut off mid-array (not valid JSON), train and eval entries
  // alternating at the same step; top-level `epoch`/`global_step` are no curve points.
  it('recovers the three train and three eval entries of the truncated file', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('trainer-state');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [
      [50, 1.387],
      [100, 1.3879],
      [150, 1.3895],
    ]);
    expectSeries(r, 'learning_rate', [
      [50, 7.911392405063292e-6],
      [100, 1.5822784810126583e-5],
      [150, 2.3734177215189873e-5],
    ]);
    expectSeries(r, 'eval_loss', [
      [50, 1.3863019943237305],
      [100, 1.3862756490707397],
      [150, 1.3861876726150513],
    ]);
    expectSeries(r, 'eval_accuracy', [
      [50, 0.25503355264663696],
      [100, 0.26366251707077026],
      [150, 0.2804410457611084],
    ]);
    expectSeries(r, 'epoch', [
      [50, 0.32],
      [100, 0.63],
      [150, 0.95],
    ]);
    expectSeriesNames(r, [
      'epoch',
      'learning_rate',
      'loss',
      'eval_accuracy',
      'eval_loss',
      'eval_runtime',
      'eval_samples_per_second',
      'eval_steps_per_second',
    ]);
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('trainer-state__tau-bench-grpo.json.log', () => {
  const file = 'trainer-state__tau-bench-grpo.json.log';
  // Pitfall: one GRPO log_history entry with sorted keys, both `completion_length` and
  // `completions/*`, `loss: 0.0`; top-level numbers (global_step 12, max_steps, total_flos) and the
  // nested `stateful_callbacks` object are no curve points.
  it('reads the single entry at step 10 with every GRPO key', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('trainer-state');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [[10, 0]]);
    expectSeries(r, 'grad_norm', [[10, 0.5695228576660156]]);
    expectSeries(r, 'learning_rate', [[10, 4.5e-6]]);
    expectSeries(r, 'reward', [[10, 0.365625]]);
    expectSeries(r, 'reward_std', [[10, 0.28505865558981897]]);
    expectSeries(r, 'rewards/reward_function_wrapper/mean', [[10, 0.365625]]);
    expectSeries(r, 'rewards/reward_function_wrapper/std', [[10, 0.5664182946085929]]);
    expectSeries(r, 'kl', [[10, 0.0025876627187244594]]);
    expectSeries(r, 'completions/clipped_ratio', [[10, 0.9125]]);
    expectSeries(r, 'epoch', [[10, 2.5]]);
    expectSeriesNames(r, [
      'completion_length',
      'completions/clipped_ratio',
      'completions/max_length',
      'completions/max_terminated_length',
      'completions/mean_length',
      'completions/mean_terminated_length',
      'completions/min_length',
      'completions/min_terminated_length',
      'epoch',
      'frac_reward_zero_std',
      'grad_norm',
      'kl',
      'learning_rate',
      'loss',
      'num_tokens',
      'reward',
      'reward_std',
      'rewards/reward_function_wrapper/mean',
      'rewards/reward_function_wrapper/std',
    ]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('trainer-state__trainer-state-viz-multi-eval.json.log', () => {
  const file = 'trainer-state__trainer-state-viz-multi-eval.json.log';
  // Pitfall: six eval datasets with prefixed keys (`eval_g0_loss` ... `eval_g5_loss`) at step 0
  // (integer epoch 0), several entries sharing one step (not a restart), file truncated mid-array.
  it('keeps each eval dataset as its own series and the single train entry at 401', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('trainer-state');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'loss', [[401, 1.1074]]);
    expectSeries(r, 'grad_norm', [[401, 5.49674654006958]]);
    expectSeries(r, 'learning_rate', [[401, 1e-5]]);
    expectSeries(r, 'eval_g0_loss', [
      [0, 5.741583347320557],
      [401, 1.113750696182251],
    ]);
    expectSeries(r, 'eval_g1_loss', [
      [0, 8.220163345336914],
      [401, 1.615233302116394],
    ]);
    expectSeries(r, 'eval_g2_loss', [[0, 7.357771396636963]]);
    expectSeries(r, 'eval_g3_loss', [[0, 6.202539443969727]]);
    expectSeries(r, 'eval_g4_loss', [[0, 5.275249004364014]]);
    expectSeries(r, 'eval_g5_loss', [[0, 3.7603373527526855]]);
    expectSeries(r, 'eval_g0_accuracy', [
      [0, 0.7082294264339152],
      [401, 0.6783042394014963],
    ]);
    expectSeries(r, 'epoch', [
      [0, 0],
      [401, 1],
    ]);
    // Prefixed eval losses are separate datasets: none of them is the `eval_loss` curve.
    expect(r.series.eval_loss).toBeUndefined();
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});

const DPO_KEYS = [
  'loss',
  'learning_rate',
  'rewards/chosen',
  'rewards/rejected',
  'rewards/accuracies',
  'rewards/margins',
  'logps/rejected',
  'logps/chosen',
  'logits/rejected',
  'logits/chosen',
  'epoch',
];

describe('trl-dpo__tiny-llm-zh-issue-15.log', () => {
  const file = 'trl-dpo__tiny-llm-zh-issue-15.log';
  // Pitfall: a single DPO dict, no step and no progress bar: it is record 1 of a counted axis.
  it('reads the one DPO record as counted step 1', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('hf-trainer');
    expect(r.stepSource).toBe('count');
    expectSeries(r, 'loss', [[1, 0.2374]]);
    expectSeries(r, 'grad_norm', [[1, 8.8805570602417]]);
    expectSeries(r, 'learning_rate', [[1, 2.281007963346787e-5]]);
    expectSeries(r, 'rewards/chosen', [[1, -0.2780037522315979]]);
    expectSeries(r, 'rewards/rejected', [[1, -7.671709060668945]]);
    expectSeries(r, 'rewards/accuracies', [[1, 0.8824999928474426]]);
    expectSeries(r, 'rewards/margins', [[1, 7.393705368041992]]);
    expectSeries(r, 'logps/rejected', [[1, -444.18621826171875]]);
    expectSeries(r, 'epoch', [[1, 0.01]]);
    expectSeriesNames(r, [...DPO_KEYS, 'grad_norm']);
    expect(r.summary).toEqual({});
  });
  itStreamsLikeTheWholeText(file);
});

describe('trl-dpo__trl-issue-1236.log', () => {
  const file = 'trl-dpo__trl-issue-1236.log';
  // Pitfall: epoch stays 0.05 over three records, so epoch cannot order them: steps are counted;
  // older TRL prints no grad_norm; a 0.007 / 4.6525 loss spike and a negative margin.
  it('counts the three records and keeps the spike and the negative margin', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('hf-trainer');
    expect(r.stepSource).toBe('count');
    expectSeries(r, 'loss', [
      [1, 0.007],
      [2, 4.6525],
      [3, 0.3959],
    ]);
    expectSeries(r, 'learning_rate', [
      [1, 4.8571428571428576e-5],
      [2, 5.142857142857143e-5],
      [3, 5.428571428571428e-5],
    ]);
    expectSeries(r, 'rewards/chosen', [
      [1, 11.858444213867188],
      [2, 10.521270751953125],
      [3, 8.702041625976562],
    ]);
    expectSeries(r, 'rewards/rejected', [
      [1, 6.615283012390137],
      [2, 14.831465721130371],
      [3, 6.573768615722656],
    ]);
    expectSeries(r, 'rewards/accuracies', [
      [1, 1],
      [2, 0],
      [3, 0.5],
    ]);
    expectSeries(r, 'rewards/margins', [
      [1, 5.243161201477051],
      [2, -4.310194492340088],
      [3, 2.128272771835327],
    ]);
    expectSeries(r, 'epoch', [
      [1, 0.05],
      [2, 0.05],
      [3, 0.05],
    ]);
    expect(r.series.grad_norm).toBeUndefined();
    expectSeriesNames(r, DPO_KEYS);
    expect(r.restarts).toEqual([]);
    expect(r.summary).toEqual({});
  });
  itStreamsLikeTheWholeText(file);
});

describe('trl-dpo__trl-issue-5608-new-keys.log', () => {
  const file = 'trl-dpo__trl-issue-5608-new-keys.log';
  // Pitfall: 2026-era DPO dicts: bf16-quantised grad_norm `10.0` / `10.875`, new keys entropy,
  // num_tokens (`27499.0`), mean_token_accuracy, and logits/* printed before rewards/*.
  it('reads both records with the new DPO keys', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('hf-trainer');
    expect(r.stepSource).toBe('count');
    expectSeries(r, 'loss', [
      [1, 0.6718],
      [2, 0.599],
    ]);
    expectSeries(r, 'grad_norm', [
      [1, 10],
      [2, 10.875],
    ]);
    expectSeries(r, 'learning_rate', [
      [1, 1.5517241379310346e-5],
      [2, 3.275862068965517e-5],
    ]);
    expectSeries(r, 'entropy', [
      [1, 2.232318123181661],
      [2, 2.325745424628258],
    ]);
    expectSeries(r, 'num_tokens', [
      [1, 27499],
      [2, 53461],
    ]);
    expectSeries(r, 'mean_token_accuracy', [
      [1, 0.48642372091611225],
      [2, 0.436275477707386],
    ]);
    expectSeries(r, 'rewards/chosen', [
      [1, -0.13571754121868354],
      [2, -0.8844709500670433],
    ]);
    expectSeries(r, 'rewards/rejected', [
      [1, -0.1864121073869885],
      [2, -1.1957697317004203],
    ]);
    expectSeries(r, 'rewards/accuracies', [
      [1, 0.6180555555555556],
      [2, 0.71875],
    ]);
    expectSeries(r, 'rewards/margins', [
      [1, 0.05069456772050924],
      [2, 0.3112987897358835],
    ]);
    expectSeries(r, 'epoch', [
      [1, 0.11],
      [2, 0.21],
    ]);
    expectSeriesNames(r, [
      ...DPO_KEYS,
      'grad_norm',
      'entropy',
      'num_tokens',
      'mean_token_accuracy',
    ]);
    expect(r.summary).toEqual({});
  });
  itStreamsLikeTheWholeText(file);
});

describe('trl-dpo__trl-pr-570.log', () => {
  const file = 'trl-dpo__trl-pr-570.log';
  // Pitfall: an eval dict between two train dicts: it is not counted as a train record and takes the
  // step of the train record before it; `eval_` precedes the slash (`eval_rewards/margins`).
  it('puts the eval dict at the step of the train record before it', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('hf-trainer');
    expect(r.stepSource).toBe('count');
    expectSeries(r, 'loss', [
      [1, 0.9073],
      [2, 0.8165],
    ]);
    expectSeries(r, 'learning_rate', [
      [1, 4.2e-5],
      [2, 3.8e-5],
    ]);
    expectSeries(r, 'rewards/chosen', [
      [1, -1.17503821849823],
      [2, -1.1095190048217773],
    ]);
    expectSeries(r, 'rewards/accuracies', [
      [1, 0.5625],
      [2, 0.625],
    ]);
    expectSeries(r, 'rewards/margins', [
      [1, 0.2992585599422455],
      [2, 0.41145211458206177],
    ]);
    expectSeries(r, 'eval_loss', [[1, 0.8106440901756287]]);
    expectSeries(r, 'eval_rewards/chosen', [[1, -0.26931989192962646]]);
    expectSeries(r, 'eval_rewards/accuracies', [[1, 0.45192307233810425]]);
    expectSeries(r, 'eval_rewards/margins', [[1, -0.0787486881017685]]);
    expectSeries(r, 'eval_logps/chosen', [[1, -115.501220703125]]);
    expectSeriesNames(r, [
      ...DPO_KEYS,
      'eval_loss',
      'eval_runtime',
      'eval_samples_per_second',
      'eval_steps_per_second',
      'eval_rewards/chosen',
      'eval_rewards/rejected',
      'eval_rewards/accuracies',
      'eval_rewards/margins',
      'eval_logps/rejected',
      'eval_logps/chosen',
      'eval_logits/rejected',
      'eval_logits/chosen',
    ]);
    expect(r.summary).toEqual({});
  });
  itStreamsLikeTheWholeText(file);
});

describe('trl-grpo__rl-swarm-issue-22.log', () => {
  const file = 'trl-grpo__rl-swarm-issue-22.log';
  // Pitfall: GRPO loss exactly 0.0 while grad_norm is not (a real value, not a missing one), six
  // user-named reward functions, a negative reward.
  it('keeps the zero losses and every reward function', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('hf-trainer');
    expect(r.stepSource).toBe('count');
    expectSeries(r, 'loss', [
      [1, 0],
      [2, 0],
    ]);
    expectSeries(r, 'grad_norm', [
      [1, 6.794930458068848],
      [2, 34.94062805175781],
    ]);
    expectSeries(r, 'learning_rate', [
      [1, 4.965903258506806e-7],
      [2, 4.698684378016222e-7],
    ]);
    expectSeries(r, 'reward', [
      [1, 0.10131250045378692],
      [2, -0.00018750070012174547],
    ]);
    expectSeries(r, 'reward_std', [
      [1, 0.30608884611865506],
      [2, 0.12224108903319575],
    ]);
    expectSeries(r, 'rewards/proper_id_reward_func', [
      [1, 0.125],
      [2, 0],
    ]);
    expectSeries(r, 'rewards/xmlcount_reward_func', [
      [1, -0.023687497683567926],
      [2, -0.00018750070012174547],
    ]);
    expectSeries(r, 'kl', [
      [1, 0],
      [2, 0.0017899229387694504],
    ]);
    expectSeries(r, 'completion_length', [
      [1, 190.875],
      [2, 221.25],
    ]);
    expectSeriesNames(r, [
      'loss',
      'grad_norm',
      'learning_rate',
      'rewards/proper_id_reward_func',
      'rewards/correctness_reward_func',
      'rewards/strict_format_reward_func',
      'rewards/soft_format_reward_func',
      'rewards/xmlcount_reward_func',
      'rewards/cumulative_reward_1',
      'reward',
      'reward_std',
      'completion_length',
      'kl',
      'epoch',
    ]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('trl-grpo__trl-issue-3452.log', () => {
  const file = 'trl-grpo__trl-issue-3452.log';
  // Pitfall: a last line made only of spaces (tqdm residue), lr `6.5000000000000004e-06` float repr.
  it('counts the four GRPO records and ignores the blank residue line', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('hf-trainer');
    expect(r.stepSource).toBe('count');
    expectSeries(r, 'loss', [
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
    ]);
    expectSeries(r, 'grad_norm', [
      [1, 0.08656957000494003],
      [2, 0.09666649252176285],
      [3, 0.1058727279305458],
      [4, 0.10363585501909256],
    ]);
    expectSeries(r, 'learning_rate', [
      [1, 6.916666666666667e-6],
      [2, 6.708333333333333e-6],
      [3, 6.5000000000000004e-6],
      [4, 6.291666666666667e-6],
    ]);
    expectSeries(r, 'reward', [
      [1, 1.7171093285083772],
      [2, 1.8844376266002656],
      [3, 1.6797272205352782],
      [4, 1.968537563085556],
    ]);
    expectSeries(r, 'rewards/format_reward2', [
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 0.9875],
    ]);
    expectSeries(r, 'rewards/hint_reward', [
      [1, 0.7171093255281449],
      [2, 0.8844376325607299],
      [3, 0.6797272339463234],
      [4, 0.9810375615954399],
    ]);
    expectSeries(r, 'kl', [
      [1, 0.0005371240986278281],
      [2, 0.0005386197401094251],
      [3, 0.0005338093222235329],
      [4, 0.0005278794225887396],
    ]);
    expectSeries(r, 'epoch', [
      [1, 0.31],
      [2, 0.33],
      [3, 0.35],
      [4, 0.37],
    ]);
    expectSeriesNames(r, [
      'loss',
      'grad_norm',
      'learning_rate',
      'completion_length',
      'rewards/format_reward2',
      'rewards/hint_reward',
      'reward',
      'reward_std',
      'kl',
      'epoch',
    ]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('trl-grpo__unsloth-issue-3485-split-dict.log', () => {
  const file = 'trl-grpo__unsloth-issue-3485-split-dict.log';
  // Pitfall: one dict split over four physical lines (each ending in `, `) that must be re-joined
  // into a single record; `rewards/<func>/mean|std`; lr 3.0303030303030305e-08.
  it('joins the split dict into one record', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('hf-trainer');
    expect(r.stepSource).toBe('count');
    expectSeries(r, 'loss', [[1, 0]]);
    expectSeries(r, 'grad_norm', [[1, 0]]);
    expectSeries(r, 'learning_rate', [[1, 3.0303030303030305e-8]]);
    expectSeries(r, 'num_tokens', [[1, 83968]]);
    expectSeries(r, 'completions/mean_length', [[1, 77.5]]);
    expectSeries(r, 'rewards/dimension_extraction_reward_func/mean', [[1, 3]]);
    expectSeries(r, 'rewards/json_format_reward_func/mean', [[1, 1]]);
    expectSeries(r, 'reward', [[1, 4]]);
    expectSeries(r, 'frac_reward_zero_std', [[1, 1]]);
    expectSeries(r, 'completion_length', [[1, 81]]);
    expectSeries(r, 'epoch', [[1, 0.01]]);
    expectSeriesNames(r, [
      'loss',
      'grad_norm',
      'learning_rate',
      'num_tokens',
      'completions/mean_length',
      'completions/min_length',
      'completions/max_length',
      'completions/clipped_ratio',
      'completions/mean_terminated_length',
      'completions/min_terminated_length',
      'completions/max_terminated_length',
      'rewards/dimension_extraction_reward_func/mean',
      'rewards/dimension_extraction_reward_func/std',
      'rewards/json_format_reward_func/mean',
      'rewards/json_format_reward_func/std',
      'reward',
      'reward_std',
      'frac_reward_zero_std',
      'completion_length',
      'kl',
      'epoch',
    ]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('trl-orpo__report-md-wrapped-dict.log', () => {
  const file = 'trl-orpo__report-md-wrapped-dict.log';
  // Pitfall: an ORPO dict re-wrapped over eight lines with leading-space continuation lines.
  it('joins the wrapped ORPO dict into one record', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('hf-trainer');
    expect(r.stepSource).toBe('count');
    expectSeries(r, 'loss', [[1, 0.8017]]);
    expectSeries(r, 'grad_norm', [[1, 1.164]]);
    expectSeries(r, 'learning_rate', [[1, 1.515e-6]]);
    expectSeries(r, 'rewards/chosen', [[1, -0.0346]]);
    expectSeries(r, 'rewards/margins', [[1, -0.0158]]);
    expectSeries(r, 'rewards/accuracies', [[1, 0]]);
    expectSeries(r, 'nll_loss', [[1, 0.7452]]);
    expectSeries(r, 'log_odds_ratio', [[1, -1.177]]);
    expectSeries(r, 'log_odds_chosen', [[1, -0.7966]]);
    expectSeries(r, 'epoch', [[1, 2]]);
    expectSeriesNames(r, [
      ...DPO_KEYS,
      'grad_norm',
      'nll_loss',
      'log_odds_ratio',
      'log_odds_chosen',
    ]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('trl-sft__trl-issue-2875.log', () => {
  const file = 'trl-sft__trl-issue-2875.log';
  // Pitfall: trailing-space padding after the dict, then a tqdm bar `100/7252 [...]` glued to an
  // `[INFO|trainer.py:3910] ... >>` line. That bar comes after the record, not before it, so the
  // record is counted; neither the bar nor the INFO lines are metrics.
  it('reads the one SFT record and nothing from the bar or the INFO lines', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('hf-trainer');
    expect(r.stepSource).toBe('count');
    expectSeries(r, 'loss', [[1, 5.9309]]);
    expectSeries(r, 'grad_norm', [[1, 15.3125]]);
    expectSeries(r, 'learning_rate', [[1, 5.509641873278237e-5]]);
    expectSeries(r, 'mean_token_accuracy', [[1, 0.1440385853435518]]);
    expectSeries(r, 'epoch', [[1, 0.03]]);
    expectSeriesNames(r, ['loss', 'grad_norm', 'learning_rate', 'mean_token_accuracy', 'epoch']);
    expect(r.summary).toEqual({});
  });
  itStreamsLikeTheWholeText(file);
});

describe('trl-sft__trl-issue-3926-entropy.log', () => {
  const file = 'trl-sft__trl-issue-3926-entropy.log';
  // Pitfall: eval dicts share the epoch of the train dict before them and take its (counted) step;
  // long trailing padding; lr without exponent; no newline after the last eval dict.
  it('pairs each eval dict with the train record before it', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('hf-trainer');
    expect(r.stepSource).toBe('count');
    expectSeries(r, 'loss', [
      [1, 0.3771],
      [2, 0.083],
    ]);
    expectSeries(r, 'grad_norm', [
      [1, 0.6300405859947205],
      [2, 1.0651044845581055],
    ]);
    expectSeries(r, 'learning_rate', [
      [1, 0.0001891006524188368],
      [2, 0.00014539904997395468],
    ]);
    expectSeries(r, 'entropy', [
      [1, 1.9093962386250496],
      [2, 2.05564696341753],
    ]);
    expectSeries(r, 'num_tokens', [
      [1, 5734],
      [2, 11421],
    ]);
    expectSeries(r, 'mean_token_accuracy', [
      [1, 0.8984374925494194],
      [2, 0.9687499888241291],
    ]);
    expectSeries(r, 'eval_loss', [
      [1, 0.13767920434474945],
      [2, 0.10530459135770798],
    ]);
    expectSeries(r, 'eval_entropy', [
      [1, 1.980406832538153],
      [2, 2.0977075154844083],
    ]);
    expectSeries(r, 'eval_num_tokens', [
      [1, 5734],
      [2, 11421],
    ]);
    expectSeries(r, 'eval_mean_token_accuracy', [
      [1, 0.9613486798970323],
      [2, 0.9621710483180849],
    ]);
    expectSeries(r, 'epoch', [
      [1, 0.01],
      [2, 0.02],
    ]);
    expectSeriesNames(r, [
      'loss',
      'grad_norm',
      'learning_rate',
      'entropy',
      'num_tokens',
      'mean_token_accuracy',
      'epoch',
      'eval_loss',
      'eval_runtime',
      'eval_samples_per_second',
      'eval_steps_per_second',
      'eval_entropy',
      'eval_num_tokens',
      'eval_mean_token_accuracy',
    ]);
    expect(r.summary).toEqual({});
  });
  itStreamsLikeTheWholeText(file);
});

describe('unsloth__unsloth-issue-1140.log', () => {
  const file = 'unsloth__unsloth-issue-1140.log';
  // Pitfall: only the Unsloth banner (`Num examples = 467`, `Total steps = 290`, doubled
  // backslashes) and a notebook progress text: configuration, not metrics. Nothing to chart.
  it('returns no series and does not throw', () => {
    const r = parseFixture(file);
    expect(r.series).toEqual({});
    expect(r.summary).toEqual({});
    expect(r.restarts).toEqual([]);
    expect(r.format).toBe('unknown');
  });
  itStreamsLikeTheWholeText(file);
});

describe('unsloth__unsloth-issue-1194.log', () => {
  const file = 'unsloth__unsloth-issue-1194.log';
  // Pitfall: banner only, with thousands separators (`Num examples = 1,760`,
  // `Number of trainable parameters = 469,762,048`): configuration, not metrics.
  it('returns no series and does not throw', () => {
    const r = parseFixture(file);
    expect(r.series).toEqual({});
    expect(r.summary).toEqual({});
    expect(r.restarts).toEqual([]);
    expect(r.format).toBe('unknown');
  });
  itStreamsLikeTheWholeText(file);
});

describe('verl__verl-issue-2060-step0.log', () => {
  const file = 'verl__verl-issue-2060-step0.log';
  // Pitfall: a validation-only step 0; keys with `/`, `@` and `-` (`val-core/.../mean@1`) split on
  // ` - ` only.
  it('reads the three validation metrics at step 0', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('verl');
    expect(r.stepSource).toBe('explicit');
    expectSeries(r, 'val-aux/openai/gsm8k/reward/mean@1', [[0, 0.565]]);
    expectSeries(r, 'val-aux/openai/gsm8k/score/mean@1', [[0, 0.565]]);
    expectSeries(r, 'val-core/openai/gsm8k/acc/mean@1', [[0, 0.508]]);
    expectSeriesNames(r, [
      'val-aux/openai/gsm8k/reward/mean@1',
      'val-aux/openai/gsm8k/score/mean@1',
      'val-core/openai/gsm8k/acc/mean@1',
    ]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('yolo__ultralytics-issue-7653.log', () => {
  const file = 'yolo__ultralytics-issue-7653.log';
  // Pitfall: positional columns named by a repeated header, `6.73G` unit suffix, the epoch counter
  // `70/1000` as step (not the `16/16` bar), and a val row named by its own header.
  it('reads the loss columns and mAP per epoch by header name', () => {
    const r = parseFixture(file);
    expect(r.format).toBe('yolo');
    expect(r.stepSource).toBe('explicit');
    // Whether `loss` is box_loss or the sum of the three is the tool's choice: the columns are asserted.
    expectSeries(r, 'box_loss', [
      [70, 1.081],
      [71, 1.038],
      [72, 1.096],
    ]);
    expectSeries(r, 'cls_loss', [
      [70, 0.4706],
      [71, 0.4686],
      [72, 0.4883],
    ]);
    expectSeries(r, 'dfl_loss', [
      [70, 1.084],
      [71, 1.064],
      [72, 1.098],
    ]);
    expectSeries(r, 'mAP50', [
      [70, 0.993],
      [71, 0.994],
      [72, 0.995],
    ]);
    expectSeries(r, 'mAP50-95', [
      [70, 0.681],
      [71, 0.716],
      [72, 0.734],
    ]);
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});

describe('yolo__yolov5-issue-1485.log', () => {
  const file = 'yolo__yolov5-issue-1485.log';
  // Pitfall: YOLOv5 header `Epoch gpu_mem box obj cls total targets img_size`, a bar cut at the
  // terminal width (`[00:48<00:`), and a val header corrupted by the user (`Targetsbox is`).
  it('reads the train columns of epoch 5 by header name', () => {
    const r = parseFixture(file);
    expect(r.stepSource).toBe('explicit');
    // The val header has one word more than its row, so only the train columns are asserted.
    expectSeries(r, 'box', [[5, 0.06393]]);
    expectSeries(r, 'obj', [[5, 0.01588]]);
    expectSeries(r, 'cls', [[5, 0.009617]]);
    expectSeries(r, 'total', [[5, 0.08943]]);
    expect(r.restarts).toEqual([]);
  });
  itStreamsLikeTheWholeText(file);
});
