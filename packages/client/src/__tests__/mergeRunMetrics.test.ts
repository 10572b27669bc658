import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendRunMetrics } from '../appendRunMetrics';
import { hasNewRestart } from '../hasNewRestart';
import { mergeRunMetrics } from '../mergeRunMetrics';
import { newRestartStep } from '../newRestartStep';
import type { RunMetricSeries, RunMetrics } from '../types';

function run(
  metrics: Record<string, RunMetricSeries>,
  extra: Partial<RunMetrics> = {},
): RunMetrics {
  const steps = Object.values(metrics).flatMap((series) => series.steps);
  return {
    experimentId: 'exp-1',
    runId: 'sft-7',
    status: 'running',
    lastStep: steps.length === 0 ? null : Math.max(...steps),
    updatedAt: '2026-11-27T10:00:00.000Z',
    startedAt: null,
    stepSource: 'explicit',
    restarts: [],
    metrics,
    ...extra,
  };
}

describe('mergeRunMetrics', () => {
  it('appends new points and takes the run fields from the increment', () => {
    const before = run({ loss: { steps: [1, 2], values: [3, 2.5] } });
    const increment = run(
      { loss: { steps: [3, 4], values: [2.2, 2] }, lr: { steps: [4], values: [0.1] } },
      { status: 'completed', updatedAt: '2026-11-27T11:00:00.000Z' },
    );
    const merged = mergeRunMetrics(before, increment);
    expect(merged.metrics).toEqual({
      loss: { steps: [1, 2, 3, 4], values: [3, 2.5, 2.2, 2] },
      lr: { steps: [4], values: [0.1] },
    });
    expect(merged.status).toBe('completed');
    expect(merged.lastStep).toBe(4);
    expect(merged.updatedAt).toBe('2026-11-27T11:00:00.000Z');
  });

  it('keeps one point at the boundary step, the newer one', () => {
    const before = run({ loss: { steps: [1, 2], values: [3, 2.5], times: [10, 20] } });
    const increment = run({ loss: { steps: [2, 3], values: [2.4, 2.2], times: [21, 30] } });
    expect(mergeRunMetrics(before, increment).metrics.loss).toEqual({
      steps: [1, 2, 3],
      values: [3, 2.4, 2.2],
      times: [10, 21, 30],
    });
  });

  it('is idempotent: merging the same increment twice changes nothing', () => {
    const before = run({ loss: { steps: [1, 2], values: [3, 2.5] } });
    const increment = run({ loss: { steps: [2, 3], values: [2.4, Number.NaN] } });
    const once = mergeRunMetrics(before, increment);
    expect(mergeRunMetrics(once, increment)).toEqual(once);
  });

  it('keeps metrics the increment does not mention and does not mutate its inputs', () => {
    const before = run({
      loss: { steps: [1], values: [3] },
      eval_loss: { steps: [1], values: [4] },
    });
    const snapshot = structuredClone(before);
    const merged = mergeRunMetrics(before, run({ loss: { steps: [2], values: [2] } }));
    expect(merged.metrics.eval_loss).toEqual({ steps: [1], values: [4] });
    expect(before).toEqual(snapshot);
  });

  it('drops the times column when only one side has it', () => {
    const before = run({ loss: { steps: [1], values: [3], times: [5] } });
    const merged = mergeRunMetrics(before, run({ loss: { steps: [2], values: [2] } }));
    expect(merged.metrics.loss).toEqual({ steps: [1, 2], values: [3, 2] });
  });

  it('on a new restart drops every point from its step on, in all metrics', () => {
    const before = run({
      loss: { steps: [10, 20, 30, 40], values: [4, 3, 2, 1] },
      lr: { steps: [30, 40], values: [0.1, 0.1] },
    });
    const increment = run({ loss: { steps: [41], values: [1.5] } }, { restarts: [{ step: 25 }] });
    expect(hasNewRestart(before, increment)).toBe(true);
    expect(newRestartStep(before, increment)).toBe(25);
    const merged = mergeRunMetrics(before, increment);
    expect(merged.metrics).toEqual({ loss: { steps: [10, 20, 41], values: [4, 3, 1.5] } });
    expect(merged.restarts).toEqual([{ step: 25 }]);
    expect(hasNewRestart(merged, increment)).toBe(false);
  });

  it('keeps an empty series the increment lists, drops one a restart emptied', () => {
    const before = run({ loss: { steps: [10], values: [3] }, lr: { steps: [30], values: [0.1] } });
    const increment = run({ eval_loss: { steps: [], values: [] } }, { restarts: [{ step: 20 }] });
    expect(mergeRunMetrics(before, increment).metrics).toEqual({
      loss: { steps: [10], values: [3] },
      eval_loss: { steps: [], values: [] },
    });
  });

  it('uses the earliest of several new restarts', () => {
    const before = run(
      { loss: { steps: [10, 20, 30], values: [3, 2, 1] } },
      { restarts: [{ step: 5 }] },
    );
    const increment = run({}, { restarts: [{ step: 5 }, { step: 30 }, { step: 15 }] });
    expect(newRestartStep(before, increment)).toBe(15);
    expect(mergeRunMetrics(before, increment).metrics.loss?.steps).toEqual([10]);
  });

  it('replaces everything when the increment is for another run', () => {
    const before = run({ loss: { steps: [1], values: [3] } });
    const other = run({ acc: { steps: [7], values: [0.9] } }, { runId: 'sft-8' });
    expect(mergeRunMetrics(before, other)).toEqual(other);
  });
});

type Event =
  | { kind: 'log'; metric: string; advance: number; value: number }
  | { kind: 'restart'; back: number }
  | { kind: 'poll' };

/** The server as the contract describes it: one point per (metric, step); a restart erases from its step on. */
class FakeRun {
  private readonly points = new Map<string, Map<number, { value: number; time: number }>>();
  private readonly restarts: { step: number }[] = [];
  private step = 0;
  private clock = 0;

  apply(event: Event): void {
    this.clock++;
    if (event.kind === 'log') {
      this.step += event.advance;
      const series = this.points.get(event.metric) ?? new Map();
      series.set(this.step, { value: event.value, time: this.clock });
      this.points.set(event.metric, series);
    } else if (event.kind === 'restart') {
      this.step = Math.max(0, this.step - event.back);
      for (const series of this.points.values()) {
        for (const step of series.keys()) if (step >= this.step) series.delete(step);
      }
      this.restarts.push({ step: this.step });
    }
  }

  /** `withEmpty`: list every metric the run has, even with no point in range (as @trainviz/server does). */
  constructor(private readonly withEmpty: boolean) {}

  fetch(query: { sinceStep?: number; stepMax?: number } = {}): RunMetrics {
    const metrics: Record<string, RunMetricSeries> = {};
    let lastStep: number | null = null;
    for (const [name, series] of this.points) {
      const steps = [...series.keys()].sort((a, b) => a - b);
      if (steps.length > 0) lastStep = Math.max(lastStep ?? 0, steps[steps.length - 1] as number);
      const kept = steps.filter(
        (step) =>
          (query.sinceStep === undefined || step > query.sinceStep) &&
          (query.stepMax === undefined || step <= query.stepMax),
      );
      if (kept.length === 0 && !this.withEmpty) continue;
      metrics[name] = {
        steps: kept,
        values: kept.map((step) => series.get(step)?.value as number),
        times: kept.map((step) => series.get(step)?.time as number),
      };
    }
    return run(metrics, { lastStep, restarts: this.restarts.map((r) => ({ step: r.step })) });
  }
}

const eventArbitrary: fc.Arbitrary<Event> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('log' as const),
      metric: fc.constantFrom('loss', 'learning_rate', 'rewards/chosen'),
      advance: fc.nat({ max: 3 }),
      value: fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }),
        fc.constantFrom(Number.NaN, Infinity, -Infinity),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('restart' as const), back: fc.nat({ max: 8 }) }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'poll' as const }) },
);

describe('mergeRunMetrics (properties)', () => {
  it('a client polling with since_step and merging ends with what one full fetch returns', () => {
    fc.assert(
      fc.property(
        fc.array(eventArbitrary, { maxLength: 80 }),
        fc.boolean(),
        (events, withEmpty) => {
          const server = new FakeRun(withEmpty);
          let data: RunMetrics | null = null;
          const poll = () => {
            if (data === null || data.lastStep === null) {
              data = data === null ? server.fetch() : mergeRunMetrics(data, server.fetch());
              return;
            }
            // One step of overlap: another metric may be logged at the last step after we polled.
            const increment = server.fetch({ sinceStep: data.lastStep - 1 });
            const restartStep = newRestartStep(data, increment);
            data = mergeRunMetrics(data, increment);
            if (restartStep !== null) {
              data = mergeRunMetrics(data, server.fetch({ sinceStep: restartStep - 1 }));
            }
          };
          for (const event of events) {
            if (event.kind === 'poll') poll();
            else server.apply(event);
          }
          poll();
          expect(data).toEqual(server.fetch());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('merging two overlapping slices of a run equals fetching it once', () => {
    fc.assert(
      fc.property(
        fc.array(eventArbitrary, { maxLength: 60 }),
        fc.nat({ max: 100 }),
        fc.nat({ max: 100 }),
        fc.boolean(),
        (events, a, b, withEmpty) => {
          const server = new FakeRun(withEmpty);
          for (const event of events) server.apply(event);
          const head = server.fetch({ stepMax: Math.max(a, b) });
          const tail = server.fetch({ sinceStep: Math.min(a, b) - 1 });
          const merged = mergeRunMetrics(head, tail);
          expect(merged).toEqual(server.fetch());
          expect(mergeRunMetrics(merged, tail)).toEqual(merged);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('appendRunMetrics', () => {
  it('treats metrics named __proto__ and constructor as ordinary metrics', () => {
    const proto = '__proto__';
    const ctor = 'constructor';
    const named = (steps: number[], values: number[]): Record<string, RunMetricSeries> => {
      const metrics: Record<string, RunMetricSeries> = Object.create(null);
      metrics[ctor] = { steps, values };
      metrics[proto] = { steps: [...steps], values: [...values] };
      return metrics;
    };
    const before = run({ loss: { steps: [1], values: [3] } });
    const merged = appendRunMetrics(before, run(named([1, 2], [0.5, 0.25])));
    expect(Object.keys(merged.metrics).sort()).toEqual(['__proto__', 'constructor', 'loss']);
    expect(merged.metrics[proto]).toEqual({ steps: [1, 2], values: [0.5, 0.25] });
    const grown = appendRunMetrics(merged, run(named([2, 3], [0.25, 0.125])));
    expect(grown.metrics[ctor]).toEqual({ steps: [1, 2, 3], values: [0.5, 0.25, 0.125] });
  });

  it('grows the held columns in place and shares them with the result', () => {
    const before = run({ loss: { steps: [1, 2], values: [3, 2.5], times: [10, 20] } });
    const steps = before.metrics.loss?.steps;
    const increment = run({ loss: { steps: [2, 3], values: [2.5, 2.2], times: [20, 30] } });
    const merged = appendRunMetrics(before, increment);
    expect(merged).not.toBe(before);
    expect(merged.metrics.loss).toEqual({
      steps: [1, 2, 3],
      values: [3, 2.5, 2.2],
      times: [10, 20, 30],
    });
    expect(merged.metrics.loss?.steps).toBe(steps);
    expect(merged.lastStep).toBe(3);
  });

  it('returns the held run itself when a poll brings only the repeated boundary point', () => {
    const before = run({ loss: { steps: [1, 2], values: [3, Number.NaN] } });
    const increment = run({
      loss: { steps: [2], values: [Number.NaN] },
      lr: { steps: [], values: [] },
    });
    expect(appendRunMetrics(before, increment)).toEqual(mergeRunMetrics(before, increment));
    const same = run({ loss: { steps: [2], values: [Number.NaN] } }, { lastStep: 2 });
    expect(appendRunMetrics(before, same)).toBe(before);
  });

  it('copies instead of growing when the overlap rewrites a point', () => {
    const before = run({ loss: { steps: [1, 2], values: [3, 2.5] } });
    const steps = before.metrics.loss?.steps;
    const merged = appendRunMetrics(before, run({ loss: { steps: [2, 3], values: [2.4, 2.2] } }));
    expect(merged.metrics.loss).toEqual({ steps: [1, 2, 3], values: [3, 2.4, 2.2] });
    expect(before.metrics.loss).toEqual({ steps: [1, 2], values: [3, 2.5] });
    expect(merged.metrics.loss?.steps).not.toBe(steps);
  });

  it('polling with it ends with what one full fetch returns, as mergeRunMetrics does', () => {
    fc.assert(
      fc.property(
        fc.array(eventArbitrary, { maxLength: 80 }),
        fc.boolean(),
        (events, withEmpty) => {
          const server = new FakeRun(withEmpty);
          let data: RunMetrics | null = null;
          let copied: RunMetrics | null = null;
          const poll = () => {
            if (data === null || copied === null || data.lastStep === null) {
              const full = server.fetch();
              data = data === null ? full : appendRunMetrics(data, full);
              copied = copied === null ? server.fetch() : mergeRunMetrics(copied, server.fetch());
              return;
            }
            const since = { sinceStep: data.lastStep - 1 };
            const increment = server.fetch(since);
            const restartStep = newRestartStep(data, increment);
            data = appendRunMetrics(data, increment);
            copied = mergeRunMetrics(copied, server.fetch(since));
            if (restartStep !== null) {
              const again = { sinceStep: restartStep - 1 };
              data = appendRunMetrics(data, server.fetch(again));
              copied = mergeRunMetrics(copied, server.fetch(again));
            }
            expect(data).toEqual(copied);
          };
          for (const event of events) {
            if (event.kind === 'poll') poll();
            else server.apply(event);
          }
          poll();
          expect(data).toEqual(server.fetch());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('appends 100 points to a million-point series without copying it', () => {
    const n = 1_000_000;
    const steps = Array.from({ length: n }, (_, i) => i + 1);
    const before = {
      ...run({}),
      lastStep: n,
      metrics: { loss: { steps, values: steps.map((s) => 1 / s) } },
    };
    const added = Array.from({ length: 101 }, (_, i) => n + i);
    const increment = run(
      { loss: { steps: added, values: added.map((s) => 1 / s) } },
      { lastStep: n + 100 },
    );
    const merged = appendRunMetrics(before, increment);
    expect(merged.metrics.loss?.steps).toBe(steps);
    expect(steps.length).toBe(n + 100);
    expect(steps[n]).toBe(n + 1);
  });
});
