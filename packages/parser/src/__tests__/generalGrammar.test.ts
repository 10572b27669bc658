import { describe, expect, it } from 'vitest';
import { parseTrainingLog } from '../parseTrainingLog';
import type { ParseResult } from '../types';

// The general grammar (README rules 1, 3, 6, 8 and 9) on lines written for these tests, in the
// shapes hand-written training loops print. Each expectation is what a person reads in the lines.

function parse(lines: readonly string[]): ParseResult {
  return parseTrainingLog(`${lines.join('\n')}\n`);
}

function points(result: ParseResult, metric: string): Array<[number, number]> {
  const s = result.series[metric];
  if (!s) throw new Error(`no series "${metric}"; have: ${Object.keys(result.series).join(', ')}`);
  return s.steps.map((step, i) => [step, s.values[i] as number]);
}

describe('name/value pairs in any spelling', () => {
  it('reads plain sentences with capitalised names and units', () => {
    const r = parse([
      'Epoch 1, Time 4981.4s, Loss 0.5731, LR 0.1111',
      'Epoch 2, Time 4990.1s, Loss 0.5012, LR 0.1000',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 0.5731],
      [2, 0.5012],
    ]);
    expect(points(r, 'learning_rate')).toEqual([
      [1, 0.1111],
      [2, 0.1],
    ]);
    expect(points(r, 'Time')).toEqual([
      [1, 4981.4],
      [2, 4990.1],
    ]);
    expect(r.stepSource).toBe('explicit');
  });

  it('reads `key: value`, `key=value`, `key value` and no separator at all', () => {
    const r = parse([
      'step: 10 train_loss=2.50 acc 0.41 ppl:12.2',
      'step: 20 train_loss=2.25 acc 0.47 ppl:9.49',
    ]);
    expect(points(r, 'loss')).toEqual([
      [10, 2.5],
      [20, 2.25],
    ]);
    expect(points(r, 'acc')).toEqual([
      [10, 0.41],
      [20, 0.47],
    ]);
    expect(points(r, 'ppl')).toEqual([
      [10, 12.2],
      [20, 9.49],
    ]);
  });

  it('splits fields on , ; | tabs and runs of spaces', () => {
    const r = parse([
      'it 1; loss 3.0; acc 0.1',
      'it 2 | loss 2.5 | acc 0.2',
      'it 3\tloss 2.0\tacc 0.3',
      'it 4    loss 1.5    acc 0.4',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 3],
      [2, 2.5],
      [3, 2],
      [4, 1.5],
    ]);
    expect(points(r, 'acc').map(([, v]) => v)).toEqual([0.1, 0.2, 0.3, 0.4]);
  });

  it('keeps names with spaces, slashes and brackets whole', () => {
    const r = parse([
      'iteration 100 | total loss 3.4 | loss scale 32768.0 | mem (GB) 12.5 | rewards/chosen 0.25',
      'iteration 200 | total loss 3.1 | loss scale 16384.0 | mem (GB) 12.6 | rewards/chosen 0.5',
    ]);
    expect(points(r, 'total loss')).toEqual([
      [100, 3.4],
      [200, 3.1],
    ]);
    expect(points(r, 'loss scale')).toEqual([
      [100, 32768],
      [200, 16384],
    ]);
    expect(points(r, 'mem (GB)')).toEqual([
      [100, 12.5],
      [200, 12.6],
    ]);
    expect(points(r, 'rewards/chosen')).toEqual([
      [100, 0.25],
      [200, 0.5],
    ]);
  });

  it('reads thousands separators, percents, units, a sentence period and ANSI codes glued on', () => {
    const r = parse([
      'step 1 | loss: \u001b[32m2.125\u001b[0m | tps: 10,049 | mfu: 41.5% | dt: 561.94ms | grad_norm=33.4706.',
      'step 2 | loss: \u001b[32m2.000\u001b[0m | tps: 1,234,567 | mfu: 40.0% | dt: 9.2s | grad_norm=1.5.',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 2.125],
      [2, 2],
    ]);
    expect(points(r, 'tps')).toEqual([
      [1, 10049],
      [2, 1234567],
    ]);
    expect(points(r, 'mfu')).toEqual([
      [1, 41.5],
      [2, 40],
    ]);
    expect(points(r, 'dt')).toEqual([
      [1, 561.94],
      [2, 9.2],
    ]);
    expect(points(r, 'grad_norm')).toEqual([
      [1, 33.4706],
      [2, 1.5],
    ]);
  });

  it('keeps nan and inf in any case as points', () => {
    const r = parse([
      'step 1 loss NaN',
      'step 2 loss inf',
      'step 3 loss -Infinity',
      'step 4 loss nan',
    ]);
    const loss = r.series.loss;
    expect(loss?.steps).toEqual([1, 2, 3, 4]);
    expect(loss?.values[0]).toBeNaN();
    expect(loss?.values[1]).toBe(Number.POSITIVE_INFINITY);
    expect(loss?.values[2]).toBe(Number.NEGATIVE_INFINITY);
    expect(loss?.values[3]).toBeNaN();
  });

  it('splits slash-packed pairs into their names', () => {
    const r = parse(['step 5 acc/loss/lr=0.5/0.1/0.6', 'step 6 acc/loss/lr=0.55/0.09/0.5']);
    expect(points(r, 'acc')).toEqual([
      [5, 0.5],
      [6, 0.55],
    ]);
    expect(points(r, 'loss')).toEqual([
      [5, 0.1],
      [6, 0.09],
    ]);
    expect(points(r, 'learning_rate')).toEqual([
      [5, 0.6],
      [6, 0.5],
    ]);
  });

  it('maps canonical names whatever their case and separators', () => {
    const r = parse([
      'epoch 81 | loss: 0.14 | ValLoss: 1.07 | Learning-Rate: 0.001 | GradNorm: 2.5',
      'epoch 82 | loss: 0.13 | ValLoss: 1.05 | Learning-Rate: 0.001 | GradNorm: 2.25',
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [81, 1.07],
      [82, 1.05],
    ]);
    expect(points(r, 'learning_rate')).toEqual([
      [81, 0.001],
      [82, 0.001],
    ]);
    expect(points(r, 'grad_norm')).toEqual([
      [81, 2.5],
      [82, 2.25],
    ]);
    expect(points(r, 'epoch')).toEqual([
      [81, 81],
      [82, 82],
    ]);
  });

  it('does not read prose with a stray number as a record', () => {
    const r = parse([
      'Loading checkpoint shards from /models/llama-2-7b, 3 files in total',
      'Saving model checkpoint to out/checkpoint-500',
      '  Num examples = 467',
      '  Total optimization steps = 1,000',
      'step 1 loss 2.5',
      'step 2 loss 2.25',
    ]);
    expect(Object.keys(r.series)).toEqual(['loss']);
    expect(points(r, 'loss')).toEqual([
      [1, 2.5],
      [2, 2.25],
    ]);
  });

  it('reads an evaluation line announced by its words', () => {
    const r = parse([
      'epoch 1, loss 2.50, acc 0.40',
      'Validation: loss 2.70, acc 0.35',
      'epoch 2, loss 2.20, acc 0.45',
      'Validation: loss 2.55, acc 0.38',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 2.5],
      [2, 2.2],
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [1, 2.7],
      [2, 2.55],
    ]);
    expect(points(r, 'eval_acc')).toEqual([
      [1, 0.35],
      [2, 0.38],
    ]);
    expect(points(r, 'acc')).toEqual([
      [1, 0.4],
      [2, 0.45],
    ]);
  });
});

describe('steps', () => {
  it('takes the open list of explicit spellings', () => {
    expect(
      points(parse(['[936] loss=2.114 lr=1.2e-4', '[937] loss=2.101 lr=1.2e-4']), 'loss'),
    ).toEqual([
      [936, 2.114],
      [937, 2.101],
    ]);
    expect(points(parse(['step=280 loss=1.5', 'step=290 loss=1.4']), 'loss')).toEqual([
      [280, 1.5],
      [290, 1.4],
    ]);
    expect(
      points(
        parse(['Step 5350/50000; acc: 61.42; ppl: 6.87', 'Step 5400/50000; acc: 61.50; ppl: 6.80']),
        'ppl',
      ),
    ).toEqual([
      [5350, 6.87],
      [5400, 6.8],
    ]);
    expect(
      points(parse(['completed step: 1, loss: 4.2', 'completed step: 2, loss: 4.1']), 'loss'),
    ).toEqual([
      [1, 4.2],
      [2, 4.1],
    ]);
    expect(
      points(
        parse(['epoch 3 | num_updates=2800 | loss=5.1', 'epoch 3 | num_updates=2900 | loss=5.0']),
        'loss',
      ),
    ).toEqual([
      [2800, 5.1],
      [2900, 5.0],
    ]);
  });

  it('places an in-epoch position at epoch × length + position', () => {
    const r = parse([
      'Epoch [1/10], Step [100/600], Loss: 0.2500',
      'Epoch [1/10], Step [200/600], Loss: 0.2000',
      'Epoch [2/10], Step [100/600], Loss: 0.1500',
    ]);
    expect(points(r, 'loss')).toEqual([
      [100, 0.25],
      [200, 0.2],
      [700, 0.15],
    ]);
  });

  it('places a batch position under an epoch header line in that epoch', () => {
    // AllenNLP 0.x: `Epoch 0/139` alone, then `Batch n/N:` lines; epochs count from 0 here.
    const r = parse([
      '2017-10-14 16:48:27,962 - INFO - allennlp.training.trainer - Epoch 0/1',
      '2017-10-14 16:48:48,950 - INFO - allennlp.training.trainer - Batch 1/500: accuracy: 0.25, loss: 6.66 ||',
      '2017-10-14 16:48:58,960 - INFO - allennlp.training.trainer - Batch 300/500: accuracy: 0.42, loss: 1.32 ||',
      '2017-10-14 16:58:27,962 - INFO - allennlp.training.trainer - Epoch 1/1',
      '2017-10-14 16:58:48,950 - INFO - allennlp.training.trainer - Batch 1/500: accuracy: 0.55, loss: 0.91 ||',
    ]);
    expect(r.stepSource).not.toBe('count');
    expect(points(r, 'loss')).toEqual([
      [1, 6.66],
      [300, 1.32],
      [501, 0.91],
    ]);
    // Epochs from 1: the first epoch's batches are the steps themselves.
    const one = parse(['Epoch 1', 'Batch 10/100: loss 0.5', 'Epoch 2', 'Batch 10/100: loss 0.4']);
    expect(points(one, 'loss')).toEqual([
      [10, 0.5],
      [110, 0.4],
    ]);
  });

  it('drops a dotted logger name after the level word', () => {
    const r = parse([
      '2020-01-14 16:28:56,710 - INFO - my_project.train - step 10 loss 2.5',
      '2020-01-14 16:28:57,710 - INFO - __main__ - step 20 loss 2.25',
    ]);
    expect(points(r, 'loss')).toEqual([
      [10, 2.5],
      [20, 2.25],
    ]);
    expect(Object.keys(r.series)).toEqual(['loss']);
  });

  it('never collapses records whose step starts again every epoch', () => {
    const r = parse([
      'Epoch 0 | Step 0 | Loss 6.1',
      'Epoch 0 | Step 20 | Loss 2.6',
      'Epoch 1 | Step 0 | Loss 2.0',
      'Epoch 1 | Step 20 | Loss 1.6',
    ]);
    const loss = r.series.loss;
    expect(loss?.values).toEqual([6.1, 2.6, 2.0, 1.6]);
    expect(new Set(loss?.steps).size).toBe(4);
    expect(r.restarts).toEqual([]);
  });

  it('uses an epoch as the step while it advances, and counts records once it repeats', () => {
    const perEpoch = parse([
      'Epoch 1/3 - loss: 0.9',
      'Epoch 2/3 - loss: 0.8',
      'Epoch 3/3 - loss: 0.7',
    ]);
    expect(points(perEpoch, 'loss')).toEqual([
      [1, 0.9],
      [2, 0.8],
      [3, 0.7],
    ]);
    const several = parse([
      'epoch 1 loss 0.9',
      'epoch 1 loss 0.85',
      'epoch 1 loss 0.8',
      'epoch 2 loss 0.75',
    ]);
    expect(several.series.loss?.values).toEqual([0.9, 0.85, 0.8, 0.75]);
    expect(new Set(several.series.loss?.steps).size).toBe(4);
  });

  it('does not take its steps from a bar stuck at one position', () => {
    const r = parse([
      '100%|██████████| 8/8 [00:01<00:00,  6.10it/s]',
      "{'loss': 1.5, 'epoch': 1.0}",
      '100%|██████████| 8/8 [00:01<00:00,  6.20it/s]',
      "{'loss': 1.25, 'epoch': 2.0}",
      '100%|██████████| 8/8 [00:01<00:00,  6.15it/s]',
      "{'loss': 1.0, 'epoch': 3.0}",
    ]);
    expect(r.series.loss?.values).toEqual([1.5, 1.25, 1.0]);
    expect(new Set(r.series.loss?.steps).size).toBe(3);
  });
});

describe('tables', () => {
  it('reads a phase table (Training | Validation columns, one metric a row) as one record', () => {
    // AllenNLP's end-of-epoch table, through its logger; N/A is no value.
    const row = (text: string) =>
      `2019-10-15 12:46:03,516 - INFO - allennlp.training.tensorboard_writer - ${text}`;
    const table = (loss: string, acc: string) => [
      row('                  Training |  Validation'),
      row('cpu_memory_MB |  1919.684  |       N/A'),
      row(`accuracy      |     ${acc}`),
      row(`loss          |     ${loss}`),
      '2019-10-15 12:46:03,541 - INFO - allennlp.training.trainer - Epoch duration: 0:00:39.843',
    ];
    const r = parse([
      ...table('3.572  |     3.231', '0.166  |     0.185'),
      ...table('2.572  |     2.231', '0.266  |     0.285'),
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 3.572],
      [2, 2.572],
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [1, 3.231],
      [2, 2.231],
    ]);
    expect(points(r, 'eval_accuracy')).toEqual([
      [1, 0.185],
      [2, 0.285],
    ]);
    expect(points(r, 'cpu_memory_MB')).toEqual([
      [1, 1919.684],
      [2, 1919.684],
    ]);
    expect(r.series.eval_cpu_memory_MB).toBeUndefined();
    // A Markdown phase table with a blank corner cell and a test column.
    const md = parse([
      '|           |  Training |  Validation | Testing |',
      '|-----------|-----------|-------------|---------|',
      '| Accuracy  |   0.980   | 0.924       |  0.921  |',
      '| Loss      |   0.0596  | 0.223       |  0.243  |',
    ]);
    expect(points(md, 'loss')).toEqual([[1, 0.0596]]);
    expect(points(md, 'eval_loss')).toEqual([[1, 0.223]]);
    expect(points(md, 'test_loss')).toEqual([[1, 0.243]]);
    expect(points(md, 'test_Accuracy')).toEqual([[1, 0.921]]);
  });

  it('keeps a table whose column names start with a phase word an ordinary table', () => {
    // `Train Loss` is a column name, not a phase: the rows are epochs, not metrics.
    const r = parse(['Epoch | Train Loss | Val Loss', '1 | 0.5 | 0.6', '2 | 0.4 | 0.55']);
    expect(points(r, 'loss')).toEqual([
      [1, 0.5],
      [2, 0.4],
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [1, 0.6],
      [2, 0.55],
    ]);
  });

  it('reads an aligned-space table with the epoch as its step and empty cells as no value', () => {
    const r = parse([
      'epoch     train_loss  valid_loss  accuracy  time',
      '0         0.571278    1.090870    0.1563    00:23',
      '1         0.377181                0.4063    00:22',
      '2         0.322664    2.200471    0.4688    00:22',
    ]);
    expect(r.format).toBe('table');
    expect(points(r, 'loss')).toEqual([
      [0, 0.571278],
      [1, 0.377181],
      [2, 0.322664],
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [0, 1.09087],
      [2, 2.200471],
    ]);
  });

  it('reads a Markdown table whose step is not the first column', () => {
    const r = parse([
      '| Training Loss | Epoch | Step | Validation Loss | Wer |',
      '|:-------------:|:-----:|:----:|:---------------:|:---:|',
      '| No log        | 1.0   | 100  | 0.9             | 50.1 |',
      '| 0.5           | 2.0   | 200  | -               | -    |',
      '| 0.25          | 3.0   | 300  | 0.7             | 40.0 |',
    ]);
    expect(points(r, 'loss')).toEqual([
      [200, 0.5],
      [300, 0.25],
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [100, 0.9],
      [300, 0.7],
    ]);
    expect(points(r, 'Wer')).toEqual([
      [100, 50.1],
      [300, 40],
    ]);
    expect(r.stepSource).toBe('explicit');
  });

  it('reads a tab-separated table', () => {
    const r = parse(['Iteration\tLoss\tAccuracy', '50\t1.5\t0.5', '100\t1.25\t0.6']);
    expect(points(r, 'loss')).toEqual([
      [50, 1.5],
      [100, 1.25],
    ]);
    expect(points(r, 'Accuracy')).toEqual([
      [50, 0.5],
      [100, 0.6],
    ]);
  });

  it('reads vertical name/value boxes, one record per box', () => {
    const box = (timesteps: number, loss: number) => [
      '-----------------------------------',
      '| rollout/           |            |',
      '|    ep_rew_mean     | 1.8        |',
      '| time/              |            |',
      `|    total_timesteps | ${timesteps}       |`,
      '| train/             |            |',
      `|    loss            | ${loss}     |`,
      '|    learning_rate   | 0.0003     |',
      '-----------------------------------',
    ];
    const r = parse([...box(2048, 0.25), ...box(4096, 0.125)]);
    expect(points(r, 'loss')).toEqual([
      [2048, 0.25],
      [4096, 0.125],
    ]);
    expect(points(r, 'learning_rate')).toEqual([
      [2048, 0.0003],
      [4096, 0.0003],
    ]);
    expect(points(r, 'rollout/ep_rew_mean')).toEqual([
      [2048, 1.8],
      [4096, 1.8],
    ]);
  });
});

describe('dicts as pasted', () => {
  it('reads dicts in typographic quotes and carriage returns pasted as ^M', () => {
    const r = parse([
      '{‘loss’: 5.2999, ‘learning_rate’: 4.77e-05, ‘epoch’: 0.14}^M{‘loss’: 5.2702, ‘learning_rate’: 4.55e-05, ‘epoch’: 0.27}^M',
      '{“loss”: 5.25, “learning_rate”: 4.3e-05, “epoch”: 0.41}',
    ]);
    expect(r.series.loss?.values).toEqual([5.2999, 5.2702, 5.25]);
    expect(r.series.learning_rate?.values).toEqual([4.77e-5, 4.55e-5, 4.3e-5]);
  });

  it('puts the Trainer metrics blocks into the summary', () => {
    const r = parse([
      "{'loss': 1.5, 'epoch': 1.0}",
      '***** train metrics *****',
      '  epoch                    =        1.0',
      '  train_loss               =     1.5123',
      '  train_runtime            = 0:01:02.12',
      '***** eval metrics *****',
      '  eval_loss                =     1.7212',
    ]);
    expect(Object.keys(r.series).sort()).toEqual(['epoch', 'loss']);
    expect(r.summary.train_loss).toBe(1.5123);
    expect(r.summary.eval_loss).toBe(1.7212);
  });
});

describe('unknown formats', () => {
  it('finds lines that repeat the same numeric names, without being told the trainer', () => {
    const r = parse([
      'Num examples = 467 | Num Epochs = 5',
      'kl_div = 0.12 | entropy_bonus = 1.5 | updates = 1',
      'kl_div = 0.10 | entropy_bonus = 1.4 | updates = 2',
      'kl_div = 0.09 | entropy_bonus = 1.3 | updates = 3',
    ]);
    expect(points(r, 'kl_div')).toEqual([
      [1, 0.12],
      [2, 0.1],
      [3, 0.09],
    ]);
    expect(r.series['Num examples']).toBeUndefined();
  });

  it('does not chart a configuration printed once per rank', () => {
    const r = parse([
      'packing_efficiency_estimate: 0.77 total_num_tokens: 26275',
      'packing_efficiency_estimate: 0.77 total_num_tokens: 26275',
      "{'loss': 0.8635, 'epoch': 0.97}",
    ]);
    expect(Object.keys(r.series).sort()).toEqual(['epoch', 'loss']);
  });
});

describe('the shapes of tutorial training loops', () => {
  it('reads train and val lines under an `Epoch N/M` header, the val metrics as eval', () => {
    const r = parse([
      'Epoch 1/10',
      '----------',
      'train Loss: 0.5621 Acc: 0.7213',
      'val Loss: 0.2231 Acc: 0.9281',
      '',
      'Epoch 2/10',
      '----------',
      'train Loss: 0.4012 Acc: 0.8196',
      'val Loss: 0.2110 Acc: 0.9346',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 0.5621],
      [2, 0.4012],
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [1, 0.2231],
      [2, 0.211],
    ]);
    expect(points(r, 'Acc')).toEqual([
      [1, 0.7213],
      [2, 0.8196],
    ]);
    expect(points(r, 'eval_Acc')).toEqual([
      [1, 0.9281],
      [2, 0.9346],
    ]);
  });

  it('reads metrics named Train, Val and Test as metrics', () => {
    const r = parse([
      'Epoch: 001, Loss: 1.9461, Train: 0.2286, Val: 0.2020, Test: 0.2170',
      'Epoch: 002, Loss: 1.8524, Train: 0.2929, Val: 0.2640, Test: 0.2750',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 1.9461],
      [2, 1.8524],
    ]);
    expect(points(r, 'Val')).toEqual([
      [1, 0.202],
      [2, 0.264],
    ]);
    expect(points(r, 'Test')).toEqual([
      [1, 0.217],
      [2, 0.275],
    ]);
  });

  it('places sample counters inside epochs and reads the test set average as eval_loss', () => {
    const r = parse([
      'Train Epoch: 1 [0/60000 (0%)]\tLoss: 2.300024',
      'Train Epoch: 1 [640/60000 (1%)]\tLoss: 2.213056',
      '',
      'Test set: Average loss: 0.0520, Accuracy: 9834/10000 (98%)',
      '',
      'Train Epoch: 2 [0/60000 (0%)]\tLoss: 0.182938',
    ]);
    expect(points(r, 'loss')).toEqual([
      [0, 2.300024],
      [640, 2.213056],
      [60000, 0.182938],
    ]);
    expect(points(r, 'eval_loss')).toEqual([[640, 0.052]]);
  });

  it('reads a value in brackets glued to its name, and keeps a tracker summary out of the curves', () => {
    const r = parse([
      'INFO:root:Epoch[0] Batch [100]\tSpeed: 1234.56 samples/sec\taccuracy=0.123456',
      'INFO:root:Epoch[1] Batch [100]\tSpeed: 1230.11 samples/sec\taccuracy=0.223456',
      'wandb: Run summary:',
      'wandb:    train/loss 0.5',
    ]);
    expect(points(r, 'epoch')).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(points(r, 'accuracy')).toEqual([
      [0, 0.123456],
      [1, 0.223456],
    ]);
    expect(r.series.loss).toBeUndefined();
    expect(r.summary['train/loss']).toBe(0.5);
  });

  it('takes the step keys trackers write into JSON lines', () => {
    const wandb = parse([
      '{"_step": 100, "train/loss": 0.5, "train/learning_rate": 1e-4}',
      '{"_step": 200, "train/loss": 0.4, "train/learning_rate": 1e-4}',
    ]);
    expect(points(wandb, 'loss')).toEqual([
      [100, 0.5],
      [200, 0.4],
    ]);
    const lightning = parse([
      '{"trainer/global_step": 300, "train/loss": 0.3}',
      '{"trainer/global_step": 310, "train/loss": 0.29}',
    ]);
    expect(points(lightning, 'loss')).toEqual([
      [300, 0.3],
      [310, 0.29],
    ]);
  });
});

describe('shapes of the third unseen set', () => {
  it('reads a box drawn with box-drawing characters, one name and value per row', () => {
    const r = parse([
      'Trial Trainer_0001 completed training after 7 iterations.',
      '╭──────────────────────────────────╮',
      '│ Trial Trainer_0001 result        │',
      '├──────────────────────────────────┤',
      '│ time_total_s              3.25   │',
      '│ training_iteration           7   │',
      '│ loss                      0.42   │',
      '╰──────────────────────────────────╯',
    ]);
    expect(points(r, 'loss')).toEqual([[7, 0.42]]);
    expect(points(r, 'time_total_s')).toEqual([[7, 3.25]]);
  });

  it('takes `#` as the step column of an aligned table under a dashed rule', () => {
    const r = parse([
      'E    #       LOSS A  LOSS B  SCORE ',
      '---  ------  ------  ------  -----',
      '  0       0    1.00    9.00   0.10',
      '  0      50    0.50    4.00   0.60',
      '  1     100    0.25    2.00   0.70',
    ]);
    expect(points(r, 'LOSS B')).toEqual([
      [0, 9],
      [50, 4],
      [100, 2],
    ]);
    expect(points(r, 'SCORE')).toEqual([
      [0, 0.1],
      [50, 0.6],
      [100, 0.7],
    ]);
    expect(r.stepSource).toBe('explicit');
  });

  it('reads a dict after an eval word as an evaluation at its own step', () => {
    const r = parse([
      "[ time:1s ] {'num_updates': 10, 'loss': 3.5, 'acc': 0.1}",
      "valid:{'num_updates': 15, 'loss': 2.5, 'acc': 0.4}",
      "[ time:2s ] {'num_updates': 20, 'loss': 2.0, 'acc': 0.5}",
    ]);
    expect(points(r, 'loss')).toEqual([
      [10, 3.5],
      [20, 2],
    ]);
    expect(points(r, 'eval_loss')).toEqual([[15, 2.5]]);
    expect(points(r, 'eval_acc')).toEqual([[15, 0.4]]);
  });

  it('keeps a plain number after an epoch even when its name holds no metric word', () => {
    const r = parse([
      'Epoch[0] Batch [50]\tSpeed: 100.5 samples/sec\tacc=0.5',
      'Epoch[0] Time cost=12.5',
      'Epoch[1] Batch [50]\tSpeed: 101.5 samples/sec\tacc=0.6',
      'Epoch[1] Time cost=11.5',
    ]);
    expect(r.series['Time cost']?.values).toEqual([12.5, 11.5]);
    expect(r.series.acc?.values).toEqual([0.5, 0.6]);
  });

  it('joins an epoch-level line to the iteration logged before it', () => {
    const r = parse([
      'epoch 3 - iter 50/100 - loss 0.50000 - lr: 0.1',
      'epoch 3 - iter 100/100 - loss 0.40004 - lr: 0.1',
      'EPOCH 3 done: loss 0.4000 - lr 0.1',
      'epoch 4 - iter 50/100 - loss 0.30000 - lr: 0.1',
    ]);
    expect(r.series.loss?.values).toEqual([0.5, 0.4, 0.3]);
    const steps = r.series.loss?.steps ?? [];
    expect(steps[0]).toBeLessThan(steps[1] as number);
    expect(steps[1]).toBeLessThan(steps[2] as number);
  });

  it('joins an epoch summary to the counted batches before it', () => {
    const r = parse([
      '-- Epoch:[0]; Batch:[100]; Time: 0.1 s; ppl: 40.5',
      '-- Epoch:[0]; Batch:[200]; Time: 0.2 s; ppl: 30.5',
      'Train epoch:[0]; Epoch Time: 300.5; avg_time: 0.3 s/step',
      '-- Epoch:[1]; Batch:[100]; Time: 0.1 s; ppl: 20.5',
      '-- Epoch:[1]; Batch:[200]; Time: 0.2 s; ppl: 10.5',
      'Train epoch:[1]; Epoch Time: 310.5; avg_time: 0.3 s/step',
    ]);
    const ppl = points(r, 'ppl');
    expect(ppl.map(([, value]) => value)).toEqual([40.5, 30.5, 20.5, 10.5]);
    // Each epoch's line sits at the step of the epoch's last batch.
    expect(points(r, 'Epoch Time')).toEqual([
      [ppl[1]?.[0], 300.5],
      [ppl[3]?.[0], 310.5],
    ]);
  });

  it('reads `N/M:` opening a line as the step, after a Markdown list number', () => {
    const r = parse([
      '1.  1000/5000: episode: 9, episode reward: 12.000, loss: 0.900000',
      '2.  1300/5000: episode: 10, episode reward: 30.000, loss: 0.800000',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1000, 0.9],
      [1300, 0.8],
    ]);
    expect(points(r, 'episode reward')).toEqual([
      [1000, 12],
      [1300, 30],
    ]);
  });
});

describe('add_scalar arguments printed as a line', () => {
  it('reads `tag value step` with a namespaced tag, the step last', () => {
    const r = parse([
      'global_step=192999, episodic_return=-119.38',
      'losses/q1_loss 65.3581 193000',
      'losses/alpha [0.01570814] 193000',
      'global_step=193199, episodic_return=-2.56',
      'losses/q1_loss 105.27284 194000',
    ]);
    expect(points(r, 'losses/q1_loss')).toEqual([
      [193000, 65.3581],
      [194000, 105.27284],
    ]);
    expect(points(r, 'losses/alpha')).toEqual([[193000, 0.01570814]]);
    // Without a namespace the third number is not taken for a step.
    expect(parse(['loss 0.5 100', 'loss 0.4 200']).series.loss?.steps).not.toEqual([100, 200]);
  });
});

describe('a UTF-16 log read as UTF-8', () => {
  it('reads the records between the NULs every other byte leaves', () => {
    const log =
      "{'loss': 2.3126, 'learning_rate': 5e-05, 'epoch': 0.5}\n{'loss': 2.1, 'epoch': 1.0}\n";
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(log, 'utf16le')]);
    const r = parseTrainingLog(bytes.toString('utf8'));
    expect(r.series.loss).toEqual({ steps: [1, 2], values: [2.3126, 2.1] });
  });
});

describe('Chinese, full-width and web-page text', () => {
  it("reads a PyTorch tutorial's Chinese prints with full-width punctuation", () => {
    // 训练次数 is "number of training steps"; 整体测试集上的Loss the loss on the whole test set.
    const r = parse([
      '-------第 1 轮训练开始-------',
      '训练次数：100，Loss：2.2912',
      '训练次数：200，Loss：2.2801',
      '整体测试集上的Loss：360.5',
      '整体测试集上的正确率：0.1037',
      '-------第 2 轮训练开始-------',
      '训练次数：300，Loss：2.2701',
      '整体测试集上的Loss：350.5',
      '整体测试集上的正确率：0.1537',
    ]);
    expect(r.stepSource).toBe('explicit');
    expect(points(r, 'loss')).toEqual([
      [100, 2.2912],
      [200, 2.2801],
      [300, 2.2701],
    ]);
    expect(points(r, '整体测试集上的正确率')).toEqual([
      [200, 0.1037],
      [300, 0.1537],
    ]);
  });

  it('reads 第N轮 as the epoch and Chinese names of the canonical metrics', () => {
    const r = parse([
      '第1轮 训练损失: 0.5321 验证损失: 0.6 学习率: 0.001',
      '第2轮 训练损失: 0.4321 验证损失: 0.55 学习率: 0.0005',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 0.5321],
      [2, 0.4321],
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [1, 0.6],
      [2, 0.55],
    ]);
    expect(points(r, 'learning_rate')).toEqual([
      [1, 0.001],
      [2, 0.0005],
    ]);
  });

  it('reads full-width colons and commas, ideographic and no-break spaces as ASCII', () => {
    const r = parse([
      'epoch：1，train_loss：0.5，train_acc：0.8',
      'epoch：2，train_loss：0.4，train_acc：0.85',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 0.5],
      [2, 0.4],
    ]);
    const spaces = parse(['step:10\u3000loss:2.5', 'Step\u00a020\u00a0\u00a0loss\u00a02.25']);
    expect(points(spaces, 'loss')).toEqual([
      [10, 2.5],
      [20, 2.25],
    ]);
  });

  it("reads a page's HTML entities as the characters they stand for", () => {
    const r = parse([
      '{&#39;loss&#39;: 1.5, &#39;learning_rate&#39;: 2e-05, &#39;epoch&#39;: 0.1}',
      '{&quot;loss&quot;: 1.4, &quot;learning_rate&quot;: 2e-05, &quot;epoch&quot;: 0.2}',
      '{&#x27;loss&#x27;: 1.3, &#x27;learning_rate&#x27;: 2e-05, &#x27;epoch&#x27;: 0.3}',
    ]);
    expect(r.series.loss?.values).toEqual([1.5, 1.4, 1.3]);
    // `&amp;` is `&`: the line reads as it would printed.
    expect(parse(['loss&amp;acc: 0.5', 'loss&amp;acc: 0.4']).series).toEqual(
      parse(['loss&acc: 0.5', 'loss&acc: 0.4']).series,
    );
  });
});

describe('shapes of the fifth unseen set', () => {
  it('takes a quoted `done/total` counter under a `name/total_name` key as that counter', () => {
    const r = parse([
      "{'loss': 0.2193, 'learning_rate': 6.8e-07, 'global_step/max_steps': '78/176', 'percentage': '44.32%'}",
      "{'loss': 0.2191, 'learning_rate': 6.8e-07, 'global_step/max_steps': '79/176', 'percentage': '44.89%'}",
    ]);
    expect(points(r, 'loss')).toEqual([
      [78, 0.2193],
      [79, 0.2191],
    ]);
    expect(r.stepSource).toBe('explicit');
    expect(r.series.max_steps).toBeUndefined();
    expect(r.series['global_step/max_steps']).toBeUndefined();
  });

  it('reads the quoted counter in a dict only the tolerant reader takes (`nan` values)', () => {
    const r = parse([
      "{'loss': nan, 'grad_norm': nan, 'global_step/max_steps': '5/176', 'elapsed_time': '1h 2m'}",
      "{'loss': 0.41, 'grad_norm': nan, 'global_step/max_steps': '6/176', 'elapsed_time': '1h 3m'}",
    ]);
    expect(points(r, 'loss').map(([step]) => step)).toEqual([5, 6]);
    expect(r.series.max_steps).toBeUndefined();
  });

  it('keeps the near misses of a quoted counter out of the steps', () => {
    const r = parse([
      "{'loss': 0.5, 'global_step/max_steps': '78/', 'elapsed/total': '1h/2h', 'ratio': '3/4'}",
      "{'loss': 0.4, 'global_step/max_steps': '/176', 'elapsed/total': '1h/2h', 'ratio': '3/4'}",
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 0.5],
      [2, 0.4],
    ]);
    expect(r.stepSource).toBe('count');
    expect(r.series.global_step).toBeUndefined();
    expect(r.series.elapsed).toBeUndefined();
  });

  it('drops a level bracket that also holds the ranks (`[INFO|DP=0|PP=0|TP=0]:`)', () => {
    const r = parse([
      '10/17/2025 16:31:56 [INFO|DP=0|PP=0|TP=0]: iteration: 5 / 10 | lm_loss: 2.38 | lr: 1e-05',
      '10/17/2025 16:32:07 [INFO|DP=0|PP=0|TP=0|ip-26-0-160-225]: iteration: 6 / 10 | lm_loss: 2.35 | lr: 1e-05',
    ]);
    expect(points(r, 'loss')).toEqual([
      [5, 2.38],
      [6, 2.35],
    ]);
    for (const name of ['DP', 'PP', 'TP']) expect(r.series[name]).toBeUndefined();
  });

  it('keeps a line whose level bracket never closes', () => {
    const r = parse(['[INFO|DP=0 iteration: 5 | loss: 2.5', '[INFO|DP=0 iteration: 6 | loss: 2.4']);
    expect(points(r, 'loss').map(([, value]) => value)).toEqual([2.5, 2.4]);
  });

  it('reads `global iter: 13/ 5000` as the step beside `inner iter` and `ppo epoch` positions', () => {
    const r = parse([
      'train | data_epochs  0/10 | inner iter:   7/  8 | ppo epoch:  2/ 4 | global iter:     13/  5000| tot_loss: 2.3541 | lr: 2.5e-07',
      'train | data_epochs  0/10 | inner iter:   1/  8 | ppo epoch:  3/ 4 | global iter:     14/  5000| tot_loss: 3.1123 | lr: 3.0e-07',
    ]);
    expect(points(r, 'tot_loss')).toEqual([
      [13, 2.3541],
      [14, 3.1123],
    ]);
  });

  it('reads a dict between `key=value` pairs as one pair, not as the record', () => {
    const r = parse([
      "INFO pipeline.py:770 -- tflops=229.6 step=642 loss=2.17 lr=9.8e-05 grad_norm={'0_default': 2.15, '1_fp32': 0.0} micro_num=16 acc=0.55",
      "INFO pipeline.py:770 -- tflops=230.8 step=643 loss=2.04 lr=9.8e-05 grad_norm={'0_default': 1.75, '1_fp32': 0.0} micro_num=16 acc=0.56",
    ]);
    expect(points(r, 'loss')).toEqual([
      [642, 2.17],
      [643, 2.04],
    ]);
    expect(points(r, 'acc')).toEqual([
      [642, 0.55],
      [643, 0.56],
    ]);
    expect(r.series['0_default']).toBeUndefined();
  });

  it('still reads a dict that ends its line after `metrics=` (`TrainOutput(...)`)', () => {
    const r = parse([
      "TrainOutput(global_step=250, training_loss=1.37, metrics={'train_runtime': 335.085, 'train_loss': 1.37})",
    ]);
    expect(r.summary.train_runtime).toBe(335.085);
  });

  it('reads a CSV file pasted as text, its step from the step column', () => {
    const r = parse([
      'train/loss_simple_step,train/loss_vlb_step,global_step,epoch,created_at',
      '0.2514,0.0017,49.0,0,2025-11-07 06:02:10.484610',
      '0.0960,0.0004,99.0,0,2025-11-07 06:09:01.771131',
      '0.1009,,149.0,0,2025-11-07 06:15:52.570149',
    ]);
    expect(points(r, 'train/loss_simple_step')).toEqual([
      [49, 0.2514],
      [99, 0.096],
      [149, 0.1009],
    ]);
    expect(points(r, 'train/loss_vlb_step')).toEqual([
      [49, 0.0017],
      [99, 0.0004],
    ]);
    expect(r.stepSource).toBe('explicit');
    expect(r.series.created_at).toBeUndefined();
  });

  it('takes no sentence with commas for a CSV header or row', () => {
    const r = parse([
      'We log loss,accuracy and f1 here',
      '1,2',
      'Epoch 5, Time 4981.4s, Loss 0.5731, LR 0.1111',
      'loss,acc',
      'Epoch 6, Time 4990.1s, Loss 0.5612, LR 0.1111',
    ]);
    expect(points(r, 'loss')).toEqual([
      [5, 0.5731],
      [6, 0.5612],
    ]);
    expect(r.series.acc).toBeUndefined();
  });
});

describe('shapes of the fifth unseen set: groups and headers', () => {
  it('reads the pairs of a `name[...]` group under their own names, the first of a name winning', () => {
    const r = parse([
      'Epoch 1, batch 1, loss[loss=0.7711, simple_loss=1.542, over 5263.00 frames.], tot_loss[loss=0.8632, simple_loss=1.726], lr: 3.00e-03',
      'Epoch 1, batch 2, loss[loss=0.8648, simple_loss=1.73, over 5434.00 frames.], tot_loss[loss=0.8637, simple_loss=1.727], lr: 3.00e-03',
    ]);
    expect(points(r, 'loss').map(([, value]) => value)).toEqual([0.7711, 0.8648]);
    expect(points(r, 'simple_loss').map(([, value]) => value)).toEqual([1.542, 1.73]);
    expect(r.series['loss loss']).toBeUndefined();
    expect(r.series['tot_loss loss']).toBeUndefined();
  });

  it('keeps a value in brackets glued to its name (`Epoch[1]`) as before', () => {
    const r = parse(['Epoch[1] Batch [100] loss: 0.5', 'Epoch[2] Batch [100] loss: 0.4']);
    expect(points(r, 'loss').map(([, value]) => value)).toEqual([0.5, 0.4]);
    expect(points(r, 'epoch').map(([, value]) => value)).toEqual([1, 2]);
  });

  it('takes `[batch=N/M]:` alone on its line as the step of the pairs below it', () => {
    const r = parse([
      '[batch=1/100]:',
      '         Train LanguageCrossEntropy: 10.9736',
      '         Train loss/train/total: 10.9736',
      '[batch=2/100]:',
      '         Train LanguageCrossEntropy: 10.9724',
      '         Train loss/train/total: 10.9724',
    ]);
    expect(points(r, 'Train loss/train/total')).toEqual([
      [1, 10.9736],
      [2, 10.9724],
    ]);
    expect(r.stepSource).toBe('explicit');
  });

  it('takes no bracketed counter with other text on its line for a header', () => {
    const r = parse(['[batch=1/100]: starting', 'loss: 0.5', '[batch=2/100][x', 'loss: 0.4']);
    expect(points(r, 'loss')).toEqual([
      [1, 0.5],
      [2, 0.4],
    ]);
    expect(r.stepSource).toBe('count');
  });
});

describe('shapes of the fifth unseen set: tails of cut lines', () => {
  it('drops the tail of a cut line that repeats the names of the record before it', () => {
    const r = parse([
      'iteration: 5 / 10 | lm_loss: 2.38 | model_tflops_per_gpu: 38.3 | grad_norm: 1.25',
      'iteration: 6 / 10 | lm_loss: 2.36 | model_tflops_per_gpu: 38.3 | grad_norm: 1.18',
      '36.9 | hardware_tflops_per_gpu: 36.9 | grad_norm: 1.27',
    ]);
    expect(points(r, 'grad_norm')).toEqual([
      [5, 1.25],
      [6, 1.18],
    ]);
    expect(r.series.hardware_tflops_per_gpu).toBeUndefined();
    expect(r.stepSource).toBe('explicit');
  });

  it('joins the tail of a wrapped line to the record it continues', () => {
    const r = parse([
      'global iter: 13/ 5000| tot_loss: 2.3541 | rev_kl: 0.0000 | stu',
      '97.3750 | mixed_lens: 116.1250 | lr: 2.5000e-07',
      'global iter: 14/ 5000| tot_loss: 3.1123 | rev_kl: 0.0000 | stu',
      '68.7500 | mixed_lens: 82.0000 | lr: 3.0000e-07',
    ]);
    expect(points(r, 'learning_rate')).toEqual([
      [13, 2.5e-7],
      [14, 3e-7],
    ]);
  });

  it('keeps a line opening with an integer counter (`490 | loss: 1.2`) as before', () => {
    const r = parse(['490 | loss: 1.2', '500 | loss: 1.1']);
    expect(points(r, 'loss')).toEqual([
      [490, 1.2],
      [500, 1.1],
    ]);
  });
});

describe('shapes of the fifth unseen set: tab-aligned values', () => {
  it('reads a value aligned after its name by a tab (`Loss: \\t 0.12`)', () => {
    const r = parse([
      'iter: 1\tLoss: \t 0.1269\tMeanEntropy \t 2.3979\tElapsed time\t 106.07 seconds',
      'iter: 2\tLoss: \t 0.1925\tMeanEntropy \t 2.3972\tElapsed time\t 98.68 seconds',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 0.1269],
      [2, 0.1925],
    ]);
    expect(points(r, 'MeanEntropy')).toEqual([
      [1, 2.3979],
      [2, 2.3972],
    ]);
  });
});

describe('shapes of the fifth unseen set: vertical blocks', () => {
  it('takes a step alone on its line as the step of the one-pair lines below it', () => {
    const r = parse([
      'Iteration: \t 0',
      'NumTimesteps: \t 32549',
      'Loss:     \t 0.1269',
      'MaxRew: \t -199.9',
      'MeanRew: \t -257.4 +- 63.2',
      'Elapsed time\t 106.07 seconds',
      '-----------------',
      'Iteration: \t 1',
      'NumTimesteps: \t 32898',
      'Loss:     \t 0.1925',
      'MaxRew: \t -204.1',
      'MeanRew: \t -261.0 +- 57.7',
      'Elapsed time\t 98.68 seconds',
    ]);
    expect(points(r, 'loss')).toEqual([
      [0, 0.1269],
      [1, 0.1925],
    ]);
    expect(points(r, 'MaxRew')).toEqual([
      [0, -199.9],
      [1, -204.1],
    ]);
    expect(points(r, 'NumTimesteps')).toEqual([
      [0, 32549],
      [1, 32898],
    ]);
    expect(r.stepSource).toBe('explicit');
  });

  it('reads no lone setting without a metric word outside a block', () => {
    const r = parse([
      'Num examples = 467',
      'Max train steps = 2000',
      'step: 1, loss: 0.5',
      'Num examples = 467',
      'step: 2, loss: 0.4',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 0.5],
      [2, 0.4],
    ]);
    expect(r.series['Num examples']).toBeUndefined();
    expect(r.series['Max train steps']).toBeUndefined();
  });
});

describe('shapes of the fifth unseen set: pasted settings', () => {
  it('reads no `name = number` line among `name = text` settings', () => {
    const r = parse([
      'LR Scheduler = cosine',
      'Optimizer = AdamW8bit',
      'Max grad norm = 8',
      'Learning Rate = 0.0001',
      'LR warmup = 100',
      'shuffle caption = true',
      'Noise offset = 0.05',
      'step 100: loss = 0.5',
      'step 200: loss = 0.4',
    ]);
    expect(Object.keys(r.series)).toEqual(['loss']);
    expect(points(r, 'loss')).toEqual([
      [100, 0.5],
      [200, 0.4],
    ]);
  });

  it('reads a lone `loss = value` line that follows no settings', () => {
    const r = parse(['Optimizer = AdamW8bit', 'starting', 'epoch 1', 'warming up', 'loss = 0.5']);
    expect(points(r, 'loss').map(([, value]) => value)).toEqual([0.5]);
  });
});

describe('shapes of the sixth unseen set', () => {
  it('keeps a value printed again without its step at the step before it (Caffe net outputs)', () => {
    const r = parse([
      'I0627 17:29:44.020539 13757 solver.cpp:228] Iteration 240, loss = 51.5',
      'I0627 17:29:44.020617 13757 solver.cpp:244]     Train net output #0: loss = 51.5 (* 1 = 51.5 loss)',
      'I0627 17:29:44.190858 13757 sgd_solver.cpp:106] Iteration 240, lr = 0.001',
      'I0627 17:29:49.245833 13757 solver.cpp:228] Iteration 260, loss = 33.3',
      'I0627 17:29:49.245911 13757 solver.cpp:244]     Train net output #0: loss = 33.3 (* 1 = 33.3 loss)',
    ]);
    expect(points(r, 'loss')).toEqual([
      [240, 51.5],
      [260, 33.3],
    ]);
    expect(r.stepSource).toBe('explicit');
    // A net output is a metric even when it never changes (SphereFace's `lambda = 5`).
    const lambda = parse([
      'Iteration 9800 (0.986216 iter/s, 101.398s/100 iters), loss = 9.61',
      '    Train net output #0: lambda = 5',
      'Iteration 9900 (0.988423 iter/s, 101.171s/100 iters), loss = 9.63',
      '    Train net output #0: lambda = 5',
    ]);
    expect(points(lambda, 'lambda')).toEqual([
      [9800, 5],
      [9900, 5],
    ]);
    // A different value without a step is a record of its own: counted, never merged.
    const other = parse(['Iteration 240, loss = 51.5', 'loss = 40.1']);
    expect(points(other, 'loss').map(([, v]) => v)).toEqual([40.1, 51.5]);
  });

  it('gives the step of a line of its own to the one-metric lines below it, and reads an eval section', () => {
    const r = parse([
      ' | > Num. of GPUs: 1',
      '   --> TIME: 2025-08-19 14:22:56 -- STEP: 0/3984 -- GLOBAL_STEP: 0',
      '     | > loss_text_ce: 0.23  (0.23)',
      '     | > loss: 0.12  (0.12)',
      '     | > current_lr: 5e-06 ',
      '   --> TIME: 2025-08-19 14:23:42 -- STEP: 200/3984 -- GLOBAL_STEP: 200',
      '     | > loss_text_ce: 0.21  (0.24)',
      '     | > loss: 0.10  (nan)',
      ' > EVALUATION ',
      '  --> EVAL PERFORMANCE',
      '     | > avg_loss_text_ce: 0.16 (+0)',
      '     | > avg_loss: 4.3 (+0)',
    ]);
    expect(points(r, 'loss')).toEqual([
      [0, 0.12],
      [200, 0.1],
    ]);
    expect(points(r, 'loss_text_ce')).toEqual([
      [0, 0.23],
      [200, 0.21],
    ]);
    expect(points(r, 'eval_loss')).toEqual([[200, 4.3]]);
    expect(r.stepSource).toBe('explicit');
    // A record with its own step ends the header's reach.
    const own = parse(['Step 100', 'loss: 0.5', 'step 300 loss: 0.4', 'acc: 0.9']);
    expect(points(own, 'loss')).toEqual([
      [100, 0.5],
      [300, 0.4],
    ]);
    expect(points(own, 'acc')).toEqual([[300, 0.9]]);
    // Caffe's `Iteration 200, Testing net (#0)`: the test outputs below it are at 200.
    const caffe = parse([
      'I0616 00:20:02.1 10711 solver.cpp:228] Iteration 100, loss = 1.5',
      'I0616 00:20:04.1 10711 solver.cpp:337] Iteration 200, Testing net (#0)',
      'I0616 00:20:05.1 10711 solver.cpp:404]     Test net output #0: accuracy = 0.5',
      'I0616 00:20:05.1 10711 solver.cpp:404]     Test net output #1: loss = 1.2 (* 1 = 1.2 loss)',
      'I0616 00:20:06.1 10711 solver.cpp:228] Iteration 200, loss = 1.1',
    ]);
    expect(points(caffe, 'eval_loss')).toEqual([[200, 1.2]]);
    expect(points(caffe, 'eval_accuracy')).toEqual([[200, 0.5]]);
    // A stray step line in a counted log (a name came back without a step) is no header, and
    // never collapses the records after it onto its step.
    const stray = parse([
      'loss: 1.0',
      'loss: 0.9',
      'Checkpoint at step 500',
      'loss: 0.8',
      'loss: 0.7',
      'loss: 0.6',
    ]);
    expect(points(stray, 'loss')).toEqual([
      [1, 1],
      [2, 0.9],
      [3, 0.8],
      [4, 0.7],
      [5, 0.6],
    ]);
  });

  it('reads an eval word with an integer opening the line as an evaluation counter', () => {
    const r = parse([
      'Pass:0, Batch:0, Cost:3.17, Accuracy:0.05',
      'Pass:0, Batch:100, Cost:0.41, Accuracy:0.88',
      'Test:0, Cost:0.27, Accuracy:0.92',
    ]);
    expect(r.series.Cost?.values).toEqual([3.17, 0.41]);
    expect(r.series.eval_Cost?.values).toEqual([0.27]);
    expect(r.series.eval_Accuracy?.values).toEqual([0.92]);
    expect(r.series.Test).toBeUndefined();
    // Alone on its line or after other pairs, `Test: 1` stays a metric named Test.
    const metric = parse([
      'epoch 1 Train: 0.73, Val: 0.70, Test: 1',
      'epoch 2 Train: 0.75, Val: 0.71, Test: 0',
    ]);
    expect(points(metric, 'Test')).toEqual([
      [1, 1],
      [2, 0],
    ]);
  });

  it('reads a sentence of pairs that ends with a dict as one record', () => {
    const r = parse([
      "Pass 0, Batch 0, Cost 2.37, {'classification_error_evaluator': 0.89}",
      '...................................................................................................',
      "Pass 0, Batch 100, Cost 2.26, {'classification_error_evaluator': 0.83}",
    ]);
    expect(r.series.Cost?.values).toEqual([2.37, 2.26]);
    expect(r.series.classification_error_evaluator?.values).toEqual([0.89, 0.83]);
    // A bracketed header before the dict is the dict format's (ParlAI), not read as a sentence.
    const parlai = parse([
      "[ time:20.0s total_exs:510 epochs:0.01 ] {'exs': 510, 'loss': 10.18, 'total_train_updates': 17}",
      "[ time:41.0s total_exs:1080 epochs:0.01 ] {'exs': 570, 'loss': 6.17, 'total_train_updates': 36}",
    ]);
    expect(parlai.series.loss?.values).toEqual([10.18, 6.17]);
  });

  it("reads a scheduler's sentence as the learning rate it set", () => {
    const r = parse([
      'Epoch: 2, Steps: 281 | Train Loss: 0.668 Vali Loss: 0.686 Test Loss: 0.341',
      'Validation loss decreased (inf --> 0.723953).  Saving model ...',
      'Updating learning rate to 0.001808262037764916',
    ]);
    expect(points(r, 'learning_rate')).toEqual([[281, 0.001808262037764916]]);
    expect(r.series.eval_loss?.values).toEqual([0.686]);
    const plateau = parse([
      'Epoch 00004: loss 0.51',
      'Epoch 00005: loss 0.52',
      'Epoch 00005: reducing learning rate of group 0 to 1.0000e-04.',
    ]);
    expect(plateau.series.learning_rate?.values).toEqual([1e-4]);
    // A learning rate printed once as a setting is no point.
    expect(parse(['learning rate = 0.5', 'power_t = 0.5']).series.learning_rate).toBeUndefined();
    expect(
      parse(['Updating learning rate to the next value']).series.learning_rate,
    ).toBeUndefined();
  });

  it('lets an epoch line join the iteration before it after a step-less line joined it', () => {
    const r = parse([
      '\titers: 100, epoch: 2 | loss: 0.617',
      '\tspeed: 0.2044s/iter; left time: 1071.2935s',
      '\titers: 200, epoch: 2 | loss: 0.613',
      '\tspeed: 0.0867s/iter; left time: 445.8729s',
      'Epoch: 2 cost time: 24.55',
      '\titers: 100, epoch: 3 | loss: 0.673',
      '\tspeed: 0.2076s/iter; left time: 1029.5066s',
    ]);
    // The epoch line is no restart at step 2: every iteration keeps its loss.
    expect(r.series.loss?.values).toEqual([0.617, 0.613, 0.673]);
    expect(r.restarts).toEqual([]);
  });
});

describe('tables and blocks of the sixth unseen set', () => {
  it('reads a header printed on two lines, one column name over two rows, and the run totals after it', () => {
    const r = parse([
      'average    since         example     example  current  current  current',
      'loss       last          counter      weight    label  predict features',
      '1.000000   1.000000            1         1.0   1.0000   0.0000        1',
      '1.470775   1.941550            2         2.0  -1.0000   0.3934        1',
      '0.000000   0.000000           16        16.0   1.0000   0.2857        1 h',
      '',
      'finished run',
      'number of examples per pass = 12',
      'average loss = 0 h',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 1],
      [2, 1.470775],
      [16, 0],
    ]);
    expect(points(r, 'since last')).toEqual([
      [1, 1],
      [2, 1.94155],
      [16, 0],
    ]);
    expect(r.stepSource).toBe('explicit');
    expect(r.summary['number of examples per pass']).toBe(12);
    // Words over a header that do not stand over its columns are no part of its names.
    const apart = parse([
      'some words here',
      'epoch     train_loss  valid_loss',
      '1         0.5         0.6',
    ]);
    expect(points(apart, 'loss')).toEqual([[1, 0.5]]);
  });

  it('blanks a progress column in brackets opening the lines of a table', () => {
    const r = parse([
      '[------------] Epoch      Train log_loss       Test log_loss            Test AUC     Time cost (sec)',
      '[    1%      ]     1            0.615199            0.614211            0.632410               19.29',
      '[    2%      ]     2            0.614572            0.613964            0.632814               19.08',
      '[ ACTION     ] Early-stopping at epoch 3',
    ]);
    expect(points(r, 'Train log_loss')).toEqual([
      [1, 0.615199],
      [2, 0.614572],
    ]);
    expect(points(r, 'Test AUC')).toEqual([
      [1, 0.63241],
      [2, 0.632814],
    ]);
  });

  it("does not chart a run's settings printed as a dict after a settings word", () => {
    const r = parse([
      "param {'lr':0.01, 'lambda':0.002,'metric':'auc','epoch':100}",
      "args: {'learning_rate': 0.1, 'epochs': 3}",
      "{'loss': 0.5, 'learning_rate': 0.001, 'epoch': 1.0}",
    ]);
    expect(r.series.learning_rate?.values).toEqual([0.001]);
    expect(r.series.lambda).toBeUndefined();
  });
});

describe('classic trainers probed beside the sixth set', () => {
  it("reads TF Estimator's loss lines and its `Saving dict for global step` evaluation", () => {
    const r = parse([
      'INFO:tensorflow:loss = 96.96749, step = 0',
      'INFO:tensorflow:global_steps = 0, loss = 96.96749',
      'INFO:tensorflow:global_step/sec: 0.803899',
      'INFO:tensorflow:loss = 4.264659, step = 100 (124.394 sec)',
      'INFO:tensorflow:Saving dict for global step 100: accuracy = 0.5, global_step = 100, loss = 3.3',
    ]);
    expect(points(r, 'loss')).toEqual([
      [0, 96.96749],
      [100, 4.264659],
    ]);
    expect(points(r, 'eval_loss')).toEqual([[100, 3.3]]);
    expect(points(r, 'eval_accuracy')).toEqual([[100, 0.5]]);
    expect(r.stepSource).toBe('explicit');
  });

  it("reads MindSpore's `loss is` after a pair, and a step that stays put while the epoch moves", () => {
    const r = parse([
      'epoch: 1 step: 375, loss is 2.298612',
      'epoch: 1 step: 750, loss is 2.075152',
      'epoch: 2 step: 375, loss is 0.20582482',
    ]);
    expect(r.series.loss?.values).toEqual([2.298612, 2.075152, 0.20582482]);
    const once = parse([
      'epoch:1 step: 1875, loss is 0.1609785109',
      'Train epoch time: 18172.836 ms, per step time: 9.692 ms',
      'epoch:2 step: 1875, loss is 0.00334590533',
      'Train epoch time: 8617.408 ms, per step time: 4.596 ms',
    ]);
    // One record an epoch at the same in-epoch step: two points, never one.
    expect(once.series.loss?.values).toEqual([0.1609785109, 0.00334590533]);
    expect(new Set(once.series.loss?.steps).size).toBe(2);
    // Without a pair before it, `is` stays prose.
    expect(parse(['The loss is 2.5 now']).series.loss).toBeUndefined();
  });

  it('places an epoch-level evaluation at the last iteration, never as a restart to the epoch', () => {
    const r = parse([
      'Epoch[1] Iteration[100/469] Loss: 0.51',
      'Epoch[1] Iteration[200/469] Loss: 0.32',
      'Validation Results - Epoch: 1  Avg accuracy: 0.93 Avg loss: 0.25',
      'Epoch[2] Iteration[569/469] Loss: 0.21',
      'Validation Results - Epoch: 2  Avg accuracy: 0.95 Avg loss: 0.16',
    ]);
    // Past its total, `Iteration[569/469]` counts the run's iterations (Ignite's global counter).
    expect(points(r, 'loss')).toEqual([
      [100, 0.51],
      [200, 0.32],
      [569, 0.21],
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [200, 0.25],
      [569, 0.16],
    ]);
    expect(r.restarts).toEqual([]);
  });

  it('puts a line of best values only into the summary', () => {
    const r = parse([
      'epoch 0  | loss: 0.82307 | val_0_auc: 0.62891 |  0:00:01s',
      'epoch 1  | loss: 0.5123  | val_0_auc: 0.7011  |  0:00:02s',
      'Early stopping occurred at epoch 2 with best_epoch = 1 and best_val_0_auc = 0.7312',
    ]);
    expect(points(r, 'val_0_auc')).toEqual([
      [0, 0.62891],
      [1, 0.7011],
    ]);
    expect(r.series.best_val_0_auc).toBeUndefined();
    expect(r.summary.best_val_0_auc).toBe(0.7312);
  });

  it('reads a value after tabs following a colon, and after a bar ending the line', () => {
    const lasagne = parse([
      'Epoch 1 of 500 took 10.123s',
      '  training loss:\t\t0.985421',
      '  validation loss:\t\t0.345678',
      'Epoch 2 of 500 took 9.912s',
      '  training loss:\t\t0.465421',
      '  validation loss:\t\t0.245678',
    ]);
    expect(lasagne.series.loss?.values).toEqual([0.985421, 0.465421]);
    expect(lasagne.series.eval_loss?.values).toEqual([0.345678, 0.245678]);
    const trax = parse([
      'Step      1: train CrossEntropyLoss |  2.30551210',
      'Step    100: train CrossEntropyLoss |  1.14551210',
    ]);
    expect(points(trax, 'train CrossEntropyLoss')).toEqual([
      [1, 2.3055121],
      [100, 1.1455121],
    ]);
    // A bar before a value that is not the line's last is a field separator, as ever.
    const pipes = parse(['epoch 1 | loss: 0.14 | 5.2', 'epoch 2 | loss: 0.12 | 5.1']);
    expect(points(pipes, 'loss')).toEqual([
      [1, 0.14],
      [2, 0.12],
    ]);
  });

  it('reads `eval epoch: 1` as the epoch of an evaluation line', () => {
    const r = parse([
      'train epoch: 1, loss: 0.2439, accuracy: 92.81',
      'eval epoch: 1, loss: 0.0590, accuracy: 98.07',
      'train epoch: 2, loss: 0.0594, accuracy: 98.16',
      'eval epoch: 2, loss: 0.0493, accuracy: 98.42',
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [1, 0.059],
      [2, 0.0493],
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 0.2439],
      [2, 0.0594],
    ]);
    expect(r.series['eval epoch']).toBeUndefined();
  });

  it("maps Chainer's `main/loss` and `validation/main/loss` to loss and eval_loss", () => {
    const r = parse([
      'epoch       main/loss   validation/main/loss  main/accuracy  elapsed_time',
      '1           0.191836    0.0895298             0.942067       3.22426       ',
      '2           0.0733403   0.0740658             0.976911       5.87203       ',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 0.191836],
      [2, 0.0733403],
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [1, 0.0895298],
      [2, 0.0740658],
    ]);
    expect(points(r, 'main/accuracy')).toEqual([
      [1, 0.942067],
      [2, 0.976911],
    ]);
  });
});

describe('lines of the eighth set: other ecosystems and hand-written loops', () => {
  it('reads `NAME at iteration N is V` with its step (Deeplearning4j)', () => {
    const r = parse([
      'o.d.o.l.ScoreIterationListener - Score at iteration 10 is 0.69',
      'o.d.o.l.ScoreIterationListener - Score at iteration 20 is 0.52',
      'loss at step 30 is nan',
    ]);
    expect(points(r, 'Score')).toEqual([
      [10, 0.69],
      [20, 0.52],
    ]);
    expect(r.series.loss?.steps).toEqual([30]);
    // A counter stuck at 0 with different scores: the records are counted, never collapsed.
    const stuck = parse([
      'Score at iteration 0 is 4088.19',
      'Score at iteration 0 is 5207.15',
      'Score at iteration 0 is 5499.83',
    ]);
    expect(stuck.series.Score?.values).toEqual([4088.19, 5207.15, 5499.83]);
    // `at iteration N` without `is` is a sentence, not a pair.
    expect(parse(['Saving model at iteration 10 is done']).series).toEqual({});
  });

  it('reads values printed before their rate units, keeping a label its first value', () => {
    const r = parse([
      'Epoch[0] Batch [50]  Speed: 1293.60 samples/sec 36902.07 tokens/sec 6.25 updates/sec perplexity=355.57',
      'Epoch[0] Batch [100]  Speed: 1124.47 samples/sec 36899.52 tokens/sec 6.28 updates/sec perplexity=348.39',
    ]);
    expect(r.series.Speed?.values).toEqual([1293.6, 1124.47]);
    expect(r.series['tokens/sec']?.values).toEqual([36902.07, 36899.52]);
    expect(r.series['updates/sec']?.values).toEqual([6.25, 6.28]);
    expect(r.series.perplexity?.values).toEqual([355.57, 348.39]);
    expect(r.series['updates/sec perplexity']).toBeUndefined();
    // A rate name followed by its value is read the usual way (`tok/s 1234`), never shifted.
    const named = parse(['step 1 loss 0.5 tok/s 1234', 'step 2 loss 0.4 tok/s 1300']);
    expect(points(named, 'loss')).toEqual([
      [1, 0.5],
      [2, 0.4],
    ]);
    expect(named.series['tok/s']?.values).toEqual([1234, 1300]);
  });

  it("reads Marian's `Up.` as the step and its `[valid]` lines as evaluations", () => {
    const r = parse([
      '[2021-07-17 13:49:01] Ep. 1 : Up. 20000 : Sen. 1,212,903 : Cost 5.85 : Time 984.07s : 2382.72 words/s',
      '[2021-07-17 13:50:36] [valid] Ep. 1 : Up. 20000 : cross-entropy : 130.97 : new best',
      '[2021-07-17 13:51:02] [valid] Ep. 1 : Up. 20000 : translation : 2.35 : new best',
      '[2021-07-17 14:06:01] Ep. 1 : Up. 22000 : Sen. 1,316,283 : Cost 5.25 : Time 1019.73s : 2097.49 words/s',
    ]);
    expect(points(r, 'Cost')).toEqual([
      [20000, 5.85],
      [22000, 5.25],
    ]);
    expect(points(r, 'words/s')).toEqual([
      [20000, 2382.72],
      [22000, 2097.49],
    ]);
    expect(points(r, 'eval_cross-entropy')).toEqual([[20000, 130.97]]);
    expect(points(r, 'eval_translation')).toEqual([[20000, 2.35]]);
    expect(r.series.Up).toBeUndefined();
  });

  it('reads `N/M (P%)` as the percentage, and the metrics of a tqdm description', () => {
    const r = parse([
      'EPOCH: 1',
      'Loss=4.01 Batch_id=300 Accuracy=6.92: 100%|██████████| 301/301 [02:38<00:00,  1.89it/s]',
      'Test set: Average loss: 0.0175, Accuracy: 3039/33000 (9.21%)',
      'EPOCH: 2',
      'Loss=3.60 Batch_id=300 Accuracy=14.79: 100%|██████████| 301/301 [02:38<00:00,  1.90it/s]',
      'Test set: Average loss: 0.0159, Accuracy: 4550/33000 (13.79%)',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 4.01],
      [2, 3.6],
    ]);
    expect(points(r, 'eval_Accuracy')).toEqual([
      [1, 9.21],
      [2, 13.79],
    ]);
    // A position `[2560/60000 (4%)]` opening the pairs is no value of a pair.
    const mnist = parse([
      'Train Epoch: 1 [2560/60000 (4%)]\tLoss: 0.52',
      'Train Epoch: 1 [5120/60000 (9%)]\tLoss: 0.41',
    ]);
    expect(mnist.series.loss?.values).toEqual([0.52, 0.41]);
  });

  it('reads a `train` column of True/False as the phase of a table row', () => {
    const r = parse([
      'accuracy | loss | epoch | train | time',
      '-- | -- | -- | -- | --',
      '0.817 | 0.722 | 0 | True | 00:21',
      '0.850 | 0.547 | 0 | False | 00:01',
      '0.894 | 0.392 | 1 | True | 00:21',
      '0.862 | 0.462 | 1 | False | 00:01',
    ]);
    expect(points(r, 'loss')).toEqual([
      [0, 0.722],
      [1, 0.392],
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [0, 0.547],
      [1, 0.462],
    ]);
    expect(points(r, 'eval_accuracy')).toEqual([
      [0, 0.85],
      [1, 0.862],
    ]);
  });

  it("reads spaCy v2's `Itn.` column as the step, Kaldi's `objf` and MatConvNet's `Hz objective`", () => {
    const spacy = parse([
      'Itn.  Dep Loss  NER Loss  UAS     NER P.  NER R.  NER F.  Tag %   Token %  CPU WPS  GPU WPS',
      '0     22441.825 0.000     80.374  0.000   0.000   0.000   90.771  100.000  4939.6   0.0 ',
      '1     952.093   0.000     81.562  0.000   0.000   0.000   91.984  100.000  5037.7   0.0',
    ]);
    expect(points(spacy, 'Dep Loss')).toEqual([
      [0, 22441.825],
      [1, 952.093],
    ]);
    expect(spacy.series['Itn.']).toBeUndefined();
    const kaldi = parse([
      'Process 0/3161(0.000000%) global average objf: -1.19 over 6400.0 frames, current batch average objf: -1.19 over 6400 frames, epoch 0',
      'Process 100/3161(3.163556%) global average objf: -0.68 over 573696.0 frames, current batch average objf: -0.45 over 6400 frames, epoch 0',
    ]);
    expect(kaldi.series['global average objf']?.values).toEqual([-1.19, -0.68]);
    expect(kaldi.series.over).toBeUndefined();
    const matconvnet = parse([
      'train: epoch 08: 226/572: 84.8 (84.8) HZ objective:  44.632',
      'train: epoch 08: 227/572: 84.8 (84.8) HZ objective:  44.628',
    ]);
    expect(matconvnet.series.objective?.values).toEqual([44.632, 44.628]);
  });

  it('reads a CSV padded with blanks before its commas, a one-value list cell and an empty cell', () => {
    const r = parse([
      'Epoch ,FinishTime     ,LR    ,RMSE_Train ,RMSE_Val',
      '    0 ,04.29_01:45:54 ,0.001 , 1434.0919 ,1103.956',
      '    1 ,04.29_10:21:29 ,0.001 ,  731.0956 ,',
      '    2 ,04.29_12:50:13 ,[0.0005]    ,   635.966 , 810.576',
    ]);
    expect(points(r, 'RMSE_Val')).toEqual([
      [0, 1103.956],
      [2, 810.576],
    ]);
    expect(r.series.learning_rate?.values).toEqual([0.001, 0.001, 0.0005]);
    expect(r.series.FinishTime).toBeUndefined();
    // A sentence glues its commas to the words before them: no table.
    expect(
      parse(['Epoch 5, Time 49.4s, Loss 0.5731', 'Epoch 6, Time 49.1s, Loss 0.5211']).series.loss
        ?.values,
    ).toEqual([0.5731, 0.5211]);
  });

  it('reads a learning rate beside an epoch, but not a lone learning-rate setting', () => {
    const r = parse([
      'epoch 0, learning rate 0.001',
      'step 1 loss 2.0',
      'epoch 1, learning rate 0.0005',
    ]);
    expect(r.series.learning_rate?.values).toEqual([0.001, 0.0005]);
    expect(parse(['learning rate = 0.5', 'loss 2.0']).series.learning_rate).toBeUndefined();
  });
});

describe('computer-vision trainer lines (seventh unseen set)', () => {
  it("reads BasicSR's `[tag][epoch, iter, lr:(x,)] [eta, time (data)]` lines and their validation", () => {
    const r = parse([
      '2022-12-29 10:43:28,986 INFO: [Retin..][epoch:  8, iter:     500, lr:(2.000e-04,)] [eta: 6:29:14, time (data): 0.141 (0.001)] l_pix: 1.0436e-01 ',
      '2022-12-29 10:44:45,100 INFO: [Retin..][epoch: 16, iter:   1,000, lr:(2.001e-04,)] [eta: 8 days, 22:51:35, time (data): 0.142 (0.001)] l_pix: 1.0709e-01 ',
      '2022-12-29 10:44:47,801 INFO: Validation ValSet,\t\t # psnr: 19.6031',
    ]);
    expect(r.stepSource).toBe('explicit');
    expect(points(r, 'l_pix')).toEqual([
      [500, 0.10436],
      [1000, 0.10709],
    ]);
    expect(points(r, 'learning_rate')).toEqual([
      [500, 0.0002],
      [1000, 0.0002001],
    ]);
    expect(points(r, 'eval_psnr')).toEqual([[1000, 19.6031]]);
    expect(r.series['Retin epoch']).toBeUndefined();
    expect(r.series.eta).toBeUndefined();
  });

  it('does not read a tuple after a name, or a tag before a bracket, where none is printed', () => {
    const r = parse(['[a][b] step 1 loss (0.5)', '[a][b] step 2 loss (0.4)']);
    expect(r.series['a b step']).toBeUndefined();
    expect(r.series.loss).toBeUndefined();
  });

  it('reads a duration in parts as seconds, never its first part', () => {
    const r = parse([
      'tick 14    kimg 70.1     time 1h 38m 21s   sec/tick 366.1   sec/kimg 73.10   maintenance 0.1',
      'tick 15    kimg 74.1     time 1h 44m 27s   sec/tick 366.2   sec/kimg 73.12   maintenance 0.1',
    ]);
    expect(r.stepSource).toBe('explicit');
    expect(points(r, 'time')).toEqual([
      [14, 5901],
      [15, 6267],
    ]);
    expect(points(r, 'kimg')).toEqual([
      [14, 70.1],
      [15, 74.1],
    ]);
    // One part only is a value with its unit, as before; a part with a longer word is no duration.
    const single = parse(['step 1 time 5s loss 0.3', 'step 2 time 6s loss 0.2']);
    expect(points(single, 'time')).toEqual([
      [1, 5],
      [2, 6],
    ]);
    const words = parse(['step 1 time 5m 3min loss 0.3', 'step 2 time 6m 3min loss 0.2']);
    expect(points(words, 'time')).toEqual([
      [1, 5],
      [2, 6],
    ]);
  });

  it('takes a batch counter opening the line as the step when no epoch is printed', () => {
    const r = parse([
      'Elapsed [8:37:01.056768] batch: 37350  d_loss: 0.000000  g_loss: 20.779835',
      'Elapsed [8:43:55.301317] batch: 37848  d_loss: 0.261001  g_loss: 12.678933',
    ]);
    expect(r.stepSource).toBe('explicit');
    expect(points(r, 'g_loss')).toEqual([
      [37350, 20.779835],
      [37848, 12.678933],
    ]);
    expect(r.series.batch).toBeUndefined();
    // After a pass or an epoch the batch is a position inside it: no step, no restart.
    const pass = parse([
      'Pass 0, Batch 0, Cost 2.37, Error 0.89',
      'Pass 0, Batch 100, Cost 1.82, Error 0.73',
      'Pass 1, Batch 0, Cost 1.51, Error 0.61',
    ]);
    expect(pass.series.Cost?.values).toEqual([2.37, 1.82, 1.51]);
    expect(pass.restarts).toEqual([]);
    // A counter that goes back (epochs not printed) is no step from then on: no point is lost.
    const again = parse([
      'batch: 100 loss: 0.9',
      'batch: 200 loss: 0.8',
      'batch: 100 loss: 0.7',
      'batch: 200 loss: 0.6',
    ]);
    expect(again.series.loss?.values).toHaveLength(4);
    expect(again.restarts).toEqual([]);
  });

  it('reads `testing psnr = 34.21, ssim = 0.934` after an epoch as an evaluation', () => {
    const r = parse([
      '===> Epoch 131: testing psnr = 34.21, ssim = 0.934, time: 0.02',
      '===> Epoch 132 Complete: Avg. Loss: 0.014821 time: 666.83',
      '===> Epoch 132: testing psnr = 34.28, ssim = 0.937, time: 0.02',
    ]);
    expect(points(r, 'eval_psnr')).toEqual([
      [131, 34.21],
      [132, 34.28],
    ]);
    expect(points(r, 'eval_ssim')).toEqual([
      [131, 0.934],
      [132, 0.937],
    ]);
    expect(points(r, 'loss')).toEqual([[132, 0.014821]]);
    // A train metric beside it: the line is no evaluation.
    const mixed = parse([
      'Epoch 1: testing psnr = 30.1, train_loss = 0.5',
      'Epoch 2: testing psnr = 30.4, train_loss = 0.4',
    ]);
    expect(mixed.series.eval_psnr).toBeUndefined();
  });

  it("reads Darknet's `N: loss, avg avg loss, rate` with the batch loss apart from its average", () => {
    const r = parse([
      'Region Avg IOU: 0.769597, Class: 0.997826, Obj: 0.720678, No Obj: 0.008424, Avg Recall: 0.898305,  count: 59',
      '11000: 0.051831, 0.085730 avg loss, 0.001000 rate, 0.886196 seconds, 2816000 images',
      ' 11001: -nan, -nan avg loss, 0.001000 rate, 0.886196 seconds, 2816064 images',
    ]);
    expect(points(r, 'loss')[0]).toEqual([11000, 0.051831]);
    expect(points(r, 'avg loss')[0]).toEqual([11000, 0.08573]);
    expect(r.series.loss?.values[1]).toBeNaN();
    // A line with one value before its names keeps the usual reading.
    const one = parse(['12: 0.3 avg loss, 0.001 rate', '13: 0.2 avg loss, 0.001 rate']);
    expect(points(one, 'loss')).toEqual([
      [12, 0.3],
      [13, 0.2],
    ]);
  });

  it('qualifies the names of `[D]` and `[G]` groups that repeat a name', () => {
    const r = parse([
      '94: [D] real 0.049025 fake 0.055628 q -0.489287  [G] fake 2.868984 reg 0.162203 q -0.756375',
      '95: [D] real 0.024284 fake 0.066706 q -0.767501  [G] fake 3.008167 reg 0.151189 q -0.750525',
    ]);
    expect(points(r, 'D/fake')).toEqual([
      [94, 0.055628],
      [95, 0.066706],
    ]);
    expect(points(r, 'G/fake')).toEqual([
      [94, 2.868984],
      [95, 3.008167],
    ]);
    expect(points(r, 'G/q')).toEqual([
      [94, -0.756375],
      [95, -0.750525],
    ]);
    // Groups that repeat no name keep their names; a level tag opening a line stays a prefix.
    const plain = parse(['[INFO] step 1 loss 0.5', '[INFO] step 2 loss 0.4']);
    expect(points(plain, 'loss')).toEqual([
      [1, 0.5],
      [2, 0.4],
    ]);
  });
});

describe('shapes of the ninth unseen set (older and non-PyTorch frameworks)', () => {
  it('stacks a header printed on two lines (MATLAB trainNetwork) into one name a column', () => {
    const r = parse([
      '|=========================================================================|',
      '|  Epoch  |  Iteration  |  Time Elapsed  |  Mini-batch  |  Validation  |  Base Learning  |',
      '|         |             |   (hh:mm:ss)   |     Loss     |     Loss     |      Rate       |',
      '|=========================================================================|',
      '|       1 |           1 |       00:00:03 |       3.2166 |       2.8498 |      1.0000e-04 |',
      '|       2 |          50 |       00:00:05 |       1.4265 |              |      1.0000e-04 |',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 3.2166],
      [50, 1.4265],
    ]);
    expect(points(r, 'eval_loss')).toEqual([[1, 2.8498]]);
    expect(points(r, 'learning_rate')).toEqual([
      [1, 1e-4],
      [50, 1e-4],
    ]);
    expect(r.series['Mini-batch']).toBeUndefined();
    // A second line of words under a header that already has rows is no part of its names.
    const rows = parse([
      '| Epoch | Step | Loss |',
      '| 1 | 10 | 0.5 |',
      '| x | y | z |',
      '| 2 | 20 | 0.4 |',
    ]);
    expect(points(rows, 'loss')).toEqual([
      [10, 0.5],
      [20, 0.4],
    ]);
    // The same header printed again (two ranks) is no second line of names.
    const twice = parse(['| Epoch | Step | Loss |', '| Epoch | Step | Loss |', '| 1 | 10 | 0.5 |']);
    expect(points(twice, 'loss')).toEqual([[10, 0.5]]);
  });

  it('reads decimal commas (.NET under a comma culture), not lists or thousands', () => {
    const r = parse([
      'Phase: Training, Dataset used:      Train, Batch Processed Count:  17, Epoch:   0, Accuracy:  0,4882352, Cross-Entropy: 7,081955E+12',
      'Phase: Training, Dataset used: Validation, Batch Processed Count:   3, Epoch:   0, Accuracy:        0,1',
      'Phase: Training, Dataset used:      Train, Batch Processed Count:  17, Epoch:   1, Accuracy:  0,4705882, Cross-Entropy: 6,169476E+12',
      'Phase: Training, Dataset used: Validation, Batch Processed Count:   3, Epoch:   1, Accuracy:        0,2',
    ]);
    expect(points(r, 'Accuracy')).toEqual([
      [0, 0.4882352],
      [1, 0.4705882],
    ]);
    expect(points(r, 'Cross-Entropy')).toEqual([
      [0, 7.081955e12],
      [1, 6.169476e12],
    ]);
    // `Dataset used: Validation`: a field naming the split announces the evaluation.
    expect(points(r, 'eval_Accuracy')).toEqual([
      [0, 0.1],
      [1, 0.2],
    ]);
    // Thousands groups stay counts; lists and tuples are no decimals.
    const counts = parse([
      'step 1, tokens: 10,049, loss: 2.5',
      'step 2, tokens: 20,098, loss: 2.4',
    ]);
    expect(points(counts, 'tokens')).toEqual([
      [1, 10049],
      [2, 20098],
    ]);
    const lists = parse(['step 1 loss 2,3,4', 'step 2 loss 2,3,5']);
    expect(points(lists, 'loss').map(([, v]) => v)).not.toContain(2.3);
  });

  it("reads CNTK's `Finished Epoch[N of M]: [Training] loss = ...` as the epoch, a rerun as a restart", () => {
    const r = parse([
      'Finished Epoch[19 of 20]: [Training] loss = 35.532837 * 40, metric = 0.62% * 40 3.172s ( 12.6 samples/s);',
      'Finished Epoch[20 of 20]: [Training] loss = 26.353195 * 40, metric = 0.54% * 40 3.040s ( 13.2 samples/s);',
      'Finished Epoch[1 of 20]: [Training] loss = 4711.033750 * 25, metric = 21.03% * 25 10.768s (  2.3 samples/s);',
      'Finished Epoch[2 of 20]: [Training] loss = 401.341235 * 40, metric = 2.37% * 40 3.020s ( 13.2 samples/s);',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 4711.03375],
      [2, 401.341235],
    ]);
    expect(r.restarts.map((x) => x.step)).toEqual([1]);
    expect(r.series['Finished Epoch']).toBeUndefined();
    const set = parse([
      'Finished Epoch[16 of 30]: [Training Set] TrainLossPerSample = 0.62585586; EpochTime=95.7758',
      'Finished Epoch[17 of 30]: [Training Set] TrainLossPerSample = 0.61884153; EpochTime=94.3146',
    ]);
    expect(points(set, 'TrainLossPerSample')).toEqual([
      [16, 0.62585586],
      [17, 0.61884153],
    ]);
    // A mid-epoch line, then the `Finished` line of the same epoch: one point, the later value.
    const mid = parse([
      'Finished Epoch[16 of 30]: [Training Set] TrainLossPerSample = 0.62585586; EpochTime=95.7758',
      ' Epoch[17 of 30]-Minibatch[   1- 500, 64.02%]: SamplesSeen = 32000; TrainLossPerSample =  0.61816498; TotalTime = 60.3761s',
      'Finished Epoch[17 of 30]: [Training Set] TrainLossPerSample = 0.61884153; EpochTime=94.3146',
    ]);
    expect(points(mid, 'TrainLossPerSample')).toEqual([
      [16, 0.62585586],
      [17, 0.61884153],
    ]);
    // Without the end word, two different records in one epoch are counted, as before.
    const twice = parse([
      'Epoch[1 of 30]: loss = 0.9',
      'Epoch[2 of 30]: loss = 0.8',
      'Epoch[2 of 30]: loss = 0.7',
    ]);
    expect(twice.series.loss?.values).toEqual([0.9, 0.8, 0.7]);
  });

  it("reads char-rnn's `N/M (epoch E), train_loss = ...` counter as the run's iteration", () => {
    const r = parse([
      '634/9500 (epoch 3.337), train_loss = 1.78631243, grad/param norm = 3.7436e-02, time/batch = 0.1699s\t',
      '635/9500 (epoch 3.342), train_loss = 1.76927459, grad/param norm = 3.6327e-02, time/batch = 0.1700s\t',
    ]);
    expect(r.stepSource).toBe('explicit');
    expect(points(r, 'loss')).toEqual([
      [634, 1.78631243],
      [635, 1.76927459],
    ]);
    expect(points(r, 'epoch')).toEqual([
      [634, 3.337],
      [635, 3.342],
    ]);
    // A fraction opening a line without the epoch after it is no run counter.
    const plain = parse(['3/10 done loss 0.5', '4/10 done loss 0.4']);
    expect(plain.series.epoch).toBeUndefined();
  });

  it('keeps an alias of a canonical name printed beside that name (TF Estimator evaluation)', () => {
    const r = parse([
      'INFO:tensorflow:loss = 211.62344, step = 1',
      'INFO:tensorflow:loss = 21.816256, step = 101 (0.240 sec)',
      'INFO:tensorflow:Saving dict for global step 1000: accuracy = 0.93333334, average_loss = 0.05545785, global_step = 1000, loss = 1.6637355',
    ]);
    expect(points(r, 'eval_loss')).toEqual([[1000, 1.6637355]]);
    expect(points(r, 'eval_average_loss')).toEqual([[1000, 0.05545785]]);
    // Alone, the alias is the canonical name.
    const alone = parse(['step 1 average_loss 0.5', 'step 2 average_loss 0.4']);
    expect(points(alone, 'loss')).toEqual([
      [1, 0.5],
      [2, 0.4],
    ]);
  });

  it("charts an epoch's and a step's time, and strips `Evaluation` from the first eval name", () => {
    const r = parse([
      'epoch: 1 step: 1875, loss is 1.1544309',
      'epoch time: 72110.166 ms, per step time: 38.459 ms',
      'epoch: 2 step: 1875, loss is 0.64530635',
      'epoch time: 24519.360 ms, per step time: 13.077 ms',
    ]);
    expect(r.series['epoch time']?.values).toEqual([72110.166, 24519.36]);
    expect(r.series['per step time']?.values).toEqual([38.459, 13.077]);
    const e = parse([
      'global step 290, epoch: 37, loss: 0.00445, speed: 1.79 step/s',
      'global step 300, epoch: 38, loss: 0.00439, speed: 1.90 step/s',
      'Evaluation precision: 0.50000, recall: 0.25000, F1: 0.33333',
    ]);
    expect(points(e, 'eval_precision')).toEqual([[300, 0.5]]);
    expect(points(e, 'eval_F1')).toEqual([[300, 0.33333]]);
  });
});

describe('the tenth unseen set rules (RL, speech, graph, tabular and MONAI logs)', () => {
  it('reads a unit between a value and the next name, and a name holding `of`', () => {
    const r = parse([
      'INFO:mlagents.trainers: run: Brain: Step: 1000. Time Elapsed: 11.5 s Mean Reward: 0.400. Std of Reward: 0.490. Training.',
      'INFO:mlagents.trainers: run: Brain: Step: 2000. Time Elapsed: 23.1 s Mean Reward: 0.250. Std of Reward: 0.433. Training.',
    ]);
    expect(points(r, 'Mean Reward')).toEqual([
      [1000, 0.4],
      [2000, 0.25],
    ]);
    expect(points(r, 'Std of Reward')).toEqual([
      [1000, 0.49],
      [2000, 0.433],
    ]);
    expect(points(r, 'Time Elapsed')).toEqual([
      [1000, 11.5],
      [2000, 23.1],
    ]);
    // A one-letter unit that also opens names (`g loss`) stays a name; so does a unit before a
    // separator; `of` before another stop word leaves the prose out.
    const gan = parse(['step 1 D loss: 0.5 g loss: 0.3', 'step 2 D loss: 0.4 g loss: 0.2']);
    expect(points(gan, 'g loss')).toEqual([
      [1, 0.3],
      [2, 0.2],
    ]);
    const prose = parse(['step 1, saving the number of steps: 5, loss: 1', 'step 2, loss: 0.5']);
    expect(Object.keys(prose.series)).toContain('number of steps');
  });

  it('drops a heading that repeats the first part of the identifier after it', () => {
    const r = parse([
      '2021-12-05 10:00:32,073 INFO Epoch 74 CV info cv_loss 7.6275',
      '2021-12-05 11:10:56,719 INFO Epoch 75 CV info cv_loss 7.5401',
    ]);
    expect(points(r, 'cv_loss')).toEqual([
      [74, 7.6275],
      [75, 7.5401],
    ]);
    // A heading that is not the identifier's own first part stays in the name.
    const kept = parse(['Epoch 1 Train log_loss 0.5', 'Epoch 2 Train log_loss 0.4']);
    expect(Object.keys(kept.series)).toContain('Train log_loss');
  });

  it('never restarts the run at the epoch where a best value was reached', () => {
    const r = parse([
      '[2023-04-08 05:21:26.303][ INFO](ignite.engine.engine.SupervisedTrainer) - Epoch[7] Metrics -- train_mean_dice: 0.2556',
      '[2023-04-08 05:21:26.528][ INFO](ignite.engine.engine.SupervisedTrainer) - Key metric: train_mean_dice best value: 0.3282 at epoch: 5',
      '[2023-04-08 05:21:28.528][ INFO](ignite.engine.engine.SupervisedTrainer) - Epoch[8] Metrics -- train_mean_dice: 0.2601',
    ]);
    expect(r.restarts).toEqual([]);
    expect(points(r, 'train_mean_dice')).toEqual([
      [7, 0.2556],
      [8, 0.2601],
    ]);
  });

  it('reads the rows of a two-column table under a rule as one record (rlpyt)', () => {
    const table = (steps: number): string[] => [
      '2022-03-28 02:51:48.688185 | ----------------------------- ---------------',
      `2022-03-28 02:51:48.688282 | Diagnostics/CumSteps ${steps}`,
      '2022-03-28 02:51:48.688353 | Diagnostics/StepsPerSecond 0.84723',
      '2022-03-28 02:51:48.688641 | Diagnostics/ReplayRatio 51.2',
      '2022-03-28 02:51:48.688696 | ----------------------------- ---------------',
      '2022-03-28 02:51:49.012106 | dqn_0 itr #9999 saving snapshot...',
    ];
    const r = parse([...table(10000), ...table(20000)]);
    expect(points(r, 'Diagnostics/CumSteps')).toEqual([
      [1, 10000],
      [2, 20000],
    ]);
    expect(points(r, 'Diagnostics/ReplayRatio')).toEqual([
      [1, 51.2],
      [2, 51.2],
    ]);
    // A bar that more bars follow after a plain timestamp is data: fairseq's line keeps its bar.
    const fairseq = parse([
      '2024-05-01 12:00:00 | epoch 001 | loss 4.2 | ppl 18.4 | num_updates 100',
      '2024-05-01 12:00:01 | epoch 002 | loss 3.9 | ppl 15.0 | num_updates 200',
    ]);
    expect(points(fairseq, 'loss')).toEqual([
      [100, 4.2],
      [200, 3.9],
    ]);
  });

  it('keeps the first line of rates in percent, whatever their names (OGB)', () => {
    const r = parse([
      'Run: 00, Epoch: 49, Loss: 11.7688, Train: 95.34%, Valid: 92.50%, Test: 80.81% ',
      'max_val: 92.50%, max_val_Test: 80.81%, max_val_step: 49',
      'Run: 00, Epoch: 59, Loss: 11.5302, Train: 95.65%, Valid: 92.87%, Test: 82.48% ',
      'max_val: 92.87%, max_val_Test: 82.48%, max_val_step: 59',
    ]);
    expect(points(r, 'max_val')).toEqual([
      [49, 92.5],
      [59, 92.87],
    ]);
    // One percent alone among names that say nothing of a metric is no record.
    const once = parse(['Downloading: 45%, files: 3', 'step 1 loss 0.5']);
    expect(once.series.Downloading).toBeUndefined();
  });

  it('keeps the name of a value assigned with spaces around `=` before its rate unit', () => {
    const r = parse([
      'I0309 10:31:15.640571 67732 Env.cpp:169] Num states = 3 avg throughput = 0.309082 MB/sec, avg delay = 0.134 ms, reward = 0.278682',
      'I0309 10:31:15.756682 67732 Env.cpp:169] Num states = 3 avg throughput = 0.308953 MB/sec, avg delay = 0.151 ms, reward = 0.275553',
    ]);
    expect(r.series['avg throughput']?.values).toEqual([0.309082, 0.308953]);
    expect(r.series['MB/sec']).toBeUndefined();
    // A lone `:` between fields (Marian) does not name the rate after it.
    const marian = parse([
      '[2021-07-17 12:54:33] Ep. 1 : Up. 14000 : Sen. 965,843 : Cost 5.20 : Time 359.59s : 3007.81 words/s',
      '[2021-07-17 13:13:46] Ep. 1 : Up. 16000 : Sen. 1,052,108 : Cost 6.59 : Time 1153.11s : 1942.28 words/s',
    ]);
    expect(points(marian, 'words/s')).toEqual([
      [14000, 3007.81],
      [16000, 1942.28],
    ]);
  });

  it('reads `Ep` as the epoch', () => {
    const r = parse([
      '20240528-10:07:37: Ep  10 | max_memory_allocated: 8.4788Gb | loss: 46.3140 | s_val: 0.4240',
      '20240528-10:08:18: Ep  11 | max_memory_allocated: 8.4788Gb | loss: 51.6967 | s_val: 0.3980',
    ]);
    expect(points(r, 'loss')).toEqual([
      [10, 46.314],
      [11, 51.6967],
    ]);
  });
});

describe('the eleventh unseen set rules (what people paste when they ask for help)', () => {
  it('reads a table whose cells stand one space apart, a duration after each row', () => {
    const r = parse([
      'Total time: 06:39',
      'epoch train_loss valid_loss error_rate',
      '1 1.513021 1.041628 0.507326 (00:13)',
      '2 1.290093 0.994758 0.443223 (00:09)',
      '3 1.185764 0.936145 0.410256',
      'When the error_rate improves for a while and then gets worse, it can be overfitting.',
      '4 0.1 0.2 0.3',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 1.513021],
      [2, 1.290093],
      [3, 1.185764],
    ]);
    expect(points(r, 'eval_loss').map(([step]) => step)).toEqual([1, 2, 3]);
    expect(points(r, 'error_rate')[0]).toEqual([1, 0.507326]);
    expect(r.stepSource).toBe('explicit');
    // A sentence of names and a row of another width are no table.
    const prose = parse([
      'we log epoch train_loss and valid_loss',
      '1 2 3 4 5 6',
      'step 1 loss 0.5',
    ]);
    expect(prose.series.train_loss).toBeUndefined();
    expect(points(prose, 'loss')).toEqual([[1, 0.5]]);
    // Without a step or epoch column, one-space names are no header.
    const stepless = parse(['train_loss valid_loss error_rate', '0.5 0.6 0.1', '0.4 0.5 0.1']);
    expect(stepless.series.error_rate).toBeUndefined();
  });

  it('places a line whose only counter is a position inside an epoch at the step printed above it', () => {
    const r = parse([
      'Training Step: 1',
      '| Adam | epoch: 001 | loss: 0.00000 - Sum: 0.0000 | val_loss: 0.50179 -- iter: 239/239',
      '--',
      'Training Step: 2  | total loss: 114.27066',
      '| Adam | epoch: 002 | loss: 114.27066 - Sum: 27310.6855 | val_loss: 0.50179 -- iter: 239/239',
      '--',
      'Training Step: 3  | total loss: 21.18387',
      '| Adam | epoch: 003 | loss: 21.18387 - Sum: 5062.9434 | val_loss: 0.50179 -- iter: 239/239',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 0],
      [2, 114.27066],
      [3, 21.18387],
    ]);
    expect(points(r, 'total loss')).toEqual([
      [2, 114.27066],
      [3, 21.18387],
    ]);
    expect(r.stepSource).toBe('explicit');
    // With no step above, the position inside the epoch still makes the global step.
    const mmdet = parse([
      'epoch: 2 | loss: 0.5 -- iter: 100/239',
      'epoch: 2 | loss: 0.4 -- iter: 200/239',
    ]);
    expect(points(mmdet, 'loss').map(([step]) => step)).toEqual([339, 439]);
  });

  it('reads `total_step` as the step, and a plural `total_steps` as a value', () => {
    const r = parse([
      'epoch 0, total_step 22050, total loss is 48.44 , inference loss is 48.34, reg_loss is 0.09',
      'epoch 0, total_step 22100, total loss is 47.52 , inference loss is 47.42, reg_loss is 0.09',
    ]);
    expect(points(r, 'total loss')).toEqual([
      [22050, 48.44],
      [22100, 47.52],
    ]);
    expect(points(r, 'inference loss')[1]).toEqual([22100, 47.42]);
    const plural = parse([
      'step 10, total_steps 93, loss 4.1',
      'step 20, total_steps 93, loss 3.9',
    ]);
    expect(points(plural, 'loss').map(([step]) => step)).toEqual([10, 20]);
  });

  it('skips the bracketed output index before a value, and `takes` names no duration', () => {
    const r = parse([
      'Epoch 1/5 - time: 4430.210ms/step - loss: [0] 30090.0898',
      'Epoch 2/5 - time: 4607.027ms/step - loss: [0] 30090.0840',
      '===================================',
      'MODEL_LOAD   takes 5.4760 ms',
      '- Epoch 1      takes 39871.8920 ms',
      '- Epoch 2      takes 41463.2420 ms',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 30090.0898],
      [2, 30090.084],
    ]);
    expect(points(r, 'time')).toEqual([
      [1, 4430.21],
      [2, 4607.027],
    ]);
    expect(r.series.takes).toBeUndefined();
    expect(r.restarts).toEqual([]);
    // A bracketed counter before a word, or a bracketed value alone, is not an index.
    const counter = parse(['Epoch: [2] loss: [0.5]', 'Epoch: [3] loss: [0.4]']);
    expect(points(counter, 'loss')).toEqual([
      [2, 0.5],
      [3, 0.4],
    ]);
  });

  it('reads `[name]: value` after a logger prefix as a pair, not as a level', () => {
    const r = parse([
      '2019-08-07 02:59:37,013 - __main__ - INFO - [epoch]: 199, [batch]: 23900, [loss]: 4.99',
      '2019-08-07 02:59:38,017 - __main__ - INFO - [epoch]: 199, [batch]: 24000, [loss]: 4.85',
    ]);
    expect(r.series.epoch?.values).toEqual([199, 199]);
    expect(r.series.loss?.values).toEqual([4.99, 4.85]);
    // A bracketed level or tag without a value after it is still a prefix.
    const level = parse(['[INFO]: step 1 loss 0.5', '[INFO]: step 2 loss 0.4']);
    expect(points(level, 'loss')).toEqual([
      [1, 0.5],
      [2, 0.4],
    ]);
  });

  it('reads the one-pair lines under `Train:` and `Valid:` as one record of that phase', () => {
    const r = parse([
      'Train:',
      '\tAverage loss: 0.0827',
      '\tMean absolute error: 35.911',
      '<Figure size 432x288 with 0 Axes>',
      'Valid:',
      '\tAverage loss: 0.0847',
      '\tMean absolute error: 3.579',
      'Then, after 38 epochs I got:',
      'Train:',
      '\tAverage loss: 0.0668',
      '\tMean absolute error: 6.224',
      'Valid:',
      '\tAverage loss: 0.0784',
      '\tMean absolute error: 3.202',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 0.0827],
      [2, 0.0668],
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [1, 0.0847],
      [2, 0.0784],
    ]);
    expect(points(r, 'Mean absolute error')).toEqual([
      [1, 35.911],
      [2, 6.224],
    ]);
    expect(points(r, 'eval_Mean absolute error')).toEqual([
      [1, 3.579],
      [2, 3.202],
    ]);
    // `Valid:` followed by a line of several pairs opens no block: that line reads as printed.
    const line = parse(['Valid:', 'step 1 loss 0.5 acc 0.9', 'step 2 loss 0.4 acc 0.9']);
    expect(points(line, 'loss')).toEqual([
      [1, 0.5],
      [2, 0.4],
    ]);
  });

  it("reads no record in a question's sentence around one value", () => {
    const r = parse([
      "I am getting validation loss='nan' while training.",
      '',
      'Epoch: 0001 train_loss= 1.09876 train_acc= 0.24752 val_loss= nan val_acc= 0.19512',
      'Epoch: 0002 train_loss= 1.08244 train_acc= 0.50226 val_loss= nan val_acc= 0.19512',
    ]);
    expect(Object.keys(r.series).sort()).toEqual([
      'epoch',
      'eval_loss',
      'loss',
      'train_acc',
      'val_acc',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 1.09876],
      [2, 1.08244],
    ]);
    expect(r.stepSource).toBe('explicit');
    // A value followed by its unit, or by a full stop right after it, still makes a record.
    const units = parse(['grad_norm=33.4706.', 'grad_norm=30.1.']);
    expect(units.series.grad_norm?.values).toEqual([33.4706, 30.1]);
  });

  it("reads a bar's `name: value` description, which the epoch's own line then replaces", () => {
    const r = parse([
      'Epoch: 1/200 - LR: 0.000300',
      '159.4s - loss: 0.484 - acc: 75.000: 100%|██████████| 54000/54000 [02:39<00:00, 338.75it/s]',
      'train loss: 1.646 - train acc: 44.728 - val loss: 0.898 - val acc: 73.050 [*]',
      '',
      'Epoch: 2/200 - LR: 0.000300',
      '164.7s - loss: 1.203 - acc: 75.000: 100%|██████████| 54000/54000 [02:44<00:00, 327.76it/s]',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 1.646],
      [2, 1.203],
    ]);
    expect(points(r, 'acc')).toEqual([
      [1, 75],
      [2, 75],
    ]);
    expect(points(r, 'eval_loss')).toEqual([[1, 0.898]]);
    expect(r.stepSource).toBe('explicit');
    // A bar labelled `Epoch 1:` holds no pair.
    const label = parse([
      'Epoch 1: 100%|██████████| 50/50 [00:10<00:00, 4.9it/s]',
      'epoch 1 loss 0.5',
      'Epoch 2: 100%|██████████| 50/50 [00:10<00:00, 4.9it/s]',
      'epoch 2 loss 0.4',
    ]);
    expect(points(label, 'loss')).toEqual([
      [1, 0.5],
      [2, 0.4],
    ]);
  });
});

describe('voice, TTS, LoRA GUI and Ludwig shapes (twelfth unseen set)', () => {
  it("reads the VITS family's [step, lr] list as the step of the named losses below it", () => {
    const r = parse([
      'INFO:voice:Train Epoch: 9 [20%]',
      'INFO:voice:[4200, 9.990004373906418e-05]',
      'INFO:voice:loss_disc=3.959, loss_gen=3.062, loss_fm=7.881,loss_mel=17.356, loss_kl=1.535',
      'INFO:voice:Train Epoch: 9 [50%]',
      'INFO:voice:[2.9, 1.9, 5.4, 4400, 9.98e-05]',
      'INFO:voice:loss_disc=4.060, loss_gen=2.972, loss_fm=7.563,loss_mel=18.711, loss_kl=1.495',
    ]);
    expect(points(r, 'loss_disc')).toEqual([
      [4200, 3.959],
      [4400, 4.06],
    ]);
    expect(points(r, 'learning_rate')).toEqual([
      [4200, 9.990004373906418e-5],
      [4400, 9.98e-5],
    ]);
    expect(r.stepSource).toBe('explicit');
  });

  it('reads no step from lists that are not a step and a rate', () => {
    for (const list of ['[0.9, 0.999]', '[1, 2, 3]', '[ 0 5 10 15 ]', '[4200, 1.5]', '[a, 0.1]']) {
      expect(parse([list, 'loss: 1.5']).series.learning_rate, list).toBeUndefined();
    }
  });

  it('reads a step printed in thousands (Step: 86k)', () => {
    const r = parse([
      '{| Epoch: 1 (1158/1158) | Loss: 4.6526 | 1.4 steps/s | Step: 1k | }',
      '{| Epoch: 75 (1158/1158) | Loss: 3.6903 | 1.4 steps/s | Step: 86k | }',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1000, 4.6526],
      [86000, 3.6903],
    ]);
    // A metric keeps the number as printed.
    expect(points(parse(['step 1 tokens: 5k', 'step 2 tokens: 6k']), 'tokens')).toEqual([
      [1, 5],
      [2, 6],
    ]);
  });

  it('reads a step named with qualifying words (batch training step)', () => {
    const r = parse([
      '\tbatch training step 5 loss: 4.0908',
      '\tbatch training step 10 loss: 2.8001',
    ]);
    expect(points(r, 'loss')).toEqual([
      [5, 4.0908],
      [10, 2.8001],
    ]);
    expect(r.series['batch training step']).toBeUndefined();
  });

  it('joins the epoch-end lines between two logged iterations to the last step, no restart', () => {
    const r = parse([
      'INFO\tLosses: [1.27, 4.04], step: 21400, lr: 5.85e-05, reference_loss: 30.6',
      'INFO\t====> Epoch: 4274, cost 7.40 s',
      'INFO\t====> Epoch: 4275, cost 7.04 s',
      'INFO\t====> Epoch: 4276, cost 6.96 s',
    ]);
    expect(points(r, 'reference_loss')).toEqual([[21400, 30.6]]);
    expect(r.restarts).toEqual([]);
  });

  it("reads a tqdm postfix of 'name: value' pairs (ai-toolkit)", () => {
    const r = parse([
      'Training:   0%|          | 29/24000 [05:33<76:37:59, 11.51s/it, lr: 1.0e-04 loss: 5.397e-01]',
      'Training:   0%|          | 59/24000 [11:32<78:03:24, 11.74s/it, lr: 1.0e-04 loss: 2.708e-01]',
    ]);
    expect(points(r, 'loss')).toEqual([
      [29, 0.5397],
      [59, 0.2708],
    ]);
    expect(points(r, 'learning_rate')).toEqual([
      [29, 1e-4],
      [59, 1e-4],
    ]);
  });

  it("names Lightning's `_step` copies by their stem, and a parameter count is no metric", () => {
    const r = parse([
      '0 | model | Text2SemanticDecoder | 77.5 M',
      'Epoch 0:  18%|███       | 5/28 [00:02<00:12,  1.91it/s, v_num=1, total_loss_step=3.67e+3, lr_step=0.010, top_3_acc_step=0.183]',
    ]);
    expect(r.series.total_loss?.values).toEqual([3670]);
    expect(r.series.learning_rate?.values).toEqual([0.01]);
    expect(r.series.top_3_acc?.values).toEqual([0.183]);
    expect(r.series.M).toBeUndefined();
  });

  it('skips a settings dict named at the end of a sentence', () => {
    const r = parse([
      'Pong (train_ppo_ale.py, args=`{"rom": "Pong", "lr": 0.00025, "steps": 80000000, "epochs": 3}`)',
      'steps\tmean\taverage_loss_policy',
      '50099\t-19.8\t-0.0195',
      '100524\t-18.6\t-0.1209',
    ]);
    expect(r.series.learning_rate).toBeUndefined();
    expect(points(r, 'mean')).toEqual([
      [50099, -19.8],
      [100524, -18.6],
    ]);
    // A dict that is a record, after a sentence, is still read.
    expect(parse(["step 1 done, metrics={'loss': 1.5}"]).series.loss?.values).toEqual([1.5]);
  });

  it("reads no metric from a date's month and weekday", () => {
    const r = parse([
      'step: 2300/ 3305 loss:0.3651 0.3224 imps:26.6 lr: 0.0343 etc:Tue Sep 17 15:31:41 2019',
      'step: 2400/ 3305 loss:0.3563 0.3121 imps:27.3 lr: 0.0312 etc:Tue Sep 17 15:31:35 2019',
    ]);
    expect(Object.keys(r.series).sort()).toEqual(['imps', 'learning_rate', 'loss']);
  });

  it('reads table rows named by phase (train / vali / test) as train, eval_ and test_ records', () => {
    const r = parse([
      '╒══════════╤════════╤════════════╕',
      '│ rating   │   loss │   accuracy │',
      '╞══════════╪════════╪════════════╡',
      '│ train    │ 1.1529 │     0.3988 │',
      '├──────────┼────────┼────────────┤',
      '│ vali     │ 1.2190 │     0.2708 │',
      '├──────────┼────────┼────────────┤',
      '│ test     │ 1.1510 │     0.3585 │',
      '╘══════════╧════════╧════════════╛',
    ]);
    expect(r.series.loss?.values).toEqual([1.1529]);
    expect(r.series.eval_loss?.values).toEqual([1.219]);
    expect(r.series.eval_accuracy?.values).toEqual([0.2708]);
    expect(r.series.test_loss?.values).toEqual([1.151]);
    expect(r.series.test_accuracy?.values).toEqual([0.3585]);
  });

  it('reads no metric from a bar copied without its bar characters', () => {
    const r = parse([
      'Training: 100% 3/3 [00:10<00:00,  3.46s/it]',
      'Evaluation vali : 100% 1/1 [00:00<00:00,  2.37it/s]',
      'epoch 1 loss: 1.5',
    ]);
    expect(Object.keys(r.series).sort()).toEqual(['epoch', 'loss']);
  });

  it("reads a line glued after a bar's bracket, and a scope in words is not part of the name", () => {
    const r = parse([
      'Training:   0%|          | 0/38 [00:00<?, ?it/s]Training loss (for one batch): 7.41',
      'Training:   3%|▎         | 1/38 [00:03<01:57,  3.18s/it]Training loss (for one batch): 7.38',
    ]);
    expect(points(r, 'loss')).toEqual([
      [0, 7.41],
      [1, 7.38],
    ]);
    // A unit in brackets stays part of the name.
    const units = parse([
      'Epoch 1 | Loss 0.5 | Speed (samples/sec) 10.5',
      'Epoch 2 | Loss 0.4 | Speed (samples/sec) 11.5',
    ]);
    expect(units.series['Speed (samples/sec)']?.values).toEqual([10.5, 11.5]);
  });

  it('counts a record after a bar that started again below the counted records before it', () => {
    const r = parse([
      'Epoch  7',
      'Training:   0%|          | 0/6 [00:00<?, ?it/s]Training loss: 7.41',
      'Training loss: 7.38',
      'Training loss: 7.34',
      'Training: 100%|██████████| 6/6 [00:00<00:00, 57.71it/s]',
      '│ y     │     loss │   error │',
      '│ train │ 740.2263 │ -9.0984 │',
    ]);
    const loss = points(r, 'loss');
    expect(loss.map(([, value]) => value)).toEqual([7.41, 7.38, 7.34, 740.2263]);
    expect(new Set(loss.map(([step]) => step)).size).toBe(4);
  });

  it('gives no new position to a bar another rank prints again after a record used it', () => {
    const lines = [
      'Epoch  7',
      'Training:   0%|          | 0/6 [00:00<?, ?it/s]Training loss: 7.41',
      'Training loss: 7.38',
      'Training loss: 7.34',
    ];
    const one = parse(lines);
    const two = parse(lines.flatMap((line) => [`[rank0]: ${line}`, `[rank1]: ${line}`]));
    expect(two.series.loss).toEqual(one.series.loss);
  });
});

describe('training loops printing in other languages (the thirteenth unseen set)', () => {
  it('reads localized spellings of epoch, loss, validation loss and learning rate', () => {
    const de = parse(['Epoche 1/100, Verlust: 0.005862', 'Epoche 10/100, Verlust: 0.000014']);
    expect(points(de, 'loss')).toEqual([
      [1, 0.005862],
      [10, 0.000014],
    ]);
    const ru = parse([
      'ЭПОХА 1 | Потери: 0.56 | Скорость обучения: 0.01',
      'Эпоха 2 | Потери: 0.47',
    ]);
    expect(points(ru, 'loss')).toEqual([
      [1, 0.56],
      [2, 0.47],
    ]);
    expect(points(ru, 'learning_rate')).toEqual([[1, 0.01]]);
    const ja = parse([
      'エポック: 0 | 損失: 0.69555, 精度: 56.62% | テスト損失: 0.68961',
      'エポック: 100 | 損失: 0.68488, 精度: 57.00% | テスト損失: 0.68687',
    ]);
    expect(points(ja, 'eval_loss')).toEqual([
      [0, 0.68961],
      [100, 0.68687],
    ]);
    const ko = parse([
      '| 에폭 1 | 손실 0.52 | 검증 손실 0.61',
      '| 에폭 2 | 손실 0.41 | 검증 손실 0.55',
    ]);
    expect(points(ko, 'eval_loss')).toEqual([
      [1, 0.61],
      [2, 0.55],
    ]);
    const es = parse([
      'Época 1/25 | pérdida = 0.8039 | loss_G = 1.9615',
      'Época 2/25 | pérdida = 0.5137 | loss_G = 3.5043',
    ]);
    expect(points(es, 'loss')).toEqual([
      [1, 0.8039],
      [2, 0.5137],
    ]);
    // The phase after the metric (`loss_train`, `loss_val`).
    const suffix = parse([
      'epoca 1/5  loss_train=2.2868  loss_val=1.1156',
      'epoca 2/5  loss_train=0.7517  loss_val=0.5481',
    ]);
    expect(points(suffix, 'eval_loss')).toEqual([
      [1, 1.1156],
      [2, 0.5481],
    ]);
    // A metric word of another language is enough for the first line to count.
    const fr = parse(['Époque 1/5 - Erreur moyenne: 0.65', 'Époque 2/5 - Erreur moyenne: 0.61']);
    expect(points(fr, 'Erreur moyenne')).toEqual([
      [1, 0.65],
      [2, 0.61],
    ]);
  });

  it('does not take localized prose or settings for records', () => {
    const r = parse([
      'Hyperparameter festgelegt: Epochen=100, Batch-Größe=64, Lernrate=0.001',
      'Die Epoche 1 war lang und der Verlust hoch, wir warten noch auf 3 Ergebnisse heute.',
      'Epoche 1/100, Verlust: 0.5',
      'Epoche 2/100, Verlust: 0.4',
    ]);
    expect(Object.keys(r.series).sort()).toEqual(['epoch', 'loss']);
    expect(points(r, 'loss')).toEqual([
      [1, 0.5],
      [2, 0.4],
    ]);
  });

  it('reads a counter spaced around its slash (`반복 1 / 19`) as a position in the epoch', () => {
    const r = parse([
      '| 에폭 1 |  반복 1 / 19 | 시간 0[s] | 퍼플렉서티 417.50',
      '| 에폭 2 |  반복 1 / 19 | 시간 0[s] | 퍼플렉서티 369.04',
    ]);
    expect(r.series.반복).toBeUndefined();
    expect(r.series.퍼플렉서티?.values).toEqual([417.5, 369.04]);
    expect(r.series.퍼플렉서티?.steps).toEqual([1, 20]);
    // Two decimals spaced around a slash are no counter and its total.
    const ratio = parse(['step 1 acc 0.5 / 0.6 loss 2.0', 'step 2 acc 0.7 / 0.8 loss 1.5']);
    expect(points(ratio, 'loss')).toEqual([
      [1, 2],
      [2, 1.5],
    ]);
  });

  it('reads an average of a loss as that loss (`Durchschnittl. Validierungs-Loss`, `avg val loss`)', () => {
    const r = parse([
      'Epoch 1 | average train loss: 0.52 | average validation loss: 0.61',
      'Epoch 2 | average train loss: 0.41 | average validation loss: 0.55',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 0.52],
      [2, 0.41],
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [1, 0.61],
      [2, 0.55],
    ]);
  });

  it("places every line of an epoch's end at the epoch's last position, without a restart", () => {
    const r = parse([
      '  [Epoche 1, Batch 200/400] Loss: 2.356081',
      '  [Epoche 1, Batch 400/400] Loss: 2.328159',
      '[Epoche 1] Durchschnittl. Train-Loss (Original): 2.344560',
      '[Epoche 1] Durchschnittl. Train-Loss (Shaped) : 2.341296',
      '[Epoche 1] Durchschnittl. Validierungs-Loss: 2.330716',
      '[Epoche 1] Durchschnittl. Validierungs-Genauigkeit: 0.3055',
      '[Epoche 1] Dauer: 1425.62 sec',
    ]);
    expect(r.restarts).toEqual([]);
    expect(points(r, 'loss')).toEqual([
      [200, 2.356081],
      [400, 2.328159],
    ]);
    expect(points(r, 'eval_loss')).toEqual([[400, 2.330716]]);
    expect(points(r, 'Dauer')).toEqual([[400, 1425.62]]);
  });

  it("keeps a line of the epoch before, flushed after the next epoch's bar, without a restart", () => {
    const r = parse([
      'Epoca 1/100 [Train] LR=1.0e-02: 100%|██████████| 389/389 [01:08<00:00,  5.69it/s]',
      'Epoca 1/100 | Train Loss: 0.115384 | Val Loss: 0.017534',
      'Epoca 2/100 [Train] LR=1.0e-02: 100%|██████████| 389/389 [01:08<00:00,  5.67it/s]',
      'Epoca 3/100 [Train] LR=5.0e-03:    0%|          | 0/389 [00:00<?, ?it/s]',
      'Epoca 2/100 | Train Loss: 0.016908 | Val Loss: 0.019205',
      'Epoca 3/100 [Train] LR=5.0e-03: 100%|██████████| 389/389 [01:25<00:00,  4.56it/s]',
      'Epoca 3/100 | Train Loss: 0.014317 | Val Loss: 0.014093',
    ]);
    expect(r.restarts).toEqual([]);
    expect(points(r, 'loss')).toEqual([
      [1, 0.115384],
      [2, 0.016908],
      [3, 0.014317],
    ]);
    expect(points(r, 'learning_rate')).toEqual([
      [1, 0.01],
      [2, 0.01],
      [3, 0.005],
    ]);
    // A real restart (the same metrics again at an earlier epoch) is still one.
    const restarted = parse([
      'Epoch 1 | loss: 0.9',
      'Epoch 2 | loss: 0.8',
      'Epoch 3 | loss: 0.7',
      'Epoch 2 | loss: 0.75',
    ]);
    expect(restarted.restarts.length).toBe(1);
  });

  it('reads the named parts in brackets after a value (`Total Loss: 3.06 (Value: 0.02, Policy: 2.83)`)', () => {
    const r = parse([
      'Epoche 1/100 | Total Loss: 3.06 (Value: 0.02 R²=+0.33, Policy: 2.83) | v_pred σ=0.107',
      'Epoche 2/100 | Total Loss: 2.81 (Value: 0.02 R²=+0.37, Policy: 2.59) | v_pred σ=0.113',
    ]);
    expect(points(r, 'Policy')).toEqual([
      [1, 2.83],
      [2, 2.59],
    ]);
    expect(points(r, 'Total Loss')).toEqual([
      [1, 3.06],
      [2, 2.81],
    ]);
    // A running average or words in brackets stay skipped.
    const avg = parse([
      'Epoch: [27]  [10/31]  lr: 0.001265  loss: 0.0276 (0.0314)  time: 0.3637 (took 2 ms)',
      'Epoch: [27]  [20/31]  lr: 0.001265  loss: 0.0290 (0.0301)  time: 0.3611 (took 2 ms)',
    ]);
    expect(avg.series.loss?.values).toEqual([0.0276, 0.029]);
    expect(avg.series.took).toBeUndefined();
  });
});

describe('the fourteenth unseen set rules (scientific ML and 3D)', () => {
  it('reads a table whose cells are bracketed lists of loss terms (DeepXDE)', () => {
    const r = parse([
      'Step      Train loss                        Test loss                         Test metric',
      '0         [1.00e+00, 2.00e+00, 3.00e+00]    [5.00e-01, 0.00e+00, 0.00e+00]    [1.61e+00]  ',
      '1000      [1.00e-01, 2.00e-01, 3.00e-01]    [2.50e-01, 0.00e+00, 0.00e+00]    []  ',
    ]);
    // The loss is the sum of its terms; each term is kept.
    expect(points(r, 'loss').map(([s, v]) => [s, Number(v.toFixed(6))])).toEqual([
      [0, 6],
      [1000, 0.6],
    ]);
    expect(points(r, 'loss[2]')).toEqual([
      [0, 3],
      [1000, 0.3],
    ]);
    expect(points(r, 'Test loss')).toEqual([
      [0, 0.5],
      [1000, 0.25],
    ]);
    // A one-value list is that value; an empty list is no value.
    expect(points(r, 'Test metric')).toEqual([[0, 1.61]]);
    // A list of words is no list of numbers: the row stays unread rather than misread.
    const words = parse(['Step      Train loss', '0         [a, b, c]']);
    expect(words.series.loss).toBeUndefined();
  });

  it('reads the step or epoch after words announcing it begins or ends', () => {
    const r = parse([
      'Ending global_step 60: Average loss 8.58614',
      'Ending global_step 120: Average loss 7.1',
    ]);
    expect(points(r, 'loss')).toEqual([
      [60, 8.58614],
      [120, 7.1],
    ]);
    expect(r.series['Ending global_step']).toBeUndefined();
    const e = parse([
      '==> Start Training Epoch 1, lr=0.010000 ...',
      '==> Finished Epoch 1.',
      '==> Start Training Epoch 2, lr=0.009994 ...',
    ]);
    expect(points(e, 'learning_rate')).toEqual([
      [1, 0.01],
      [2, 0.009994],
    ]);
    expect(e.series['Start Training Epoch']).toBeUndefined();
    // A bare `start` is a setting's word, not an announcement (`start_epoch: 0`).
    const s = parse(['start epoch 3, loss 0.5', 'start epoch 4, loss 0.4']);
    expect(s.series['start epoch']).toBeDefined();
  });

  it('reads a step column with a note and percentages, and skips the ETA (nerfstudio)', () => {
    const r = parse([
      'Step (% Done)       Train Iter (time)    ETA (time)           Train Rays / Sec      ',
      '----------------------------------------------------------------------------------- ',
      '29910 (99.70%)      32.475 ms            2 s, 922.777 ms      63.15 K               ',
      '29970 (99.90%)      32.647 ms            979.405 ms           62.82 K               ',
    ]);
    expect(points(r, 'Train Iter (time)')).toEqual([
      [29910, 32.475],
      [29970, 32.647],
    ]);
    expect(points(r, 'Train Rays / Sec')).toEqual([
      [29910, 63.15],
      [29970, 62.82],
    ]);
    expect(r.series['ETA (time)']).toBeUndefined();
  });

  it('reads a dict under a results heading (`Test scores`) as end-of-run totals', () => {
    const r = parse([
      'Ending global_step 60: Average loss 8.58614',
      'Train scores',
      "{'pearson_r2_score': 0.98, 'mean_absolute_error': 0.13}",
      'Test scores',
      "{'pearson_r2_score': 0.10, 'mean_absolute_error': 2.41}",
    ]);
    expect(r.stepSource).toBe('explicit');
    expect(r.series.pearson_r2_score).toBeUndefined();
    expect(r.summary.train_pearson_r2_score).toBe(0.98);
    expect(r.summary.test_mean_absolute_error).toBe(2.41);
    // A dict under any other line stays a record.
    const d = parse([
      'Test scores are below',
      "{'loss': 0.5, 'epoch': 1.0}",
      "{'loss': 0.4, 'epoch': 2.0}",
    ]);
    expect(d.series.loss?.values).toEqual([0.5, 0.4]);
  });

  it('reads `Evaluating test:` as an evaluation record and `Evaluating train:` as none', () => {
    const r = parse([
      '[ITER 7000] Evaluating test: L1 0.045 PSNR 18.86 [01/12 00:20:04]',
      '[ITER 7000] Evaluating train: L1 0.030 PSNR 21.50 [01/12 00:20:05]',
    ]);
    expect(points(r, 'eval_PSNR')).toEqual([[7000, 18.86]]);
    expect(points(r, 'PSNR')).toEqual([[7000, 21.5]]);
  });
});

describe('step counters in the spellings programmers give them', () => {
  const steps = (lines: string[]) => {
    const r = parse(lines);
    return { steps: r.series.loss?.steps, names: Object.keys(r.series).sort() };
  };

  it.each([
    'iter_num',
    'iterNum',
    'step_num',
    'cur_iter',
    'curr_step',
    'current_step',
    'itr',
    'Itr',
    'iteration_no',
    'step#',
  ])('reads `%s 10, loss 2.5` as a loss at step 10', (name) => {
    const r = steps([
      `${name} 10, loss 2.5, lr 1e-4`,
      `${name} 20, loss 2.25, lr 1e-4`,
      `${name} 30, loss 2.0, lr 1e-4`,
    ]);
    expect(r.steps).toEqual([10, 20, 30]);
    expect(r.names).toEqual(['learning_rate', 'loss']);
  });

  it.each(['n_iter', 'num_steps', 'total_steps', 'step_time', 'iteration_loss'])(
    'keeps `%s` as a metric of its own, never the step',
    (name) => {
      const r = steps([`step 1, ${name} 40, loss 2.5`, `step 2, ${name} 40, loss 2.25`]);
      expect(r.steps).toEqual([1, 2]);
      expect(r.names).toContain(name);
    },
  );

  it.each([
    ['"', 'it'],
    ['"', 'Iter'],
    ["'", 'iter_num'],
    ['"', 'train_step'],
    ["'", 'GlobalStep'],
    ['"', 'trainer/step'],
    ['"', 'cur_iter'],
  ])('takes %s%s%1$s of a JSON or dict record as its step', (quote, name) => {
    const q = quote;
    const r = steps(
      [10, 20, 30].map((s, i) => `{${q}${name}${q}: ${s}, ${q}loss${q}: ${2.5 - i / 4}}`),
    );
    expect(r.steps).toEqual([10, 20, 30]);
    expect(r.names).toEqual(['loss']);
  });

  it('prefers a step key of the program over W&B history`s `_step`', () => {
    const r = steps([
      '{"_step": 0, "it": 100, "loss": 2.5}',
      '{"_step": 1, "it": 200, "loss": 2.25}',
    ]);
    expect(r.steps).toEqual([100, 200]);
  });

  it('does not take ParlAI`s `updates` (the updates since the last report) as the step', () => {
    const r = steps([
      "{'exs': 1134, 'loss': 0.949, 'updates': 81, 'total_train_updates': 151}",
      "{'exs': 392, 'loss': 0.3908, 'updates': 28, 'total_train_updates': 179}",
    ]);
    expect(r.steps).toEqual([1, 2]);
  });
});

describe('values printed as the framework`s wrapper (a loop printing `loss`, not `loss.item()`)', () => {
  it.each([
    ['TensorFlow', (v: number) => `tf.Tensor(${v}, shape=(), dtype=float32)`],
    ['JAX', (v: number) => `Array(${v}, dtype=float32)`],
    ['NumPy', (v: number) => `array(${v}, dtype=float32)`],
    ['PyTorch, one element', (v: number) => `tensor([${v}], device='cuda:0')`],
  ])('reads %s values on text lines and in printed dicts', (_, wrap) => {
    const text = parse([1, 2, 3].map((s, i) => `step ${s} loss: ${wrap(2.5 - i / 4)} lr: 0.001`));
    expect(points(text, 'loss')).toEqual([
      [1, 2.5],
      [2, 2.25],
      [3, 2],
    ]);
    expect(Object.keys(text.series).sort()).toEqual(['learning_rate', 'loss']);
    const dict = parse([1, 2].map((s, i) => `{'step': ${s}, 'loss': ${wrap(2.5 - i / 4)}}`));
    expect(points(dict, 'loss')).toEqual([
      [1, 2.5],
      [2, 2.25],
    ]);
  });

  it('reads TensorFlow`s `<tf.Tensor: ... numpy=x>` repr in a printed dict', () => {
    const r = parse([
      "{'loss': <tf.Tensor: shape=(), dtype=float32, numpy=0.6925>, 'accuracy': <tf.Tensor: shape=(), dtype=float32, numpy=0.5>}",
      "{'loss': <tf.Tensor: shape=(), dtype=float32, numpy=0.5123>, 'accuracy': <tf.Tensor: shape=(), dtype=float32, numpy=0.75>}",
    ]);
    expect(r.series.loss?.values).toEqual([0.6925, 0.5123]);
    expect(r.series.accuracy?.values).toEqual([0.5, 0.75]);
  });

  it('charts no value from a tensor of several numbers', () => {
    const r = parse([
      'step 1 loss: 2.5 logits: tensor([0.1, 0.9])',
      'step 2 loss: 2.25 logits: tensor([0.2, 0.8])',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 2.5],
      [2, 2.25],
    ]);
    expect(r.series.logits).toBeUndefined();
  });
});

describe('decorated lines', () => {
  it('reads names with emoji and symbols before them as the names alone', () => {
    const r = parse([
      '🚀 Step 10 | 📉 Loss: 2.5000 | ⚡ LR: 1.0e-04 | ⏱️ 0.52s/it',
      '🚀 Step 20 | 📉 Loss: 2.2500 | ⚡ LR: 1.0e-04 | ⏱️ 0.51s/it',
      '✅ Epoch 1 → Val Loss: 2.4100',
    ]);
    expect(points(r, 'loss')).toEqual([
      [10, 2.5],
      [20, 2.25],
    ]);
    expect(r.series.learning_rate?.values).toEqual([1e-4, 1e-4]);
    expect(r.series.eval_loss?.values).toEqual([2.41]);
    expect(Object.keys(r.series).some((name) => /[^\x20-\x7e]/.test(name))).toBe(false);
  });

  it('keeps letters of other scripts in names (a symbol is no letter, a word is)', () => {
    const r = parse(['шаг 1, потеря 2.5', 'шаг 2, потеря 2.25']);
    expect(r.stepSource).toBe('explicit');
    expect(Object.keys(r.series)).toHaveLength(1);
  });

  it('reads `val 3.0000` as a value, not as the counter of an evaluation', () => {
    const r = parse([
      'epoch 1: loss 2.5000 | val 3.5000',
      'epoch 2: loss 2.2500 | val 3.2500',
      'epoch 3: loss 2.0000 | val 3.0000',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 2.5],
      [2, 2.25],
      [3, 2],
    ]);
    expect(r.series.val?.values).toEqual([3.5, 3.25, 3]);
  });
});

describe('records with objects inside (a JSON logger`s `train`/`val` groups)', () => {
  it('names the metrics of a nested object after its key', () => {
    const r = parse([
      '{"step": 10, "train": {"loss": 2.5, "lr": 0.0001}, "val": {"loss": 3.0, "acc": 0.5}}',
      '{"step": 20, "train": {"loss": 2.25, "lr": 0.0001}, "val": {"loss": 2.75, "acc": 0.6}}',
    ]);
    expect(points(r, 'loss')).toEqual([
      [10, 2.5],
      [20, 2.25],
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [10, 3],
      [20, 2.75],
    ]);
    expect(r.series.learning_rate?.values).toEqual([1e-4, 1e-4]);
    expect(r.series['val/acc']?.values).toEqual([0.5, 0.6]);
  });

  it('keeps the names of the metrics in a `metrics` object', () => {
    const r = parse([
      "{'iteration': 100, 'metrics': {'loss': 1.5, 'grad_norm': 0.9}, 'config': {'seed': 1}}",
      "{'iteration': 200, 'metrics': {'loss': 1.25, 'grad_norm': 0.8}, 'config': {'seed': 1}}",
    ]);
    expect(points(r, 'loss')).toEqual([
      [100, 1.5],
      [200, 1.25],
    ]);
    expect(r.series.grad_norm?.values).toEqual([0.9, 0.8]);
    expect(r.series['config/seed']?.values).toEqual([1, 1]);
  });

  it('skips objects nested deeper than two levels and lists', () => {
    const r = parse([
      '{"step": 1, "loss": 2.5, "a": {"b": {"c": {"d": 1}}}, "hist": [1, 2, 3]}',
      '{"step": 2, "loss": 2.25, "a": {"b": {"c": {"d": 2}}}, "hist": [1, 2, 3]}',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1, 2.5],
      [2, 2.25],
    ]);
    expect(Object.keys(r.series).sort()).toEqual(['loss']);
  });
});

describe('training loops outside Python (unseen16)', () => {
  it('reads a number sign glued to a step name (`step#:`) or before a counter (`Epoch #1`)', () => {
    const r = parse([
      'step#: 22954  learning rate: 0.0001  average loss: 1.36111      steps without apparent progress: 2360',
      'step#: 22985  learning rate: 0.0001  average loss: 1.32451      steps without apparent progress: 2399',
    ]);
    expect(r.stepSource).toBe('explicit');
    expect(points(r, 'loss')).toEqual([
      [22954, 1.36111],
      [22985, 1.32451],
    ]);
    expect(r.series['step#']).toBeUndefined();
    const e = parse(['Epoch #1 Error:0,403222', 'Epoch #2 Error:0,326979']);
    expect(points(e, 'Error')).toEqual([
      [1, 0.403222],
      [2, 0.326979],
    ]);
    // A number sign after any other word (a blob, a rank) is no counter's.
    const n = parse(['loss 0.5 output #0', 'loss 0.4 output #1']);
    expect(n.stepSource).toBe('count');
    expect(n.series.output).toBeUndefined();
  });

  it('reads a sentence per metric (`Loss is 1.72. Current learning rate is 0.07.`)', () => {
    const r = parse([
      '[Epoch 42 933888/1281167][Iteration 17442][Wall Clock 26290.6678436s] Trained 3072 records in 1.468526684 seconds. Throughput is 2091.8926 records/second. Loss is 1.72319. Current learning rate is 0.0759. Current momentum is 0.9.',
      '[Epoch 42 936960/1281167][Iteration 17443][Wall Clock 26292.140475331s] Trained 3072 records in 1.472631731 seconds. Throughput is 2086.0613 records/second. Loss is 1.9208802. Current learning rate is 0.0758. Current momentum is 0.9.',
    ]);
    expect(points(r, 'loss')).toEqual([
      [17442, 1.72319],
      [17443, 1.9208802],
    ]);
    expect(points(r, 'learning_rate')).toEqual([
      [17442, 0.0759],
      [17443, 0.0758],
    ]);
    expect(points(r, 'Throughput')[0]).toEqual([17442, 2091.8926]);
    expect(r.series['seconds Throughput']).toBeUndefined();
    expect(r.series['records/second Loss']).toBeUndefined();
    // An identifier keeps its name: only the words `Current learning rate` are the rate.
    const c = parse([
      'step 1 | current_lr: 5e-06 | loss: 0.1',
      'step 2 | current_lr: 5e-06 | loss: 0.1',
    ]);
    expect(c.series.current_lr?.values).toEqual([5e-6, 5e-6]);
  });

  it('ends a value at its rate unit (`26130.01 samples/sec Train-accuracy=0.11`)', () => {
    const r = parse([
      'Iter [50] Speed: 26130.0133 samples/sec Train-accuracy=0.111875',
      'Iter [100] Speed: 24854.3753 samples/sec Train-accuracy=0.134843',
    ]);
    expect(points(r, 'Train-accuracy')).toEqual([
      [50, 0.111875],
      [100, 0.134843],
    ]);
    expect(points(r, 'Speed')[1]).toEqual([100, 24854.3753]);
    // A slash between words that is no rate (`rewards/chosen`) still names the next value.
    const w = parse(['step 1 loss 0.5 rewards/chosen 0.2', 'step 2 loss 0.4 rewards/chosen 0.3']);
    expect(points(w, 'rewards/chosen')).toEqual([
      [1, 0.2],
      [2, 0.3],
    ]);
  });

  it("reads Julia's `@show` lines: a call's arguments, `param(...)` and Float32 `f0` values", () => {
    const r = parse([
      'loss(x, y) = param(0.0913291)',
      'accuracy(m, x, label, 0.0:9) = 0.10525',
      'loss(x, y) = param(0.0768191)',
      'accuracy(m, x, label, 0.0:9) = 0.31588',
    ]);
    expect(r.series.loss?.values).toEqual([0.0913291, 0.0768191]);
    expect(r.series.accuracy?.values).toEqual([0.10525, 0.31588]);
    const f = parse(['epoch 1 loss = 267.8037f0', 'epoch 2 loss = 1.5f-3']);
    expect(points(f, 'loss')).toEqual([
      [1, 267.8037],
      [2, 0.0015],
    ]);
    // `==` compares, it does not assign; `bf16` and `3f4x` are words, not numbers.
    const q = parse(['f(x) == 1 bf16 3f4x', 'f(x) == 1 bf16 3f4x']);
    expect(Object.keys(q.series)).toEqual([]);
  });

  it("strips R's `#> ` output marks and reads a gbm deviance table under them", () => {
    const r = parse([
      '#> Iter   TrainDeviance   ValidDeviance   StepSize   Improve',
      '#>      1        1.9019             nan     0.1000    0.0767',
      '#>      2        1.8470             nan     0.1000    0.0491',
      '#>     10        1.4839             nan     0.1000    0.0325',
    ]);
    expect(points(r, 'TrainDeviance')).toEqual([
      [1, 1.9019],
      [2, 1.847],
      [10, 1.4839],
    ]);
    // A mark alone on its line is an empty line, not a record.
    expect(Object.keys(parse(['#>', '#> ', '#>']).series)).toEqual([]);
  });

  it('reads numbers listed with decimal commas as values, not as a counter', () => {
    const r = parse([
      'Epoch #42 Error:0,00152763617214056',
      'Epoch #43 Error:0,000498892283437333',
      '0,0, actual=0,00861768412365147,ideal=0',
      '1,0, actual=0,982667334534116,ideal=1',
    ]);
    expect(r.restarts).toEqual([]);
    expect(points(r, 'Error')).toEqual([
      [42, 0.00152763617214056],
      [43, 0.000498892283437333],
    ]);
  });

  it("reads FANN's `Epochs N.` as the epoch of its line, and its limits line as no record", () => {
    const r = parse([
      'Max epochs   500000. Desired error: 0.0010000000.',
      'Epochs            1. Current error: 0.3613613844. Bit fail 4.',
      'Epochs           10. Current error: 0.2489670813. Bit fail 4.',
    ]);
    expect(points(r, 'Current error')).toEqual([
      [1, 0.3613613844],
      [10, 0.2489670813],
    ]);
    expect(r.series.Epochs).toBeUndefined();
    expect(r.series['Max epochs']).toBeUndefined();
    expect(r.series['Desired error']).toBeUndefined();
    expect(r.stepSource).toBe('explicit');
    // The most epochs as a later name of a record stays a metric of it.
    const m = parse(['epoch 1 loss 0.5 max epochs 10', 'epoch 2 loss 0.4 max epochs 10']);
    expect(m.series['max epochs']?.values).toEqual([10, 10]);
  });
});

describe('the nineteenth unseen set: bulleted results blocks (NeMo-RL)', () => {
  it('reads the bullets under a results heading as one record, whatever their names', () => {
    const r = parseTrainingLog(
      [
        '📊 Training Results:',
        '  • Loss: 0.1032',
        '  • Avg Reward: 0.3486',
        '  • Buffer Size: 64',
        '',
        '⏱️  Timing:',
        '  • Total step time: 66.55s',
        '  • exposed_generation: 32.52s (48.9%)',
        '  • weight_sync: 0.13s (0.2%)',
      ].join('\n'),
    );
    expect(r.series.loss?.values).toEqual([0.1032]);
    expect(r.series['Avg Reward']?.steps).toEqual(r.series.loss?.steps);
    expect(r.series['Buffer Size']?.values).toEqual([64]);
    expect(r.series.exposed_generation?.values).toEqual([32.52]);
    expect(r.series.weight_sync?.steps).toEqual(r.series['Total step time']?.steps);
    expect(Object.keys(r.series).some((name) => name.startsWith('•'))).toBe(false);
  });

  it('places the validation and training blocks of a step under its header', () => {
    const r = parseTrainingLog(
      [
        '========================= Step 2/2 =========================',
        '📊 Validation Results for `default` set:',
        '    • Validation loss: 0.6645',
        '    • Validation accuracy: 1.0000',
        '📊 Training Results:',
        '  • loss: 0.7',
        '  • num_valid_samples: 32.0000',
      ].join('\n'),
    );
    expect(r.series.eval_loss).toEqual({ steps: [2], values: [0.6645] });
    expect(r.series.loss).toEqual({ steps: [2], values: [0.7] });
    expect(r.series.num_valid_samples).toEqual({ steps: [2], values: [32] });
  });

  it('leaves a prose line ending with a colon no block heading: its lines stay records', () => {
    const r = parseTrainingLog(['Here is my training log:', 'loss: 0.5', 'loss: 0.4'].join('\n'));
    expect(r.series.loss?.values).toEqual([0.5, 0.4]);
    const words = parseTrainingLog(
      ['Some of my own results from the run:', 'loss: 0.5', 'loss: 0.4'].join('\n'),
    );
    expect(words.series.loss?.values).toEqual([0.5, 0.4]);
  });
});

describe('speech and TTS trainers (unseen17)', () => {
  it('reads the iteration between a loss name and its value as the step (NVIDIA Tacotron 2)', () => {
    const r = parse([
      'Epoch: 0',
      'Train loss 0 48.220909 Grad Norm 13.484264 5.71s/it',
      'Validation loss 0: 37.061010  ',
      'Train loss 1 35.229748 Grad Norm 25.020286 3.79s/it',
      'Train loss 2 16.508032 Grad Norm 17.146819 3.99s/it',
      'Validation loss 2:  30.5',
    ]);
    expect(r.stepSource).toBe('explicit');
    expect(points(r, 'loss')).toEqual([
      [0, 48.220909],
      [1, 35.229748],
      [2, 16.508032],
    ]);
    expect(points(r, 'grad_norm')).toEqual([
      [0, 13.484264],
      [1, 25.020286],
      [2, 17.146819],
    ]);
    expect(points(r, 'eval_loss')).toEqual([
      [0, 37.06101],
      [2, 30.5],
    ]);
  });

  it('keeps an integer value after a loss name when no decimal follows it', () => {
    // `Train loss 3 4` is two integers: no iteration-then-value reading.
    const r = parse(['step 1 Train loss 3 acc 0.5', 'step 2 Train loss 2 acc 0.6']);
    expect(points(r, 'loss')).toEqual([
      [1, 3],
      [2, 2],
    ]);
  });

  it('drops a one-letter level before a capitalised message (Mozilla DeepSpeech)', () => {
    const r = parse([
      'I Training epoch 0...',
      'I Training of Epoch 0 - loss: 223.102412',
      'I Validating epoch 0...',
      'I Validation of Epoch 0 - loss: 188.416498',
      'I Training of Epoch 1 - loss: 224.996908',
      'I Validation of Epoch 1 - loss: 209.471827',
    ]);
    expect(r.series.loss?.values).toEqual([223.102412, 224.996908]);
    expect(r.series.eval_loss?.values).toEqual([188.416498, 209.471827]);
    // Prose starting with the word `I` is still prose.
    const p = parse(['I am getting loss 3.5 at the start', 'I think it is fine']);
    expect(p.series.loss).toBeUndefined();
    // A GAN's `D Loss` opening the line is a name, not a level.
    const g = parse(['D Loss: 0.69, G Loss: 0.71', 'D Loss: 0.65, G Loss: 0.75']);
    expect(g.series['D Loss']?.values).toEqual([0.69, 0.65]);
  });

  it('reads names padded before their colon, one a line, under namespaces (AuxiliaryASR)', () => {
    const r = parse([
      '--- epoch 93 ---',
      'train/loss     : 6.9128',
      'train/ctc      : 2.9149',
      'train/learning_rate: 0.0003',
      'eval/loss      : 9.4592',
      'eval/wer       : 0.9116',
      '--- epoch 94 ---',
      'train/loss     : 7.1016',
      'train/ctc      : 3.0004',
      'train/learning_rate: 0.0003',
      'eval/loss      : 9.7809',
      'eval/wer       : 0.9156',
    ]);
    expect(points(r, 'loss')).toEqual([
      [93, 6.9128],
      [94, 7.1016],
    ]);
    expect(r.series['train/ctc']?.values).toEqual([2.9149, 3.0004]);
    expect(r.series.learning_rate?.values).toEqual([0.0003, 0.0003]);
    expect(r.series.eval_loss?.values).toEqual([9.4592, 9.7809]);
    expect(r.series['eval/wer']?.values).toEqual([0.9116, 0.9156]);
    // Padding before `:` on a line of several pairs: the same pairs as without it.
    const p = parse(['step 1, loss   : 6.9, acc   : 0.5', 'step 2, loss   : 6.7, acc   : 0.6']);
    expect(points(p, 'loss')).toEqual([
      [1, 6.9],
      [2, 6.7],
    ]);
    expect(points(p, 'acc')).toEqual([
      [1, 0.5],
      [2, 0.6],
    ]);
  });

  it("reads a phase cell and takes the epoch over the phase's batch count (Coqui STT)", () => {
    const r = parse([
      'Epoch 5 | Validation | Elapsed Time: 0:00:27 | Steps: 176 | Loss: 65.730284 | Dataset: dev.csv',
      'Epoch 6 |   Training | Elapsed Time: 0:01:55 | Steps: 289 | Loss: 54.503149',
      'Epoch 6 | Validation | Elapsed Time: 0:00:27 | Steps: 176 | Loss: 62.088597 | Dataset: dev.csv',
      'Epoch 7 |   Training | Elapsed Time: 0:01:55 | Steps: 289 | Loss: 50.214056',
      'Epoch 7 | Validation | Elapsed Time: 0:00:27 | Steps: 176 | Loss: 59.742852 | Dataset: dev.csv',
    ]);
    expect(r.series.loss?.values).toEqual([54.503149, 50.214056]);
    expect(r.series.eval_loss?.values).toEqual([65.730284, 62.088597, 59.742852]);
    expect(r.series.Steps).toBeUndefined();
    // Without a phase cell, or named in the singular, a step beside the epoch stays the step.
    const s = parse(['Epoch 1 | Step: 100 | Loss: 2.5', 'Epoch 1 | Step: 200 | Loss: 2.4']);
    expect(points(s, 'loss')).toEqual([
      [100, 2.5],
      [200, 2.4],
    ]);
    const t = parse([
      'Epoch 1 | Train | Step: 100 | Loss: 2.5',
      'Epoch 1 | Train | Step: 200 | Loss: 2.4',
      'Epoch 1 | Test | Step: 200 | Loss: 2.6',
    ]);
    expect(points(t, 'loss')).toEqual([
      [100, 2.5],
      [200, 2.4],
    ]);
    expect(points(t, 'eval_loss')).toEqual([[200, 2.6]]);
  });

  it('reads `nupdates` as the step, before the epoch (flashlight / wav2letter)', () => {
    const r = parse([
      'epoch:      199 | nupdates:      6960891 | lr: 0.000015 | loss:  256.12402 | dev-clean-loss:  150.81605',
      'epoch:      200 | nupdates:      6996047 | lr: 0.000015 | loss:  256.17794 | dev-clean-loss:  150.66513',
    ]);
    expect(r.stepSource).toBe('explicit');
    expect(points(r, 'loss')).toEqual([
      [6960891, 256.12402],
      [6996047, 256.17794],
    ]);
    expect(points(r, 'epoch')).toEqual([
      [6960891, 199],
      [6996047, 200],
    ]);
    expect(r.series.nupdates).toBeUndefined();
  });

  it("reads a value in exponent notation inside a name's brackets (tf.print)", () => {
    const r = parse([
      'total_loss[0.5]',
      'total_loss[0.4]',
      'total_loss[4.06e-32]',
      'total_loss[0.25]',
    ]);
    expect(r.series.total_loss?.values).toEqual([0.5, 0.4, 4.06e-32, 0.25]);
    // A unit in brackets stays part of the name.
    const u = parse(['step 1, mem[gib]: 3.5', 'step 2, mem[gib]: 3.7']);
    expect(u.series['mem[gib]']?.values).toEqual([3.5, 3.7]);
  });

  it('reads a record glued after a run of padding underscores (keithito Tacotron)', () => {
    const r = parse([
      'Input: yin1 ci3 seng1 ren2 bu2 zai4 yu2 duo1 er2 zai4',
      `4 yan2 xi2 jiao4 yi4 xiu1 fo2 fa3~${'_'.repeat(40)}Step 1001    [5.149 sec/step, loss=0.14939, avg_loss=0.14775]`,
      'Step 1002    [5.171 sec/step, loss=0.14488, avg_loss=0.14765]',
    ]);
    expect(points(r, 'loss')).toEqual([
      [1001, 0.14939],
      [1002, 0.14488],
    ]);
    expect(points(r, 'avg_loss')).toEqual([
      [1001, 0.14775],
      [1002, 0.14765],
    ]);
    // A short run (`__main__`) or a run before a lower-case word splits nothing.
    const n = parse([`step 1 ${'_'.repeat(20)}loss: 2.5`, `step 2 ${'_'.repeat(20)}loss: 2.4`]);
    expect(n.series.Step).toBeUndefined();
  });
});

describe('a step printed before the dict of its metrics', () => {
  it.each([
    'Step {s}: ',
    'step={s} ',
    '[step {s}] ',
    'iteration {s} - ',
    'Step {s}/100: ',
    'step {s} metrics: ',
    '2024-01-01 12:00:00,000 - INFO - Step {s}: ',
    'global_step {s}: ',
  ])('takes the step of `%s{...}`', (head) => {
    const r = parse(
      [1, 2, 3].map(
        (s) => `${head.replace('{s}', String(s * 10))}{'loss': ${3 - s / 4}, 'lr': 0.0001}`,
      ),
    );
    expect(points(r, 'loss')).toEqual([
      [10, 2.75],
      [20, 2.5],
      [30, 2.25],
    ]);
    expect(r.stepSource).toBe('explicit');
  });

  it('takes the epoch of `Epoch 3: {...}` when no step is named, and a JSON dict`s own step first', () => {
    const e = parse([1, 2].map((s) => `Epoch ${s}: {"train_loss": ${1 - s / 4}, "val_loss": 0.9}`));
    expect(points(e, 'loss')).toEqual([
      [1, 0.75],
      [2, 0.5],
    ]);
    const own = parse([1, 2].map((s) => `Step ${s}: {"step": ${s * 100}, "loss": ${1 - s / 4}}`));
    expect(points(own, 'loss')).toEqual([
      [100, 0.75],
      [200, 0.5],
    ]);
  });

  it('takes no step from a sentence, a best result or a decimal before the dict', () => {
    for (const head of [
      'Saving the model at step 10 with metrics ',
      'Best step 10: ',
      'Step 1.5: ',
    ]) {
      const r = parse([`${head}{'loss': 2.5}`, `${head}{'loss': 2.25}`]);
      expect(r.series.loss?.steps, head).not.toEqual([10, 10]);
      expect(r.stepSource, head).not.toBe('explicit');
    }
  });
});

describe('a printed `trainer.state.log_history` and a printed pandas frame of it', () => {
  it('reads every dict of a list printed on one line', () => {
    const r = parse([
      "[{'loss': 2.25, 'learning_rate': 5e-05, 'epoch': 0.1, 'step': 10}, {'eval_loss': 2.4, 'epoch': 0.1, 'step': 10}, {'loss': 2.0, 'learning_rate': 4e-05, 'epoch': 0.2, 'step': 20}, {'train_runtime': 12.5, 'train_loss': 2.1, 'epoch': 0.2, 'step': 20}]",
    ]);
    expect(points(r, 'loss')).toEqual([
      [10, 2.25],
      [20, 2],
    ]);
    expect(points(r, 'eval_loss')).toEqual([[10, 2.4]]);
    expect(r.summary.train_runtime).toBe(12.5);
  });

  it('reads a pandas frame: the row index is no value, `NaN` is a missing cell', () => {
    const r = parse([
      '     loss  eval_loss  learning_rate  epoch  step',
      '0  2.2500        NaN        0.00005    0.1    10',
      '1     NaN     2.4000            NaN    0.1    10',
      '2  2.0000        NaN        0.00004    0.2    20',
    ]);
    expect(points(r, 'loss')).toEqual([
      [10, 2.25],
      [20, 2],
    ]);
    expect(points(r, 'eval_loss')).toEqual([[10, 2.4]]);
    expect(r.series.learning_rate?.values).toEqual([5e-5, 4e-5]);
  });

  it('takes no index from a row whose extra token is a unit (`12 s`)', () => {
    const r = parse([
      'epoch      loss      time',
      '0        2.2500      12 s',
      '1        2.0000      11 s',
      '2        1.7500      12 s',
    ]);
    expect(r.series.loss?.values).toEqual([2.25, 2, 1.75]);
    expect(r.series.epoch?.values).toEqual([0, 1, 2]);
  });
});
