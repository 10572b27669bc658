import { describe, expect, it } from 'vitest';
import { createRecordJoiner } from '../engine/createRecordJoiner';

function joiner() {
  const objects: Array<Array<[string, number | undefined]>> = [];
  const megatron: string[] = [];
  let malformed = 0;
  const j = createRecordJoiner(
    {
      object: (pairs) => objects.push(pairs),
      megatronLine: (text) => megatron.push(text),
      malformed: () => malformed++,
    },
    1_048_576,
  );
  return { j, objects, megatron, malformed: () => malformed };
}

describe('createRecordJoiner', () => {
  it('joins a dict a terminal wrapped over lines, even inside a number', () => {
    const { j, objects } = joiner();
    j.startObject("{'loss': 2.31, 'rewards/chosen': 1.19", 0);
    expect(j.busy).toBe(true);
    expect(j.offer("4046974182129, 'epoch': 0.1}")).toBe(true);
    expect(objects).toEqual([
      [
        ['loss', 2.31],
        ['rewards/chosen', 1.194046974182129],
        ['epoch', 0.1],
      ],
    ]);
    expect(j.busy).toBe(false);
  });

  it('joins a Megatron line broken inside a field until the field ends', () => {
    const { j, megatron } = joiner();
    j.startMegatron(' iteration 10/ 100 | learning rate:');
    expect(j.offer(' 5.996E-05 | lm loss: 2.5 |')).toBe(true);
    expect(megatron).toEqual(['iteration 10/ 100 | learning rate: 5.996E-05 | lm loss: 2.5 |']);
  });

  it('counts a dict that never closes as malformed at the end, and a new dict ends the old one', () => {
    const { j, objects, malformed } = joiner();
    j.startObject("{'loss': 2.31,", 0);
    expect(j.offer("{'loss': 2.0}")).toBe(false);
    expect(malformed()).toBe(1);
    j.startObject("{'loss': 1.5,", 0);
    j.end();
    expect(malformed()).toBe(2);
    expect(objects).toEqual([]);
  });
});
