import { describe, expect, it } from 'vitest';
import { csvCell } from '../csvCell';

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+x', "'+x"],
    ['-x', "'-x"],
    ['\tx', "'\tx"],
    ['=A1,B1', `"'=A1,B1"`],
  ])('writes %j as text', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it.each(['loss', '-0.5', '+1e-3', '-Infinity', 'rewards/chosen'])('keeps %j', (text) => {
    expect(csvCell(text)).toBe(text);
  });
});
