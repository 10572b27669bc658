import { describe, expect, it } from 'vitest';
import type { PlotFrame } from '../data/plotPaths';
import { bandPath, linePath, nearestX, neighbourX, plotScale } from '../data/plotPaths';

// A 100 x 50 px plot at (10, 5): x 0..10 over its width, y 0..5 up its height.
const frame: PlotFrame = {
  left: 10,
  top: 5,
  width: 100,
  height: 50,
  xDomain: [0, 10],
  yDomain: [0, 5],
  log: false,
};

describe('plot scale', () => {
  it('puts the domain corners on the plot corners, y growing upwards', () => {
    const scale = plotScale(frame);
    expect([scale.x(0), scale.y(0)]).toEqual([10, 55]);
    expect([scale.x(10), scale.y(5)]).toEqual([110, 5]);
    expect(scale.x(2.5)).toBe(35);
  });

  it('spaces decades equally on a log axis and cannot place zero or negatives', () => {
    const scale = plotScale({ ...frame, yDomain: [0.01, 100], log: true });
    expect(scale.y(100)).toBeCloseTo(5, 9);
    expect(scale.y(1)).toBeCloseTo(30, 9);
    expect(scale.y(0.01)).toBeCloseTo(55, 9);
    expect(scale.y(0)).toBeNaN();
    expect(scale.y(-3)).toBeNaN();
  });

  it('draws a one-point domain in the middle instead of dividing by zero', () => {
    const scale = plotScale({ ...frame, xDomain: [4, 4], yDomain: [2, 2] });
    expect([scale.x(4), scale.y(2)]).toEqual([60, 30]);
  });
});

describe('line path', () => {
  const rows = [
    { x: 0, v: 0 as number | null },
    { x: 5, v: 2.5 },
    { x: 10, v: 5 },
  ];

  it('goes through every row in pixels', () => {
    expect(linePath(rows, (row) => row.v, plotScale(frame))).toBe('M10,55L60,30L110,5');
  });

  it('breaks at a missing value and restarts after it', () => {
    const broken = [...rows.slice(0, 2), { x: 7, v: null }, { x: 8, v: Number.NaN }, ...rows];
    expect(linePath(broken, (row) => row.v, plotScale(frame))).toBe(
      'M10,55L60,30M10,55L60,30L110,5',
    );
  });

  it('breaks at values a log axis cannot show', () => {
    const scale = plotScale({ ...frame, yDomain: [1, 10], log: true });
    const path = linePath(
      [
        { x: 0, v: 1 },
        { x: 1, v: 0 },
        { x: 2, v: 10 },
      ],
      (row) => row.v,
      scale,
    );
    expect(path).toBe('M10,55M30,5');
  });

  it('rounds to a tenth of a pixel', () => {
    expect(linePath([{ x: 1 / 3, v: 1 / 3 }], (row) => row.v, plotScale(frame))).toBe('M13.3,51.7');
  });

  it('is empty with nothing to draw', () => {
    expect(linePath([], () => 1, plotScale(frame))).toBe('');
  });
});

describe('band path', () => {
  it('closes one shape per stretch of drawable rows: upper edge forward, lower edge back', () => {
    const rows = [
      { x: 0, band: [0, 5] as const },
      { x: 10, band: [0, 2.5] as const },
    ];
    expect(bandPath(rows, (row) => row.band, plotScale(frame))).toBe('M10,5L110,30L110,55L10,55Z');
  });

  it('splits at a row whose band is not finite', () => {
    const rows = [
      { x: 0, band: [0, 5] as [number, number] },
      { x: 5, band: [Number.NaN, 1] as [number, number] },
      { x: 10, band: [0, 5] as [number, number] },
    ];
    expect(bandPath(rows, (row) => row.band, plotScale(frame))).toBe('M10,5L10,55ZM110,5L110,55Z');
  });
});

describe('nearest recorded x', () => {
  it('snaps to the closest x of any series', () => {
    expect(
      nearestX(
        [
          [0, 10, 20],
          [5, 15],
        ],
        12,
      ),
    ).toBe(10);
    expect(
      nearestX(
        [
          [0, 10, 20],
          [5, 15],
        ],
        14,
      ),
    ).toBe(15);
    expect(nearestX([[0, 10, 20]], 1e9)).toBe(20);
  });

  it('is null with no points', () => {
    expect(nearestX([], 3)).toBeNull();
    expect(nearestX([[]], 3)).toBeNull();
  });
});

describe('neighbouring recorded x', () => {
  const columns = [
    [0, 10, 20],
    [5, 15],
  ];

  it('steps to the next or previous x of any series', () => {
    expect(neighbourX(columns, 10, 1)).toBe(15);
    expect(neighbourX(columns, 10, -1)).toBe(5);
    expect(neighbourX(columns, 12, 1)).toBe(15);
  });

  it('counts the start itself when inclusive (a zoomed range edge)', () => {
    expect(neighbourX(columns, 10, 1, true)).toBe(10);
    expect(neighbourX(columns, 11, -1, true)).toBe(10);
  });

  it('is null past either end', () => {
    expect(neighbourX(columns, 20, 1)).toBeNull();
    expect(neighbourX(columns, 0, -1)).toBeNull();
    expect(neighbourX([], 0, 1)).toBeNull();
  });
});
