import { describe, expect, it } from 'vitest';
import { createLogParser } from '../createLogParser';
import type { LogParserUpdate, MetricSeries } from '../types';

/** What a consumer does with the updates: drop points from each restart on, then upsert. */
function applyUpdates(updates: LogParserUpdate[]): Record<string, MetricSeries> {
  const store = new Map<string, Map<number, number>>();
  for (const update of updates) {
    for (const restart of update.restarts) {
      for (const points of store.values()) {
        for (const step of [...points.keys()]) if (step >= restart.step) points.delete(step);
      }
    }
    for (const { metric, step, value } of update.points) {
      let points = store.get(metric);
      if (!points) {
        points = new Map();
        store.set(metric, points);
      }
      points.set(step, value);
    }
  }
  const out: Record<string, MetricSeries> = {};
  for (const [metric, points] of store) {
    const steps = [...points.keys()].sort((a, b) => a - b);
    if (steps.length === 0) continue;
    out[metric] = { steps, values: steps.map((step) => points.get(step) as number) };
  }
  return out;
}

// nanoGPT-style run resumed from step 20 after a crash, with a repeated line and a latest-wins
// rewrite of step 30, cut into lines pushed one by one.
const lines = [
  '{"step": 10, "loss": 3.0, "lr": 0.001}',
  '{"step": 20, "loss": 2.5, "lr": 0.001}',
  '{"step": 20, "loss": 2.5, "lr": 0.001}',
  '{"step": 30, "loss": 2.2, "lr": 0.0009}',
  '{"step": 20, "loss": 2.6, "lr": 0.001}',
  '{"step": 30, "loss": 2.3, "lr": 0.0009}',
  '{"step": 30, "loss": 2.1, "lr": 0.0009}',
  '{"step": 40, "loss": 1.9, "lr": 0.0008}',
  '{"train_runtime": 120.5, "train_loss": 2.2}',
];

describe('createLogParser({ retainSeries: false })', () => {
  it('keeps no series but streams the same points, restarts and summary', () => {
    const parser = createLogParser({ retainSeries: false });
    const updates = lines.map((line) => parser.push(`${line}\n`));
    updates.push(parser.end());
    const result = parser.result();
    expect(result.series).toEqual({});
    expect(result.format).toBe('jsonl');
    expect(result.stepSource).toBe('explicit');
    expect(result.restarts).toEqual([{ step: 20, fromStep: 30, line: 5 }]);
    expect(result.summary).toEqual({ train_runtime: 120.5, train_loss: 2.2 });
    expect(result.stats.duplicateRecords).toBe(1);
    expect(applyUpdates(updates)).toEqual({
      loss: { steps: [10, 20, 30, 40], values: [3.0, 2.6, 2.1, 1.9] },
      learning_rate: { steps: [10, 20, 30, 40], values: [0.001, 0.001, 0.0009, 0.0008] },
    });
  });

  it('replaces a point rewritten within the same push instead of sending it twice', () => {
    const parser = createLogParser({ retainSeries: false });
    const update = parser.push(
      '{"step": 5, "loss": 1.5}\n{"step": 5, "loss": 1.4}\n{"step": 6, "loss": 1.3}\n',
    );
    expect(update.points).toEqual([
      { metric: 'loss', step: 5, value: 1.4 },
      { metric: 'loss', step: 6, value: 1.3 },
    ]);
  });
});

describe('createLogParser updates', () => {
  it('still reports the points of an earlier update read after later pushes rewrote them', () => {
    const parser = createLogParser();
    const first = parser.push('{"step": 1, "loss": 2.0}\n{"step": 2, "loss": 1.8}\n');
    parser.push('{"step": 2, "loss": 1.7}\n{"step": 1, "loss": 2.1}\n');
    parser.end();
    expect(first.points).toEqual([
      { metric: 'loss', step: 1, value: 2.0 },
      { metric: 'loss', step: 2, value: 1.8 },
    ]);
    // Step 1 after step 2 is a resume: the run restarts at step 1 and step 2 is gone.
    expect(parser.result().series.loss).toEqual({ steps: [1], values: [2.1] });
  });
});
