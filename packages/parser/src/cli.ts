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
import { FORMAT_IDS } from './formats/registry';
import { seriesToJSON } from './seriesToJSON';
import type { LogFormat, LogParser, LogParserUpdate, ParseOptions, ParseResult } from './types';

const NAME = 'trainviz-parse';

/** Every format id of the registry (`--format` takes one), and `unknown`. */
const FORMATS: ReadonlySet<string> = new Set<string>([...FORMAT_IDS, 'unknown']);

/** The format ids as lines of the help text, indented under the option's description. */
function formatList(): string {
  const lines: string[] = [];
  let line = '';
  for (const id of FORMATS) {
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
  --csv            Print "metric,step,value" rows, with a header. A metric name a spreadsheet
                   would run as a formula (=, +, -, @ first) is written with a leading '.
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

Exit status: 0 when training metrics were found, 1 when the input holds none (an empty or
binary file, a log without metrics: one line on stderr, nothing on stdout), 2 on a usage
error or an unreadable file.
`;

/**
 * The input was read but holds no training metric: one line on stderr and exit code 1, as grep
 * does when nothing matches, so `trainviz-parse run.log > out.json || ...` notices.
 */
class NoMetricsError extends Error {
  readonly kind = 'no-metrics';
}

/** How stdin is named in messages. */
function inputName(file: string): string {
  return file === '-' ? 'stdin' : file;
}

function noMetrics(file: string): NoMetricsError {
  return new NoMetricsError(`no training metrics found in ${inputName(file)}`);
}

/** True when a parse found at least one point or one end-of-run total. */
function hasMetrics(result: ParseResult): boolean {
  if (Object.keys(result.summary).length > 0) return true;
  return Object.values(result.series).some((series) => series.steps.length > 0);
}

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
        if (!FORMATS.has(value)) {
          throw new CliError(
            'usage',
            `unknown format '${value}' (one of: ${[...FORMATS].join(', ')})`,
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
function printUpdate(update: LogParserUpdate): boolean {
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
  return update.points.length > 0 || summaryKeys.length > 0;
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
    let decoder: TextDecoder | undefined;
    stream.on('data', (chunk: Buffer) => {
      decoder ??= decoderFor(chunk);
      const update = parser.push(decoder.decode(chunk, { stream: true }));
      onUpdate?.(update);
    });
    stream.on('end', () => {
      if (decoder) onUpdate?.(parser.push(decoder.decode()));
      const update = parser.end();
      onUpdate?.(update);
      resolve();
    });
    stream.on('error', reject);
  });
}

/**
 * The decoder of a log from its first bytes: UTF-16 when it opens with a byte order mark (what
 * Windows PowerShell's `>` writes), else UTF-8. The mark itself is not text.
 */
function decoderFor(head: Uint8Array): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
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
  if (!hasMetrics(result)) throw noMetrics(args.file);
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
function followFile(args: CliArgs): Promise<boolean> {
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
  let decoder: TextDecoder | undefined;
  let found = false;
  const print = (update: LogParserUpdate): void => {
    if (printUpdate(update)) found = true;
  };

  const drain = (): void => {
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, offset);
      if (read <= 0) return;
      const bytes = buffer.subarray(0, read);
      if (offset === 0 || decoder === undefined) decoder = decoderFor(bytes);
      offset += read;
      print(parser.push(decoder.decode(bytes, { stream: true })));
    }
  };
  const restart = (reason: 'truncated' | 'rotated'): void => {
    write(`${JSON.stringify({ reset: reason })}\n`);
    parser = createLogParser(followOptions(args));
    decoder = undefined;
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
      print(parser.end());
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

  return new Promise<boolean>((resolve) => {
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
      print(parser.end());
      closeSync(fd);
      resolve(found);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    loop();
  });
}

async function followStdin(args: CliArgs): Promise<boolean> {
  const parser = createLogParser(followOptions(args));
  let found = false;
  await parseStream(process.stdin, parser, (update) => {
    if (printUpdate(update)) found = true;
  });
  return found;
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
    if (args.follow) {
      const found = await (args.file === '-' ? followStdin(args) : followFile(args));
      if (!found) throw noMetrics(args.file);
    } else {
      await printWhole(args);
    }
    return 0;
  } catch (error) {
    if (error instanceof NoMetricsError) {
      process.stderr.write(`${NAME}: ${error.message}\n`);
      return 1;
    }
    if (error instanceof CliError) {
      process.stderr.write(`${NAME}: ${error.message}\n`);
      return 2;
    }
    // Exit 1 means "nothing found"; anything unexpected is an error like the others.
    process.stderr.write(`${NAME}: ${describeError(error)}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
