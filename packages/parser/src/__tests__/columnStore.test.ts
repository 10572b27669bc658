import { describe, expect, it } from 'vitest';
import { createColumnStore } from '../engine/createColumnStore';

describe('createColumnStore', () => {
  it('keeps one value per step, the later one winning, in step order', () => {
    const store = createColumnStore(true);
    const loss = store.seriesOf('loss');
    store.storeRecord([loss], [3], 1, 30);
    store.storeRecord([loss], [1], 1, 10);
    store.storeRecord([loss], [2], 1, 30);
    expect({ ...store.series(false).loss }).toEqual({ steps: [10, 30], values: [1, 2] });
  });

  it('drops every point at or after a restart step, of every metric', () => {
    const store = createColumnStore(true);
    const loss = store.seriesOf('loss');
    const lr = store.seriesOf('learning_rate');
    for (const step of [100, 200, 300]) store.storeRecord([loss, lr], [step / 100, 0.1], 2, step);
    expect(store.restartAt(200, 300, 4)).toEqual({ step: 200, fromStep: 300, line: 4 });
    const series = store.series(false);
    expect(series.loss?.steps).toEqual([100]);
    expect(series.learning_rate?.steps).toEqual([100]);
  });

  it('reports the points of each update once, and keeps nothing else without retained series', () => {
    const store = createColumnStore(false);
    const loss = store.seriesOf('loss');
    const first = store.beginUpdate();
    store.storeRecord([loss], [1.5], 1, 1);
    store.storeRecord([loss], [1.25], 1, 1);
    const second = store.beginUpdate();
    store.storeRecord([loss], [1], 1, 2);
    expect(first.points).toEqual([{ metric: 'loss', step: 1, value: 1.25 }]);
    expect(second.points).toEqual([{ metric: 'loss', step: 2, value: 1 }]);
    expect(store.series(false)).toEqual({});
  });
});
