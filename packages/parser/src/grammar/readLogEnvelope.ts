/**
 * The text a log collector stored one JSON object per line around: Docker's `json-file` driver
 * (`{"log":"...\n","stream":"stderr","time":"..."}`) and its API's stream (`{"stream":"..."}`), Google Cloud Logging (`textPayload`,
 * `jsonPayload.message`), a CloudWatch export (`{"timestamp":...,"message":"..."}`),
 * `journalctl -o json` (`MESSAGE`), JSON loggers (`message`, `msg`), or a whole notebook written
 * on one line (`{"cells":[...]}`: the text of its outputs).
 */
export interface LogEnvelope {
  /** The texts inside, in order: each may hold several lines (`\n`, `\r`). */
  texts: string[];
  /**
   * The collector keeps a program's own line breaks (Docker's `log` ends with `\n`): a text without
   * one is cut, and goes on in the next object.
   */
  keepsBreaks: boolean;
}

/** Keys of the one text an envelope carries, most specific first. */
const MESSAGE_KEYS = ['log', 'textPayload', 'MESSAGE', 'message', 'msg', 'stream'] as const;

/** Keys of collectors that keep the program's line breaks in the text, cutting lines anywhere. */
const BREAK_KEEPING_KEYS = new Set(['log', 'stream']);

/**
 * Numbers a collector or logger adds about the line, never metrics of the run. An object with any
 * other number is a structured record (`{"message": "step", "loss": 1.2}`), read as one.
 */
const ENVELOPE_NUMBERS = new Set([
  'timestamp',
  'time',
  'ts',
  '@timestamp',
  'ingestionTime',
  'receiveTimestamp',
  'lineno',
  'line',
  'process',
  'pid',
  'thread',
  'tid',
  'created',
  'msecs',
  'relativeCreated',
  'level',
  'levelno',
  'v',
  'offset',
  'seq',
  'id',
  'eventId',
]);

/** Substrings of which a line must hold one to be worth decoding as an envelope. */
const ENVELOPE_MARKS = [
  '"log"',
  '"message"',
  '"msg"',
  '"textPayload"',
  '"MESSAGE"',
  '"jsonPayload"',
  '"stream"',
  '"cells"',
];

/**
 * Whether the object line `text[start, end)` is JSON (`{"`) naming a key an envelope carries its
 * text in: a cheap test before decoding the line. `text` may be a whole chunk: the search never
 * leaves the line.
 */
export function mayBeLogEnvelope(text: string, start: number, end: number): boolean {
  let i = start + 1;
  while (i < end && text.charCodeAt(i) === 32) i++;
  if (text.charCodeAt(i) !== 34) return false;
  // A sliced string shares the chunk's characters: no copy, and `indexOf` stops at the line's end.
  const line = text.slice(start, end);
  for (const mark of ENVELOPE_MARKS) if (line.indexOf(mark) >= 0) return true;
  return false;
}

/**
 * Reads a JSON object line as the envelope of log text, when it is one.
 *
 * @param line - One line holding one JSON object.
 * @returns The texts it wraps, or undefined for any other object (a metrics record, invalid JSON).
 * @example
 * ```ts
 * readLogEnvelope('{"log":"{\'loss\': 1.2}\\n","stream":"stderr","time":"2024-05-01T10:00:00Z"}');
 * // { texts: ["{'loss': 1.2}\n"], keepsBreaks: true }
 * ```
 */
export function readLogEnvelope(line: string): LogEnvelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  if (Array.isArray(value.cells)) return notebookOutputs(value.cells);
  let key: string | undefined;
  let message: string | undefined;
  for (const name of MESSAGE_KEYS) {
    const text = value[name];
    // Docker's `json-file` names the stream (`"stream":"stdout"`); its API's JSON carries the text.
    if (
      typeof text === 'string' &&
      !(name === 'stream' && (text === 'stdout' || text === 'stderr'))
    ) {
      key = name;
      message = text;
      break;
    }
  }
  const payload = value.jsonPayload;
  if (message === undefined && isObject(payload)) {
    const text = payload.message ?? payload.msg;
    if (typeof text === 'string') message = text;
  }
  if (message === undefined) return undefined;
  for (const name of Object.keys(value)) {
    if (typeof value[name] === 'number' && !ENVELOPE_NUMBERS.has(name)) return undefined;
  }
  return { texts: [message], keepsBreaks: key !== undefined && BREAK_KEEPING_KEYS.has(key) };
}

/**
 * The text of a notebook's outputs: the streams (`print`, tqdm, Keras) and the `text/plain` and
 * `text/html` renderings (the Trainer's table is HTML only). Sources are code, never read.
 */
function notebookOutputs(cells: unknown[]): LogEnvelope {
  const texts: string[] = [];
  for (const cell of cells) {
    if (!isObject(cell) || !Array.isArray(cell.outputs)) continue;
    for (const output of cell.outputs) {
      if (!isObject(output)) continue;
      pushText(texts, output.text);
      const data = output.data;
      if (isObject(data)) {
        pushText(texts, data['text/plain']);
        pushText(texts, data['text/html']);
      }
    }
  }
  return { texts, keepsBreaks: true };
}

/** nbformat stores a text as one string or as a list of lines, each ending with its `\n`. */
function pushText(texts: string[], text: unknown): void {
  if (typeof text === 'string') texts.push(text.endsWith('\n') ? text : `${text}\n`);
  else if (Array.isArray(text)) {
    const joined = text.filter((part): part is string => typeof part === 'string').join('');
    if (joined.length > 0) texts.push(joined.endsWith('\n') ? joined : `${joined}\n`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
