#!/usr/bin/env node
/**
 * A pretend training run: prints what a Hugging Face `Trainer` (`--kind sft`) or a TRL `DPOTrainer`
 * (`--kind dpo`) prints to a terminal, step by step, without training anything.
 *
 * @example
 * node apps/demo/server/simulate.mjs --kind sft --steps 3000 --interval-ms 30 --nan-at 1200
 * node apps/demo/server/simulate.mjs --kind dpo --steps 900 --fail-at 420 --seed 7
 *
 * Options: --steps, --interval-ms (per step), --logging-steps, --eval-steps, --warmup-ratio,
 * --learning-rate, --final-loss, --fast-forward (steps printed at once before the live pace, as if
 * they had taken --seconds-per-step each), --seconds-per-step (pace of the printed history and of a
 * run printed at once; default 1.87 for sft, 3.42 for dpo), --nan-at (the loss climbs over the 300
 * steps before, then loss and grad_norm are nan from this step on), --fail-at (exit 1 at this step:
 * a "returned nan values" error once the loss is nan, else a CUDA OOM traceback), --seed.
 *
 * The progress bar's elapsed time is what a real trainer would show: the pretend history, then the
 * wall clock since --started-at (default: now - fast-forward * seconds-per-step), so it agrees with
 * the start time the host shows.
 */
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    kind: { type: 'string', default: 'sft' },
    steps: { type: 'string', default: '1000' },
    'interval-ms': { type: 'string', default: '30' },
    'logging-steps': { type: 'string', default: '10' },
    'eval-steps': { type: 'string', default: '200' },
    'warmup-ratio': { type: 'string', default: '0.05' },
    'learning-rate': { type: 'string' },
    'fast-forward': { type: 'string', default: '0' },
    'nan-at': { type: 'string' },
    'fail-at': { type: 'string' },
    'final-loss': { type: 'string' },
    'seconds-per-step': { type: 'string' },
    'started-at': { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});

const kind = args.kind === 'dpo' ? 'dpo' : 'sft';
const totalSteps = Math.max(1, Number.parseInt(args.steps, 10) || 1000);
const intervalMs = Math.max(0, Number(args['interval-ms']) || 0);
const loggingSteps = Math.max(1, Number.parseInt(args['logging-steps'], 10) || 10);
const evalSteps = Math.max(0, Number.parseInt(args['eval-steps'], 10) || 0);
// The loss settles over the first ~30k steps whatever the length of the run, like a real one: a
// run of hundreds of thousands of steps still shows its early drop within the demo's first minutes.
const shapeSteps = Math.min(totalSteps, 30000);
const warmupSteps = Math.round(shapeSteps * (Number(args['warmup-ratio']) || 0));
const peakLr = Number(args['learning-rate']) || (kind === 'dpo' ? 5e-7 : 2e-5);
const fastForward = Math.max(0, Number.parseInt(args['fast-forward'], 10) || 0);
const nanAt = args['nan-at'] === undefined ? Number.POSITIVE_INFINITY : Number(args['nan-at']);
const finalLoss = Number(args['final-loss']) || (kind === 'dpo' ? 0.18 : 0.92);
const failAt = args['fail-at'] === undefined ? Number.POSITIVE_INFINITY : Number(args['fail-at']);
/** Steps over which the loss climbs before it turns NaN. */
const climbSteps = 300;

// mulberry32: a seeded generator so that a run looks the same every time the demo starts.
let seed = (Number.parseInt(args.seed, 10) || 1) >>> 0;
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function gaussian() {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const out = process.stdout;
const stepsPerEpoch = Math.ceil(totalSteps / (kind === 'dpo' ? 1 : 3));
const barWidth = 120;
const startedAt = Date.now();

function stamp() {
  const d = new Date();
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(
    d.getMinutes(),
  )}:${pad(d.getSeconds())},${pad(d.getMilliseconds(), 3)}`;
}

function info(source, message) {
  out.write(`[INFO|${source}] ${stamp()} >> ${message}\n`);
}

function clock(seconds) {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

// The printed history pretends each step took ~1.9 s on the GPU, like a real multi-hour run.
const secondsPerStep =
  Number(args['seconds-per-step']) > 0
    ? Number(args['seconds-per-step'])
    : kind === 'dpo'
      ? 3.42
      : 1.87;
/** When the run started (ms): --started-at, else as long before now as the pretend history took. */
const runStartedAt = Number.isFinite(Date.parse(args['started-at'] ?? ''))
  ? Date.parse(args['started-at'] ?? '')
  : Date.now() - fastForward * secondsPerStep * 1000;
/** When the live (wall-clock paced) part began. */
let liveStartedAt = Date.now();

/** Seconds of training at `step`: pretend history, then the wall clock since the run's start. */
function elapsedAt(step) {
  if (step <= fastForward || intervalMs === 0) return step * secondsPerStep;
  return Math.max(fastForward * secondsPerStep, (Date.now() - runStartedAt) / 1000);
}

function bar(step) {
  const ratio = step / totalSteps;
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  const cells = 40;
  const filled = Math.floor(ratio * cells);
  const body = '█'.repeat(filled) + (filled < cells ? ' '.repeat(cells - filled) : '');
  const live = step > fastForward && intervalMs > 0;
  const perStep = live
    ? Math.max(1e-3, (Date.now() - liveStartedAt) / 1000 / Math.max(1, step - fastForward))
    : secondsPerStep;
  const elapsed = clock(elapsedAt(step));
  const remaining = clock((totalSteps - step) * perStep);
  // tqdm switches from s/it to it/s when a step takes less than a second.
  const rate = perStep >= 1 ? `${perStep.toFixed(2)}s/it` : `${(1 / perStep).toFixed(2)}it/s`;
  return `${percent}|${body}| ${step}/${totalSteps} [${elapsed}<${remaining}, ${rate}]`;
}

function learningRate(step) {
  if (step <= warmupSteps) return (peakLr * step) / Math.max(1, warmupSteps);
  const progress = (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
  return peakLr * 0.5 * (1 + Math.cos(Math.PI * progress));
}

function epoch(step) {
  return Math.round((step / stepsPerEpoch) * 100) / 100;
}

/** Python's `repr` of a float, close enough: `nan`, `2.3126`, `4.9e-05`. */
function py(value, digits = 4) {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value !== 0 && Math.abs(value) < 1e-4) {
    const [mantissa, exponent] = value.toExponential(digits).split('e');
    const sign = exponent.startsWith('-') ? '-' : '+';
    const digitsOnly = exponent.replace(/^[-+]/, '').padStart(2, '0');
    return `${Number(mantissa)}e${sign}${digitsOnly}`;
  }
  const rounded = Number(value.toFixed(digits));
  return Number.isInteger(rounded) ? `${rounded}.0` : String(rounded);
}

function dict(entries) {
  return `{${entries.map(([key, value]) => `'${key}': ${value}`).join(', ')}}`;
}

let smoothed = kind === 'dpo' ? Math.LN2 : 2.45;

/** Factor by which the loss (and grad norm) is blown up on the way to NaN: 1, then up to ~3.7. */
function climb(step) {
  if (!Number.isFinite(nanAt) || step < nanAt - climbSteps) return 1;
  const x = (step - (nanAt - climbSteps)) / climbSteps;
  return Math.exp(1.3 * x * x);
}

function trainRecord(step) {
  const progress = step / shapeSteps;
  const lr = learningRate(step);
  const diverged = step >= nanAt;
  if (kind === 'sft') {
    const target = finalLoss + 1.55 * Math.exp(-progress * 6.5);
    smoothed += (target - smoothed) * 0.35;
    const spike = climb(step);
    const loss = diverged
      ? Number.NaN
      : Math.max(0.05, smoothed * spike + gaussian() * 0.045 * spike);
    const gradNorm = diverged
      ? Number.NaN
      : Math.abs(1.1 + 2.4 * Math.exp(-progress * 9) + gaussian() * 0.18) * spike ** 2;
    return dict([
      ['loss', py(loss)],
      ['grad_norm', py(gradNorm)],
      ['learning_rate', py(lr)],
      ['epoch', py(epoch(step), 2)],
    ]);
  }
  const target = finalLoss + (Math.LN2 - finalLoss) * Math.exp(-progress * 4.2);
  smoothed += (target - smoothed) * 0.3;
  const loss = diverged ? Number.NaN : Math.max(0.01, smoothed + gaussian() * 0.05);
  const margin = Math.max(-0.5, 3.1 * (1 - Math.exp(-progress * 3.5)) + gaussian() * 0.35);
  const chosen = -0.15 + 0.6 * progress + gaussian() * 0.12;
  const rejected = chosen - margin;
  const accuracy = Math.min(
    1,
    Math.max(0, 0.5 + 0.45 * (1 - Math.exp(-progress * 5)) + gaussian() * 0.06),
  );
  const logpsChosen = -285 + 40 * progress + gaussian() * 9;
  const logpsRejected = logpsChosen - 18 - 55 * progress + gaussian() * 11;
  return dict([
    ['loss', py(loss)],
    ['grad_norm', py(diverged ? Number.NaN : Math.abs(14 + gaussian() * 4))],
    ['learning_rate', py(lr)],
    ['rewards/chosen', py(chosen)],
    ['rewards/rejected', py(rejected)],
    ['rewards/accuracies', py(Math.round(accuracy * 16) / 16)],
    ['rewards/margins', py(margin)],
    ['logps/chosen', py(logpsChosen)],
    ['logps/rejected', py(logpsRejected)],
    ['logits/chosen', py(-2.61 + 0.3 * progress + gaussian() * 0.05)],
    ['logits/rejected', py(-2.58 + 0.2 * progress + gaussian() * 0.05)],
    ['epoch', py(epoch(step), 2)],
  ]);
}

function evalRecord(step) {
  const progress = step / shapeSteps;
  const diverged = step >= nanAt;
  const runtime = 41.2 + gaussian();
  const common = [
    ['eval_runtime', py(runtime)],
    ['eval_samples_per_second', py(2000 / runtime, 3)],
    ['eval_steps_per_second', py(250 / runtime, 3)],
    ['epoch', py(epoch(step), 2)],
  ];
  if (kind === 'sft') {
    const loss = diverged
      ? Number.NaN
      : (finalLoss + 0.1 + 1.4 * Math.exp(-progress * 5.5) + gaussian() * 0.01) * climb(step);
    return dict([['eval_loss', py(loss)], ...common]);
  }
  const loss = diverged ? Number.NaN : 0.26 + 0.43 * Math.exp(-progress * 3.6) + gaussian() * 0.01;
  return dict([
    ['eval_loss', py(loss)],
    ['eval_rewards/chosen', py(-0.1 + 0.5 * progress)],
    ['eval_rewards/rejected', py(-0.2 - 2.2 * progress)],
    ['eval_rewards/accuracies', py(0.55 + 0.3 * progress)],
    ['eval_rewards/margins', py(0.1 + 2.7 * progress)],
    ...common,
  ]);
}

function preamble() {
  const model = kind === 'dpo' ? 'Qwen/Qwen2.5-7B-Instruct' : 'Qwen/Qwen2.5-7B';
  info(
    'configuration_utils.py:733',
    `loading configuration file config.json from cache at /root/.cache/huggingface/hub/models--${model.replace('/', '--')}/config.json`,
  );
  info('modeling_utils.py:3934', `loading weights file model.safetensors from cache`);
  out.write('Loading checkpoint shards: 100%|██████████| 4/4 [00:07<00:00,  1.86s/it]\n');
  info(
    'arrow_dataset.py:3098',
    kind === 'dpo'
      ? 'Tokenized train dataset: 61,135 preference pairs (max_length=2048, max_prompt_length=1024)'
      : 'Packed train dataset: 52,002 examples into sequences of 4,096 tokens',
  );
  info('trainer.py:2414', '***** Running training *****');
  info('trainer.py:2415', `  Num examples = ${kind === 'dpo' ? '61,135' : '52,002'}`);
  info('trainer.py:2416', `  Num Epochs = ${kind === 'dpo' ? 1 : 3}`);
  info('trainer.py:2417', '  Instantaneous batch size per device = 4');
  info(
    'trainer.py:2420',
    '  Total train batch size (w. parallel, distributed & accumulation) = 64',
  );
  info('trainer.py:2421', '  Gradient Accumulation steps = 4');
  info('trainer.py:2422', `  Total optimization steps = ${totalSteps.toLocaleString('en-US')}`);
  info(
    'trainer.py:2423',
    `  Number of trainable parameters = ${kind === 'dpo' ? '7,615,616,512' : '40,370,176'}`,
  );
}

function write(text) {
  return new Promise((resolve) => {
    if (out.write(text)) resolve();
    else out.once('drain', resolve);
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Prints the traceback and exits 1, once stdout and stderr are flushed (pipes are asynchronous). */
async function fail(step) {
  // The callback runs once this write, and every write queued before it, reached the pipe.
  await new Promise((resolve) => out.write(`\n`, resolve));
  const exit = () => process.exit(1);
  if (step >= nanAt) {
    process.stderr.write(
      [
        'Traceback (most recent call last):',
        `  File "/workspace/${kind}.py", line 214, in <module>`,
        '    trainer.train()',
        '  File "/usr/local/lib/python3.11/site-packages/transformers/trainer.py", line 2123, in train',
        '    return inner_training_loop(',
        '  File "/usr/local/lib/python3.11/site-packages/transformers/trainer.py", line 2548, in _inner_training_loop',
        '    self.accelerator.backward(loss, **kwargs)',
        '  File "/usr/local/lib/python3.11/site-packages/torch/autograd/__init__.py", line 347, in backward',
        '    _engine_run_backward(',
        `RuntimeError: Function 'LogSoftmaxBackward0' returned nan values in its 0th output.`,
        '',
      ].join('\n'),
      exit,
    );
    return new Promise(() => {});
  }
  process.stderr.write(
    [
      'Traceback (most recent call last):',
      `  File "/workspace/${kind === 'dpo' ? 'dpo' : 'sft'}.py", line 214, in <module>`,
      '    trainer.train()',
      '  File "/usr/local/lib/python3.11/site-packages/transformers/trainer.py", line 2123, in train',
      '    return inner_training_loop(',
      '  File "/usr/local/lib/python3.11/site-packages/transformers/trainer.py", line 2481, in _inner_training_loop',
      '    tr_loss_step = self.training_step(model, inputs, num_items_in_batch)',
      '  File "/usr/local/lib/python3.11/site-packages/trl/trainer/dpo_trainer.py", line 1427, in compute_loss',
      '    loss, metrics = self.get_batch_loss_metrics(model, inputs, train_eval="train")',
      `torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 3.91 GiB. GPU 0 has a total capacity of 79.15 GiB of which 2.12 GiB is free. Process has 77.02 GiB memory in use.`,
      '',
    ].join('\n'),
    exit,
  );
  return new Promise(() => {});
}

async function main() {
  preamble();
  await write(`\r${bar(0)}`);
  for (let step = 1; step <= totalSteps; step += 1) {
    if (step === fastForward + 1) liveStartedAt = Date.now();
    if (step > fastForward && intervalMs > 0) await sleep(intervalMs);
    if (step >= failAt) await fail(step);
    let text = `\r${bar(step)}`;
    if (step % loggingSteps === 0) {
      // tqdm.write(): clear the bar, print the record on its own line, redraw the bar.
      text += `\r${' '.repeat(barWidth)}\r${trainRecord(step)}\n${bar(step)}`;
    }
    if (evalSteps > 0 && step % evalSteps === 0) {
      text += `\r${' '.repeat(barWidth)}\r${evalRecord(step)}\n${bar(step)}`;
    }
    await write(text);
  }
  const runtime = elapsedAt(totalSteps);
  await write(
    `\r${' '.repeat(barWidth)}\r${dict([
      ['train_runtime', py(runtime)],
      ['train_samples_per_second', py((totalSteps * 64) / runtime, 3)],
      ['train_steps_per_second', py(totalSteps / runtime, 3)],
      ['train_loss', py(Number.isFinite(nanAt) ? Number.NaN : smoothed)],
      ['epoch', py(epoch(totalSteps), 2)],
    ])}\n${bar(totalSteps)}\n`,
  );
  info('trainer.py:3801', `Saving model checkpoint to ./outputs/checkpoint-${totalSteps}`);
  out.write(`Training completed in ${clock((Date.now() - startedAt) / 1000)} (wall clock).\n`);
}

main();
