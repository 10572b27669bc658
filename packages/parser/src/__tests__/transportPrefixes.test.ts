import { describe, expect, it } from 'vitest';
import { parseTrainingLog } from '../parseTrainingLog';
import { allFixtureLogs } from './helpers/fixtureLogs';
import { curves, reprintedDifferently } from './helpers/reprint';

// A training log is often read through what collected it: `docker compose logs`, `kubectl logs
// --prefix --timestamps`, a GitHub Actions job, `mpirun --tag-output`, torchrun, Ray, pm2, the
// systemd journal. Each puts its own prefix before every line the trainer printed; the curves must
// be those of the log itself.

const COLLECTORS: Record<string, (line: string, index: number) => string> = {
  'docker compose': (line) => `trainer-1  | ${line}`,
  'docker compose v1': (line) => `project_trainer_1  | ${line}`,
  'kubectl logs --prefix': (line) => `[pod/train-7f9c/trainer] ${line}`,
  'kubectl logs --timestamps': (line, i) =>
    `2024-05-01T12:00:${String(i % 60).padStart(2, '0')}.123456789Z ${line}`,
  'GitHub Actions': (line, i) =>
    `2024-05-01T12:00:${String(i % 60).padStart(2, '0')}.1234567Z ${line}`,
  'the systemd journal': (line) => `Dec 05 01:21:46 gpu-node-3 python[12345]: ${line}`,
  'older Ray workers': (line) => `(pid=12345) ${line}`,
  'mpirun --tag-output': (line) => `[1,0]<stdout>:${line}`,
  SageMaker: (line) => `[1,mpirank:0,algo-1]<stdout>:${line}`,
  'torchrun --tee': (line) => `[default0]:${line}`,
  pm2: (line) => `0|train  | ${line}`,
  'a timestamp': (line) => `2024-05-01 12:00:00 ${line}`,
  'a Markdown quote': (line) => `> ${line}`,
  // A log captured from a terminal (`script`, tmux) keeps the window title a shell set.
  "a terminal's title": (line) => `\x1b]0;python train.py\x07${line}`,
};

// A line the terminal wrapped gets the collector's prefix once, not on its continuation: the
// Megatron log cut by the terminal cannot be prefixed line by line.
const WRAPPED = new Set(['megatron__bigscience-tr8b-wrapped.log']);

const logs = allFixtureLogs().filter(({ file }) => !WRAPPED.has(file));

describe('logs read through a collector', () => {
  it('has real logs to prefix', () => {
    expect(logs.length).toBeGreaterThan(150);
  });

  for (const [collector, prefix] of Object.entries(COLLECTORS)) {
    it(`charts what the log itself charts, through ${collector}`, () => {
      const differ = reprintedDifferently(logs, (lines) => lines.map(prefix));
      expect(differ).toEqual([]);
    }, 60_000);
  }

  it('keeps the counter an srun -l rank or a CatBoost line opens with, behind a quote', () => {
    const r = parseTrainingLog(
      [
        '> 0:\tlearn: 0.68\ttest: 0.69',
        '> 1:\tlearn: 0.61\ttest: 0.64',
        '> 2:\tlearn: 0.55\ttest: 0.6',
      ].join('\n'),
    );
    expect(r.series.learn?.steps).toEqual([0, 1, 2]);
  });

  it('does not take a table row for a compose prefix', () => {
    // `name  | value`: the row's first cell has no replica number.
    const r = parseTrainingLog(
      [
        'Epoch | Train Loss | Val Loss',
        '1     | 0.5        | 0.6',
        '2     | 0.4        | 0.55',
      ].join('\n'),
    );
    expect(r.series.loss).toEqual({ steps: [1, 2], values: [0.5, 0.4] });
  });
});

// Records spread over several lines cannot be printed twice line by line: a pretty-printed
// trainer_state.json, a dict split over lines, a Megatron line cut by the terminal.
const MULTI_LINE_RECORDS = new Set([
  'trainer-state__quality-lrqa-interleaved.json.log',
  'trainer-state__tau-bench-grpo.json.log',
  'trainer-state__trainer-state-viz-multi-eval.json.log',
  'trl-grpo__unsloth-issue-3485-split-dict.log',
  'easydel__easydel-issue-184-pprint-dict-over-lines.log',
]);

// Printed by one process only, so never interleaved line by line by two ranks: Vowpal Wabbit's
// header on two lines, Coqui TTS's step blocks of one metric a line (rank 0 logs alone).
const ONE_PROCESS = new Set([
  'vw-pass__vw-pr-113-pass-column.log',
  'vw__vw-issue-260-holdout-h.log',
  'coqui-tts__malta-tts-xtts-gpt-finetune.log',
]);

describe('the same log, printed differently', () => {
  const variants: Record<string, (lines: string[]) => string[]> = {
    // Every rank of a data-parallel job prints the same records: one point each (README rule 4).
    'by two ranks': (lines) => lines.flatMap((line) => [`[rank0]: ${line}`, `[rank1]: ${line}`]),
    'with trailing blanks': (lines) => lines.map((line) => `${line}   `),
    'with a blank line after each line': (lines) => lines.flatMap((line) => [line, '']),
  };
  for (const [how, vary] of Object.entries(variants)) {
    it(`charts the same curves ${how}`, () => {
      const kept = logs.filter(
        ({ file }) =>
          !MULTI_LINE_RECORDS.has(file) && !(how === 'by two ranks' && ONE_PROCESS.has(file)),
      );
      const differ = reprintedDifferently(kept, vary);
      expect(differ).toEqual([]);
    }, 60_000);
  }

  it('keeps one point for an identical record after the bar that placed the first', () => {
    const bar = ' 32%|███▉      | 283/873 [25:44<47:06,  4.79s/it]';
    const record = "{'loss': 0.8635, 'learning_rate': 0.0001369, 'epoch': 0.97}";
    const r = parseTrainingLog(`${[bar, record, record].join('\n')}\n`);
    expect(r.series.loss).toEqual({ steps: [283], values: [0.8635] });
  });
});

describe("a format's lines behind a logger's prefix", () => {
  function curvesOf(lines: readonly string[]): Record<string, string> {
    return curves(parseTrainingLog(`${lines.join('\n')}\n`));
  }

  it('reads MLX, nanoGPT, Keras and Megatron lines logged through Python logging', () => {
    expect(
      curvesOf([
        '2024-05-01 12:00:00,123 - INFO - Iter 10: Train loss 2.662, Learning Rate 1.000e-05, It/sec 0.490',
        '2024-05-01 12:00:01,123 - INFO - Iter 20: Train loss 2.462, Learning Rate 1.000e-05, It/sec 0.490',
        '2024-05-01 12:00:02,123 - INFO - Iter 20: Val loss 2.300, Val took 1.200s',
      ]),
    ).toMatchObject({ loss: '10,20 | 2.662,2.462', eval_loss: '20 | 2.3', 'Val took': '20 | 1.2' });
    expect(
      curvesOf([
        'INFO:root:iter 10: loss 3.2202, time 893.76ms, mfu 1.20%',
        'INFO:root:iter 20: loss 3.1000, time 893.76ms, mfu 1.20%',
      ]),
    ).toMatchObject({ loss: '10,20 | 3.2202,3.1' });
    expect(
      curvesOf([
        'INFO:root:Epoch 1/2',
        'INFO:root:100/100 - 3s - loss: 0.5000 - accuracy: 0.8000 - val_loss: 0.6000 - val_accuracy: 0.7000',
        'INFO:root:Epoch 2/2',
        'INFO:root:100/100 - 3s - loss: 0.4000 - accuracy: 0.8500 - val_loss: 0.5500 - val_accuracy: 0.7500',
      ]),
    ).toMatchObject({ loss: '1,2 | 0.5,0.4', eval_loss: '1,2 | 0.6,0.55', epoch: '1,2 | 1,2' });
    expect(
      curvesOf([
        '[2024-05-01 12:00:00,123] [INFO] [megatron] iteration      100/  10000 | consumed samples: 3200 | learning rate: 1.000E-05 | lm loss: 5.000000E+00 | loss scale: 1.0 |',
        '[2024-05-01 12:00:01,123] [INFO] [megatron] iteration      200/  10000 | consumed samples: 6400 | learning rate: 2.000E-05 | lm loss: 4.000000E+00 | loss scale: 1.0 |',
      ]),
    ).toMatchObject({ loss: '100,200 | 5,4', learning_rate: '100,200 | 0.00001,0.00002' });
  });

  it("drops loguru's module:function:line and rich's trailing source location", () => {
    expect(
      curvesOf([
        '2024-05-01 12:00:00.123 | INFO     | __main__:train:42 - Epoch 1 | loss 0.5',
        '2024-05-01 12:00:01.123 | INFO     | __main__:train:42 - Epoch 2 | loss 0.4',
      ]),
    ).toEqual({ epoch: '1,2 | 1,2', loss: '1,2 | 0.5,0.4' });
    expect(
      curvesOf([
        '[05/01/24 12:00:00] INFO     step 10 loss 2.5                    train.py:42',
        '[05/01/24 12:00:01] INFO     step 20 loss 2.25                   train.py:42',
      ]),
    ).toEqual({ loss: '10,20 | 2.5,2.25' });
  });

  it("reads DeepSpeed's engine and timer lines whole or without their logger prefix", () => {
    for (const prefix of [
      '[2022-03-11 02:06:58,985] [INFO] [logging.py:69:log_dist] [Rank 0] ',
      '',
    ]) {
      expect(
        curvesOf([
          `${prefix}step=40, skipped=2, lr=[5e-05], mom=[[0.9, 0.999]]`,
          `${prefix}step=50, skipped=2, lr=[4e-05], mom=[[0.9, 0.999]]`,
        ]),
      ).toMatchObject({ learning_rate: '40,50 | 0.00005,0.00004' });
    }
  });

  it('announces a ParlAI evaluation dict behind a logger prefix', () => {
    const r = curvesOf([
      "2024-05-01 12:00:00,123 - INFO - {'exs': 100, 'loss': 2.5, 'total_train_updates': 10}",
      "2024-05-01 12:00:01,123 - INFO - valid:{'exs': 50, 'accuracy': 0.4, 'loss': 2.7, 'total_train_updates': 10}",
    ]);
    expect(r).toMatchObject({ eval_loss: expect.any(String), eval_accuracy: expect.any(String) });
  });
});

describe('an epoch line printed twice after a bar that carried values', () => {
  it('keeps the next epochs on their own steps', () => {
    // A hand-written loop's bar description (`LR=`) places the epoch, its summary joins it; a second
    // copy of the summary (another rank) must not make the next epochs collapse onto step 1.
    const lines = [
      'Epoca 1/100 [Train] LR=1.0e-02: 100%|██████████| 389/389 [01:08<00:00,  5.69it/s]',
      'Epoca 1/100 | Train Loss: 0.115384 | Val Loss: 0.017534',
      'Epoca 1/100 | Train Loss: 0.115384 | Val Loss: 0.017534',
      'Epoca 2/100 [Train] LR=1.0e-02: 100%|██████████| 389/389 [01:08<00:00,  5.67it/s]',
      'Epoca 2/100 | Train Loss: 0.016908 | Val Loss: 0.019205',
      'Epoca 2/100 | Train Loss: 0.016908 | Val Loss: 0.019205',
      'Epoca 3/100 [Train] LR=1.0e-02: 100%|██████████| 389/389 [01:25<00:00,  4.56it/s]',
      'Epoca 3/100 | Train Loss: 0.014317 | Val Loss: 0.014093',
    ];
    const r = parseTrainingLog(`${lines.join('\n')}\n`);
    expect(r.series.loss).toEqual({ steps: [1, 2, 3], values: [0.115384, 0.016908, 0.014317] });
    expect(r.series.eval_loss?.steps).toEqual([1, 2, 3]);
  });
});

describe("a terminal's escape sequences", () => {
  it('drops a window title ended by BEL or by ESC \\, and colours, before a record', () => {
    const r = parseTrainingLog(
      [
        "\x1b]0;train\x07{'loss': 2.5, 'epoch': 0.1}",
        "\x1b]2;user@gpu: ~/run\x1b\\\x1b[32m{'loss': 2.25, 'epoch': 0.2}\x1b[0m",
      ].join('\n'),
    );
    expect(r.series.loss?.values).toEqual([2.5, 2.25]);
  });
});
