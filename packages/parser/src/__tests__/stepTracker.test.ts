import { describe, expect, it } from 'vitest';
import { createStepTracker, type ResolvedStep, type StepClaims } from '../engine/createStepTracker';
import { readProgressBar } from '../formats/progressBar';

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
});
