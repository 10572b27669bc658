import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTrainingLog } from '../parseTrainingLog';
import type { ParseResult } from '../types';

// A training log is often read through what collected it: `docker compose logs`, `kubectl logs
// --prefix --timestamps`, a GitHub Actions job, `mpirun --tag-output`, torchrun, Ray, pm2, the
// systemd journal. Each puts its own prefix before every line the trainer printed; the curves must
// be those of the log itself.

const COLLECTORS: Record<string, (line: string, index: number) => string> = {
  'docker compose': (line) => `trainer-1  | ${line}`,
  'docker compose v1': (line) => `project_trainer_1  | ${line}`,
  'kubectl logs --prefix': (line) => `[pod/train-7f9c/trainer] ${line}`,
  'kubectl logs --timestamps': (line, i) =>
    `2024-05-01T12:00:${String(i % 60).padStart(2, '0')}.123456789Z ${line}`,
  'GitHub Actions': (line, i) =>
    `2024-05-01T12:00:${String(i % 60).padStart(2, '0')}.1234567Z ${line}`,
  'the systemd journal': (line) => `Dec 05 01:21:46 gpu-node-3 python[12345]: ${line}`,
  'older Ray workers': (line) => `(pid=12345) ${line}`,
  'mpirun --tag-output': (line) => `[1,0]<stdout>:${line}`,
  SageMaker: (line) => `[1,mpirank:0,algo-1]<stdout>:${line}`,
  'torchrun --tee': (line) => `[default0]:${line}`,
  pm2: (line) => `0|train  | ${line}`,
  'a timestamp': (line) => `2024-05-01 12:00:00 ${line}`,
  'a Markdown quote': (line) => `> ${line}`,
};

// A line the terminal wrapped gets the collector's prefix once, not on its continuation: the
// Megatron log cut by the terminal cannot be prefixed line by line.
const WRAPPED = new Set(['megatron__bigscience-tr8b-wrapped.log']);

const dirs = ['corpus', 'unseen', 'unseen2', 'unseen3', 'unseen4'].map((name) =>
  fileURLToPath(new URL(`./fixtures/${name}/`, import.meta.url)),
);
const logs = dirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.log') && !WRAPPED.has(file))
    .map((file) => ({ file, text: readFileSync(`${dir}${file}`, 'utf8') })),
);

function curves(result: ParseResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(result.series).sort()) {
    const series = result.series[name];
    if (series) out[name] = `${series.steps.join(',')} | ${series.values.join(',')}`;
  }
  return out;
}

describe('logs read through a collector', () => {
  it('has real logs to prefix', () => {
    expect(logs.length).toBeGreaterThan(150);
  });

  for (const [collector, prefix] of Object.entries(COLLECTORS)) {
    it(`charts what the log itself charts, through ${collector}`, () => {
      const differ: string[] = [];
      for (const { file, text } of logs) {
        const lines = text.split('\n');
        if (lines.at(-1) === '') lines.pop();
        const prefixed = `${lines.map((line, i) => prefix(line, i)).join('\n')}\n`;
        const want = curves(parseTrainingLog(text));
        const got = curves(parseTrainingLog(prefixed));
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          const lost = Object.keys(want).filter((name) => !(name in got));
          const extra = Object.keys(got).filter((name) => !(name in want));
          differ.push(`${file}: lost [${lost.join(', ')}], extra [${extra.join(', ')}]`);
        }
      }
      expect(differ).toEqual([]);
    }, 60_000);
  }

  it('keeps the counter an srun -l rank or a CatBoost line opens with, behind a quote', () => {
    const r = parseTrainingLog(
      [
        '> 0:\tlearn: 0.68\ttest: 0.69',
        '> 1:\tlearn: 0.61\ttest: 0.64',
        '> 2:\tlearn: 0.55\ttest: 0.6',
      ].join('\n'),
    );
    expect(r.series.learn?.steps).toEqual([0, 1, 2]);
  });

  it('does not take a table row for a compose prefix', () => {
    // `name  | value`: the row's first cell has no replica number.
    const r = parseTrainingLog(
      [
        'Epoch | Train Loss | Val Loss',
        '1     | 0.5        | 0.6',
        '2     | 0.4        | 0.55',
      ].join('\n'),
    );
    expect(r.series.loss).toEqual({ steps: [1, 2], values: [0.5, 0.4] });
  });
});
