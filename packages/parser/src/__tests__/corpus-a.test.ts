import { describe, expect, it } from 'vitest';
import { createLogParser } from '../createLogParser';
import { parseTrainingLog } from '../parseTrainingLog';
import type { ParseResult } from '../types';
import { expectPoints, expectSeries, readFixture } from './helpers/corpus';

// Expected values below were written by reading each log in fixtures/corpus by hand
// (extraction rules: /work/shared/corpus/README.md), never copied from parser output.

type Point = readonly [number, number];

const STREAM_CHUNK_SIZES = [1, 7, 64] as const;

function parseFixture(name: string): ParseResult {
  return parseTrainingLog(readFixture(name));
}

/** Points 1, 2, 3, ... for a log whose records carry no step and no progress bar. */
function counted(values: readonly number[]): Point[] {
  return values.map((value, i) => [i + 1, value] as const);
}

/** Pairs steps with values, for long series whose steps follow a simple pattern. */
function zip(steps: readonly number[], values: readonly number[]): Point[] {
  expect(values.length, 'test data: steps and values of equal length').toBe(steps.length);
  return steps.map((step, i) => [step, values[i] as number] as const);
}

function range(from: number, to: number, by = 1): number[] {
  const out: number[] = [];
  for (let step = from; step <= to; step += by) out.push(step);
  return out;
}

/** The exact set of series names; names in `optional` may or may not be present. */
function expectSeriesNames(
  result: ParseResult,
  names: readonly string[],
  optional: readonly string[] = [],
): void {
  const have = Object.keys(result.series)
    .filter((name) => !optional.includes(name))
    .sort();
  expect(have, 'series names').toEqual([...names].sort());
}

function expectNoSeriesNamed(result: ParseResult, names: readonly string[]): void {
  const have = Object.keys(result.series);
  for (const name of names) expect(have, `no series "${name}"`).not.toContain(name);
}

function comparable(result: ParseResult) {
  const { series, summary, restarts, stepSource, format } = result;
  return { series, summary, restarts, stepSource, format };
}

/** Feeding the file in small chunks must give what parsing it whole gives. */
function expectStreamingMatchesWhole(name: string): void {
  const text = readFixture(name);
  const whole = comparable(parseTrainingLog(text));
  for (const size of STREAM_CHUNK_SIZES) {
    const parser = createLogParser();
    for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
    parser.end();
    expect(comparable(parser.result()), `${name} fed in chunks of ${size}`).toEqual(whole);
  }
}

const STREAMING = 'gives the same result when streamed in chunks of 1, 7 and 64 characters';

const AXOLOTL_3196 = 'axolotl__axolotl-issue-3196.log';
describe(AXOLOTL_3196, () => {
  // Pitfall: keys with slashes AND parentheses; no step and no bar, so records are counted.
  it('keeps memory/*(gib) keys under their own names and counts records', () => {
    const result = parseFixture(AXOLOTL_3196);
    expect(['axolotl', 'hf-trainer']).toContain(result.format);
    expect(result.stepSource).toBe('count');
    expectSeries(result, 'loss', counted([4.75, 2.0312, 0.8984, 0.4102, 0.2031]));
    expectSeries(result, 'grad_norm', counted([98.5, 59.5, 45.0, 19.625, 11.8125]));
    expectSeries(
      result,
      'learning_rate',
      counted([
        5e-6, 4.956766880907269e-6, 4.828728948150395e-6, 4.620806627680728e-6,
        4.340990257669732e-6,
      ]),
    );
    expectSeries(result, 'epoch', counted([1, 2, 3, 4, 5]));
    expectSeries(
      result,
      'memory/max_mem_active(gib)',
      counted([25.45, 34.89, 34.89, 34.89, 34.89]),
    );
    expectSeries(
      result,
      'memory/device_mem_reserved(gib)',
      counted([30.22, 41.26, 41.26, 41.26, 41.26]),
    );
    expectSeriesNames(result, [
      'loss',
      'grad_norm',
      'learning_rate',
      'epoch',
      'memory/max_mem_active(gib)',
      'memory/max_mem_allocated(gib)',
      'memory/device_mem_reserved(gib)',
    ]);
    expect(result.summary).toEqual({});
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(AXOLOTL_3196));
});

const AXOLOTL_592 = 'axolotl__axolotl-issue-592.log';
describe(AXOLOTL_592, () => {
  // Pitfall: one dict between tqdm redraws; its step is the bar printed just before it (283/873,
  // which matches epoch 0.97 of 291 steps per epoch); axolotl INFO lines are not records.
  it('takes the step of the progress bar printed just before the dict', () => {
    const result = parseFixture(AXOLOTL_592);
    expect(['axolotl', 'hf-trainer']).toContain(result.format);
    expect(result.stepSource).toBe('progress');
    expectSeries(result, 'loss', [[283, 0.8635]]);
    expectSeries(result, 'learning_rate', [[283, 0.0001369640787949015]]);
    expectSeries(result, 'epoch', [[283, 0.97]]);
    expectSeriesNames(result, ['loss', 'learning_rate', 'epoch']);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(AXOLOTL_592));
});

const DEEPSPEED_1825 = 'deepspeed__deepspeed-issue-1825.log';
describe(DEEPSPEED_1825, () => {
  // Pitfall: lr printed as a Python list `lr=[5e-05]`, nested `mom=[[0.9, 0.999]]`; the notebook's
  // loss went to `<IPython.core.display.HTML object>` placeholders, so there is no loss at all.
  it('reads step= and the first lr of the list, and finds no loss', () => {
    const result = parseFixture(DEEPSPEED_1825);
    expect(result.format).toBe('deepspeed');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'learning_rate', [
      [40, 5e-5],
      [50, 5e-5],
    ]);
    // The timer line `0/40, SamplesPerSec=...` belongs to global step 40 (epoch 0 / step 40).
    expectSeries(result, 'SamplesPerSec', [
      [40, 83.48609168106144],
      [50, 83.73838805358588],
    ]);
    expectNoSeriesNamed(result, ['loss', 'eval_loss', 'grad_norm']);
    expect(result.summary).toEqual({});
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(DEEPSPEED_1825));
});

const DEEPSPEED_5779 = 'deepspeed__deepspeed-issue-5779-overflow.log';
describe(DEEPSPEED_5779, () => {
  // Pitfall: `OVERFLOW! ... Attempted loss scale: 65536, reducing to 32768` looks like a
  // `loss scale: N` metric but is an event line; the file holds no metric at all.
  it('yields no series and does not throw on overflow lines', () => {
    const text = readFixture(DEEPSPEED_5779);
    expect(() => parseTrainingLog(text)).not.toThrow();
    const result = parseTrainingLog(text);
    expect(result.series).toEqual({});
    expect(result.summary).toEqual({});
    expect(result.restarts).toEqual([]);
    expect(result.format).toBe('unknown');
  });

  it(STREAMING, () => expectStreamingMatchesWhole(DEEPSPEED_5779));
});

const DETECTRON2_1022 = 'detectron2__detectron2-issue-1022.log';
describe(DETECTRON2_1022, () => {
  // Pitfall: double-space separated `key: value` pairs, `eta: N/A` (not a number), `max_mem: 8517M`
  // (unit suffix), lr with fixed 6 decimals. `total_loss` is not one of the canonical spellings of
  // `loss` in the README, so it keeps its own name.
  it('reads iter as the step and keeps every loss component', () => {
    const result = parseFixture(DETECTRON2_1022);
    expect(result.format).toBe('generic');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'total_loss', [
      [60, 2.94],
      [80, 2.749],
      [100, 2.526],
      [120, 2.308],
    ]);
    expectSeries(result, 'learning_rate', [
      [60, 0.000015],
      [80, 0.00002],
      [100, 0.000025],
      [120, 0.00003],
    ]);
    expectSeries(result, 'loss_cls_stage0', [
      [60, 0.698],
      [80, 0.621],
      [100, 0.552],
      [120, 0.489],
    ]);
    expectSeries(result, 'loss_rpn_loc', [
      [60, 0.014],
      [80, 0.016],
      [100, 0.014],
      [120, 0.013],
    ]);
    expectSeries(result, 'max_mem', [
      [60, 8517],
      [80, 8517],
      [100, 8517],
      [120, 8517],
    ]);
    expectSeriesNames(result, [
      'total_loss',
      'loss_box_reg_stage0',
      'loss_box_reg_stage1',
      'loss_box_reg_stage2',
      'loss_cls_stage0',
      'loss_cls_stage1',
      'loss_cls_stage2',
      'loss_rpn_cls',
      'loss_rpn_loc',
      'learning_rate',
      'max_mem',
    ]);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(DETECTRON2_1022));
});

const FAIRSEQ_JSON_2201 = 'fairseq-json__fairseq-issue-2201.log';
describe(FAIRSEQ_JSON_2201, () => {
  // Pitfall: the JSON line is wrapped in <pre>…</pre> with every quote HTML-escaped as &quot;,
  // every metric is a JSON string ("8.206"), `update` is a fractional epoch, no trailing newline.
  it('decodes the HTML paste and reads string-valued metrics at num_updates', () => {
    const result = parseFixture(FAIRSEQ_JSON_2201);
    expect(result.format).toBe('fairseq');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'loss', [[33700, 8.206]]);
    expectSeries(result, 'learning_rate', [[33700, 0.00017226]]);
    expectSeries(result, 'grad_norm', [[33700, 1.833]]);
    expectSeries(result, 'nll_loss', [[33700, 7.049]]);
    expectSeries(result, 'ppl', [[33700, 132.47]]);
    expectSeries(result, 'wps', [[33700, 1195.4]]);
    expectNoSeriesNamed(result, ['eval_loss', 'lr', 'gnorm']);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(FAIRSEQ_JSON_2201));
});

const FAIRSEQ_514 = 'fairseq__fairseq-issue-514.log';
describe(FAIRSEQ_514, () => {
  // Pitfall: pipe-style end-of-epoch lines (`| loss 6.326 |`) mixed with `=` style mid-epoch lines;
  // `1000 / 2737` is the batch within the epoch, the step is num_updates; valid lines carry their own
  // num_updates. The end-of-epoch train line is a curve point at its num_updates (not end of run).
  it('steps on num_updates across both line styles and reads valid_loss as eval_loss', () => {
    const result = parseFixture(FAIRSEQ_514);
    expect(result.format).toBe('fairseq');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'loss', [
      [21896, 6.326],
      [22897, 6.22],
      [23897, 6.234],
      [24633, 6.233],
      [25634, 6.144],
    ]);
    expectSeries(result, 'learning_rate', [
      [21896, 0.000213706],
      [22897, 0.000208983],
      [23897, 0.000204564],
      [24633, 0.000201484],
      [25634, 0.000197511],
    ]);
    expectSeries(result, 'grad_norm', [
      [21896, 1.201],
      [22897, 1.242],
      [23897, 1.242],
      [24633, 1.241],
      [25634, 1.279],
    ]);
    expectSeries(result, 'eval_loss', [
      [21896, 6.43844],
      [24633, 6.37204],
    ]);
    expectNoSeriesNamed(result, ['lr', 'gnorm', 'num_updates']);
    expect(result.summary).toEqual({});
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(FAIRSEQ_514));
});

const FAIRSEQ_940 = 'fairseq__fairseq-issue-940.log';
describe(FAIRSEQ_940, () => {
  // Pitfall: `450 / 1891` is the batch in the epoch, not the step (num_updates=445 is); lr switches
  // between E-notation and plain decimals; a pipe-style valid line in between with its own step.
  it('uses num_updates, not the batch counter, and places valid_loss at its own step', () => {
    const result = parseFixture(FAIRSEQ_940);
    expect(result.format).toBe('fairseq');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'loss', [
      [445, 11.521],
      [495, 11.346],
      [545, 11.186],
      [595, 11.039],
      [645, 10.902],
    ]);
    expectSeries(result, 'learning_rate', [
      [445, 8.90889e-5],
      [495, 9.90876e-5],
      [545, 0.000109086],
      [595, 0.000119085],
      [645, 0.000129084],
    ]);
    expectSeries(result, 'grad_norm', [
      [445, 1.543],
      [495, 1.507],
      [545, 1.469],
      [595, 1.445],
      [645, 1.419],
    ]);
    expectSeries(result, 'eval_loss', [[600, 8.11425]]);
    expectSeries(result, 'nll_loss', [
      [445, 10.881],
      [495, 10.678],
      [545, 10.492],
      [595, 10.32],
      [645, 10.16],
    ]);
    expectNoSeriesNamed(result, ['lr', 'gnorm', 'num_updates']);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(FAIRSEQ_940));
});

const GPT_NEOX_3742 = 'gpt-neox__deepspeed-issue-3742.log';
describe(GPT_NEOX_3742, () => {
  // Pitfall: GPT-NeoX spells `lm_loss` with an underscore; DeepSpeed `time (ms) | forward: ...`
  // timer lines (with and without log prefix) are noise; the `step=35` engine line has a
  // two-element lr list whose first element is the learning rate.
  it('reads lm_loss as loss and ignores the timer lines', () => {
    const result = parseFixture(GPT_NEOX_3742);
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'loss', [[34, 11.18665]]);
    expectSeries(result, 'learning_rate', [
      [34, 2.111e-6],
      [35, 2.1731931451279077e-6],
    ]);
    expectPoints(result, 'samples/sec', [[34, 7.799]]);
    // `112.9TFLOPS`: a unit glued to the number.
    expectPoints(result, 'approx flops per GPU', [[34, 112.9]]);
    expectNoSeriesNamed(result, [
      'lm_loss',
      'forward',
      'backward',
      'forward_microstep',
      'backward_microstep',
      'step_microstep',
      'backward-allreduce',
      'optimizer',
      'batch generator',
      'step',
      'rank',
    ]);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(GPT_NEOX_3742));
});

const NOTEBOOK_HTML = 'hf-notebook__nbconvert-emotion-html-table.log';
describe(NOTEBOOK_HTML, () => {
  // Pitfall: NotebookProgressCallback output as an HTML table (Epoch / Training Loss / Validation
  // Loss / Accuracy / F1, 6-decimal cells) and a TrainOutput(...) summary; no Step column.
  it('reads the table rows as records and the TrainOutput metrics as the summary', () => {
    const result = parseFixture(NOTEBOOK_HTML);
    // A notebook table reports its own format (issue 9), not the Trainer's stdout format.
    expect(result.format).toBe('hf-notebook');
    // The only bar is the final [500/500] shown once above the table, so it cannot place each row;
    // rows are counted 1, 2, which are also their epoch numbers (so `explicit` via Epoch is fine).
    expect(['count', 'explicit']).toContain(result.stepSource);
    expectSeries(result, 'loss', [
      [1, 0.8197],
      [2, 0.2482],
    ]);
    expectSeries(result, 'eval_loss', [
      [1, 0.315979],
      [2, 0.217756],
    ]);
    expectSeries(result, 'Accuracy', [
      [1, 0.903],
      [2, 0.928],
    ]);
    expectSeries(result, 'F1', [
      [1, 0.900507],
      [2, 0.92804],
    ]);
    expectSeriesNames(result, ['loss', 'eval_loss', 'Accuracy', 'F1'], ['epoch']);
    expect(result.summary).toMatchObject({
      train_runtime: 237.6582,
      train_samples_per_second: 134.647,
      train_steps_per_second: 2.104,
      total_flos: 720342861696000,
      train_loss: 0.5339508361816406,
    });
    expect(result.series.loss?.values ?? []).not.toContain(0.5339508361816406);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(NOTEBOOK_HTML));
});

const NOTEBOOK_STEP_TABLE = 'hf-notebook__qlora-blog-step-table.log';
describe(NOTEBOOK_STEP_TABLE, () => {
  // Pitfall: text-copied `Step     Training Loss` table with Markdown hard-break backslashes
  // (` \` and `\`) glued to the cells, then a TrainOutput(...) summary with a huge total_flos.
  it('reads the Step column as explicit steps and keeps train_loss out of the curve', () => {
    const result = parseFixture(NOTEBOOK_STEP_TABLE);
    expect(result.format).toBe('hf-notebook');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'loss', [
      [50, 1.5578],
      [100, 1.3481],
      [150, 1.277],
      [200, 1.3243],
      [250, 1.3477],
    ]);
    expectSeriesNames(result, ['loss']);
    expect(result.summary).toMatchObject({
      train_runtime: 335.085,
      train_samples_per_second: 2.984,
      train_steps_per_second: 0.746,
      total_flos: 8679674339426304,
      train_loss: 1.3709784088134767,
    });
    expect(result.series.loss?.values ?? []).not.toContain(1.3709784088134767);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(NOTEBOOK_STEP_TABLE));
});

const TFTRAINER_6998 = 'hf-tftrainer__transformers-pr-6998.log';
describe(TFTRAINER_6998, () => {
  // Pitfall: TFTrainer puts `'step': 10` last in the dict (explicit step); full-precision epochs;
  // the `***** Running training *****` header's `Num examples = 24000` lines are not metrics.
  it("uses the dict's own 'step' and ignores the header", () => {
    const result = parseFixture(TFTRAINER_6998);
    expect(result.format).toBe('hf-trainer');
    expect(result.stepSource).toBe('explicit');
    const steps = range(10, 110, 10);
    expectSeries(
      result,
      'loss',
      zip(
        steps,
        [
          18.6387, 14.222743, 12.079448, 10.455857, 9.295527, 8.374706, 7.674021, 7.106626,
          6.6170573, 6.226298, 5.859087,
        ],
      ),
    );
    expectSeries(
      result,
      'learning_rate',
      zip(
        steps,
        [
          4.9113474e-5, 4.822695e-5, 4.734042e-5, 4.6453897e-5, 4.5567373e-5, 4.468085e-5,
          4.379432e-5, 4.29078e-5, 4.202128e-5, 4.113475e-5, 4.0248226e-5,
        ],
      ),
    );
    expectSeries(
      result,
      'epoch',
      zip(
        steps,
        [
          0.05851063829787234, 0.11170212765957446, 0.16489361702127658, 0.21808510638297873,
          0.2712765957446808, 0.324468085106383, 0.3776595744680851, 0.4308510638297872,
          0.48404255319148937, 0.5372340425531915, 0.5904255319148937,
        ],
      ),
    );
    expectSeriesNames(result, ['loss', 'learning_rate', 'epoch']);
    expect(result.summary).toEqual({});
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(TFTRAINER_6998));
});

const TFTRAINER_9613 = 'hf-tftrainer__transformers-pr-9613-logger.log';
describe(TFTRAINER_9613, () => {
  // Pitfall: dicts come through python logging, after a `[INFO|trainer_tf.py:398] date >> ` prefix;
  // prefixed header lines (`Num examples = 3668`, `Total optimization steps = 460`) are not metrics.
  it('strips the logger prefix and reads the explicit step', () => {
    const result = parseFixture(TFTRAINER_9613);
    expect(result.format).toBe('hf-trainer');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'loss', [
      [10, 0.6347228],
      [20, 0.604829],
    ]);
    expectSeries(result, 'learning_rate', [
      [10, 4.891304e-5],
      [20, 4.7826084e-5],
    ]);
    expectSeries(result, 'epoch', [
      [10, 0.08695652173913043],
      [20, 0.17391304347826086],
    ]);
    expectSeriesNames(result, ['loss', 'learning_rate', 'epoch']);
    expect(result.summary).toEqual({});
  });

  it(STREAMING, () => expectStreamingMatchesWhole(TFTRAINER_9613));
});

const ALIGNMENT_55 = 'hf-trainer__alignment-handbook-issue-55.log';
describe(ALIGNMENT_55, () => {
  // Pitfall: every line quoted with `> `; the only tqdm bar (136/202) comes AFTER the dicts, glued
  // to a `***** Running Evaluation *****` log line, so it cannot give them steps: they are counted.
  it('strips the quote marks and counts the records', () => {
    const result = parseFixture(ALIGNMENT_55);
    expect(result.format).toBe('hf-trainer');
    expect(result.stepSource).toBe('count');
    expectSeries(
      result,
      'loss',
      counted([
        1.0238, 1.013, 1.022, 1.0153, 1.0143, 1.0191, 1.0176, 1.0169, 1.0168, 1.0117, 1.0106,
      ]),
    );
    expectSeries(
      result,
      'learning_rate',
      counted([
        1.2462789068320016e-5, 1.1702435557223988e-5, 1.0931792674840718e-5, 1.0155518119203511e-5,
        9.378303625685196e-6, 8.604846610560771e-6, 7.839821780235168e-6, 7.0878528777274814e-6,
        6.35348473717345e-6, 5.64115581524629e-6, 4.955171365513603e-6,
      ]),
    );
    expectSeries(
      result,
      'epoch',
      counted([0.42, 0.44, 0.47, 0.49, 0.52, 0.54, 0.57, 0.59, 0.62, 0.64, 0.67]),
    );
    expectSeriesNames(result, ['loss', 'learning_rate', 'epoch']);
    expect(result.summary).toEqual({});
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(ALIGNMENT_55));
});

const MODERNBERT_233 = 'hf-trainer__modernbert-issue-233.log';
describe(MODERNBERT_233, () => {
  // Pitfall: bare `nan` literal for grad_norm (kept as NaN points), loss exactly 0.0, the same
  // epoch 0.53 three times (records differ in lr, so none is a duplicate), trailing space.
  it('keeps NaN grad norms and zero losses as points', () => {
    const result = parseFixture(MODERNBERT_233);
    expect(result.format).toBe('hf-trainer');
    expect(result.stepSource).toBe('count');
    expectSeries(result, 'loss', counted([0.2051, 0, 0]));
    expectSeries(result, 'grad_norm', counted([Number.NaN, Number.NaN, Number.NaN]));
    expectSeries(
      result,
      'learning_rate',
      counted([9.774074342405685e-6, 9.773696745450087e-6, 9.773318840518906e-6]),
    );
    expectSeries(result, 'epoch', counted([0.53, 0.53, 0.53]));
    expectSeriesNames(result, ['loss', 'grad_norm', 'learning_rate', 'epoch']);
    expect(result.summary).toEqual({});
  });

  it(STREAMING, () => expectStreamingMatchesWhole(MODERNBERT_233));
});

const HABANA_2242 = 'hf-trainer__optimum-habana-pr-2242-npfloat64.log';
describe(HABANA_2242, () => {
  // Pitfall: numpy-2 repr leak `np.float64(44.35)` as values, keys with spaces and parentheses.
  it('unwraps np.float64(...) values and keeps the spaced keys', () => {
    const result = parseFixture(HABANA_2242);
    expect(result.format).toBe('hf-trainer');
    expect(result.stepSource).toBe('count');
    expectSeries(result, 'loss', [[1, 0.8835]]);
    expectSeries(result, 'grad_norm', [[1, 0.45611411333084106]]);
    expectSeries(result, 'learning_rate', [[1, 0.0004]]);
    expectSeries(result, 'epoch', [[1, 1.82]]);
    expectSeries(result, 'memory_allocated (GB)', [[1, 44.35]]);
    expectSeries(result, 'max_memory_allocated (GB)', [[1, 82.8]]);
    expectSeries(result, 'total_memory_available (GB)', [[1, 94.62]]);
    expectSeriesNames(result, [
      'loss',
      'grad_norm',
      'learning_rate',
      'epoch',
      'memory_allocated (GB)',
      'max_memory_allocated (GB)',
      'total_memory_available (GB)',
    ]);
    expect(result.summary).toEqual({});
  });

  it(STREAMING, () => expectStreamingMatchesWhole(HABANA_2242));
});

const TRL_733 = 'hf-trainer__trl-issue-733-sft-old.log';
describe(TRL_733, () => {
  // Pitfall: variable runs of trailing spaces after each dict (tqdm clear-line residue); 2023
  // dicts without grad_norm; constant lr 1e-05.
  it('reads padded dicts and counts them', () => {
    const result = parseFixture(TRL_733);
    expect(result.format).toBe('hf-trainer');
    expect(result.stepSource).toBe('count');
    expectSeries(
      result,
      'loss',
      counted([1.0037, 0.7644, 0.7018, 0.6524, 0.613, 0.588, 0.5651, 0.5447, 0.5373, 0.5254]),
    );
    expectSeries(result, 'learning_rate', counted(Array<number>(10).fill(1e-5)));
    expectSeries(
      result,
      'epoch',
      counted([0.01, 0.03, 0.04, 0.06, 0.07, 0.08, 0.1, 0.11, 0.12, 0.14]),
    );
    expectSeriesNames(result, ['loss', 'learning_rate', 'epoch']);
    expect(result.summary).toEqual({});
  });

  it(STREAMING, () => expectStreamingMatchesWhole(TRL_733));
});

const VIDEOLLAMA_157 = 'hf-trainer__videollama2-issue-157.log';
describe(VIDEOLLAMA_157, () => {
  // Pitfall: repeated epochs (0.01, 0.01 / 0.03, 0.03 / 0.05, 0.05) so epoch cannot order or
  // de-duplicate records; long float grad norms; lr '1e-05' short form. 13 counted records.
  it('counts all 13 records even where the epoch repeats', () => {
    const result = parseFixture(VIDEOLLAMA_157);
    expect(result.format).toBe('hf-trainer');
    expect(result.stepSource).toBe('count');
    expectSeries(
      result,
      'loss',
      counted([
        1.5214, 1.5197, 1.3843, 0.5067, 0.4281, 0.3751, 0.6321, 0.3688, 0.3486, 0.3496, 0.291,
        0.3098, 0.271,
      ]),
    );
    expectSeries(
      result,
      'grad_norm',
      counted([
        82.93941089686794, 91.43226300518772, 117.94924912080238, 31.150019053226128,
        38.64170903808288, 19.90264880071217, 37.228204250367746, 20.387932031811747,
        14.012076077393262, 22.349105568435977, 9.85790174114647, 13.538180247193864,
        6.623439021748574,
      ]),
    );
    expectSeries(
      result,
      'learning_rate',
      counted([
        1.4285714285714286e-6, 2.8571428571428573e-6, 4.2857142857142855e-6, 5.7142857142857145e-6,
        7.1428571428571436e-6, 8.571428571428571e-6, 1e-5, 1.1428571428571429e-5,
        1.2857142857142859e-5, 1.4285714285714287e-5, 1.5714285714285715e-5, 1.7142857142857142e-5,
        1.8571428571428575e-5,
      ]),
    );
    expectSeries(
      result,
      'epoch',
      counted([0.01, 0.01, 0.02, 0.03, 0.03, 0.04, 0.05, 0.05, 0.06, 0.07, 0.08, 0.08, 0.09]),
    );
    expectSeriesNames(result, ['loss', 'grad_norm', 'learning_rate', 'epoch']);
    expect(result.summary).toEqual({});
  });

  it(STREAMING, () => expectStreamingMatchesWhole(VIDEOLLAMA_157));
});

const PLANTCLEF_RESUMED = 'jsonl__plantclef-issue-2-resumed.log';
describe(PLANTCLEF_RESUMED, () => {
  // Pitfall: DeiT/BEiT log.txt (one JSON line per epoch, epoch is the x-axis) resumed and appended:
  // epochs 50, 51, 52 appear twice; the later block replaces the earlier one. `train_loss` here
  // is the per-epoch train loss (the DeiT convention of README rule 2): the `loss` curve.
  it('reports the restart at epoch 50 and keeps the values logged after it', () => {
    const result = parseFixture(PLANTCLEF_RESUMED);
    expect(result.format).toBe('jsonl');
    expect(result.stepSource).toBe('explicit');
    expect(result.restarts).toEqual([{ step: 50, fromStep: 52, line: 4 }]);
    expectSeries(result, 'loss', [
      [50, 4.49533496481264],
      [51, 4.471119584005713],
      [52, 4.455441215571274],
    ]);
    expectSeries(result, 'test_loss', [
      [50, 0.4578178479468628],
      [51, 0.41190216618806424],
      [52, 0.4319381663458539],
    ]);
    expectSeries(result, 'test_acc1', [
      [50, 92.53615796600609],
      [51, 92.72560020431582],
      [52, 93.03374743477534],
    ]);
    expectSeries(result, 'train_lr', [
      [50, 0.0005335122050743356],
      [51, 0.0005170158652777887],
      [52, 0.0005005014656250234],
    ]);
    expect(result.summary).toEqual({});
  });

  it(STREAMING, () => expectStreamingMatchesWhole(PLANTCLEF_RESUMED));
});

const KERAS_VERBOSE2 = 'keras__keras-complex-issue-22-verbose2.log';
describe(KERAS_VERBOSE2, () => {
  // Pitfall: Keras verbose=2 lines (`1079/1079 - 21s - loss: 0.2431 - 21s/epoch - 19ms/step`), the
  // `Epoch i/N` header gives the step; a TF C++ log line (`cuda_dnn.cc:424 ... 8900`) is noise.
  it('reads one loss per epoch and skips the TF log line', () => {
    const result = parseFixture(KERAS_VERBOSE2);
    expect(result.format).toBe('keras');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'loss', [
      [1, 0.2431],
      [2, 0.2135],
      [3, 0.2003],
      [4, 0.2163],
      [5, 0.2038],
    ]);
    expectSeriesNames(result, ['loss'], ['epoch']);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(KERAS_VERBOSE2));
});

const KERAS_16906 = 'keras__keras-issue-16906.log';
describe(KERAS_16906, () => {
  // Pitfall: verbose=1 final bar lines after `Epoch i/200` headers; a stray `(None, 32, 32, 3)`
  // shape print is not a record; `30ms/step` is a timing, not a metric.
  it('reads loss and accuracy per epoch', () => {
    const result = parseFixture(KERAS_16906);
    expect(result.format).toBe('keras');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'loss', [
      [1, 3.9305],
      [2, 3.5681],
      [3, 3.3872],
      [4, 3.1754],
      [5, 2.9871],
      [6, 2.7658],
    ]);
    expectSeries(result, 'sparse_categorical_accuracy', [
      [1, 0.228],
      [2, 0.3268],
      [3, 0.3728],
      [4, 0.3938],
      [5, 0.4283],
      [6, 0.4703],
    ]);
    expectSeriesNames(result, ['loss', 'sparse_categorical_accuracy'], ['epoch']);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(KERAS_16906));
});

const KERAS_MRDBOURKE = 'keras__mrdbourke-issue-8.log';
describe(KERAS_MRDBOURKE, () => {
  // Pitfall: `781us/step` (microseconds) is not a metric; `mse` duplicates `loss` but is its own
  // series; the huge first-epoch loss 1457.4397 is kept.
  it('reads ten epochs of loss and mse', () => {
    const result = parseFixture(KERAS_MRDBOURKE);
    expect(result.format).toBe('keras');
    expect(result.stepSource).toBe('explicit');
    const values = [
      1457.4397, 40.0271, 25.4607, 25.9577, 25.4081, 24.5854, 27.7506, 25.3395, 24.8364, 25.097,
    ];
    expectSeries(result, 'loss', zip(range(1, 10), values));
    expectSeries(result, 'mse', zip(range(1, 10), values));
    expectSeriesNames(result, ['loss', 'mse'], ['epoch']);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(KERAS_MRDBOURKE));
});

const LIGHTNING_4225 = 'lightning__pl-issue-4225.log';
describe(LIGHTNING_4225, () => {
  // Pitfall: each bar position printed twice, before and after its postfix update (the later value
  // wins), the first bars have no postfix, `v_num` is not a metric, `Training: 0it` is noise.
  it('takes the step from the bar position and the later postfix value per step', () => {
    const result = parseFixture(LIGHTNING_4225);
    expect(result.format).toBe('lightning');
    expect(result.stepSource).toBe('progress');
    expectSeries(result, 'loss', [
      [1, 10.473],
      [2, 10.224],
      [3, 10.047],
      [4, 9.926],
      [5, 9.847],
    ]);
    expectSeriesNames(result, ['loss'], ['epoch']);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(LIGHTNING_4225));
});

const LITGPT_1607 = 'litgpt__litgpt-issue-1607.log';
describe(LITGPT_1607, () => {
  // Pitfall: `iter 3050700 step 610140` carries the micro-batch counter and the optimizer step (5
  // iters per step). The iter counter is used: it gives every record its own step whatever the log
  // interval (with `iter 8 step 2` logging, steps repeat), so the x-axis unit does not depend on the
  // file. `val: 2.861` is carried forward on every line: one evaluation, charted once where it first
  // appears. No trailing newline.
  it('uses the iter counter and does not repeat the carried-forward val loss', () => {
    const result = parseFixture(LITGPT_1607);
    expect(result.format).toBe('litgpt');
    expect(result.stepSource).toBe('explicit');
    expectSeries(
      result,
      'loss',
      zip(range(3050700, 3051000, 50), [2.846, 2.75, 2.815, 2.86, 2.909, 2.842, 2.857]),
    );
    expectSeries(result, 'eval_loss', [[3050700, 2.861]]);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(LITGPT_1607));
});

const LF_GRPO = 'llamafactory-jsonl__360-llama-factory-grpo.log';
describe(LF_GRPO, () => {
  // Pitfall: `lr` key (not learning_rate), extra `accuracy`, tiny E-notation lr, time strings such
  // as "3 days, 17:51:32" that are not numbers.
  it('reads current_steps, lr and accuracy', () => {
    const result = parseFixture(LF_GRPO);
    expect(result.format).toBe('llamafactory-jsonl');
    expect(result.stepSource).toBe('explicit');
    const steps = range(1, 10);
    expectSeries(
      result,
      'loss',
      zip(steps, [0.6491, 0.6466, 1.1105, 0.2624, 0.9423, 0.7356, 0.9399, 0.4753, 0.4834, 0.852]),
    );
    expectSeries(
      result,
      'accuracy',
      zip(steps, [1.0, 1.0, 0.25, 1.0, 0.5, 0.25, 0.5, 0.75, 0.75, 0.5]),
    );
    expectSeries(
      result,
      'learning_rate',
      zip(
        steps,
        [
          9.803921568627451e-10, 1.9607843137254903e-9, 2.941176470588235e-9, 3.9215686274509805e-9,
          4.9019607843137254e-9, 5.88235294117647e-9, 6.862745098039215e-9, 7.843137254901961e-9,
          8.823529411764706e-9, 9.803921568627451e-9,
        ],
      ),
    );
    expectPoints(result, 'epoch', [
      [1, 0.0019588638589618022],
      [10, 0.019588638589618023],
    ]);
    expectNoSeriesNamed(result, ['lr', 'current_steps', 'elapsed_time', 'remaining_time']);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(LF_GRPO));
});

const LF_FOODPO = 'llamafactory-jsonl__foodpo-report-md.log';
describe(LF_FOODPO, () => {
  // Pitfall: custom DPO stage with fp32-artefact accuracies, loss on a ~50 scale, final lr 0.0.
  it('reads both records, including the zero learning rate', () => {
    const result = parseFixture(LF_FOODPO);
    expect(result.format).toBe('llamafactory-jsonl');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'loss', [
      [5, 53.9602],
      [10, 42.0622],
    ]);
    expectSeries(result, 'accuracy', [
      [5, 0.4000000059604645],
      [10, 0.20000000298023224],
    ]);
    expectSeries(result, 'learning_rate', [
      [5, 2.777777777777778e-5],
      [10, 0],
    ]);
    expectSeries(result, 'epoch', [
      [5, 0.5],
      [10, 1.0],
    ]);
    expectNoSeriesNamed(result, ['lr', 'elapsed_time', 'remaining_time']);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(LF_FOODPO));
});

const LF_774 = 'llamafactory-jsonl__llamafactory-issue-774.log';
describe(LF_774, () => {
  // Pitfall: old schema with eval_loss / predict_loss / reward always null (missing, not 0), and a
  // final 100% line whose loss and learning_rate are null.
  it('treats null as missing and keeps the real points', () => {
    const result = parseFixture(LF_774);
    expect(result.format).toBe('llamafactory-jsonl');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'loss', [
      [3200, 4.4671],
      [3210, 4.4577],
      [3220, 4.4458],
      [3230, 4.4598],
    ]);
    expectSeries(result, 'learning_rate', [
      [3200, 1.4439610072863874e-8],
      [3210, 7.367495402210711e-9],
      [3220, 2.6523817248214068e-9],
      [3230, 2.9471371284783834e-10],
    ]);
    expectSeries(result, 'epoch', [
      [3200, 0.99],
      [3210, 0.99],
      [3220, 1.0],
      [3230, 1.0],
      [3235, 1.0],
    ]);
    expectNoSeriesNamed(result, ['eval_loss', 'predict_loss', 'reward']);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(LF_774));
});

const LF_MISTRAL = 'llamafactory-jsonl__mistral-translator.log';
describe(LF_MISTRAL, () => {
  // Pitfall: `throughput` is a quoted string "0.00" (a quoted number is a value), total_tokens 0.
  it('reads every 10th step and the quoted throughput', () => {
    const result = parseFixture(LF_MISTRAL);
    expect(result.format).toBe('llamafactory-jsonl');
    expect(result.stepSource).toBe('explicit');
    const steps = range(10, 80, 10);
    expectSeries(
      result,
      'loss',
      zip(steps, [2.4977, 2.7655, 2.7241, 2.8357, 2.1159, 1.498, 0.9835, 1.0009]),
    );
    expectSeries(
      result,
      'learning_rate',
      zip(
        steps,
        [
          5.773672055427253e-7, 1.1547344110854505e-6, 1.7321016166281756e-6, 2.309468822170901e-6,
          2.886836027713626e-6, 3.464203233256351e-6, 4.041570438799077e-6, 4.618937644341802e-6,
        ],
      ),
    );
    expectSeries(result, 'throughput', zip(steps, Array<number>(8).fill(0)));
    expectNoSeriesNamed(result, ['eval_loss', 'elapsed_time', 'remaining_time']);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(LF_MISTRAL));
});

const LLMC_NAN = 'llmc__anthonix-llmc-issue-2-nan.log';
describe(LLMC_NAN, () => {
  // Pitfall: `loss     nan (+nanz)|` (right-aligned nan with a suffix and no space before `|`) must
  // become NaN points, not be dropped; `val loss nan` takes the step of the train line before it;
  // `generating:` and `---` are noise.
  it('keeps NaN losses and norms as points', () => {
    const result = parseFixture(LLMC_NAN);
    expect(result.format).toBe('nanogpt');
    expect(result.stepSource).toBe('explicit');
    const steps = range(10, 20);
    expectSeries(result, 'loss', zip(steps, Array<number>(11).fill(Number.NaN)));
    expectSeries(result, 'grad_norm', zip(steps, Array<number>(11).fill(Number.NaN)));
    expectSeries(result, 'learning_rate', zip(steps, Array<number>(11).fill(3e-4)));
    expectSeries(result, 'eval_loss', [[20, Number.NaN]]);
    expectNoSeriesNamed(result, ['norm', 'lr', 'generating']);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(LLMC_NAN));
});

const LLMC_CPU = 'llmc__llmc-pr-156-cpu.log';
describe(LLMC_CPU, () => {
  // Pitfall: the `[GPT-2]` `key: value` config header is not metrics; standalone `val loss` lines
  // carry no step. The first one comes before any train record: it is the evaluation before
  // training, charted at step 0; the last one takes the step of the train line before it (9).
  it('reads train and val losses and ignores the config header', () => {
    const result = parseFixture(LLMC_CPU);
    expect(result.format).toBe('nanogpt');
    expect(result.stepSource).toBe('explicit');
    expectSeries(
      result,
      'loss',
      zip(
        range(0, 9),
        [
          4.845659, 4.769723, 4.399278, 3.885524, 4.519618, 4.488451, 5.019192, 4.146207, 4.76461,
          4.560529,
        ],
      ),
    );
    expectSeries(result, 'eval_loss', [
      [0, 6.971008],
      [9, 6.444646],
    ]);
    expectNoSeriesNamed(result, [
      'max_seq_len',
      'vocab_size',
      'num_layers',
      'num_heads',
      'channels',
      'num_parameters',
      'train dataset num_batches',
      'val dataset num_batches',
      'num_activations',
    ]);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(LLMC_CPU));
});

const MEGATRON_NAMES = [
  'consumed samples',
  'elapsed time per iteration (ms)',
  'learning_rate',
  'global batch size',
  'loss',
  'loss scale',
  'grad_norm',
  'number of skipped iterations',
  'number of nan iterations',
];

const MEGATRON_K8S = 'megatron__awsome-distributed-training-k8s.log';
describe(MEGATRON_K8S, () => {
  // Pitfall: long startup preamble (arguments with dot leaders, `> padded vocab (size: 50257)`,
  // `time to initialize megatron (seconds): 15.424`, dataset sizes) is noise; iterations 1-3 were
  // skipped by the fp16 scaler so they print NO lm loss and NO grad norm; lr 0.000E+00.
  it('reads the skipped iterations without inventing a loss', () => {
    const result = parseFixture(MEGATRON_K8S);
    expect(result.format).toBe('megatron');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'learning_rate', [
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
    expectSeries(result, 'loss scale', [
      [1, 4294967296],
      [2, 2147483648],
      [3, 1073741824],
    ]);
    expectSeries(result, 'consumed samples', [
      [1, 288],
      [2, 576],
      [3, 864],
    ]);
    expectSeries(result, 'number of skipped iterations', [
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    expectSeriesNames(
      result,
      MEGATRON_NAMES.filter((name) => name !== 'loss' && name !== 'grad_norm'),
    );
  });

  it(STREAMING, () => expectStreamingMatchesWhole(MEGATRON_K8S));
});

const MEGATRON_SRUN = 'megatron__awsome-distributed-training-srun.log';
describe(MEGATRON_SRUN, () => {
  // Pitfall: `srun -l` rank prefix `   1:  ` before `iteration`; grad norm 0.000; E+01 exponents.
  it('strips the rank prefix and reads the iterations', () => {
    const result = parseFixture(MEGATRON_SRUN);
    expect(result.format).toBe('megatron');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'loss', [
      [25, 10.86954],
      [26, 10.86217],
      [27, 10.87129],
    ]);
    expectSeries(result, 'learning_rate', [
      [25, 1.638e-8],
      [26, 1.704e-8],
      [27, 1.769e-8],
    ]);
    expectSeries(result, 'grad_norm', [
      [25, 0],
      [26, 0],
      [27, 0],
    ]);
    expectSeries(result, 'loss scale', [
      [25, 4294967296],
      [26, 4294967296],
      [27, 4294967296],
    ]);
    expectSeriesNames(result, MEGATRON_NAMES);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(MEGATRON_SRUN));
});

const MEGATRON_TR8B = 'megatron__bigscience-tr8b-chronicles.log';
describe(MEGATRON_TR8B, () => {
  // Pitfall: Megatron-DeepSpeed extra keys (`consumed tokens`, `num zeros`), batch-size ramp-up,
  // ` ...` elision and blank lines, and an author comment line `# the log seems to still report
  // 6.000E-05 ... 6564 is the last one` that must not become a record.
  it('reads the four iterations and ignores the author comment', () => {
    const result = parseFixture(MEGATRON_TR8B);
    expect(result.format).toBe('megatron');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'loss', [
      [6502, 3.876781],
      [6503, 4.023108],
      [6504, 4.030526],
      [8600, 3.407058],
    ]);
    expectSeries(result, 'learning_rate', [
      [6502, 5.997e-5],
      [6503, 6e-5],
      [6504, 6e-5],
      [8600, 6e-5],
    ]);
    expectSeries(result, 'grad_norm', [
      [6502, 3246.595],
      [6503, 3670.127],
      [6504, 2954.856],
      [8600, 3035.816],
    ]);
    expectSeries(result, 'global batch size', [
      [6502, 80],
      [6503, 80],
      [6504, 80],
      [8600, 160],
    ]);
    expectSeriesNames(result, [...MEGATRON_NAMES, 'consumed tokens', 'num zeros']);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(MEGATRON_TR8B));
});

const MEGATRON_WRAPPED = 'megatron__bigscience-tr8b-wrapped.log';
describe(MEGATRON_WRAPPED, () => {
  // Pitfall: iteration 13251 is hard-wrapped over 3 lines (`learning rate:` ⏎ ` 5.996E-05`, and
  // `iteratio` ⏎ `ns`). A person reads it as one record: the line is complete only at its closing
  // ` |`, so joining the pieces recovers it; no fragment may become a key of its own.
  it('re-joins the wrapped iteration line', () => {
    const result = parseFixture(MEGATRON_WRAPPED);
    expect(result.format).toBe('megatron');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'loss', [
      [13251, 2.924229],
      [14000, 2.898812],
    ]);
    expectSeries(result, 'learning_rate', [
      [13251, 5.996e-5],
      [14000, 5.994e-5],
    ]);
    expectSeries(result, 'grad_norm', [
      [13251, 122160.116],
      [14000, 2553.971],
    ]);
    expectSeries(result, 'loss scale', [
      [13251, 524288],
      [14000, 4096],
    ]);
    expectSeriesNames(result, [...MEGATRON_NAMES, 'consumed tokens', 'num zeros']);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(MEGATRON_WRAPPED));
});

const MEGATRON_LLM_11 = 'megatron__megatron-llm-issue-11.log';
describe(MEGATRON_LLM_11, () => {
  // Pitfall: leading space, right-aligned padded numbers, `2.504220E+00`, trailing ` |`.
  it('reads lm loss, learning rate and grad norm per iteration', () => {
    const result = parseFixture(MEGATRON_LLM_11);
    expect(result.format).toBe('megatron');
    expect(result.stepSource).toBe('explicit');
    expectSeries(result, 'loss', [
      [122, 2.50422],
      [123, 2.493043],
      [124, 2.559583],
      [125, 2.477393],
    ]);
    expectSeries(result, 'learning_rate', [
      [122, 9.15e-6],
      [123, 9.225e-6],
      [124, 9.3e-6],
      [125, 9.375e-6],
    ]);
    expectSeries(result, 'grad_norm', [
      [122, 0.231],
      [123, 0.236],
      [124, 0.242],
      [125, 0.356],
    ]);
    expectSeriesNames(result, MEGATRON_NAMES);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(MEGATRON_LLM_11));
});

const METRICLOGGER_DEIT = 'metriclogger__pyra-issue-3-deit.log';
describe(METRICLOGGER_DEIT, () => {
  // Pitfall: `loss: 0.0276 (0.0314)` is value then running average (the value is charted);
  // `Total time:` lines are noise; no global step is printed, only `Epoch: [27]  [10/31]`, so the
  // x-axis is epoch × 31 + batch, as for Lightning bars. `Averaged stats:` repeats the epoch's last
  // values and is left open (only the per-iteration points are asserted).
  it('places per-iteration values at epoch × batches + batch', () => {
    const result = parseFixture(METRICLOGGER_DEIT);
    expect(result.format).toBe('generic');
    expect(result.stepSource).toBe('progress');
    expectPoints(result, 'loss', [
      [837, 0.0276],
      [847, 0.0276],
      [857, 0.0334],
      [867, 0.0368],
      [868, 0.0598],
      [878, 0.0328],
      [888, 0.0401],
      [898, 0.0468],
    ]);
    expectPoints(result, 'learning_rate', [
      [837, 0.001265],
      [867, 0.001265],
      [868, 0.001248],
      [898, 0.001248],
    ]);
    expect(result.series.loss?.values ?? []).not.toContain(0.0314);
    expectNoSeriesNamed(result, ['lr', 'Total time', 'eta']);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(METRICLOGGER_DEIT));
});

const MLX_210 = 'mlx-lm__mlx-examples-issue-210.log';
describe(MLX_210, () => {
  // Pitfall: earliest mlx lora.py format (no Learning Rate, no Trained Tokens); the Val line at
  // Iter 1 has its own step; trailing blank line.
  it('reads the train and val losses at their Iter', () => {
    const result = parseFixture(MLX_210);
    expect(result.format).toBe('mlx-lm');
    expect(result.stepSource).toBe('explicit');
    const losses = [
      3.608, 3.508, 3.524, 3.352, 3.298,
      // biome-ignore lint/suspicious/noApproximativeNumericConstant: the loss at Iter 60, not π
      3.141, 2.889, 2.708, 2.332, 2.168, 2.099, 1.986, 1.606, 1.749, 1.804, 1.583, 1.434, 1.559,
      1.774, 1.555,
    ];
    expectSeries(result, 'loss', zip(range(10, 200, 10), losses));
    expectSeries(result, 'eval_loss', [[1, 2.612]]);
    expectPoints(result, 'Tokens/sec', [
      [10, 1.425],
      [120, 3.075],
      [200, 1.169],
    ]);
    expectNoSeriesNamed(result, ['learning_rate']);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(MLX_210));
});

const MLX_557 = 'mlx-lm__mlx-examples-issue-557.log';
describe(MLX_557, () => {
  // Pitfall: `Iter 100: Saved adapter weights to checkpoints/100_adapters.npz.` is not a record
  // (no `100_adapters` value at 100); `Starting training..., iters: 3000` is not a metric.
  it('reads Learning Rate and ignores the checkpoint line', () => {
    const result = parseFixture(MLX_557);
    expect(result.format).toBe('mlx-lm');
    expect(result.stepSource).toBe('explicit');
    const steps = range(10, 110, 10);
    expectSeries(
      result,
      'loss',
      zip(steps, [2.363, 1.508, 1.252, 1.372, 1.1, 1.113, 1.214, 0.996, 1.062, 1.111, 1.188]),
    );
    expectSeries(result, 'learning_rate', zip(steps, Array<number>(11).fill(1e-5)));
    expectSeries(result, 'eval_loss', [[1, 2.48]]);
    expectPoints(result, 'Trained Tokens', [
      [10, 862],
      [100, 9979],
      [110, 11063],
    ]);
    expectNoSeriesNamed(result, [
      'iters',
      'Saved adapter weights to checkpoints/100_adapters.npz.',
    ]);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(MLX_557));
});

const MLX_330 = 'mlx-lm__mlx-lm-pr-330.log';
describe(MLX_330, () => {
  // Pitfall: preamble with a command line, `Trainable parameters: 0.041% (1.311M/3212.750M)` and
  // unrelated tqdm bars (`Fetching 11 files`, `Calculating loss...`) before the Val line.
  it('reads the Iter lines and ignores the preamble and tool bars', () => {
    const result = parseFixture(MLX_330);
    expect(result.format).toBe('mlx-lm');
    expect(result.stepSource).toBe('explicit');
    const steps = range(10, 50, 10);
    expectSeries(result, 'loss', zip(steps, [2.662, 2.101, 1.781, 1.505, 1.585]));
    expectSeries(result, 'learning_rate', zip(steps, Array<number>(5).fill(1e-5)));
    expectSeries(result, 'eval_loss', [[1, 2.936]]);
    expectPoints(result, 'Peak mem', [
      [10, 9.707],
      [50, 10.588],
    ]);
    expectNoSeriesNamed(result, ['Trainable parameters', 'iters']);
    expect(result.restarts).toEqual([]);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(MLX_330));
});

const MLX_ORPO = 'mlx-lm__mlx-vlm-pr-795-orpo.log';
describe(MLX_ORPO, () => {
  // Pitfall: logged every iteration starting mid-run (Iter 36); tiny lr 2.000e-08.
  it('reads every iteration', () => {
    const result = parseFixture(MLX_ORPO);
    expect(result.format).toBe('mlx-lm');
    expect(result.stepSource).toBe('explicit');
    const steps = range(36, 46);
    expectSeries(
      result,
      'loss',
      zip(steps, [4.04, 3.989, 3.939, 3.89, 3.842, 3.795, 3.749, 3.704, 3.66, 3.617, 3.575]),
    );
    expectSeries(result, 'learning_rate', zip(steps, Array<number>(11).fill(2e-8)));
    expectNoSeriesNamed(result, ['eval_loss']);
  });

  it(STREAMING, () => expectStreamingMatchesWhole(MLX_ORPO));
});

const MLX_VLM_499 = 'mlx-vlm__mlx-vlm-pr-499.log';
describe(MLX_VLM_499, () => {
  // Pitfall: mlx-vlm prints `Trained Tokens 3778.0` as a float; noisy loss between 5.7 and 11.9.
  it('reads the loss and the float token counts', () => {
    const result = parseFixture(MLX_VLM_499);
    expect(result.format).toBe('mlx-lm');
    expect(result.stepSource).toBe('explicit');
    const steps = range(18, 27);
    expectSeries(
      result,
      'loss',
      zip(steps, [10.059, 11.859, 8.931, 9.934, 8.676, 5.783, 9.449, 9.022, 8.933, 8.3]),
    );
    expectSeries(result, 'learning_rate', zip(steps, Array<number>(10).fill(1e-4)));
    expectSeries(
      result,
      'Trained Tokens',
      zip(steps, [3778, 3790, 3907, 4608, 5162, 5301, 5592, 5697, 5892, 6109]),
    );
  });

  it(STREAMING, () => expectStreamingMatchesWhole(MLX_VLM_499));
});
