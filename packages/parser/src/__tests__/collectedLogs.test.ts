import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLogParser } from '../createLogParser';
import { mayBeLogEnvelope } from '../grammar/readLogEnvelope';
import { parseTrainingLog } from '../parseTrainingLog';
import type { ParseResult } from '../types';
import { allFixtureLogs, fixtureDir } from './helpers/fixtureLogs';
import { curves, reprintedDifferently } from './helpers/reprint';

// A log is often not the trainer's stdout as printed but what stored it: Docker's json-file driver
// (`docker logs` reads it back, `/var/lib/docker/containers/*/*-json.log` holds it), the container
// runtime's files under `/var/log/pods/`, a log service's export (Cloud Logging, CloudWatch), the
// journal as JSON, a JSON logger, a Jupyter notebook. Each keeps every line inside its own JSON;
// the curves must be those of the log itself, in one pass and streamed.

function streamed(text: string, chunkChars = 4096): ParseResult {
  const parser = createLogParser();
  for (let i = 0; i < text.length; i += chunkChars) parser.push(text.slice(i, i + chunkChars));
  parser.end();
  return parser.result();
}

const time = (i: number) =>
  `2024-05-01T12:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.123456789Z`;

/** Every line of a log as each collector stores it. */
const STORES: Record<string, (lines: string[]) => string[]> = {
  "Docker's json-file driver": (lines) =>
    lines.map((line, i) => JSON.stringify({ log: `${line}\n`, stream: 'stdout', time: time(i) })),
  // Docker cuts a long line into several entries; only the last ends with the line's `\n`.
  'Docker, every line cut in two entries': (lines) =>
    lines.flatMap((line, i) => {
      const half = Math.floor(line.length / 2);
      return [
        JSON.stringify({ log: line.slice(0, half), stream: 'stderr', time: time(i) }),
        JSON.stringify({ log: `${line.slice(half)}\n`, stream: 'stderr', time: time(i) }),
      ];
    }),
  "Docker's API stream": (lines) => lines.map((line) => JSON.stringify({ stream: `${line}\n` })),
  'the CRI files of containerd and CRI-O': (lines) =>
    lines.map((line, i) => `${time(i)} stdout F ${line}`),
  'a CloudWatch export': (lines) =>
    lines.map((line, i) =>
      JSON.stringify({
        timestamp: 1714564800000 + i,
        message: line,
        ingestionTime: 1714564801000 + i,
      }),
    ),
  "Cloud Logging's textPayload": (lines) =>
    lines.map((line, i) =>
      JSON.stringify({
        insertId: `x${i}`,
        resource: { type: 'k8s_container', labels: { pod_name: 'train-0' } },
        textPayload: line,
        timestamp: time(i),
        severity: 'ERROR',
      }),
    ),
  "Cloud Logging's jsonPayload": (lines) =>
    lines.map((line, i) =>
      JSON.stringify({ jsonPayload: { message: line, python_logger: 'root' }, timestamp: time(i) }),
    ),
  'journalctl -o json': (lines) =>
    lines.map((line, i) =>
      JSON.stringify({
        __CURSOR: `s=abc;i=${i}`,
        __REALTIME_TIMESTAMP: String(1714564800000000 + i),
        _PID: '1234',
        MESSAGE: line,
      }),
    ),
  'python-json-logger': (lines) =>
    lines.map((line) =>
      JSON.stringify({
        asctime: '2024-05-01 12:00:00,123',
        levelname: 'INFO',
        message: line,
        lineno: 42,
      }),
    ),
  'a Node JSON logger (pino)': (lines) =>
    lines.map((line, i) =>
      JSON.stringify({
        level: 30,
        time: 1714564800000 + i,
        pid: 1234,
        hostname: 'gpu-0',
        msg: line,
      }),
    ),
  'a Jupyter notebook (nbformat, one value a line)': (lines) =>
    JSON.stringify(notebookOf(lines), null, 1).split('\n'),
  'a notebook saved on one line': (lines) => [JSON.stringify(notebookOf(lines))],
};

function notebookOf(lines: string[]) {
  return {
    cells: [
      {
        cell_type: 'code',
        execution_count: 3,
        metadata: {},
        outputs: [
          { name: 'stdout', output_type: 'stream', text: lines.map((line) => `${line}\n`) },
        ],
        source: ['trainer.train()'],
      },
    ],
    metadata: { kernelspec: { name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

// A terminal wraps a line once; its continuation would never get a collector's timestamp.
const WRAPPED = new Set(['megatron__bigscience-tr8b-wrapped.log']);
const logs = allFixtureLogs();

describe('logs stored inside the JSON of what collected them', () => {
  for (const [store, reprint] of Object.entries(STORES)) {
    const kept = store.startsWith('the CRI') ? logs.filter(({ file }) => !WRAPPED.has(file)) : logs;
    it(`charts what the log itself charts, from ${store}`, () => {
      expect(reprintedDifferently(kept, reprint)).toEqual([]);
    }, 60_000);
    it(`charts the same streamed in 1 KB chunks, from ${store}`, () => {
      expect(reprintedDifferently(kept, reprint, (text) => streamed(text, 1024))).toEqual([]);
    }, 60_000);
  }

  it('reads the text of a JSON logger whose record also holds metrics as a record', () => {
    // `logger.info('train', extra={'loss': ...})`: the numbers are the record, the text is not.
    const r = parseTrainingLog(
      [
        '{"message": "train", "step": 10, "loss": 2.5, "timestamp": 1714564800000}',
        '{"message": "train", "step": 20, "loss": 2.25, "timestamp": 1714564801000}',
      ].join('\n'),
    );
    expect(r.series.loss).toEqual({ steps: [10, 20], values: [2.5, 2.25] });
  });

  it("never charts a collector's own numbers (timestamps, line numbers, pids, levels)", () => {
    const r = parseTrainingLog(
      [
        '{"timestamp": 1714564800000, "message": "iter 10: loss 3.2202, time 893.76ms", "ingestionTime": 1714564801000}',
        '{"level": 30, "time": 1714564800001, "pid": 7, "msg": "iter 20: loss 3.1000, time 893.76ms"}',
        '{"levelname": "INFO", "lineno": 42, "process": 7, "message": "iter 30: loss 3.0000, time 893.76ms"}',
      ].join('\n'),
    );
    expect(Object.keys(r.series).sort()).toEqual(['loss', 'time']);
    expect(r.series.loss).toEqual({ steps: [10, 20, 30], values: [3.2202, 3.1, 3] });
  });

  it('reads tqdm redraws that Docker stored without a line break, and a line cut at the end', () => {
    const entries = [
      { log: '\r  0%|          | 0/30 [00:00<?, ?it/s]' },
      { log: '\r 33%|███▎      | 10/30 [00:10<00:20,  1.00it/s]' },
      { log: "{'loss': 2.5, 'learning_rate': 1e-05, 'epoch': 0.33}\n" },
      { log: '\r 67%|██████▋   | 20/30 [00:20<00:10,  1.00it/s]' },
      { log: "{'loss': 2.25, 'learning_rate': 2e-05, 'epoch': 0.67}\n" },
      { log: '\r100%|██████████| 30/30 [00:30<00:00,  1.00it/s]' },
      { log: "{'loss': 2.0, 'learning_rate': 3e-05, " },
      { log: "'epoch': 1.0}" },
    ].map((entry) => JSON.stringify({ ...entry, stream: 'stderr', time: time(0) }));
    const text = entries.join('\n');
    const r = parseTrainingLog(text);
    expect(r.series.loss).toEqual({ steps: [10, 20, 30], values: [2.5, 2.25, 2] });
    expect(curves(streamed(text, 7))).toEqual(curves(r));
  });

  it('counts a cut line that never ends as one malformed line, and reads on', () => {
    const cut = JSON.stringify({ log: 'x'.repeat(1000), stream: 'stdout' });
    const text = [
      ...Array.from({ length: 300 }, () => cut),
      JSON.stringify({ log: '\n' }),
      JSON.stringify({ log: "{'loss': 1.5, 'epoch': 1.0}\n" }),
    ].join('\n');
    const r = parseTrainingLog(text, { maxLineLength: 100_000 });
    expect(r.stats.malformedLines).toBeGreaterThanOrEqual(1);
    expect(r.series.loss?.values).toEqual([1.5]);
  });

  it('reads an envelope inside an envelope (a JSON logger in a container), no deeper', () => {
    const inner = JSON.stringify({ levelname: 'INFO', message: "{'loss': 1.5, 'epoch': 0.5}" });
    const docker = JSON.stringify({ log: `${inner}\n`, stream: 'stdout' });
    expect(parseTrainingLog(docker).series.loss?.values).toEqual([1.5]);
    // A third level is a JSON object like any other: no recursion without end.
    const third = JSON.stringify({ log: `${docker}\n` });
    expect(() => parseTrainingLog(third)).not.toThrow();
  });

  it('takes keys like __proto__ in an envelope as plain keys', () => {
    const r = parseTrainingLog(
      [
        '{"__proto__": {"polluted": 1}, "message": "iter 10: loss 3.5"}',
        '{"constructor": "x", "message": "iter 20: loss 3.25"}',
      ].join('\n'),
    );
    expect(r.series.loss).toEqual({ steps: [10, 20], values: [3.5, 3.25] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('looks for an envelope key inside the line only, never in the lines after it', () => {
    // The line reader hands whole chunks with a line's bounds: a search past the line's end would
    // cost every object line the rest of the chunk.
    const chunk = '{"a": 1}\n{"log": "iter 10: loss 3.5\\n"}\n';
    expect(mayBeLogEnvelope(chunk, 0, 8)).toBe(false);
    expect(mayBeLogEnvelope(chunk, 9, chunk.length - 1)).toBe(true);
    // A Python dict is never an envelope (its keys are single-quoted).
    expect(mayBeLogEnvelope("{'log': 1}", 0, 10)).toBe(false);
  });

  it('skips an envelope that is not valid JSON as the object it looks like', () => {
    const r = parseTrainingLog('{"log": "iter 10: loss 3.5\n');
    expect(r.series.loss).toBeUndefined();
  });
});

describe('Jupyter notebooks', () => {
  const dir = fixtureDir('notebooks');
  const read = (file: string) => readFileSync(`${dir}${file}`, 'utf8');

  it("reads the Trainer's HTML table and TrainOutput from a Jupyter notebook", () => {
    // Real notebook (see fixtures/notebooks/SOURCES.md): GPT-2 fine-tuned with the Trainer; the
    // table is only in the output's text/html (its text/plain says `<IPython.core.display.HTML
    // object>`), the TrainOutput in an execute_result's text/plain; pip's output above is noise.
    const text = read('hf-trainer__gpt2-finetune-jupyter.ipynb');
    const r = parseTrainingLog(text);
    expect(r.format).toBe('hf-notebook');
    expect(r.series).toEqual({ loss: { steps: [500, 1000], values: [2.0294, 1.894] } });
    expect(r.summary).toMatchObject({
      train_runtime: 83625.6209,
      train_loss: 1.9036852904040404,
      total_flos: 724301512704000,
      epoch: 3,
    });
    expect(curves(streamed(text, 512))).toEqual(curves(r));
  });

  it("reads TRL's table with eval columns from a Colab notebook (two-space indents)", () => {
    const text = read('trl-sft__functiongemma-colab.ipynb');
    const r = parseTrainingLog(text);
    expect(Object.keys(r.series).sort()).toEqual([
      'Entropy',
      'Mean Token Accuracy',
      'Num Tokens',
      'eval_loss',
      'loss',
    ]);
    const steps = [50, 100, 150, 200, 250, 300, 350, 400, 450, 500];
    expect(r.series.loss?.steps).toEqual(steps);
    expect(r.series.loss?.values[0]).toBe(0.0341);
    expect(r.series.loss?.values[9]).toBe(0.0088);
    expect(r.series.eval_loss?.values[0]).toBe(0.020567);
    expect(r.series.eval_loss?.values[9]).toBe(0.013452);
    expect(r.series['Num Tokens']?.values[9]).toBe(10436648);
    expect(r.series['Mean Token Accuracy']?.values[9]).toBe(0.996691);
    expect(curves(streamed(text, 300))).toEqual(curves(r));
  });

  it("never reads a cell's source, only its outputs", () => {
    const notebook = {
      cells: [
        {
          cell_type: 'code',
          metadata: {},
          outputs: [],
          source: [
            'lr = 3e-4\n',
            "print(f'step {step}: loss {loss:.4f}')\n",
            "log = {'loss': 0.5, 'epoch': 1}\n",
            'iter 10: loss 3.2202, time 893.76ms\n',
          ],
        },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    for (const text of [JSON.stringify(notebook, null, 1), JSON.stringify(notebook)]) {
      expect(parseTrainingLog(text).series).toEqual({});
    }
  });

  it("reads Keras's epochs from a stream output with carriage returns", () => {
    const notebook = {
      cells: [
        {
          cell_type: 'code',
          metadata: {},
          outputs: [
            {
              name: 'stdout',
              output_type: 'stream',
              text: [
                'Epoch 1/2\n',
                '\r 1/10 [==>...........................] - ETA: 0s - loss: 0.9000\r10/10 [==============================] - 1s 5ms/step - loss: 0.5000 - val_loss: 0.6000\n',
                'Epoch 2/2\n',
                '\r 1/10 [==>...........................] - ETA: 0s - loss: 0.4500\r10/10 [==============================] - 0s 4ms/step - loss: 0.4000 - val_loss: 0.5500\n',
              ],
            },
          ],
          source: ['model.fit(x, y, epochs=2, validation_split=0.1)'],
        },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    const r = parseTrainingLog(JSON.stringify(notebook, null, 1));
    expect(r.series.loss).toEqual({ steps: [1, 2], values: [0.5, 0.4] });
    expect(r.series.eval_loss).toEqual({ steps: [1, 2], values: [0.6, 0.55] });
  });
});

describe("trackers' own exports", () => {
  it("reads TensorBoard's scalar CSV download, its wall clock not a metric", () => {
    // The rows a public plot script for TensorBoard downloads quotes as its input (code index id
    // 49552989255: `a plot script for tensorboard download data`).
    const text = [
      'Wall time,Step,Value',
      '1654943296.2150984,0,59.310001373291016',
      '1654943313.7791796,1,64.77999877929688',
      '1654943332.386608,2,70.02999877929688',
      '1654943350.320845,3,71.08000183105469',
      '1654943368.0967004,4,78.98999786376953',
      '1654943386.335942,5,79.69999694824219',
    ].join('\n');
    const r = parseTrainingLog(text);
    expect(r.stepSource).toBe('explicit');
    expect(r.series).toEqual({
      Value: {
        steps: [0, 1, 2, 3, 4, 5],
        values: [
          59.310001373291016, 64.77999877929688, 70.02999877929688, 71.08000183105469,
          78.98999786376953, 79.69999694824219,
        ],
      },
    });
  });

  it('reads the same export written by numpy.savetxt with %f steps', () => {
    const r = parseTrainingLog(
      'Wall time,Step,Value\n1654943296.215098,100.000000,2.500000\n1654943313.779180,200.000000,2.250000\n',
    );
    expect(r.series).toEqual({ Value: { steps: [100, 200], values: [2.5, 2.25] } });
  });

  it("does not chart W&B history's wall clock and run time", () => {
    const line = (i: number, loss: number) =>
      JSON.stringify({
        'train/loss': loss,
        'train/global_step': 10 * i,
        _timestamp: 1644345412 + i,
        _runtime: 4 + i,
        _step: i,
      });
    const r = parseTrainingLog([line(1, 2.5), line(2, 2.25), line(3, 2)].join('\n'));
    expect(r.series).toEqual({ loss: { steps: [10, 20, 30], values: [2.5, 2.25, 2] } });
  });
});

describe('tables saved by spreadsheets and dataframes', () => {
  it('reads a semicolon CSV with decimal commas (a comma-decimal locale)', () => {
    // `history.to_csv('log.csv', sep=';', decimal=',')`, or a spreadsheet's CSV export in Europe.
    const r = parseTrainingLog('epoch;loss;val_loss\n1;0,5;0,6\n2;0,4;0,55\n3;0,25;0,5\n');
    expect(r.series.loss).toEqual({ steps: [1, 2, 3], values: [0.5, 0.4, 0.25] });
    expect(r.series.eval_loss).toEqual({ steps: [1, 2, 3], values: [0.6, 0.55, 0.5] });
  });

  it('reads a semicolon CSV with decimal points', () => {
    const r = parseTrainingLog('Step;Training Loss;Learning Rate\n10;2.5;1e-05\n20;2.25;2e-05\n');
    expect(r.series.loss).toEqual({ steps: [10, 20], values: [2.5, 2.25] });
    expect(r.series.learning_rate).toEqual({ steps: [10, 20], values: [1e-5, 2e-5] });
  });

  it('does not take a sentence with semicolons for a table', () => {
    const r = parseTrainingLog(
      'Note: loss;accuracy were logged\nepoch 1; loss 0.5\nepoch 2; loss 0.4\n',
    );
    expect(r.series.loss).toEqual({ steps: [1, 2], values: [0.5, 0.4] });
  });
});
