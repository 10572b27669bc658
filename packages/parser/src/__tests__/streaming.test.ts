import { describe, expect, it } from 'vitest';
import { createLogParser } from '../createLogParser';
import { parseTrainingLog } from '../parseTrainingLog';
import type { ParseResult } from '../types';

function inChunks(text: string, cuts: number[]): ParseResult {
  const parser = createLogParser();
  let from = 0;
  for (const cut of cuts) {
    parser.push(text.slice(from, cut));
    from = cut;
  }
  parser.push(text.slice(from));
  parser.end();
  return parser.result();
}

describe('createLogParser chunk boundaries', () => {
  const hf = [
    "{'loss': 2.5, 'learning_rate': 5e-05, 'epoch': 0.1}",
    "{'eval_loss': 2.7, 'eval_runtime': 3.2, 'epoch': 0.1}",
    "{'loss': 2.1, 'learning_rate': 4e-05,",
    " 'grad_norm': nan, 'epoch': 0.2}",
    "{'train_runtime': 100.5, 'train_loss': 2.3, 'epoch': 0.2}",
  ].join('\r\n');

  it('gives the same result whatever the cut, including inside \\r\\n and a wrapped dict', () => {
    const whole = parseTrainingLog(hf);
    expect(whole.series.loss).toEqual({ steps: [1, 2], values: [2.5, 2.1] });
    expect(whole.series.eval_loss).toEqual({ steps: [1], values: [2.7] });
    expect(whole.series.grad_norm?.values[0]).toBeNaN();
    expect(whole.summary).toEqual({ train_runtime: 100.5, train_loss: 2.3, epoch: 0.2 });
    for (let cut = 1; cut < hf.length; cut++) {
      expect(inChunks(hf, [cut]), `cut at ${cut}`).toEqual(whole);
    }
    const ones = Array.from({ length: hf.length }, (_, i) => i + 1);
    expect(inChunks(hf, ones)).toEqual(whole);
  });

  it('splits lines on lone \\r as live tqdm output does', () => {
    const text =
      ' 10%|█         | 9/90 [00:01<00:09, 8.1it/s]\r 11%|█         | 10/90 [00:01<00:09, 8.1it/s]\r' +
      "{'loss': 2.5, 'epoch': 0.1}\n 22%|██        | 20/90 [00:02<00:08, 8.1it/s]\r{'loss': 2.1, 'epoch': 0.2}\n";
    const r = parseTrainingLog(text);
    expect(r.stepSource).toBe('progress');
    expect(r.series.loss).toEqual({ steps: [10, 20], values: [2.5, 2.1] });
    expect(r.stats.lines).toBe(5);
  });

  it('counts a \\r\\n split across two chunks as one line break', () => {
    const parser = createLogParser();
    parser.push('iter 1: loss 2.0\r');
    parser.push('\niter 2: loss 1.5\r');
    parser.push('\n');
    parser.end();
    expect(parser.result().stats.lines).toBe(2);
    expect(parser.result().series.loss).toEqual({ steps: [1, 2], values: [2, 1.5] });
  });
});

describe('createLogParser updates', () => {
  it('returns the points each push made final, the restarts and the summary keys', () => {
    const parser = createLogParser();
    const first = parser.push('iter 1: loss 2.0\niter 2: lo');
    expect(first.points).toEqual([{ metric: 'loss', step: 1, value: 2 }]);
    const second = parser.push('ss 1.5\niter 1: loss 1.9\n');
    expect(second.restarts).toEqual([{ step: 1, fromStep: 2, line: 3 }]);
    expect(second.points).toEqual([{ metric: 'loss', step: 1, value: 1.9 }]);
    const third = parser.push("{'train_runtime': 10.0, 'train_loss': 1.7}");
    expect(third.points).toEqual([]);
    const last = parser.end();
    expect(last.summary).toEqual({ train_runtime: 10, train_loss: 1.7 });
  });

  it('lets a consumer rebuild the series from the updates alone', () => {
    const text =
      'iter 0: loss 4.0\niter 10: loss 3.5\niter 20: loss 3.0\niter 10: loss 3.4\niter 20: loss 2.9\n';
    const store = new Map<number, number>();
    const parser = createLogParser();
    const apply = (u: ReturnType<typeof parser.push>) => {
      for (const r of u.restarts)
        for (const step of [...store.keys()]) if (step >= r.step) store.delete(step);
      for (const p of u.points) store.set(p.step, p.value);
    };
    for (let i = 0; i < text.length; i += 9) apply(parser.push(text.slice(i, i + 9)));
    apply(parser.end());
    expect([...store.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [0, 4],
      [10, 3.4],
      [20, 2.9],
    ]);
  });
});

describe('points arriving out of order', () => {
  it('inserts an earlier progress step and reports the rewrite of an older point in the update', () => {
    const bar = (n: number, loss: number) =>
      `Epoch 0:  50%|█████     | ${n}/10 [00:01<00:01,  1.00it/s, loss=${loss}, v_num=1]\n`;
    const parser = createLogParser();
    parser.push(bar(5, 1) + bar(7, 0.9));
    const update = parser.push(bar(3, 2) + bar(5, 1.1));
    parser.end();
    expect(parser.result().series.loss).toEqual({ steps: [3, 5, 7], values: [2, 1.1, 0.9] });
    expect(update.points).toEqual([
      { metric: 'loss', step: 3, value: 2 },
      { metric: 'loss', step: 5, value: 1.1 },
    ]);
  });
});

describe('robustness', () => {
  it('never throws on random bytes and finds no metric in them', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const text = Array.from({ length: 50_000 }, () =>
      String.fromCharCode(Math.floor(random() * 256)),
    ).join('');
    const r = parseTrainingLog(text);
    expect(r.format).toBe('unknown');
    expect(Object.keys(r.series)).toEqual([]);
  });

  it('skips and counts a line longer than maxLineLength, streamed or whole', () => {
    const text = `${'x'.repeat(5000)}\niter 1: loss 2.0\n`;
    const whole = parseTrainingLog(text, { maxLineLength: 1000 });
    expect(whole.stats.malformedLines).toBe(1);
    expect(whole.series.loss).toEqual({ steps: [1], values: [2] });
    const parser = createLogParser({ maxLineLength: 1000 });
    for (let i = 0; i < text.length; i += 64) parser.push(text.slice(i, i + 64));
    parser.end();
    expect(parser.result()).toEqual(whole);
  });

  it('counts an unterminated dict and a broken dict as malformed, never as metrics', () => {
    const r = parseTrainingLog(
      "{'loss': 2.0, 'epoch': 0.1}\n{'loss': oops, 'epoch': 0.2}\n{'loss': 1.5, 'epo",
    );
    expect(r.series.loss).toEqual({ steps: [1], values: [2] });
    expect(r.stats.malformedLines).toBe(2);
  });

  it('reads a 10 MB line within the default cap without trouble', () => {
    const big = `{'loss': 1.0, 'note': '${'a'.repeat(10_000_000)}'}\n`;
    const r = parseTrainingLog(big, { maxLineLength: 20_000_000 });
    expect(r.series.loss).toEqual({ steps: [1], values: [1] });
    expect(parseTrainingLog(big).stats.malformedLines).toBe(1);
  });

  it('honours a forced format', () => {
    const text = "iter 10: loss 3.0\n{'loss': 2.0, 'epoch': 0.1}\n";
    expect(Object.keys(parseTrainingLog(text, { format: 'nanogpt' }).series)).toEqual(['loss']);
    expect(parseTrainingLog(text, { format: 'nanogpt' }).series.loss?.values).toEqual([3]);
    expect(parseTrainingLog(text, { format: 'hf-trainer' }).series.loss?.values).toEqual([2]);
  });
});
