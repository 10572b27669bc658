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

describe('the nineteenth unseen set: a dict the paste ends inside', () => {
  it('keeps the pairs printed whole of a dict spread over lines when the text ends in it', () => {
    const { j, objects, malformed } = joiner();
    const first = "training process - { 'mlperf/execution_time': 0.77,   ";
    j.startObject(first, first.indexOf('{'));
    expect(j.offer("  'mlperf/flops': 1.5e14,   ")).toBe(true);
    expect(j.offer("  'mlperf/step_time': 0.7768,")).toBe(true);
    j.end();
    expect(objects).toEqual([
      [
        ['mlperf/execution_time', 0.77],
        ['mlperf/flops', 1.5e14],
        ['mlperf/step_time', 0.7768],
      ],
    ]);
    expect(malformed()).toBe(0);
  });

  it('skips numpy arrays of several values, and keeps a one-line unclosed dict malformed', () => {
    const { j, objects, malformed } = joiner();
    j.startObject(
      "{'objective/kl': array(0., dtype=float32), 'objective/logprobs': array([[-10.3,",
      0,
    );
    expect(j.offer('        -10.3],')).toBe(true);
    j.end();
    expect(objects).toEqual([[['objective/kl', 0]]]);
    j.startObject("{'loss': 1.5,", 0);
    j.end();
    expect(malformed()).toBe(1);
  });
});
