import { describe, expect, it } from 'vitest';
import { parseTrainingLog } from '../parseTrainingLog';

const parse = (lines: string[]) => parseTrainingLog(`${lines.join('\n')}\n`);

describe('Hugging Face Trainer and TRL dicts', () => {
  it('counts train records, gives eval dicts the previous step and keeps the summary apart', () => {
    const r = parse([
      "{'loss': 2.0312, 'grad_norm': 59.5, 'learning_rate': 4.9e-06, 'epoch': 0.5}",
      "{'eval_loss': 0.81, 'eval_rewards/margins': -0.07, 'epoch': 0.5}",
      "{'loss': 1.5, 'grad_norm': nan, 'learning_rate': 4.8e-06, 'rewards/chosen': -1.17, 'epoch': 1.0}",
      "{'train_runtime': 15291.7668, 'train_loss': 1.0952, 'epoch': 1.0}",
    ]);
    expect(r.format).toBe('hf-trainer');
    expect(r.stepSource).toBe('count');
    expect(r.series.loss).toEqual({ steps: [1, 2], values: [2.0312, 1.5] });
    expect(r.series.eval_loss).toEqual({ steps: [1], values: [0.81] });
    expect(r.series['eval_rewards/margins']).toEqual({ steps: [1], values: [-0.07] });
    expect(r.series['rewards/chosen']).toEqual({ steps: [2], values: [-1.17] });
    expect(r.series.grad_norm?.values[1]).toBeNaN();
    expect(r.summary).toEqual({ train_runtime: 15291.7668, train_loss: 1.0952, epoch: 1 });
  });

  it('reads np.float64 values, logging prefixes, quote marks and the TFTrainer step', () => {
    const r = parse([
      "> {'loss': 0.88, 'memory_allocated (GB)': np.float64(44.35), 'epoch': 1.82}",
      "[INFO|trainer_tf.py:398] 2021-01-15 10:28:50,371 >> {'loss': 0.63, 'learning_rate': 4.9e-05, 'step': 10}",
    ]);
    expect(r.series['memory_allocated (GB)']).toEqual({ steps: [1], values: [44.35] });
    expect(r.series.loss).toEqual({ steps: [1, 10], values: [0.88, 0.63] });
  });

  it('collapses a dict printed twice and uses the bar printed before a dict as its step', () => {
    const r = parse([
      "{'loss': 1.0, 'epoch': 0.1}",
      "{'loss': 1.0, 'epoch': 0.1}",
      "{'loss': 0.9, 'epoch': 0.2}",
    ]);
    expect(r.series.loss).toEqual({ steps: [1, 2], values: [1, 0.9] });
    expect(r.stats.duplicateRecords).toBe(1);
    const bars = parse([
      '  1%|▏         | 100/7252 [24:16<29:02:42, 14.62s/it]',
      "{'loss': 5.93, 'epoch': 0.03}",
    ]);
    expect(bars.stepSource).toBe('progress');
    expect(bars.series.loss).toEqual({ steps: [100], values: [5.93] });
  });

  it('joins a dict wrapped over several lines, even inside a number', () => {
    const r = parse(["{'loss': 0.8017, 'rewards/chosen': 1.19", "4046974182129, 'epoch': 2.0}"]);
    expect(r.series['rewards/chosen']).toEqual({ steps: [1], values: [1.194046974182129] });
  });
});

describe('JSON formats', () => {
  it('reads trainer_state.json log_history entries, even from a truncated file', () => {
    const r = parse([
      '{',
      '  "global_step": 100,',
      '  "log_history": [',
      '    {',
      '      "epoch": 0.5,',
      '      "learning_rate": 1e-05,',
      '      "loss": 1.38,',
      '      "step": 50',
      '    },',
      '    {',
      '      "epoch": 0.5,',
      '      "eval_loss": 1.39,',
      '      "step": 50',
      '    },',
      '    {',
      '      "epoch": 1.0,',
    ]);
    expect(r.format).toBe('trainer-state');
    expect(r.series.loss).toEqual({ steps: [50], values: [1.38] });
    expect(r.series.eval_loss).toEqual({ steps: [50], values: [1.39] });
  });

  it('reads LLaMA-Factory lines with current_steps, nulls and time strings', () => {
    const r = parse([
      '{"current_steps": 10, "total_steps": 20, "loss": 4.169, "lr": 2.25e-06, "epoch": 0.5, "elapsed_time": "0:04:02", "throughput": "0.00"}',
      '{"current_steps": 20, "total_steps": 20, "loss": null, "learning_rate": null, "epoch": 1.0, "remaining_time": "3 days, 17:51:32"}',
    ]);
    expect(r.format).toBe('llamafactory-jsonl');
    expect(r.series.loss).toEqual({ steps: [10], values: [4.169] });
    expect(r.series.learning_rate).toEqual({ steps: [10], values: [2.25e-6] });
    expect(r.series.throughput).toEqual({ steps: [10], values: [0] });
    expect(r.series.elapsed_time).toBeUndefined();
  });

  it('uses an integer epoch as the step of epoch-level JSON lines and reports a resume', () => {
    const r = parse([
      '{"train_loss": 4.5, "epoch": 1}',
      '{"train_loss": 4.4, "epoch": 2}',
      '{"train_loss": 4.45, "epoch": 2}',
      '{"train_loss": 4.3, "epoch": 3}',
    ]);
    // A `train_loss` logged with every epoch is the loss curve (README rule 2), not a summary.
    expect(r.series.loss).toEqual({ steps: [1, 2, 3], values: [4.5, 4.45, 4.3] });
    expect(r.restarts).toEqual([]);
    const resumed = parse([
      '{"train_loss": 4.5, "epoch": 1}',
      '{"train_loss": 4.4, "epoch": 2}',
      '{"train_loss": 4.6, "epoch": 1}',
    ]);
    expect(resumed.restarts).toEqual([{ step: 1, fromStep: 2, line: 3 }]);
    expect(resumed.series.loss).toEqual({ steps: [1], values: [4.6] });
  });

  it('reads fairseq JSON with string values, and HTML-escaped quotes', () => {
    const r = parse([
      '<pre>{&quot;epoch&quot;: 27, &quot;loss&quot;: &quot;8.206&quot;, &quot;num_updates&quot;: &quot;33700&quot;, &quot;gnorm&quot;: &quot;1.833&quot;}</pre>',
    ]);
    expect(r.format).toBe('fairseq');
    expect(r.series.loss).toEqual({ steps: [33700], values: [8.206] });
    expect(r.series.grad_norm).toEqual({ steps: [33700], values: [1.833] });
  });
});

describe('nanoGPT family', () => {
  it('reads iter lines, eval lines and NaN losses; a step going back is a restart', () => {
    const r = parse([
      '2023-03-22 09:30:39 iter 2990: loss 3.8853, time 1096.65ms, mfu 15.34%',
      'step 3000: train loss 4.0390, val loss 4.0427',
      'iter 3000: loss 4.2490, time 35392.33ms, mfu 13.85%',
      'iter 3010: loss nan, time 1019.95ms, mfu 14.12%',
      'iter 3005: loss 4.1, time 1000.00ms, mfu 14.00%',
    ]);
    expect(r.format).toBe('nanogpt');
    expect(r.stepSource).toBe('explicit');
    expect(r.series.eval_loss).toEqual({ steps: [3000], values: [4.0427] });
    expect(r.series.loss).toEqual({ steps: [2990, 3000, 3005], values: [3.8853, 4.249, 4.1] });
    expect(r.restarts).toEqual([{ step: 3005, fromStep: 3010, line: 5 }]);
    expect(r.series.mfu?.values).toEqual([15.34, 13.85, 14]);
  });

  it('reads llm.c, nanochat and modded-nanogpt lines and ignores source code', () => {
    const r = parse([
      'step   10/74 | loss     nan (+nanz)| norm    nan (+nanz)| lr 3.00e-04 | 36.58 ms',
      'step 00011/05568 (0.20%) | loss: 10.39 | lrm: 0.03 | tok/sec: 13,448',
      "        print0(f'step:{step}/{args.num_iterations} val_loss:{val_loss:.4f}')",
      'step:125/1480 val_loss:4.3719 train_time:29736ms step_avg:258.57ms',
    ]);
    expect(r.series.loss?.steps).toEqual([10, 11]);
    expect(r.series.loss?.values[0]).toBeNaN();
    expect(r.series.grad_norm?.values[0]).toBeNaN();
    expect(r.series.learning_rate).toEqual({ steps: [10], values: [3e-4] });
    expect(r.series['tok/sec']).toEqual({ steps: [11], values: [13448] });
    expect(r.series.lrm).toEqual({ steps: [11], values: [0.03] });
    expect(r.series.eval_loss).toEqual({ steps: [125], values: [4.3719] });
  });

  it('gives a standalone val loss line the step of the train line before it', () => {
    const r = parse([
      'val loss 6.97',
      'step 0: train loss 4.84 (took 2141 ms)',
      'step 1: train loss 4.76 (took 2453 ms)',
      'val loss 6.44',
    ]);
    expect(r.series.eval_loss).toEqual({ steps: [0, 1], values: [6.97, 6.44] });
    expect(r.series.loss).toEqual({ steps: [0, 1], values: [4.84, 4.76] });
  });
});

describe('pipe formats', () => {
  it('reads Megatron iterations, also hard-wrapped and with srun prefixes', () => {
    const r = parse([
      ' iteration      122/  250000 | consumed samples:       124928 | learning rate: 9.150E-06 | lm loss: 2.504220E+00 | grad norm: 0.231 |',
      '   1:  iteration      123/  250000 | learning rate: 9.225E-06 | lm loss: 2.493043E+00 | grad norm: 0.236 |',
      ' iteration      124/  250000 | consumed samples: 126976 | learning rate:',
      ' 9.300E-06 | lm loss: 2.559583E+00 | grad norm: 0.242 | number of skipped iteratio',
      'ns:   0 |',
    ]);
    expect(r.format).toBe('megatron');
    expect(r.series.loss).toEqual({
      steps: [122, 123, 124],
      values: [2.50422, 2.493043, 2.559583],
    });
    expect(r.series.learning_rate?.values).toEqual([9.15e-6, 9.225e-6, 9.3e-6]);
    expect(r.series['number of skipped iterations']).toEqual({ steps: [124], values: [0] });
  });

  it('reads NeMo 2.0 lines and charts a carried-forward val_loss once', () => {
    const r = parse([
      'Training epoch 0, iteration 1/9 | lr: 0.0006 | global_step: 1 | reduced_train_loss: 9.761 | val_loss: 4.1',
      'Training epoch 0, iteration 2/9 | lr: 0.0006 | global_step: 2 | reduced_train_loss: 9.21 | val_loss: 4.1',
      'Training epoch 0, iteration 3/9 | lr: 0.0006 | global_step: 3 | reduced_train_loss: 8.5 | val_loss: 3.9',
    ]);
    expect(r.format).toBe('nemo');
    expect(r.series.loss).toEqual({ steps: [1, 2, 3], values: [9.761, 9.21, 8.5] });
    expect(r.series.eval_loss).toEqual({ steps: [1, 3], values: [4.1, 3.9] });
  });

  it('reads fairseq simple, pipe and valid lines with num_updates as the step', () => {
    const r = parse([
      '| epoch 001:    450 / 1891 loss=11.521, nll_loss=10.881, num_updates=445, lr=8.90889e-05, gnorm=1.543, clip=0%',
      "| epoch 001 | valid on 'valid' subset | valid_loss 8.11425 | valid_ppl 118.06 | num_updates 600",
      '| epoch 001 | loss 10.9 | num_updates 650 | lr 0.000129084 | gnorm 1.419',
    ]);
    expect(r.format).toBe('fairseq');
    expect(r.series.loss).toEqual({ steps: [445, 650], values: [11.521, 10.9] });
    expect(r.series.eval_loss).toEqual({ steps: [600], values: [8.11425] });
    expect(r.series.grad_norm?.values).toEqual([1.543, 1.419]);
  });

  it('reads the legacy fairseq lines: no colon after the epoch, running averages, valid progress', () => {
    const r = parse([
      '| epoch 003  1000 / 4000 loss=1.50 (1.60), wps=900, wpb=800, bsz=32, lr=0.001, gnorm=2.5',
      '| epoch 003  2000 / 4000 loss=1.40 (1.55), wps=910, wpb=810, bsz=32, lr=0.001, gnorm=2.4',
      "| epoch 003 | valid on 'valid' subset  500 / 900 loss=1.90",
      "| epoch 003 | valid on 'valid' subset | valid loss 1.80 | valid ppl 3.48",
      '| epoch 004  1000 / 4000 loss=1.30 (1.30), wps=920, wpb=820, bsz=32, lr=0.001, gnorm=2.3',
    ]);
    expect(r.format).toBe('fairseq');
    expect(r.series.loss?.values).toEqual([1.5, 1.4, 1.3]);
    expect(r.series.wps?.values).toEqual([900, 910, 920]);
    expect(r.series.eval_loss?.values).toEqual([1.8]);
    expect(r.series['valid ppl']?.values).toEqual([3.48]);
    expect(r.series['valid_valid ppl']).toBeUndefined();
  });

  it('reads torchtune logger and bar lines, one point per step', () => {
    const r = parse([
      'Step 1 | loss:2.085338592529297 lr:2e-05 tokens_per_second_per_gpu:57.8',
      '[trainer0|0]:1|2|Loss: 1.26:  26%|██▋       | 2/101 [06:45<17:27, 13.96s/it]',
      '[trainer0|0]:1|2|Loss: 1.26:  27%|██▋       | 3/101 [07:00<17:31, 14.21s/it]',
    ]);
    expect(r.format).toBe('torchtune');
    expect(r.series.loss).toEqual({ steps: [1, 2], values: [2.085338592529297, 1.26] });
    expect(r.stats.duplicateRecords).toBe(1);
  });

  it('reads verl lines with slash keys and negative values', () => {
    const r = parse([
      '(main_task pid=1) step:3 - actor/pg_loss:-0.01 - actor/lr:0.000 - critic/kl:-0.001 - val-core/acc/mean@1:0.5',
    ]);
    expect(r.format).toBe('verl');
    expect(r.series.loss).toEqual({ steps: [3], values: [-0.01] });
    expect(r.series['critic/kl']).toEqual({ steps: [3], values: [-0.001] });
    expect(r.series['val-core/acc/mean@1']).toEqual({ steps: [3], values: [0.5] });
  });

  it('reads litgpt lines by the iter counter', () => {
    const r = parse([
      'Epoch 1 | iter 8 step 2 | loss train: 2.846, val: 2.9 | iter time: 112.20 ms (step) remaining time: 0:01:54',
      'Epoch 1 | iter 9 step 2 | loss train: 2.750, val: 2.9 | iter time: 111.35 ms remaining time: 0:01:49',
    ]);
    expect(r.series.loss).toEqual({ steps: [8, 9], values: [2.846, 2.75] });
    expect(r.series.eval_loss).toEqual({ steps: [8], values: [2.9] });
  });
});

describe('console formats', () => {
  it('reads MLX Train and Val lines and skips the adapter-saving line', () => {
    const r = parse([
      'Iter 1: Val loss 2.936, Val took 5.265s',
      'Iter 10: Train loss 2.662, Learning Rate 1.000e-05, It/sec 0.490, Tokens/sec 161.374, Trained Tokens 3290, Peak mem 9.707 GB',
      'Iter 10: Saved adapter weights to checkpoints/10_adapters.npz.',
    ]);
    expect(r.format).toBe('mlx-lm');
    expect(r.series.eval_loss).toEqual({ steps: [1], values: [2.936] });
    expect(r.series.loss).toEqual({ steps: [10], values: [2.662] });
    expect(r.series['Peak mem']).toEqual({ steps: [10], values: [9.707] });
  });

  it('reads Keras epochs (verbose 1 and 2) with the epoch as the step', () => {
    const r = parse([
      'Epoch 1/10',
      '32/32 [==============================] - 0s 781us/step - loss: 1457.4397 - mse: 1457.4397 - val_loss: 40.1',
      'Epoch 2/10',
      '1079/1079 - 21s - loss: 0.2431 - 21s/epoch - 19ms/step',
    ]);
    expect(r.format).toBe('keras');
    expect(r.series.loss).toEqual({ steps: [1, 2], values: [1457.4397, 0.2431] });
    expect(r.series.eval_loss).toEqual({ steps: [1], values: [40.1] });
  });

  it('reads Lightning postfix bars at epoch × batches + batch, later value winning', () => {
    const r = parse([
      'Epoch 0:  50%|█████     | 1/2 [00:01<00:01,  1.00it/s]',
      'Epoch 0:  50%|█████     | 1/2 [00:01<00:01,  1.00it/s, loss=3.0, v_num=1]',
      'Epoch 0:  50%|█████     | 1/2 [00:01<00:01,  1.00it/s, loss=2.9, v_num=1]',
      'Epoch 1:  50%|█████     | 1/2 [00:03<00:01,  1.00it/s, loss=2.0, v_num=1]',
    ]);
    expect(r.format).toBe('lightning');
    expect(r.stepSource).toBe('progress');
    expect(r.series.loss).toEqual({ steps: [1, 3], values: [2.9, 2] });
    expect(r.series.v_num).toBeUndefined();
  });

  it('reads DeepSpeed engine lines (first lr of the list) and ignores overflow notices', () => {
    const r = parse([
      '[2022-03-11 02:06:58,985] [INFO] [logging.py:69:log_dist] [Rank 0] step=40, skipped=2, lr=[5e-05, 4e-05], mom=[[0.9, 0.999]]',
      '[2024-07-17 19:44:06,945] [INFO] [loss_scaler.py:183:update_scale] [deepspeed] OVERFLOW! Rank 0 Skipping step. Attempted loss scale: 65536, reducing to 32768',
    ]);
    expect(r.format).toBe('deepspeed');
    expect(r.series.learning_rate).toEqual({ steps: [40], values: [5e-5] });
    expect(Object.keys(r.series).sort()).toEqual(['learning_rate', 'skipped']);
  });

  it('reads YOLO tables by their header', () => {
    const r = parse([
      '      Epoch    GPU_mem   box_loss   cls_loss  Instances       Size',
      '    70/1000      6.73G      1.081     0.4706         10        640: 100%|██████████| 16/16 [00:05<00:00,  2.78it/s]',
      '                 Class     Images  Instances      Box(P          R      mAP50  mAP50-95): 100%|██████████| 8/8 [00:03<00:00,  2.17it/s]',
      '                   all        722       1444      0.989       0.99      0.993      0.681',
    ]);
    expect(r.series.box_loss).toEqual({ steps: [70], values: [1.081] });
    expect(r.series.GPU_mem).toEqual({ steps: [70], values: [6.73] });
    expect(r.series['mAP50-95']).toEqual({ steps: [70], values: [0.681] });
  });

  it("reads YOLOv7's validation row printed late, under the next epoch's header", () => {
    // YOLOv7 prints an epoch's `all` row after the next `Epoch` header; the first one in a paste
    // comes before any `Class` header, so its columns are unknown and it is skipped.
    const r = parse([
      '     Epoch   gpu_mem       box       obj       cls     total    labels  img_size',
      '                 all         787        2054       0.736      0.0185     0.00493     0.00334',
      '   32/4999     55.1G   0.05461   0.01017   0.03715    0.1019        26      1856: 100%|██████████| 295/295 [12:51<00:00,  2.62s/it]',
      '               Class      Images      Labels           P           R      mAP@.5  mAP@.5:.95: 100%|██████████| 50/50 [01:15<00:00,  1.52s/it]',
      '',
      '     Epoch   gpu_mem       box       obj       cls     total    labels  img_size',
      '                 all         787        2054       0.874     0.00923     0.00909     0.00684',
      '   33/4999     70.1G   0.05069   0.01035   0.03706    0.0981        14      1856: 100%|██████████| 295/295 [12:39<00:00,  2.57s/it]',
    ]);
    expect(r.series.box).toEqual({ steps: [32, 33], values: [0.05461, 0.05069] });
    expect(r.series.total).toEqual({ steps: [32, 33], values: [0.1019, 0.0981] });
    // The colon inside `mAP@.5:.95` is part of the name; the bar starts after `: `.
    expect(r.series['mAP@.5']).toEqual({ steps: [32], values: [0.00909] });
    expect(r.series['mAP@.5:.95']).toEqual({ steps: [32], values: [0.00684] });
    expect(r.series.P).toEqual({ steps: [32], values: [0.874] });
  });

  it('reads notebook result tables', () => {
    const r = parse([
      'Step     Training Loss  Validation Loss',
      '50       1.557800       1.6',
      '100      1.348100       No log',
    ]);
    expect(r.stepSource).toBe('explicit');
    expect(r.series.loss).toEqual({ steps: [50, 100], values: [1.5578, 1.3481] });
    expect(r.series.eval_loss).toEqual({ steps: [50], values: [1.6] });
  });
});

describe('generic key: value fallback', () => {
  it('reads mmengine, detectron2 and TF lines with their explicit counters', () => {
    const mm = parse([
      '10/30 22:18:02 - mmengine - INFO - Epoch(train) [1][200/735]  lr: 1.9870e-04  eta: 2:46:39  loss: 2.7522  grad_norm: nan',
    ]);
    expect(mm.format).toBe('generic');
    expect(mm.series.loss).toEqual({ steps: [200], values: [2.7522] });
    expect(mm.series.grad_norm?.values[0]).toBeNaN();
    expect(mm.series.eta).toBeUndefined();
    const d2 = parse([
      '[03/11 21:47:38 d2.utils.events]:  eta: N/A  iter: 60  total_loss: 2.940  lr: 0.000015  max_mem: 8517M',
    ]);
    expect(d2.series.total_loss).toEqual({ steps: [60], values: [2.94] });
    expect(d2.series.max_mem).toEqual({ steps: [60], values: [8517] });
    const tf = parse([
      'INFO:tensorflow:global step 1: loss = 79.3501 (57.126 sec/step)',
      'INFO:tensorflow:global step 1: loss = 79.3501 (57.126 sec/step)',
      'INFO:tensorflow:global step 2: loss = 72.8609 (17.053 sec/step)',
    ]);
    expect(tf.series.loss).toEqual({ steps: [1, 2], values: [79.3501, 72.8609] });
    expect(tf.stats.duplicateRecords).toBe(1);
  });

  it('places MetricLogger values at epoch × batches + batch and charts the value, not the average', () => {
    const r = parse([
      'Epoch: [2]  [10/31]  eta: 0:00:07  lr: 0.001265  loss: 0.0276 (0.0314)  time: 0.3637',
    ]);
    expect(r.stepSource).toBe('progress');
    expect(r.series.loss).toEqual({ steps: [72], values: [0.0276] });
  });

  it('keeps Key/Value totals in the summary and test lines off the train curve', () => {
    const r = parse([
      'Train epoch: 1 [200/1000]\tLoss: 0.72',
      'Test set: Loss: 0.7222, Accuracy: 50.06%)',
      'Key: avg_train_loss, Value: 0.107',
    ]);
    expect(r.series.loss?.values).toEqual([0.72]);
    expect(r.series.eval_loss?.values).toEqual([0.7222]);
    expect(r.summary).toEqual({ avg_train_loss: 0.107 });
  });

  it('finds nothing in warnings, tracebacks and settings', () => {
    const r = parse([
      'Traceback (most recent call last):',
      '  File "train.py", line 12, in <module>',
      'RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB',
      'UserWarning: loss is deprecated',
      '  Num examples = 24000',
      'num_layers: 6',
    ]);
    expect(r.series).toEqual({});
    expect(r.format).toBe('unknown');
  });
});

describe('hyperparameter search output (unseen15)', () => {
  it('reads Optuna trial lines at the trial number, not the settings dict nor the best value', () => {
    const r = parse([
      "[I 2020-12-16 12:46:55,364] Trial 42 finished with value: 0.93 and parameters: {'lr': 0.002}. Best is trial 31 with value: 0.95.",
      '[I 2020-12-16 12:47:05,080] Trial 43 pruned.',
      "[I 2019-09-26 16:57:38,318] Finished trial#44 resulted in value: 0.32. Current best value is 0.95 with parameters: {'epochs': 34}.",
      "[I 2020-02-28 14:06:29,073] Finished trial#45 with value: 1301.1 with parameters: {'x': -36.0}. Best is trial#0 with value: 1.0.",
    ]);
    expect(r.format).toBe('trial-result');
    expect(r.series.value).toEqual({ steps: [42, 44, 45], values: [0.93, 0.32, 1301.1] });
    expect(r.series.learning_rate).toBeUndefined();
    expect(r.restarts).toEqual([]);
  });

  it('keeps trials that finish out of order (parallel workers) without a restart', () => {
    const r = parse([
      'Trial 13 finished with value: -1.5 and parameters: {}. Best is trial 9 with value: 2.',
      'Trial 14 finished with value: -1.25 and parameters: {}. Best is trial 9 with value: 2.',
      'Trial 8 finished with value: -1 and parameters: {}. Best is trial 9 with value: 2.',
    ]);
    expect(r.series.value?.values.length).toBe(3);
    expect(r.restarts).toEqual([]);
  });

  it('does not read near misses as trials', () => {
    const r = parse([
      'Trial 5: the value of x is 3',
      'Trial 5 finished with value: abc',
      'Industrial 7 with value: 4',
    ]);
    expect(r.series.value).toBeUndefined();
  });

  it('reads a Keras Tuner trial block at the trial number when nothing else gives steps', () => {
    const r = parse([
      'Trial 3 Complete [00h 00m 28s]',
      'val_accuracy: 0.35',
      '',
      'Best val_accuracy So Far: 0.9',
      'Total elapsed time: 00h 01m 27s',
      'Trial 4 Complete [00h 00m 30s]',
      'val_accuracy: 0.4',
    ]);
    expect(r.series.val_accuracy).toEqual({ steps: [3, 4], values: [0.35, 0.4] });
  });

  it("keeps a trial's objective out of the epoch curve it follows (a summary)", () => {
    const r = parse([
      'Epoch 1/200',
      '58/58 - 8s - loss: 5.8378 - val_loss: 2.1253',
      'Epoch 2/200',
      '58/58 - 5s - loss: 0.4074 - val_loss: 0.8352',
      'Trial 62 Complete [00h 02m 37s]',
      'val_loss: 0.523',
    ]);
    expect(r.series.eval_loss).toEqual({ steps: [1, 2], values: [2.1253, 0.8352] });
    expect(r.summary.eval_loss).toBe(0.523);
  });

  it('counts the rows of a run table (Ray Tune) whose iteration column repeats', () => {
    const r = parse([
      '| Trial name        | status     |   iter |       loss |',
      '|-------------------+------------+--------+------------|',
      '| train_d48b7_00000 | TERMINATED |     39 |   0.112351 |',
      '| train_d48b7_00001 | TERMINATED |     39 |   0.121403 |',
      '| train_d48b7_00002 | TERMINATED |     39 |   0.141085 |',
    ]);
    expect(r.series.loss?.values).toEqual([0.112351, 0.121403, 0.141085]);
  });

  it('names a tqdm postfix pair by all its words (`best loss: 0.2`)', () => {
    const r = parse([
      '  2%|▏         | 35/2000 [00:03<02:53, 11.32trial/s, best loss: 0.20275822281837463]',
      '100%|██████████| 2000/2000 [07:01<00:00,  4.74trial/s, best loss: 0.06477009505033493]',
    ]);
    expect(r.series['best loss']).toEqual({
      steps: [35, 2000],
      values: [0.20275822281837463, 0.06477009505033493],
    });
    expect(r.series.loss).toBeUndefined();
  });
});

describe('the nineteenth unseen set: verl lines a terminal wrapped, and both actor losses', () => {
  it('keeps actor/pg_loss under its own name when the line also prints actor/loss', () => {
    const r = parseTrainingLog(
      '(TaskRunner pid=7) step:34 - actor/pg_loss:0.0424 - actor/loss:0.0425 - actor/lr:2e-06\n',
    );
    expect(r.series.loss).toEqual({ steps: [34], values: [0.0425] });
    expect(r.series['actor/pg_loss']).toEqual({ steps: [34], values: [0.0424] });
    expect(r.series.learning_rate?.values).toEqual([2e-6]);
  });

  it('still reads actor/pg_loss as the loss of a line without actor/loss', () => {
    const r = parseTrainingLog('step:3 - actor/pg_loss:-0.01 - critic/score/mean:0.4\n');
    expect(r.series.loss).toEqual({ steps: [3], values: [-0.01] });
    expect(r.series['actor/pg_loss']).toBeUndefined();
  });

  it('ends a key cut before its colon, or inside it, with the next line, at the same step', () => {
    const cutBeforeColon = parseTrainingLog(
      [
        '(main_task pid=1) step:4 - actor/pg_loss:0.000 - prompt_length/max',
        ':397.000 - prompt_length/min:36.000 - timing_s/step:131.608',
      ].join('\n'),
    );
    expect(cutBeforeColon.series['prompt_length/max']).toEqual({ steps: [4], values: [397] });
    expect(cutBeforeColon.series['timing_s/step']).toEqual({ steps: [4], values: [131.608] });
    const cutInsideKey = parseTrainingLog(
      ['step:7 - actor/pg_loss:0.1 - response_length/me', 'an:330.437 - critic/kl:-0.001'].join(
        '\n',
      ),
    );
    expect(cutInsideKey.series['response_length/mean']).toEqual({ steps: [7], values: [330.437] });
    expect(cutInsideKey.series['critic/kl']).toEqual({ steps: [7], values: [-0.001] });
    const cutAtSlash = parseTrainingLog(
      ['step:9 - actor/pg_loss:0.1 - critic', '/rewards/min:-1.0 - critic/returns/max:1.7'].join(
        '\n',
      ),
    );
    expect(cutAtSlash.series['critic/rewards/min']).toEqual({ steps: [9], values: [-1] });
    expect(cutAtSlash.series.critic).toBeUndefined();
  });

  it('does not join a line that is no continuation, and drops the cut key', () => {
    const r = parseTrainingLog(
      [
        'step:4 - actor/pg_loss:0.5 - prompt_length/max',
        '(WorkerDict pid=4735) MICRO BATCH: 4 done',
        'step:5 - actor/pg_loss:0.4',
      ].join('\n'),
    );
    expect(r.series.loss).toEqual({ steps: [4, 5], values: [0.5, 0.4] });
    expect(Object.keys(r.series).some((name) => name.startsWith('prompt_length'))).toBe(false);
    const nextStep = parseTrainingLog(
      ['step:4 - actor/pg_loss:0.5 - critic', 'step:5 - actor/pg_loss:0.4 - critic/kl:0.1'].join(
        '\n',
      ),
    );
    expect(nextStep.series.loss?.steps).toEqual([4, 5]);
    expect(nextStep.series['critic/kl']).toEqual({ steps: [5], values: [0.1] });
  });
});

describe('vision and multimodal research repos (unseen18)', () => {
  const pts = (r: ReturnType<typeof parse>, name: string) => {
    const s = r.series[name];
    if (!s) throw new Error(`no ${name}: ${Object.keys(r.series).join(', ')}`);
    return s.steps.map((step, i) => [step, s.values[i]]);
  };

  it('reads the message after a time glued by a dash (insightface), not the unit as a name', () => {
    const r = parse([
      'Training: 2021-07-03 00:09:37,089-Speed 1473.00 samples/sec   Loss 48.4599   Epoch: 0   Global Step: 100   Required: 99 hours',
      'Training: 2021-07-03 00:10:10,158-Speed 1548.32 samples/sec   Loss 47.0618   LearningRate 0.1000   Epoch: 0   Global Step: 150   Required: 87 hours',
    ]);
    expect(pts(r, 'Speed')).toEqual([
      [100, 1473],
      [150, 1548.32],
    ]);
    expect(pts(r, 'learning_rate')).toEqual([[150, 0.1]]);
    expect(r.series['samples/sec']).toBeUndefined();
    // A dash after a time with nothing glued to it, or a date alone, is left as it was.
    const plain = parse([
      '2021-07-03 00:09:37,089 - loss 1.5',
      '2021-07-03 00:09:38,089 - loss 1.4',
    ]);
    expect(plain.series.loss?.values).toEqual([1.5, 1.4]);
  });

  it('strips glog prefixes with the year and reads a `Training [n/N]` header counter as the step', () => {
    const r = parse([
      'I20250119 10:05:11 90 dinov2 helpers.py:102] Training  [     40/5000000]  eta: 221 days, 20:36:05  lr: 0.0000 (0.0000)  total_loss: inf (inf)  ibot_loss: 2.9919 (2.9921)',
      'I20250119 10:05:26 90 dinov2 helpers.py:102] Training  [     50/5000000]  eta: 195 days, 10:45:44  lr: 0.0000 (0.0000)  total_loss: 12.5 (inf)  ibot_loss: 2.9919 (2.9921)',
    ]);
    expect(pts(r, 'total_loss')).toEqual([
      [40, Infinity],
      [50, 12.5],
    ]);
    expect(r.series.Training).toBeUndefined();
    expect(r.series['dinov2 helpers.py']).toBeUndefined();
  });

  it('reads `Train: [e/E][n/N]` as an epoch and a position, never a metric named Train', () => {
    const r = parse([
      'Train: [0/300][10/1251]\teta 0:10:52 lr 0.000710\ttime 0.6408 (0.6516)\tloss 6.5584 (6.3074)',
      'Train: [0/300][20/1251]\teta 0:10:45 lr 0.000711\ttime 0.6290 (0.6510)\tloss 5.8341 (6.3028)',
    ]);
    expect(r.series.Train).toBeUndefined();
    expect(r.series.loss?.values).toEqual([6.5584, 5.8341]);
    expect(r.series.epoch?.values).toEqual([0, 0]);
  });

  it('keeps a rate glued after a slash with its value (open_clip) and a scheduler name with lr', () => {
    const r = parse([
      'Train Epoch: 0 [  6464/109468 (3%)] Loss: 0.97884 (1.023) Batch (t): 0.559, 36.0876/s, 36.0876/s/gpu LR: 0.000001 Logit Scale: 99.995',
      'Train Epoch: 0 [ 12864/109468 (6%)] Loss: 0.87522 (0.9738) Batch (t): 0.515, 78.8352/s, 78.8352/s/gpu LR: 0.000002 Logit Scale: 99.990',
    ]);
    expect(r.series.learning_rate?.values).toEqual([0.000001, 0.000002]);
    expect(r.series['s LR']).toBeUndefined();
    expect(r.series['s/gpu LR']).toBeUndefined();
    expect(r.series['Logit Scale']?.values).toEqual([99.995, 99.99]);
    const paddle = parse([
      '[Train][Epoch 24/120][Iter: 0/304]lr(PiecewiseDecay): 0.00100000, top1: 1.00000, CELoss: 0.01757',
      '[Train][Epoch 24/120][Iter: 10/304]lr(PiecewiseDecay): 0.00090000, top1: 0.97159, CELoss: 0.05098',
    ]);
    expect(paddle.series.learning_rate?.values).toEqual([0.001, 0.0009]);
    expect(paddle.series['lr(PiecewiseDecay)']).toBeUndefined();
  });

  it("takes the train step for an evaluation's own position (`Eval Epoch: 1 [64 / 4839]`)", () => {
    const r = parse([
      'Train Epoch: 0 [  64/1000 (6%)] Loss: 0.9 (0.9) LR: 0.000001',
      'Train Epoch: 0 [ 640/1000 (64%)] Loss: 0.7 (0.8) LR: 0.000001',
      'Eval Epoch: 1 [64 / 4839]\tLoss: 0.739662\t',
      'Eval Epoch: 1 [640 / 4839]\tLoss: 0.749305\t',
      'Eval Epoch: 1 image_to_text_R@1: 0.2029\tval_loss: 0.7470\tepoch: 1.0000',
    ]);
    expect(r.series.eval_loss?.values).toEqual([0.747]);
    expect(r.series.eval_loss?.steps).toEqual(r.series.loss?.steps.slice(-1));
  });

  it('reads `valid step:N` as an evaluation line at step N (PaddleClas 1.x)', () => {
    const r = parse([
      '2021-01-31 20:30:07 INFO: epoch:0  , valid step:50  , top1: 0.75000, loss: 0.97458, lr: 0.000000',
      '2021-01-31 20:30:14 INFO: epoch:0  , valid step:60  , top1: 0.82812, loss: 0.49619, lr: 0.000000',
    ]);
    expect(pts(r, 'eval_loss')).toEqual([
      [50, 0.97458],
      [60, 0.49619],
    ]);
    expect(pts(r, 'eval_top1')).toEqual([
      [50, 0.75],
      [60, 0.82812],
    ]);
    expect(r.series.loss).toBeUndefined();
    expect(r.series['valid step']).toBeUndefined();
  });

  it("reads MXNet's `Batch [a-b]` range as its end, the step in the first epoch", () => {
    const r = parse([
      'INFO:root:Epoch[0] Batch [20-40]\tSpeed: 1410.46 samples/sec\tacc=0.000000\tlossvalue=41.97',
      'INFO:root:Epoch[0] Batch [40-60]\tSpeed: 1416.21 samples/sec\tacc=0.000000\tlossvalue=41.96',
      'lr-batch-epoch: 0.01 59 0',
      'INFO:root:Epoch[0] Batch [60-80]\tSpeed: 1423.41 samples/sec\tacc=0.000000\tlossvalue=41.95',
    ]);
    expect(pts(r, 'lossvalue')).toEqual([
      [40, 41.97],
      [60, 41.96],
      [80, 41.95],
    ]);
    // A range that goes down, or a negative number in brackets, is no range of counts.
    const other = parse(['[80-20] loss 1.0', '[90-30] loss 0.9']);
    expect(other.series.loss?.values).toEqual([1, 0.9]);
  });

  it("reads YOLOv6's `Epoch iou_loss dfl_loss cls_loss` rows and `mAP@0.50:0.95` names", () => {
    const r = parse([
      '     Epoch  iou_loss  dfl_loss  cls_loss',
      '      0/99    0.2114    0.1001    0.5756: 100%|██████████| 106/106 [00:17<00:00,',
      'Epoch: 0 | mAP@0.5: 0.31 | mAP@0.50:0.95: 0.12',
      '     Epoch  iou_loss  dfl_loss  cls_loss',
      '      1/99    0.2003    0.0987    0.1631: 100%|██████████| 106/106 [00:16<00:00,',
    ]);
    expect(pts(r, 'cls_loss')).toEqual([
      [0, 0.5756],
      [1, 0.1631],
    ]);
    expect(r.series['mAP@0.50:0.95']?.values).toEqual([0.12]);
    expect(r.series['mAP@0.50']).toBeUndefined();
    // Another `Epoch ...` table (no `*_loss` column, or rows without a bar) is not read as YOLO.
    const hf = parse(['Epoch  Training  Loss', '1  0.5  0.4']);
    expect(hf.formats).not.toContain('yolo');
  });

  it("reads super-gradients' SUMMARY OF EPOCH tree: one train and one eval record, no details", () => {
    const tree = [
      'SUMMARY OF EPOCH 1',
      '├── Training',
      '│   ├── Ppyoloeloss/loss = 2.1742',
      '│   │   ├── Best until now = 2.2521 (↘ -0.0779)',
      '│   │   └── Epoch N-1      = 2.2521 (↘ -0.0779)',
      '│   └── Ppyoloeloss/loss_iou = 0.2044',
      '│       ├── Best until now = 0.2175 (↘ -0.0131)',
      '│       └── Epoch N-1      = 0.2175 (↘ -0.0131)',
      '└── Validation',
      '    ├── Map@0.50 = 0.6063',
      '    │   ├── Best until now = 0.6509 (↘ -0.0445)',
      '    │   └── Epoch N-1      = 0.6509 (↘ -0.0445)',
      '    └── Ppyoloeloss/loss = 1.512',
    ];
    for (const lines of [tree, tree.map((line) => line.trimStart())]) {
      const r = parse(lines);
      expect(r.series['Ppyoloeloss/loss']?.values).toEqual([2.1742]);
      expect(r.series['Ppyoloeloss/loss_iou']?.values).toEqual([0.2044]);
      expect(r.series['eval_Map@0.50']?.values).toEqual([0.6063]);
      expect(r.series['eval_Ppyoloeloss/loss']?.values).toEqual([1.512]);
      expect(r.series['Best until now']).toBeUndefined();
      expect(r.series['Epoch N-1']).toBeUndefined();
      expect(r.series['eval_Ppyoloeloss/loss']?.steps).toEqual(r.series['Ppyoloeloss/loss']?.steps);
    }
  });

  it("gives a dict the step of the line above it (pSp's and e4e's timestamp.txt)", () => {
    const r = parse([
      'Step - 0, ',
      "{'loss_l2': 0.27, 'loss': 1.37}",
      '**Best**: Step - 10000, Loss - 0.950 ',
      "{'loss_l2': 0.12, 'loss': 0.95}",
      '**Best**: Step - 20000, Loss - 0.908 ',
      "{'loss_l2': 0.11, 'delta1_loss': 0.15, 'loss': 0.908}",
    ]);
    expect(pts(r, 'loss')).toEqual([
      [0, 1.37],
      [10000, 0.95],
      [20000, 0.908],
    ]);
    expect(pts(r, 'delta1_loss')).toEqual([[20000, 0.15]]);
    expect(r.stepSource).toBe('explicit');
    // A spaced dash after a number still separates pairs; a dict two lines below keeps no step.
    const dash = parse(['step 345 - loss 103.2 - moving ave loss 103.4', 'step 346 - loss 102.9']);
    expect(pts(dash, 'loss')).toEqual([
      [345, 103.2],
      [346, 102.9],
    ]);
    const apart = parse(['Step - 5, ', 'Saving the model', "{'loss': 1.0}", "{'loss': 0.9}"]);
    expect(apart.series.loss?.steps).not.toContain(5);
  });
});
