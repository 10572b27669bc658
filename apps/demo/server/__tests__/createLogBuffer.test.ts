import { describe, expect, it } from 'vitest';
import { createLogBuffer } from '../createLogBuffer';

describe('createLogBuffer', () => {
  it('keeps a progress bar redrawn with carriage returns as one line being drawn', () => {
    const log = createLogBuffer();
    log.write('  1%|▏         | 1/100 [00:01<01:39]\r  2%|▏         | 2/100 [00:02<01:38]');
    expect(log.read(0)).toEqual({
      lines: [],
      next: 0,
      partial: '  2%|▏         | 2/100 [00:02<01:38]',
      dropped: 0,
    });
  });

  it('shows what tqdm.write leaves on screen: the record, then the bar drawn again', () => {
    const log = createLogBuffer();
    log.write(' 10%|█         | 10/100');
    log.write(`\r${' '.repeat(30)}\r{'loss': 2.31, 'epoch': 0.1}\n 10%|█         | 10/100`);
    const page = log.read(0);
    expect(page.lines).toEqual(["{'loss': 2.31, 'epoch': 0.1}"]);
    expect(page.partial).toBe(' 10%|█         | 10/100');
  });

  it('joins a line cut across writes and removes colour codes', () => {
    const log = createLogBuffer();
    log.write('\u001b[32mEpoch 1/3\u001b[0m: lo');
    log.write('ss 2.5\r\nnext\n');
    expect(log.read(0).lines).toEqual(['Epoch 1/3: loss 2.5', 'next']);
  });

  it('returns only the lines after `since`, and says how many were dropped when it is too old', () => {
    const log = createLogBuffer({ capacity: 3 });
    log.write('a\nb\nc\nd\ne\n');
    expect(log.read(3)).toEqual({ lines: ['d', 'e'], next: 5, partial: '', dropped: 0 });
    expect(log.read(0)).toEqual({ lines: ['c', 'd', 'e'], next: 5, partial: '', dropped: 2 });
    expect(log.read(5).lines).toEqual([]);
    expect(log.lineCount).toBe(5);
  });

  it('treats a nonsense `since` as the start', () => {
    const log = createLogBuffer();
    log.write('only\n');
    expect(log.read(Number.NaN).lines).toEqual(['only']);
    expect(log.read(-4).lines).toEqual(['only']);
  });
});
