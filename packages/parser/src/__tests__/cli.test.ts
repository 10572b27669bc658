import { type ChildProcess, spawn } from 'node:child_process';
import {
  appendFileSync,
  mkdtempSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { seriesToJSON } from '../seriesToJSON';
import type { ParseResult } from '../types';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cliPath = join(packageDir, 'src', 'cli.ts');
const tempDir = mkdtempSync(join(tmpdir(), 'trainviz-cli-'));

afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

/** Runs the CLI from source through tsx, as `npx tsx src/cli.ts ...` would, without the npx lookup. */
function startCli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', cliPath, ...args], {
    cwd: packageDir,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], stdin?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = startCli(args);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin?.end(stdin ?? '');
  });
}

// A Hugging Face Trainer run of 20 steps logging every 10: bars, two train dicts (the second one
// diverged), the end-of-run summary.
const HF_LOG = [
  '  0%|          | 0/20 [00:00<?, ?it/s]',
  ' 50%|█████     | 10/20 [00:10<00:10,  1.00s/it]',
  "{'loss': 2.3126, 'grad_norm': 1.5, 'learning_rate': 5e-05, 'epoch': 0.5}",
  '100%|██████████| 20/20 [00:20<00:00,  1.00s/it]',
  "{'loss': nan, 'grad_norm': inf, 'learning_rate': 1e-05, 'epoch': 1.0}",
  "{'train_runtime': 20.5, 'train_samples_per_second': 3.9, 'train_steps_per_second': 0.98, 'train_loss': 1.8, 'epoch': 1.0}",
  '',
].join('\n');

function writeLog(name: string, text: string): string {
  const path = join(tempDir, name);
  writeFileSync(path, text);
  return path;
}

// Each case starts Node + tsx (a second or more on a busy machine), so the default 5 s is too short.
describe('trainviz-parse FILE', { timeout: 60_000 }, () => {
  it('prints the parse result as pretty JSON with non-finite values as strings', async () => {
    const file = writeLog('hf.log', HF_LOG);
    const { code, stdout, stderr } = await runCli([file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.startsWith('{\n  "format": ')).toBe(true);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual([
      'format',
      'stepSource',
      'series',
      'summary',
      'restarts',
      'stats',
    ]);
    expect(doc.format).toBe('hf-trainer');
    expect(doc.stepSource).toBe('progress');
    expect(doc.series.loss).toEqual({ steps: [10, 20], values: [2.3126, 'NaN'] });
    expect(doc.series.grad_norm).toEqual({ steps: [10, 20], values: [1.5, 'Infinity'] });
    expect(doc.series.learning_rate).toEqual({ steps: [10, 20], values: [5e-5, 1e-5] });
    expect(doc.summary.train_loss).toBe(1.8);
    expect(doc.summary.train_runtime).toBe(20.5);
    expect(doc.restarts).toEqual([]);
    expect(Object.keys(doc.stats).sort()).toEqual([
      'duplicateRecords',
      'lines',
      'malformedLines',
      'records',
    ]);
  });

  it('accepts --json explicitly and reads stdin with -', async () => {
    const file = writeLog('hf-json.log', HF_LOG);
    const fromFile = await runCli(['--json', file]);
    const fromStdin = await runCli(['-', '--json'], HF_LOG);
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toEqual(JSON.parse(fromFile.stdout));
  });

  it('writes metric names that look like formulas as text in --csv', async () => {
    const file = writeLog('formula.log', '{"step": 1, "=1+1": 0.5, "@SUM(A1)": 2, "-x": 3}\n');
    const { code, stdout } = await runCli(['--csv', '--format', 'jsonl', file]);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').slice(1).sort()).toEqual([
      "'-x,1,3",
      "'=1+1,1,0.5",
      "'@SUM(A1),1,2",
    ]);
  });

  it('prints metric,step,value rows with --csv', async () => {
    const file = writeLog('hf-csv.log', HF_LOG);
    const { code, stdout } = await runCli(['--csv', file]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('metric,step,value');
    expect(lines).toContain('loss,10,2.3126');
    expect(lines).toContain('loss,20,NaN');
    expect(lines).toContain('grad_norm,20,Infinity');
    // The log's 5e-05 and 1e-05, as JavaScript prints those numbers.
    expect(lines).toContain('learning_rate,10,0.00005');
    expect(lines).toContain('learning_rate,20,0.00001');
    expect(lines.slice(1).sort()).toEqual([
      'epoch,10,0.5',
      'epoch,20,1',
      'grad_norm,10,1.5',
      'grad_norm,20,Infinity',
      'learning_rate,10,0.00005',
      'learning_rate,20,0.00001',
      'loss,10,2.3126',
      'loss,20,NaN',
    ]);
  });

  it('forces a format with --format', async () => {
    const file = writeLog('nano.log', 'iter 10: loss 3.2202, time 893.76ms, mfu 16.68%\n');
    const { code, stdout } = await runCli(['--format', 'nanogpt', file]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).series.loss).toEqual({ steps: [10], values: [3.2202] });
  });

  it('reads a log Windows PowerShell wrote as UTF-16 with a byte order mark, and UTF-8 with one', async () => {
    for (const [name, bytes] of [
      ['ps.log', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HF_LOG, 'utf16le')])],
      ['bom8.log', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HF_LOG, 'utf8')])],
    ] as const) {
      const path = join(tempDir, name);
      writeFileSync(path, bytes);
      const { code, stdout } = await runCli([path, '--json']);
      expect(code, name).toBe(0);
      const doc = JSON.parse(stdout);
      expect(doc.format, name).toBe('hf-trainer');
      expect(doc.series.loss, name).toEqual({ steps: [10, 20], values: [2.3126, 'NaN'] });
    }
  });

  it('prints --help and --version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: trainviz-parse');
    expect(help.stdout).toContain('--follow');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits with 2 and one line on stderr for a missing file', async () => {
    const missing = join(tempDir, 'does-not-exist.log');
    const { code, stdout, stderr } = await runCli([missing]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`trainviz-parse: cannot read '${missing}': no such file\n`);
  });

  it('exits with 2 on an unknown option, a missing argument or an unknown format', async () => {
    const bogus = await runCli(['--bogus', 'x.log']);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/^trainviz-parse: unknown option '--bogus'.*\n$/);
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^trainviz-parse: missing FILE.*\n$/);
    const format = await runCli(['--format', 'word2vec', 'x.log']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/^trainviz-parse: unknown format 'word2vec'.*\n$/);
  });
});

describe('trainviz-parse on input with no training metrics', { timeout: 60_000 }, () => {
  // A PNG header then bytes 0..255: what `trainviz-parse model.png` by mistake reads.
  const binary = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256)),
  ]);

  it('exits 1 with one line on stderr and nothing on stdout for an empty file', async () => {
    const file = writeLog('empty.log', '');
    const { code, stdout, stderr } = await runCli([file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`trainviz-parse: no training metrics found in ${file}\n`);
  });

  it('exits 1 for a binary file, also with --csv', async () => {
    const file = join(tempDir, 'weights.png');
    writeFileSync(file, binary);
    for (const args of [[file], ['--csv', file]]) {
      const { code, stdout, stderr } = await runCli(args);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(`trainviz-parse: no training metrics found in ${file}\n`);
    }
  });

  it('exits 1 for a log of warnings and settings without a single metric', async () => {
    const file = writeLog(
      'setup-only.log',
      [
        'Using the latest cached version of the dataset since it is not reachable',
        '***** Running training *****',
        '  Num examples = 1,234',
        'UserWarning: torch.utils.checkpoint: the use_reentrant parameter should be passed',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await runCli([file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`trainviz-parse: no training metrics found in ${file}\n`);
  });

  it('names stdin in the message, and --follow on stdin exits 1 when it ends empty', async () => {
    const whole = await runCli(['-'], '');
    expect(whole.code).toBe(1);
    expect(whole.stdout).toBe('');
    expect(whole.stderr).toBe('trainviz-parse: no training metrics found in stdin\n');
    const followed = await runCli(['--follow', '-'], binary.toString('latin1'));
    expect(followed.code).toBe(1);
    expect(followed.stdout).toBe('');
    expect(followed.stderr).toBe('trainviz-parse: no training metrics found in stdin\n');
  });

  it('exits 0 for a log holding only end-of-run totals', async () => {
    const file = writeLog(
      'summary-only.log',
      "{'train_runtime': 20.5, 'train_samples_per_second': 3.9, 'train_loss': 1.8, 'epoch': 1.0}\n",
    );
    const { code, stdout, stderr } = await runCli([file]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout).summary.train_loss).toBe(1.8);
  });
});

describe('trainviz-parse --csv and spreadsheet formulas', { timeout: 60_000 }, () => {
  it('writes metric names a spreadsheet would run as formulas with a leading quote', async () => {
    const file = writeLog(
      'formula-names.jsonl',
      [
        '{"step": 1, "loss": 2.5, "=1+1": 0.5, "@SUM(A1)": -2, "+cmd|calc": 3, "-2+3": 4, "top-1, acc": 0.25}',
        '{"step": 2, "loss": 2.25, "=1+1": 0.75, "@SUM(A1)": -3, "+cmd|calc": 3, "-2+3": 4, "top-1, acc": 0.5}',
        '',
      ].join('\n'),
    );
    const { code, stdout } = await runCli(['--csv', file]);
    expect(code).toBe(0);
    const rows = stdout.trimEnd().split('\n');
    expect(rows).toContain("'=1+1,1,0.5");
    expect(rows).toContain("'@SUM(A1),2,-3");
    expect(rows).toContain("'+cmd|calc,1,3");
    expect(rows).toContain("'-2+3,2,4");
    expect(rows).toContain('"top-1, acc",2,0.5');
    expect(rows).toContain('loss,2,2.25');
    // Negative values stay numbers, and no row starts with a formula character.
    expect(rows.filter((row) => /^[=+\-@\t\r]/.test(row))).toEqual([]);
  });
});

/** Collects the JSON lines a following CLI prints and waits for one that matches. */
function follower(args: string[]) {
  const child = startCli(args);
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    buffered += d;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) if (part.trim() !== '') lines.push(JSON.parse(part));
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    child,
    lines,
    closed,
    async waitFor(predicate: (line: Record<string, unknown>) => boolean, what: string) {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        if (lines.some(predicate)) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(lines)} ${stderr}`);
    },
  };
}

const isPoint = (metric: string, step: number, value: unknown) => (l: Record<string, unknown>) =>
  l.metric === metric && l.step === step && l.value === value;

describe('trainviz-parse --follow', { timeout: 60_000 }, () => {
  it('prints new points as JSON lines while the file grows, and restarts after truncation and rotation', async () => {
    const file = writeLog('growing.log', 'iter 10: loss 3.2202, time 893.76ms, mfu 16.68%\n');
    const f = follower(['--follow', '--interval', '50', '--format', 'nanogpt', file]);
    try {
      await f.waitFor(isPoint('loss', 10, 3.2202), 'the point already in the file');

      appendFileSync(file, 'iter 20: loss 3.0101, time 880.10ms, mfu 16.70%\n');
      await f.waitFor(isPoint('loss', 20, 3.0101), 'an appended point');

      // Half a line is not final yet; the rest of it makes it one.
      appendFileSync(file, 'iter 30: loss na');
      appendFileSync(file, 'n, time 870.00ms, mfu 16.71%\n');
      await f.waitFor(isPoint('loss', 30, 'NaN'), 'a NaN point written in two pieces');

      truncateSync(file, 0);
      await f.waitFor((l) => l.reset === 'truncated', 'the truncation notice');
      appendFileSync(file, 'iter 10: loss 4.5, time 1.00ms, mfu 1.00%\n');
      await f.waitFor(isPoint('loss', 10, 4.5), 'the first point of the new run');

      // Log rotation: the file is renamed and a new one takes its name.
      renameSync(file, `${file}.1`);
      writeFileSync(file, 'iter 10: loss 5.5, time 1.00ms, mfu 1.00%\n');
      await f.waitFor((l) => l.reset === 'rotated', 'the rotation notice');
      await f.waitFor(isPoint('loss', 10, 5.5), 'the first point of the new file');

      const lossSteps = f.lines.filter((l) => l.metric === 'loss').map((l) => l.step);
      expect(lossSteps).toEqual([10, 20, 30, 10, 10]);
      const resetAt = f.lines.findIndex((l) => l.reset === 'truncated');
      expect(f.lines.findIndex(isPoint('loss', 10, 4.5))).toBeGreaterThan(resetAt);
    } finally {
      f.child.kill('SIGTERM');
    }
    expect(await f.closed).toBe(0);
  });

  it('exits with 2 when the followed file does not exist', async () => {
    const { code, stderr } = await runCli(['--follow', join(tempDir, 'nope.log')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^trainviz-parse: cannot read '.*nope\.log': no such file\n$/);
  });
});

describe('seriesToJSON', () => {
  const result: ParseResult = {
    format: 'jsonl',
    formats: ['jsonl'],
    stepSource: 'explicit',
    series: {
      loss: { steps: [1, 2, 3, 4], values: [2.5, Number.NaN, Number.POSITIVE_INFINITY, -0.5] },
      grad_norm: { steps: [1], values: [Number.NEGATIVE_INFINITY] },
    },
    summary: { train_loss: 1.25, train_runtime: Number.NaN },
    restarts: [{ step: 3, fromStep: 9, line: 12 }],
    stats: { lines: 20, records: 5, malformedLines: 1, duplicateRecords: 0 },
  };

  it('writes non-finite values as the strings of the project JSON, and nothing else changes', () => {
    const text = JSON.stringify(seriesToJSON(result));
    expect(JSON.parse(text)).toEqual({
      format: 'jsonl',
      stepSource: 'explicit',
      series: {
        loss: { steps: [1, 2, 3, 4], values: [2.5, 'NaN', 'Infinity', -0.5] },
        grad_norm: { steps: [1], values: ['-Infinity'] },
      },
      summary: { train_loss: 1.25, train_runtime: 'NaN' },
      restarts: [{ step: 3, fromStep: 9, line: 12 }],
      stats: { lines: 20, records: 5, malformedLines: 1, duplicateRecords: 0 },
    });
  });

  it('shares no array with the parse result', () => {
    const json = seriesToJSON(result);
    json.series.loss?.steps.push(5);
    json.restarts.pop();
    expect(result.series.loss?.steps).toEqual([1, 2, 3, 4]);
    expect(result.restarts).toHaveLength(1);
  });

  it('keeps a metric a log names __proto__ as a plain key', () => {
    const odd: ParseResult = {
      ...result,
      series: JSON.parse('{"__proto__": {"steps": [1], "values": [7]}}'),
    };
    const text = JSON.stringify(seriesToJSON(odd));
    expect(JSON.parse(text).series).toEqual(
      JSON.parse('{"__proto__": {"steps": [1], "values": [7]}}'),
    );
    expect(text).toContain('"__proto__":{"steps":[1],"values":[7]}');
  });
});
