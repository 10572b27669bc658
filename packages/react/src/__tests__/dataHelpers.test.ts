import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateRunGroup } from '../data/aggregateRunGroup';
import { assignRunColors } from '../data/assignRunColors';
import { createEpochInterpolator } from '../data/createEpochInterpolator';
import { createRunColorRegistry } from '../data/createRunColorRegistry';
import { orderMetrics } from '../data/orderMetrics';
import { runColors } from '../data/runColors';

describe('createEpochInterpolator', () => {
  // A Trainer with 1000 steps per epoch logging every 10 steps, epoch rounded to 2 decimals.
  const steps = Array.from({ length: 300 }, (_, i) => (i + 1) * 10);
  const rounded = steps.map((step) => Math.round((step / 1000) * 100) / 100);

  it('gives each point its own epoch where the rounded log puts ten on one value', () => {
    const epochAt = createEpochInterpolator({ steps, values: rounded });
    // Logged as 0.01, 0.02, 0.02, 0.03, ...: the interpolated epochs are the true ones.
    expect(epochAt(10)).toBeCloseTo(0.01, 3);
    expect(epochAt(15)).toBeCloseTo(0.015, 3);
    expect(epochAt(1234)).toBeCloseTo(1.234, 3);
    expect(epochAt(2990)).toBeCloseTo(2.99, 3);
    // Strictly increasing: no two points share an x any more.
    const xs = steps.map(epochAt);
    expect(xs.every((x, i) => i === 0 || x > (xs[i - 1] as number))).toBe(true);
  });

  it('stays within the rounding of every logged value, for any steps per epoch', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 5000 }),
        fc.integer({ min: 1, max: 50 }),
        (perEpoch, every) => {
          const s = Array.from({ length: 200 }, (_, i) => (i + 1) * every);
          const v = s.map((step) => Math.round((step / perEpoch) * 100) / 100);
          const epochAt = createEpochInterpolator({ steps: s, values: v });
          return s.every((step, i) => Math.abs(epochAt(step) - (v[i] as number)) <= 0.0051 + 1e-9);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('follows a change of pace (a resume with another batch size) piece by piece', () => {
    const s = [100, 200, 300, 400, 500, 600, 700, 800];
    // 0.1 epoch per 100 steps, then 0.2 per 100 steps from step 500 on.
    const v = [0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0, 1.2];
    const epochAt = createEpochInterpolator({ steps: s, values: v });
    expect(epochAt(250)).toBeCloseTo(0.25, 6);
    expect(epochAt(650)).toBeCloseTo(0.9, 6);
  });

  it('answers NaN without an epoch series, and the logged value with only one distinct value', () => {
    expect(createEpochInterpolator(undefined)(10)).toBeNaN();
    expect(
      createEpochInterpolator({ steps: [10, 20], values: [Number.NaN, Number.NaN] })(10),
    ).toBeNaN();
    const flat = createEpochInterpolator({ steps: [10, 20, 30], values: [0.01, 0.01, 0.01] });
    expect(flat(5)).toBe(0.01);
    expect(flat(25)).toBe(0.01);
  });
});

describe('orderMetrics', () => {
  it('puts what people chart first and moves timing and throughput under "More"', () => {
    const { main, more } = orderMetrics([
      'eval_samples_per_second',
      'epoch',
      'grad_norm',
      'eval_runtime',
      'rewards/margins',
      'eval_steps_per_second',
      'learning_rate',
      'logps/chosen',
      'eval_loss',
      'rewards/chosen',
      'loss',
      'train_runtime',
      'train_samples_per_second',
      'train_loss',
      'total_flos',
      'rewards/accuracies',
      'rewards/rejected',
      'eval_rewards/margins',
      'loss',
    ]);
    expect(main).toEqual([
      'loss',
      'eval_loss',
      'learning_rate',
      'grad_norm',
      'rewards/chosen',
      'rewards/rejected',
      'rewards/margins',
      'rewards/accuracies',
      'eval_rewards/margins',
      'logps/chosen',
    ]);
    expect(more).toEqual([
      'epoch',
      'eval_runtime',
      'eval_samples_per_second',
      'eval_steps_per_second',
      'total_flos',
      'train_loss',
      'train_runtime',
      'train_samples_per_second',
    ]);
  });

  it('keeps other metrics in the main list, alphabetically, and copes with odd names', () => {
    const { main, more } = orderMetrics(['zeta', 'accuracy', '__proto__', 'constructor', 'loss']);
    expect(main).toEqual(['loss', '__proto__', 'accuracy', 'constructor', 'zeta']);
    expect(more).toEqual([]);
  });
});

describe('assignRunColors', () => {
  it('gives a run the same colour whether it is shown alone or with others', () => {
    const alone = assignRunColors(['sft-qwen7b-lr2e-5']);
    const together = assignRunColors([
      'sft-qwen7b-lr2e-5',
      'sft-qwen7b-lora-r64',
      'dpo-qwen7b-beta0.1',
    ]);
    expect(together['sft-qwen7b-lr2e-5']).toBe(alone['sft-qwen7b-lr2e-5']);
  });

  it('never gives two runs one colour while the palette lasts, for any run ids', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string(), { minLength: 1, maxLength: runColors.length }),
        (ids) => {
          const colors = assignRunColors(ids);
          return new Set(ids.map((id) => colors[id])).size === ids.length;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps colours already given and spreads the rest evenly over the palette', () => {
    const taken = { a: runColors[0] as string };
    const colors = assignRunColors(['a', 'b'], { taken });
    expect(colors.a).toBe(runColors[0]);
    expect(colors.b).not.toBe(runColors[0]);
    const many = assignRunColors(Array.from({ length: 25 }, (_, i) => `run-${i}`));
    const uses = new Map<string, number>();
    for (const color of Object.values(many)) uses.set(color, (uses.get(color) ?? 0) + 1);
    expect(Math.max(...uses.values()) - Math.min(...uses.values())).toBeLessThanOrEqual(1);
  });

  it('takes ids like __proto__ as ordinary run ids', () => {
    const colors = assignRunColors(['__proto__', 'constructor']);
    expect(Object.keys(colors).sort()).toEqual(['__proto__', 'constructor']);
    expect(runColors).toContain(Object.getOwnPropertyDescriptor(colors, '__proto__')?.value);
    expect(runColors).toContain(colors.constructor);
  });
});

describe('createRunColorRegistry', () => {
  it('keeps a run colour from its own page to a comparison, per experiment', () => {
    const registry = createRunColorRegistry();
    const own = registry.colorsFor('exp', ['c']).c;
    const compared = registry.colorsFor('exp', ['a', 'b', 'c']);
    expect(compared.c).toBe(own);
    expect(new Set(Object.values(compared)).size).toBe(3);
    expect(registry.colorsFor('exp', ['a']).a).toBe(compared.a);
  });
});

describe('aggregateRunGroup', () => {
  const seeds = [
    { steps: [10, 20, 30], values: [3, 2, 1] },
    { steps: [10, 20, 30], values: [5, 4, 3] },
    { steps: [10, 20, 30], values: [4, 3, Number.NaN] },
  ];

  it('draws the mean with the min-max band, leaving non-finite members out', () => {
    const group = aggregateRunGroup(seeds, 'minmax');
    expect(group.steps).toEqual([10, 20, 30]);
    expect(group.mean).toEqual([4, 3, 2]);
    expect(group.lower).toEqual([3, 2, 1]);
    expect(group.upper).toEqual([5, 4, 3]);
    expect(group.count).toEqual([3, 3, 2]);
  });

  it('draws mean ± one standard deviation', () => {
    const group = aggregateRunGroup(seeds, 'std');
    // Values 3, 5, 4: mean 4, population std sqrt(2/3).
    expect(group.lower[0]).toBeCloseTo(4 - Math.sqrt(2 / 3), 10);
    expect(group.upper[0]).toBeCloseTo(4 + Math.sqrt(2 / 3), 10);
    // Two finite members at step 30: 1 and 3.
    expect(group.lower[2]).toBeCloseTo(1, 10);
    expect(group.upper[2]).toBeCloseTo(3, 10);
  });

  it('interpolates a member between its own points and leaves it out beyond its last step', () => {
    const group = aggregateRunGroup([
      { steps: [0, 100, 200], values: [2, 1, 0] },
      { steps: [50, 150], values: [10, 20] },
    ]);
    expect(group.steps).toEqual([0, 50, 100, 150, 200]);
    // At 100 the second member is halfway between 10 and 20.
    expect(group.mean[2]).toBe((1 + 15) / 2);
    expect(group.count).toEqual([1, 2, 2, 2, 1]);
    expect(group.mean[4]).toBe(0);
  });

  it('gives NaN where no member is finite, and holds mean within the band for any input', () => {
    expect(aggregateRunGroup([{ steps: [1], values: [Number.NaN] }]).mean).toEqual([Number.NaN]);
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 5, maxLength: 5 }),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        fc.constantFrom('minmax' as const, 'std' as const),
        (columns, band) => {
          const members = columns.map((values) => ({ steps: [1, 2, 3, 4, 5], values }));
          const group = aggregateRunGroup(members, band);
          return group.mean.every(
            (m, i) =>
              (group.lower[i] as number) <= m + 1e-6 && m <= (group.upper[i] as number) + 1e-6,
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
