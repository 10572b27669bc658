import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseTrainingLog } from '@trainviz/parser';
import { describe, expect, it } from 'vitest';

const simulator = fileURLToPath(new URL('../simulate.mjs', import.meta.url));

function simulate(args: string[]) {
  const run = spawnSync(process.execPath, [simulator, '--interval-ms', '0', ...args], {
    encoding: 'utf8',
  });
  return { ...run, parsed: parseTrainingLog(run.stdout + run.stderr) };
}

describe('simulate.mjs', () => {
  it('prints a Trainer run whose loss the parser finds every 10 steps, from the progress bar', () => {
    const { status, stdout, parsed } = simulate([
      '--kind',
      'sft',
      '--steps',
      '100',
      '--eval-steps',
      '50',
    ]);
    expect(status).toBe(0);
    expect(stdout).toContain('\r');
    expect(parsed.stepSource).toBe('progress');
    expect(parsed.series.loss?.steps).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(parsed.series.eval_loss?.steps).toEqual([50, 100]);
    const loss = parsed.series.loss?.values ?? [];
    expect(loss[loss.length - 1]).toBeLessThan(loss[0] ?? 0);
    // The learning rate warms up over the first 5 steps, then decays to 0 at the end.
    expect(parsed.series.learning_rate?.values.at(-1)).toBe(0);
    expect(parsed.summary.train_runtime).toBeGreaterThan(0);
  });

  it('prints the DPO metrics of TRL', () => {
    const { parsed } = simulate(['--kind', 'dpo', '--steps', '40']);
    for (const metric of [
      'rewards/chosen',
      'rewards/rejected',
      'rewards/accuracies',
      'rewards/margins',
      'logps/chosen',
      'logps/rejected',
    ]) {
      expect(parsed.series[metric]?.steps, metric).toEqual([10, 20, 30, 40]);
    }
  });

  it('turns the loss into NaN from --nan-at on', () => {
    const { parsed } = simulate(['--steps', '60', '--nan-at', '35']);
    const values = parsed.series.loss?.values ?? [];
    expect(values.slice(0, 3).every(Number.isFinite)).toBe(true);
    expect(values.slice(3).every(Number.isNaN)).toBe(true);
    expect(values).toHaveLength(6);
  });

  it('climbs before the NaN, then dies on it with a "returned nan values" error and exit code 1', () => {
    const { status, stderr, parsed } = simulate([
      '--steps',
      '2000',
      '--eval-steps',
      '0',
      '--nan-at',
      '1500',
      '--fail-at',
      '1550',
    ]);
    expect(status).toBe(1);
    expect(stderr).toContain("RuntimeError: Function 'LogSoftmaxBackward0' returned nan values");
    expect(stderr).not.toContain('OutOfMemoryError');
    const loss = parsed.series.loss;
    const at = (step: number) => loss?.values[loss.steps.indexOf(step)] ?? Number.NaN;
    // Settled well before the climb, more than twice as high just before the NaN.
    expect(at(1490)).toBeGreaterThan(2 * at(1100));
    expect(at(1500)).toBeNaN();
    expect(loss?.steps.at(-1)).toBe(1540);
  });

  it('prints the elapsed time of the pretend history, then of the wall clock since --started-at', () => {
    const startedAt = new Date(Date.now() - 3 * 3600 * 1000).toISOString();
    const run = spawnSync(
      process.execPath,
      [
        simulator,
        '--steps',
        '30',
        '--interval-ms',
        '1',
        '--fast-forward',
        '20',
        '--seconds-per-step',
        '2',
        '--started-at',
        startedAt,
      ],
      { encoding: 'utf8' },
    );
    // Step 20 of the history took 20 × 2 s; the live steps are 3 hours after --started-at.
    expect(run.stdout).toContain('| 20/30 [00:40<');
    expect(run.stdout).toMatch(/\| 25\/30 \[3:00:\d\d</);
  });

  it('exits with 1 and a CUDA out-of-memory traceback at --fail-at', () => {
    const { status, stderr, parsed } = simulate([
      '--kind',
      'dpo',
      '--steps',
      '100',
      '--fail-at',
      '45',
    ]);
    expect(status).toBe(1);
    expect(stderr).toContain('torch.OutOfMemoryError: CUDA out of memory');
    expect(parsed.series.loss?.steps).toEqual([10, 20, 30, 40]);
  });
});
