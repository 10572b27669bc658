import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineSplitter } from '../engine/createLineSplitter';

function split(chunks: readonly string[], max?: number) {
  const lines: string[] = [];
  let overlong = 0;
  const splitter = createLineSplitter(
    { line: (text, start, end) => lines.push(text.slice(start, end)), overlong: () => overlong++ },
    max,
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return { lines, overlong };
}

describe('createLineSplitter', () => {
  it('ends lines at \\n, \\r\\n and a lone \\r (tqdm redraws)', () => {
    expect(split(['a\nb\r\nc\rd']).lines).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reads a \\r\\n cut between two chunks as one break', () => {
    expect(split(['a\r', '\nb\n']).lines).toEqual(['a', 'b']);
  });

  it('gives the same lines however the text is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', ' ', '{'), { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (parts, cuts) => {
          const text = parts.join('');
          const chunks: string[] = [];
          let at = 0;
          for (const cut of [...cuts].map((c) => c % (text.length + 1)).sort((a, b) => a - b)) {
            chunks.push(text.slice(at, cut));
            at = cut;
          }
          chunks.push(text.slice(at));
          expect(split(chunks).lines).toEqual(split([text]).lines);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('drops a line longer than the limit once, without holding it, and goes on', () => {
    const { lines, overlong } = split(['x'.repeat(30), 'y'.repeat(30), '\nok\n'], 40);
    expect(lines).toEqual(['ok']);
    expect(overlong).toBe(1);
  });

  it('hands a pending bar on when asked, and the \\r of the next redraw then ends an empty line', () => {
    const lines: string[] = [];
    const splitter = createLineSplitter({
      line: (text, start, end) => lines.push(text.slice(start, end)),
      overlong: () => {},
    });
    splitter.push('\r 40%|####      | 4/10 [00:01<00:02, 3.1it/s]');
    expect(splitter.pending()).toBe(' 40%|####      | 4/10 [00:01<00:02, 3.1it/s]');
    splitter.flushPending();
    expect(lines).toEqual(['', ' 40%|####      | 4/10 [00:01<00:02, 3.1it/s]']);
    expect(splitter.pending()).toBe('');
    splitter.push('\r 50%|#####     | 5/10');
    expect(lines).toEqual(['', ' 40%|####      | 4/10 [00:01<00:02, 3.1it/s]', '']);
  });
});
