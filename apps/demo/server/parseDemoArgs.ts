import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * Command-line options of the demo server, after defaults.
 *
 * @example
 * ```ts
 * const args: DemoArgs = parseDemoArgs(['--port', '8080', '--log', 'train.log']);
 * ```
 */
export interface DemoArgs {
  /** @defaultValue `PORT` from the environment, else 5173 */
  port: number;
  /** @defaultValue '127.0.0.1' */
  host: string;
  /** SQLite file; `null` creates one in a temporary directory. @defaultValue null */
  db: string | null;
  /**
   * Log files to chart, one run each, followed while they grow; absolute paths, a relative `--log`
   * resolved against the directory the command was typed in.
   * @defaultValue []
   */
  logs: string[];
  /** Time per simulated training step of the live runs, in milliseconds. @defaultValue 30 */
  intervalMs: number;
  /** Interval at which `--log` files are checked for growth, in milliseconds. @defaultValue 500 */
  pollMs: number;
  /** Whether to start the simulated runs. @defaultValue true */
  simulate: boolean;
  /** Whether `--help` was asked for. @defaultValue false */
  help: boolean;
}

/**
 * Usage text printed by `--help` and after a bad option.
 *
 * @example
 * ```ts
 * console.log(demoUsage);
 * ```
 */
export const demoUsage = `Usage: npm run demo -- [options]

  --log FILE         chart a training log file as a run, following it while it grows (repeatable)
  --port N           port to listen on (default: $PORT or 5173)
  --host HOST        address to listen on (default: 127.0.0.1)
  --db FILE          SQLite file for the metrics (default: a new file in a temporary directory)
  --interval-ms N    time per simulated training step (default: 30, a chart point every ~300 ms)
  --poll-ms N        how often --log files are checked for growth (default: 500)
  --no-simulate      only chart the --log files
  --help             show this text`;

/**
 * A bad command line; `kind` tells which part was wrong.
 *
 * @example
 * ```ts
 * try { parseDemoArgs(argv); } catch (error) { if ((error as DemoArgsError).kind === 'invalid_option') ... }
 * ```
 */
export interface DemoArgsError extends Error {
  kind: 'invalid_option' | 'invalid_number';
}

function argsError(kind: DemoArgsError['kind'], message: string): DemoArgsError {
  return Object.assign(new Error(message), { kind });
}

function positiveInt(name: string, raw: string | undefined, fallback: number, min = 0): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw argsError('invalid_number', `--${name} expects an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

/**
 * Reads the demo server's command line. A relative `--log` path is resolved against the directory
 * the user typed the command in: `INIT_CWD` when npm started the demo (npm runs scripts from the
 * package's directory, not the user's), else `cwd`.
 *
 * @param argv - the arguments after the script name
 * @param env - the environment (`PORT`, `INIT_CWD`). @defaultValue `{}`
 * @param cwd - the working directory when `INIT_CWD` is not set. @defaultValue `process.cwd()`
 *
 * @example
 * ```ts
 * const { port, logs } = parseDemoArgs(process.argv.slice(2), process.env);
 * ```
 */
export function parseDemoArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
  cwd: string = process.cwd(),
): DemoArgs {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw argsError('invalid_option', (error as Error).message);
  }
  const base = env.INIT_CWD && isAbsolute(env.INIT_CWD) ? env.INIT_CWD : cwd;
  return {
    port: positiveInt('port', values.port ?? env.PORT, 5173),
    host: values.host ?? '127.0.0.1',
    db: values.db ?? null,
    logs: (values.log ?? []).map((file) => (isAbsolute(file) ? file : resolve(base, file))),
    intervalMs: positiveInt('interval-ms', values['interval-ms'], 30),
    pollMs: positiveInt('poll-ms', values['poll-ms'], 500, 10),
    simulate: !values['no-simulate'],
    help: values.help ?? false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      log: { type: 'string', multiple: true },
      'interval-ms': { type: 'string' },
      'poll-ms': { type: 'string' },
      'no-simulate': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
