import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogParser } from '../createLogParser';
import { parseTrainingLog } from '../parseTrainingLog';
import type { LogParserUpdate, MetricSeries } from '../types';
import { allFixtureLogs } from './helpers/fixtureLogs';

// What a live capture stores is what `parseTrainingLog` returns for the same text: replaying the
// updates of push()/end() into an empty store (restarts delete from their step, later values win)
// must give exactly `result().series`, in any chunking, with or without retained series.

type Store = Map<string, Map<number, number>>;

function replay(store: Store, update: LogParserUpdate): void {
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

function asSeries(store: Store): Record<string, MetricSeries> {
  const out: Record<string, MetricSeries> = Object.create(null);
  for (const [metric, points] of store) {
    if (points.size === 0) continue;
    const steps = [...points.keys()].sort((a, b) => a - b);
    out[metric] = { steps, values: steps.map((step) => points.get(step) as number) };
  }
  return out;
}

function plain(series: Record<string, MetricSeries>): Record<string, [number[], number[]]> {
  const out: Record<string, [number[], number[]]> = Object.create(null);
  for (const name of Object.keys(series).sort()) {
    const s = series[name] as MetricSeries;
    out[name] = [[...s.steps], [...s.values]];
  }
  return out;
}

function streamed(text: string, cuts: number[], retainSeries: boolean) {
  const parser = createLogParser({ retainSeries });
  const store: Store = new Map();
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const to = Math.min(text.length, Math.max(at, cut));
    replay(store, parser.push(text.slice(at, to)));
    at = to;
  }
  replay(store, parser.push(text.slice(at)));
  replay(store, parser.end());
  return { stored: asSeries(store), result: parser.result() };
}

/** Metric names that are object keys in JavaScript, and ordinary ones. */
const nameArb = fc.constantFrom(
  'loss',
  'acc',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
);
const valueArb = fc.oneof(
  fc.integer({ min: 0, max: 9999 }).map((n) => (n / 1000).toFixed(3)),
  fc.constant('nan'),
);

/** One line of a log mixing explicit steps, step-less dicts, evals, duplicates and restarts. */
const lineArb = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 40 }), valueArb)
    .map(([step, v]) => `Iter ${step}: Train loss ${v}`),
  fc
    .tuple(fc.integer({ min: 0, max: 40 }), valueArb)
    .map(([step, v]) => `Iter ${step}: Val loss ${v}`),
  fc.tuple(nameArb, valueArb).map(([name, v]) => `{'${name}': ${v}, 'epoch': 0.1}`),
  fc.tuple(valueArb).map(([v]) => `{'eval_loss': ${v}, 'epoch': 0.1}`),
  fc
    .tuple(fc.integer({ min: 0, max: 40 }), nameArb, valueArb)
    .map(([step, name, v]) => `{"step": ${step}, "${name}": ${v}}`),
  fc
    .tuple(fc.integer({ min: 1, max: 40 }), valueArb)
    .map(([n, v]) => `  5%|▌         | ${n}/40 [00:01<00:10,  3.00it/s]\n{'loss': ${v}}`),
  fc.constant('Some warning the trainer printed'),
);

const logArb = fc.array(lineArb, { minLength: 1, maxLength: 30 }).chain((lines) => {
  const text = lines.map((line, i) => (i % 7 === 3 ? `${line}\n${line}` : line)).join('\n');
  return fc.tuple(
    fc.constant(`${text}\n`),
    fc.array(fc.integer({ min: 0, max: text.length + 1 }), { maxLength: 6 }),
  );
});

describe('the update stream', () => {
  it('replays into exactly what parseTrainingLog returns, with and without retained series', () => {
    fc.assert(
      fc.property(logArb, ([text, cuts]) => {
        const whole = plain(parseTrainingLog(text).series);
        for (const retainSeries of [true, false]) {
          const { stored, result } = streamed(text, cuts, retainSeries);
          expect(plain(stored)).toEqual(whole);
          if (retainSeries) expect(plain(result.series)).toEqual(whole);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('keeps the point a step-less record wrote between two records of one explicit step', () => {
    const text = "Iter 30: Train loss 1.5\n{'loss': 2.5, 'epoch': 0.1}\nIter 30: Train loss 3.5\n";
    expect(plain(parseTrainingLog(text).series).loss).toEqual([
      [1, 30],
      [2.5, 3.5],
    ]);
    const { stored } = streamed(text, [], false);
    expect(plain(stored).loss).toEqual([
      [1, 30],
      [2.5, 3.5],
    ]);
  });

  it('treats __proto__, constructor and toString as ordinary metric names', () => {
    const text = [
      '{"step": 1, "__proto__": 1.5, "constructor": 2.5, "toString": 3.5}',
      '{"step": 2, "__proto__": 1.25, "constructor": 2.25, "toString": 3.25}',
      "{'train_runtime': 10.0, '__proto__': 4.0}",
      '',
    ].join('\n');
    const result = parseTrainingLog(text);
    const proto = '__proto__';
    expect(Object.getPrototypeOf(result.series)).toBeNull();
    expect(Object.keys(result.series).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(result.series[proto]).toEqual({ steps: [1, 2], values: [1.5, 1.25] });
    expect(result.series.constructor).toEqual({ steps: [1, 2], values: [2.5, 2.25] });
    expect(result.summary[proto]).toBe(4);
    expect(JSON.parse(JSON.stringify(result.series))[proto].values).toEqual([1.5, 1.25]);
  });
});

describe('every real log of the fixtures', () => {
  const logs = allFixtureLogs().map(({ set, file, text }) => ({ file: `${set}/${file}`, text }));

  it('streams, pushed 1, 7, 64 or 4096 characters at a time, into what parseTrainingLog returns', () => {
    expect(logs.length).toBeGreaterThan(150);
    const differ: string[] = [];
    for (const { file, text } of logs) {
      const whole = plain(parseTrainingLog(text).series);
      for (const size of [1, 7, 64, 4096]) {
        const cuts: number[] = [];
        for (let at = size; at < text.length; at += size) cuts.push(at);
        if (JSON.stringify(plain(streamed(text, cuts, false).stored)) !== JSON.stringify(whole)) {
          differ.push(`${file} in chunks of ${size}`);
          break;
        }
      }
    }
    expect(differ).toEqual([]);
  }, 120_000);
});
