import { describe, expect, it } from 'vitest';
import { parseTrainingLog } from '../parseTrainingLog';

// A Hugging Face Trainer run on 52,002 Alpaca examples, 100 optimizer steps, logging every 50 and
// evaluating every 50 (25 eval batches), as it appears in the captured stdout.
const log = [
  'Map:   0%|          | 0/52002 [00:00<?, ? examples/s]',
  'Map:  58%|█████▊    | 30000/52002 [00:02<00:01, 15000.00 examples/s]',
  'Map: 100%|██████████| 52002/52002 [00:03<00:00, 15000.00 examples/s]',
  'Map (num_proc=8): 100%|██████████| 52002/52002 [00:04<00:00, 12000.00 examples/s]',
  'Generating train split: 100%|██████████| 52002/52002 [00:01<00:00, 40000.12 examples/s]',
  'Tokenizing train dataset: 100%|██████████| 52002/52002 [00:09<00:00, 5400.30 examples/s]',
  '***** Running training *****',
  '  Num examples = 52,002',
  '  0%|          | 0/100 [00:00<?, ?it/s]',
  ' 49%|████▉     | 49/100 [00:49<00:51,  1.01s/it]',
  ' 50%|█████     | 50/100 [00:50<00:50,  1.01s/it]',
  "{'loss': 1.25, 'grad_norm': 0.9, 'learning_rate': 1e-05, 'epoch': 0.5}",
  '',
  '  0%|          | 0/25 [00:00<?, ?it/s]',
  '100%|██████████| 25/25 [00:02<00:00, 10.50it/s]',
  "{'eval_loss': 1.4, 'eval_runtime': 2.4, 'epoch': 0.5}",
  ' 50%|█████     | 50/100 [00:53<00:53,  1.06s/it]',
  ' 75%|███████▌  | 75/100 [01:18<00:25,  1.01s/it]',
  "{'loss': 1.1, 'grad_norm': 0.8, 'learning_rate': 5e-06, 'epoch': 0.75}",
  '100%|██████████| 100/100 [01:41<00:00,  1.01s/it]',
  "{'loss': 0.9, 'grad_norm': 0.7, 'learning_rate': 0.0, 'epoch': 1.0}",
  '100%|██████████| 25/25 [00:02<00:00, 10.50it/s]',
  "{'eval_loss': 1.2, 'eval_runtime': 2.4, 'epoch': 1.0}",
].join('\n');

describe('steps from progress bars', () => {
  it('takes steps from the training bar, not from dataset Map/Tokenizing bars or eval bars', () => {
    const result = parseTrainingLog(log);
    expect(result.stepSource).toBe('progress');
    expect(result.series.loss).toEqual({ steps: [50, 75, 100], values: [1.25, 1.1, 0.9] });
    // Eval dicts take the step of the train record before them, never the eval bar's 25.
    expect(result.series.eval_loss).toEqual({ steps: [50, 100], values: [1.4, 1.2] });
    expect(result.series.epoch?.steps).toEqual([50, 75, 100]);
  });

  it('reports progress steps when every train dict follows a training bar', () => {
    const result = parseTrainingLog(
      [
        'Map: 100%|██████████| 52002/52002 [00:03<00:00, 15000.00 examples/s]',
        ' 10%|█         | 10/100 [00:10<01:30,  1.00s/it]',
        "{'loss': 2.0, 'learning_rate': 5e-05, 'epoch': 0.1}",
        '100%|██████████| 25/25 [00:02<00:00, 10.50it/s]',
        "{'eval_loss': 2.2, 'eval_runtime': 2.4, 'epoch': 0.1}",
        ' 20%|██        | 20/100 [00:20<01:20,  1.00s/it]',
        "{'loss': 1.5, 'learning_rate': 4e-05, 'epoch': 0.2}",
      ].join('\n'),
    );
    expect(result.stepSource).toBe('progress');
    expect(result.series.loss).toEqual({ steps: [10, 20], values: [2.0, 1.5] });
    expect(result.series.eval_loss).toEqual({ steps: [10], values: [2.2] });
  });
});

describe('the nineteenth unseen set: bars beside steps of their own', () => {
  it('places an in-epoch step of a bar description at the bar, which counts the run', () => {
    const result = parseTrainingLog(
      [
        'Epoch 1, Step 6, Loss: 1.2240:   6%|▌         | 8/144 [00:12<03:45,  1.66s/it]',
        'Epoch 1, Step 7, Loss: 0.9610:   6%|▋         | 9/144 [00:13<03:00,  1.33s/it]',
        'Epoch 2, Step 0, Loss: 0.9741:   7%|▋         | 10/144 [00:14<02:58,  1.34s/it]',
        'Epoch 2, Step 1, Loss: 1.3742:   8%|▊         | 11/144 [00:16<03:14,  1.47s/it]',
      ].join('\n'),
    );
    expect(result.series.loss).toEqual({
      steps: [8, 9, 10, 11],
      values: [1.224, 0.961, 0.9741, 1.3742],
    });
  });

  it('keeps a global step that is ahead of a bar that starts again every epoch', () => {
    const result = parseTrainingLog(
      [
        'Epoch 2, Step 1500, Loss: 0.5:  30%|███       | 300/1000 [00:10<00:20,  1.00it/s]',
        'Epoch 2, Step 1510, Loss: 0.4:  31%|███       | 310/1000 [00:10<00:20,  1.00it/s]',
      ].join('\n'),
    );
    expect(result.series.loss).toEqual({ steps: [1500, 1510], values: [0.5, 0.4] });
  });

  it("reads a logger's line glued after a bar's `]` at its own step, not as the bar's postfix", () => {
    const result = parseTrainingLog(
      [
        "{'loss': 0.0, 'learning_rate': 0.001, 'epoch': 0.06}",
        '  8%|███      | 1999/24128 [1:52:09<20:27:23,  3.33s/it][2021-11-26 03:07:16,494] [INFO] [logging.py:69:log_dist] [Rank 0] step=2000, skipped=1995, lr=[0.001, 0.001], mom=[0.0, 0.0]',
        '[2021-11-26 03:07:16,494] [INFO] [timer.py:181:stop] 0/2000, SamplesPerSec=9.53',
      ].join('\n'),
    );
    expect(result.series.skipped).toEqual({ steps: [2000], values: [1995] });
    expect(result.series.SamplesPerSec).toEqual({ steps: [2000], values: [9.53] });
    const level = parseTrainingLog(
      '100%|██████████| 3/3 [00:10<00:00,  3.46s/it][INFO|trainer.py:3910] 2025-02-16 >> loss = 1.5\n',
    );
    expect(level.series.step).toBeUndefined();
  });
});

describe('epochs counted from 0 with a total (Lightning`s `Epoch 0/9`)', () => {
  it('places each epoch`s positions after the epoch before, epoch 0 first', () => {
    const lines = [0, 1, 2].flatMap((e) =>
      [100, 200].map(
        (b) =>
          `Epoch ${e}/9  ━━━━━━━━━━━━━━━━━━━━ ${b}/200 0:00:18 • 0:00:00 51.68it/s v_num: 0 train_loss: ${(0.5 - e * 0.1 - b / 1000).toFixed(3)}`,
      ),
    );
    const r = parseTrainingLog(`${lines.join('\n')}\n`);
    expect(r.series.loss?.steps).toEqual([100, 200, 300, 400, 500, 600]);
    expect(r.series.loss?.values).toEqual([0.4, 0.3, 0.3, 0.2, 0.2, 0.1]);
    expect(r.series.epoch?.values).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('keeps `Epoch 1/3` counted from 1', () => {
    const lines = [1, 2].flatMap((e) =>
      [100, 200].map((b) => `Epoch ${e}/3 [${b}/200] loss: 0.${e}${b / 100}`),
    );
    const r = parseTrainingLog(`${lines.join('\n')}\n`);
    expect(r.series.loss?.steps).toEqual([100, 200, 300, 400]);
  });
});
