import { describe, expect, it } from 'vitest';
import { createColumnStore } from '../engine/createColumnStore';
import { createRecordBuffer } from '../engine/createRecordBuffer';

describe('createRecordBuffer', () => {
  it('tells a repeated record (NaN equal to NaN) from a new one', () => {
    const buffer = createRecordBuffer(createColumnStore(true));
    buffer.load([
      ['loss', Number.NaN],
      ['epoch', 0.1],
    ]);
    expect(buffer.sameAsPrevious()).toBe(false);
    buffer.keep();
    buffer.load([
      ['loss', Number.NaN],
      ['epoch', 0.1],
    ]);
    expect(buffer.sameAsPrevious()).toBe(true);
    buffer.load([
      ['loss', 2],
      ['epoch', 0.1],
    ]);
    expect(buffer.sameAsPrevious()).toBe(false);
  });

  it('knows when a record shares no metric with the previous one', () => {
    const buffer = createRecordBuffer(createColumnStore(true));
    buffer.load([['loss', 2]]);
    buffer.keep();
    buffer.load([['average reward score', -7.8]]);
    expect(buffer.disjointFromPrevious()).toBe(true);
    buffer.load([['loss', 1]]);
    expect(buffer.disjointFromPrevious()).toBe(false);
  });

  it('knows when a record shares only the epoch with the previous one', () => {
    const buffer = createRecordBuffer(createColumnStore(true));
    buffer.load([
      ['epoch', 0],
      ['ppl', 40.5],
    ]);
    buffer.keep();
    buffer.load([
      ['epoch', 0],
      ['Epoch Time', 300.5],
    ]);
    expect(buffer.disjointFromPrevious()).toBe(false);
    expect(buffer.disjointBesidesEpoch()).toBe(true);
  });
});
