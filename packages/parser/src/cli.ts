import {
  closeSync,
  createReadStream,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import type { Readable } from 'node:stream';
import { createLogParser } from './createLogParser';
import { csvCell } from './csvCell';
import { seriesToJSON } from './seriesToJSON';
import type { LogFormat, LogParser, LogParserUpdate, ParseOptions, ParseResult } from './types';

const NAME = 'trainviz-parse';

/** Every format id, as a record so the compiler reports a format added to `LogFormat` but not here. */
const FORMATS: Record<LogFormat, true> = {
  'hf-trainer': true,
  'trainer-state': true,
  jsonl: true,
  'llamafactory-jsonl': true,
  axolotl: true,
  nanogpt: true,
  megatron: true,
  nemo: true,
  'mlx-lm': true,
  torchtune: true,
  lightning: true,
  keras: true,
  deepspeed: true,
  litgpt: true,
  verl: true,
  fairseq: true,
  generic: true,
  unknown: true,
};

/** The format ids as lines of the help text, indented under the option's description. */
function formatList(): string {
  const lines: string[] = [];
  let line = '';
  for (const id of Object.keys(FORMATS)) {
    if (line.length + id.length > 70) {
      lines.push(line);
      line = '';
    }
    line += `${id}, `;
  }
  lines.push(line.replace(/, $/, '.'));
  return lines.map((l) => `                   ${l.trimEnd()}`).join('\n');
}

const HELP = `Usage: ${NAME} [options] FILE
       ${NAME} [options] -          (read the log from stdin)

Turns a machine-learning training log (Hugging Face Trainer, TRL, nanoGPT, Megatron, MLX, JSON
lines, ...) into metric series.

Options:
  --json           Print the whole result as JSON: format, stepSource, series, summary,
                   restarts, stats (default). Non-finite values are "NaN", "Infinity", "-Infinity".
  --csv            Print "metric,step,value" rows, with a header.
  --follow, -f     Read FILE from its beginning and keep reading it while a training run is
                   still writing it; print every point as one JSON line as soon as it is final:
                     {"metric":"loss","step":10,"value":2.3}
                   plus {"restart":{"step":..,"fromStep":..,"line":..}} when the run resumed from a
                   checkpoint (drop stored points at and after that step), {"summary":{...}} for
                   end-of-run totals and {"reset":"truncated"|"rotated"} when the file was truncated
                   or replaced (parsing starts again from its beginning). With "-", follows stdin.
  --interval <ms>  How often --follow checks the file for new bytes (default 250).
  --format <id>    Do not detect the format, use this one:
${formatList()}
  -h, --help       Print this help.
  -v, --version    Print the version.

Exit status: 0 on success, 2 on a usage error or an unreadable file.
`;

/** A usage or input error: printed as one line on stderr, exit code 2. */
class CliError extends Error {
  readonly kind: 'usage' | 'unreadable';
  constructor(kind: 'usage' | 'unreadable', message: string) {
    super(message);
    this.kind = kind;
  }
}

interface CliArgs {
  file: string;
  mode: 'json' | 'csv';
  follow: boolean;
  intervalMs: number;
  parseOptions: ParseOptions;
}

function version(): string {
  try {
    const pkg: unknown = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    );
    if (pkg && typeof pkg === 'object' && 'version' in pkg && typeof pkg.version === 'string') {
      return pkg.version;
    }
  } catch {
    // The package.json is always next to src/ and dist/; without it there is no version to print.
  }
  return 'unknown';
}

/** Returns null when the command only asked for help or the version (already printed). */
function parseArgs(argv: readonly string[]): CliArgs | null {
  const files: string[] = [];
  let mode: 'json' | 'csv' | undefined;
  let follow = false;
  let intervalMs = 250;
  let format: LogFormat | undefined;
  let optionsEnded = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (optionsEnded || arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const takeValue = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined) throw new CliError('usage', `option '${name}' needs a value`);
      i++;
      return next;
    };
    const noValue = (): void => {
      if (inline !== undefined) throw new CliError('usage', `option '${name}' takes no value`);
    };
    switch (name) {
      case '--':
        optionsEnded = true;
        break;
      case '-h':
      case '--help':
        process.stdout.write(HELP);
        return null;
      case '-v':
      case '--version':
        process.stdout.write(`${version()}\n`);
        return null;
      case '--json':
      case '--csv': {
        noValue();
        const wanted = name === '--json' ? 'json' : 'csv';
        if (mode !== undefined && mode !== wanted) {
          throw new CliError('usage', '--json and --csv cannot be combined');
        }
        mode = wanted;
        break;
      }
      case '-f':
      case '--follow':
        noValue();
        follow = true;
        break;
      case '--format': {
        const value = takeValue();
        if (!Object.hasOwn(FORMATS, value)) {
          throw new CliError(
            'usage',
            `unknown format '${value}' (one of: ${Object.keys(FORMATS).join(', ')})`,
          );
        }
        format = value as LogFormat;
        break;
      }
      case '--interval': {
        const value = takeValue();
        const ms = Number(value);
        if (!Number.isFinite(ms) || ms < 10) {
          throw new CliError(
            'usage',
            `--interval must be a number of milliseconds >= 10, got '${value}'`,
          );
        }
        intervalMs = ms;
        break;
      }
      default:
        throw new CliError('usage', `unknown option '${arg}' (see --help)`);
    }
  }

  if (files.length === 0) throw new CliError('usage', 'missing FILE argument (use - for stdin)');
  if (files.length > 1) throw new CliError('usage', `expected one FILE, got ${files.length}`);
  if (follow && mode === 'csv') {
    throw new CliError('usage', '--follow prints JSON lines; it cannot be combined with --csv');
  }
  return {
    file: files[0] as string,
    mode: mode ?? 'json',
    follow,
    intervalMs,
    parseOptions: format === undefined ? {} : { format },
  };
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

function unreadable(file: string, error: unknown): CliError {
  return new CliError('unreadable', `cannot read '${file}': ${describeError(error)}`);
}

function jsonNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

function write(text: string): void {
  process.stdout.write(text);
}

/** Prints what one push/end of the streaming parser made final, one JSON object per line. */
function printUpdate(update: LogParserUpdate): void {
  const lines: string[] = [];
  for (const r of update.restarts) {
    lines.push(JSON.stringify({ restart: { step: r.step, fromStep: r.fromStep, line: r.line } }));
  }
  for (const p of update.points) {
    lines.push(JSON.stringify({ metric: p.metric, step: p.step, value: jsonNumber(p.value) }));
  }
  const summaryKeys = Object.keys(update.summary);
  if (summaryKeys.length > 0) {
    const summary = Object.fromEntries(
      summaryKeys.map((k) => [k, jsonNumber(update.summary[k] as number)]),
    );
    lines.push(JSON.stringify({ summary }));
  }
  if (lines.length > 0) write(`${lines.join('\n')}\n`);
}

function printCsv(result: ParseResult): void {
  let batch: string[] = ['metric,step,value'];
  for (const [metric, series] of Object.entries(result.series)) {
    const name = csvCell(metric);
    for (let i = 0; i < series.steps.length; i++) {
      // String() prints 1e-05, NaN, Infinity exactly as JavaScript does.
      batch.push(`${name},${series.steps[i]},${String(series.values[i])}`);
      if (batch.length >= 10_000) {
        write(`${batch.join('\n')}\n`);
        batch = [];
      }
    }
  }
  if (batch.length > 0) write(`${batch.join('\n')}\n`);
}

/** Reads a whole stream through the streaming parser, so a large log is never held in memory. */
function parseStream(stream: Readable, parser: LogParser, onUpdate?: (u: LogParserUpdate) => void) {
  return new Promise<void>((resolve, reject) => {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const update = parser.push(chunk);
      onUpdate?.(update);
    });
    stream.on('end', () => {
      const update = parser.end();
      onUpdate?.(update);
      resolve();
    });
    stream.on('error', reject);
  });
}

function openReadable(file: string): Readable {
  if (file === '-') return process.stdin;
  try {
    if (statSync(file).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    closeSync(openSync(file, 'r'));
  } catch (error) {
    throw unreadable(file, error);
  }
  return createReadStream(file, { highWaterMark: 1 << 16 });
}

async function printWhole(args: CliArgs): Promise<void> {
  const parser = createLogParser(args.parseOptions);
  try {
    await parseStream(openReadable(args.file), parser);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw unreadable(args.file, error);
  }
  const result = parser.result();
  if (args.mode === 'csv') printCsv(result);
  else write(`${JSON.stringify(seriesToJSON(result), null, 2)}\n`);
}

/** `--follow` prints every update and never reads `result()`: the parser need not keep the points. */
function followOptions(args: CliArgs): ParseOptions {
  return { ...args.parseOptions, retainSeries: false };
}

/**
 * Follows a file a training run is still writing: polls its size, reads the appended bytes and feeds
 * them to the streaming parser. A file that shrank was truncated and one with a new inode was replaced
 * (log rotation): both restart the parser from the beginning of the file. Ends on SIGINT / SIGTERM,
 * after printing the points of a pending last line.
 */
function followFile(args: CliArgs): Promise<void> {
  const { file } = args;
  const buffer = Buffer.allocUnsafe(1 << 16);
  let fd: number;
  let identity: string;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    fd = openSync(file, 'r');
    const opened = fstatSync(fd);
    identity = `${opened.dev}:${opened.ino}`;
  } catch (error) {
    throw unreadable(file, error);
  }
  let offset = 0;
  let parser = createLogParser(followOptions(args));
  let decoder = new TextDecoder('utf-8');

  const drain = (): void => {
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, offset);
      if (read <= 0) return;
      offset += read;
      printUpdate(parser.push(decoder.decode(buffer.subarray(0, read), { stream: true })));
    }
  };
  const restart = (reason: 'truncated' | 'rotated'): void => {
    write(`${JSON.stringify({ reset: reason })}\n`);
    parser = createLogParser(followOptions(args));
    decoder = new TextDecoder('utf-8');
    offset = 0;
  };

  const tick = (): void => {
    let current: ReturnType<typeof statSync> | undefined;
    try {
      current = statSync(file);
    } catch {
      // Between the rename and the creation of the new file during a rotation there is no file:
      // keep reading the old descriptor and look again on the next tick.
      current = undefined;
    }
    if (current && `${current.dev}:${current.ino}` !== identity) {
      let next: number;
      try {
        next = openSync(file, 'r');
      } catch {
        // The new file vanished again or is not readable yet: try on the next tick.
        return;
      }
      drain();
      // The old file is complete: its unterminated last line is final now.
      printUpdate(parser.end());
      closeSync(fd);
      fd = next;
      const opened = fstatSync(fd);
      identity = `${opened.dev}:${opened.ino}`;
      restart('rotated');
    } else if (fstatSync(fd).size < offset) {
      restart('truncated');
    }
    drain();
  };

  return new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const loop = (): void => {
      try {
        tick();
      } catch (error) {
        process.stderr.write(`${NAME}: cannot read '${file}': ${describeError(error)}\n`);
      }
      timer = setTimeout(loop, args.intervalMs);
    };
    const stop = (): void => {
      if (timer) clearTimeout(timer);
      try {
        drain();
      } catch {
        // Stopping anyway: the points read so far are printed below.
      }
      printUpdate(parser.end());
      closeSync(fd);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    loop();
  });
}

async function followStdin(args: CliArgs): Promise<void> {
  const parser = createLogParser(followOptions(args));
  await parseStream(process.stdin, parser, printUpdate);
}

async function main(argv: readonly string[]): Promise<number> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // `trainviz-parse log | head` closes the pipe early; that is not an error of ours.
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    const args = parseArgs(argv);
    if (args === null) return 0;
    if (args.follow) await (args.file === '-' ? followStdin(args) : followFile(args));
    else await printWhole(args);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${NAME}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`${NAME}: ${describeError(error)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
