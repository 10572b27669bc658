import { describe, expect, it } from 'vitest';
import { createStepTracker, type ResolvedStep, type StepClaims } from '../engine/createStepTracker';
import { readProgressBar } from '../formats/progressBar';
import { parseTrainingLog } from '../parseTrainingLog';

const fresh = (): ResolvedStep => ({ step: 0, source: undefined, restartFrom: undefined });
const different = {
  sameAsPrevious: () => false,
  disjointFromPrevious: () => false,
  disjointBesidesEpoch: () => false,
};

function claims(over: Partial<StepClaims>): StepClaims {
  return {
    kind: 'train',
    format: 'hf-trainer',
    explicit: undefined,
    progress: undefined,
    weak: undefined,
    ...over,
  };
}

function place(tracker: ReturnType<typeof createStepTracker>, c: StepClaims): ResolvedStep {
  const r = tracker.resolve(c, different, fresh());
  tracker.commit(c, r);
  return r;
}

describe('createStepTracker', () => {
  it('prefers an explicit step, then the bar printed just before, then the count', () => {
    const tracker = createStepTracker();
    expect(place(tracker, claims({ explicit: 10 }))).toMatchObject({
      step: 10,
      source: 'explicit',
    });
    const bar = '  1%|▏         | 100/7252 [24:16<29:02:42, 14.62s/it]';
    tracker.keepBar(bar, bar.indexOf('%|'));
    expect(place(tracker, claims({}))).toMatchObject({ step: 100, source: 'progress' });
    expect(place(tracker, claims({}))).toMatchObject({ step: 1, source: 'count' });
    expect(tracker.source).toBe('count');
  });

  it('gives an eval record the step of the train record before it', () => {
    const tracker = createStepTracker();
    place(tracker, claims({ explicit: 40 }));
    expect(place(tracker, claims({ kind: 'eval' }))).toMatchObject({ step: 40 });
  });

  it('reports a restart when an explicit step goes back', () => {
    const tracker = createStepTracker();
    place(tracker, claims({ explicit: 300 }));
    expect(place(tracker, claims({ explicit: 200 })).restartFrom).toBe(300);
  });

  it('counts records once a bar reads the same position before two different records', () => {
    const tracker = createStepTracker();
    const bar = readProgressBar('100%|██████████| 8/8 [00:01<00:00,  6.10it/s]', 4);
    if (!bar) throw new Error('bar not read');
    tracker.noteBar(bar);
    expect(place(tracker, claims({})).step).toBe(8);
    tracker.noteBar(bar);
    expect(place(tracker, claims({}))).toMatchObject({ step: 9, source: 'count' });
  });

  it('uses a weak counter while it advances and counts once two records share it', () => {
    const tracker = createStepTracker();
    expect(place(tracker, claims({ weak: 1 })).step).toBe(1);
    expect(place(tracker, claims({ weak: 2 })).step).toBe(2);
    expect(place(tracker, claims({ weak: 2 }))).toMatchObject({ step: 3, source: 'count' });
  });

  it('keeps one step for the disjoint one-metric lines of an epoch header', () => {
    const tracker = createStepTracker();
    const disjoint = { ...different, disjointFromPrevious: () => true };
    const place2 = (c: StepClaims) => {
      const out = tracker.resolve(c, disjoint, fresh());
      tracker.commit(c, out);
      return out;
    };
    expect(place2(claims({ weak: 0 })).step).toBe(0);
    expect(place2(claims({ weak: 0 })).step).toBe(0);
    expect(place2(claims({ weak: 1 })).step).toBe(1);
  });

  it('reads an epoch header followed by one metric a line (nnU-Net style)', () => {
    const lines: string[] = [];
    for (const e of [0, 1, 2]) {
      lines.push(
        `2024-04-26 09:39:10.910043: Epoch ${e}`,
        `2024-04-26 09:39:10.910043: train_loss 0.${e + 5}`,
        `2024-04-26 09:39:10.910043: val_loss 0.${e + 2}`,
      );
      lines.push(
        `2024-04-26 09:39:10.910043: Pseudo dice [0.${e}]`,
        `2024-04-26 09:39:10.910043: Epoch time: 1${e}.5 s`,
      );
    }
    const result = parseTrainingLog(lines.join('\n'));
    expect(Array.from(result.series.loss?.steps ?? [])).toEqual([0, 1, 2]);
    expect(Array.from(result.series.loss?.values ?? [])).toEqual([0.5, 0.6, 0.7]);
    expect(Array.from(result.series.eval_loss?.values ?? [])).toEqual([0.2, 0.3, 0.4]);
  });
});
