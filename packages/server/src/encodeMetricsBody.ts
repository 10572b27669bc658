import type { SeriesColumns } from './types';

/** Numbers written between two yields to the event loop (a few milliseconds of work). */
const NUMBERS_PER_CHUNK = 16_384;

const encoder = new TextEncoder();

function valueText(value: number): string {
  if (Number.isFinite(value)) return String(value);
  if (Number.isNaN(value)) return '"NaN"';
  return value > 0 ? '"Infinity"' : '"-Infinity"';
}

/** Lets other requests run between chunks; `setImmediate` where it exists (Node, Bun). */
function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => {
    if (immediate) immediate(resolve);
    else setTimeout(resolve, 0);
  });
}

/** The JSON text of the body in chunks of at most about {@link NUMBERS_PER_CHUNK} numbers. */
function* chunks(
  head: Record<string, unknown>,
  names: readonly string[],
  series: ReadonlyMap<string, SeriesColumns>,
  tail: Record<string, unknown>,
): Generator<string | Uint8Array> {
  const headText = JSON.stringify(head);
  let out = `${headText.slice(0, -1)},"metrics":{`;
  let budget = NUMBERS_PER_CHUNK;
  let first = true;
  for (const name of names) {
    const columns = series.get(name);
    if (columns?.json) {
      // Encoded by the store off the event loop: pass the bytes on as they are.
      yield `${out}${first ? '' : ','}${JSON.stringify(name)}:`;
      yield columns.json;
      out = '';
      first = false;
      continue;
    }
    out += `${first ? '' : ','}${JSON.stringify(name)}:{`;
    first = false;
    const fields: [string, ArrayLike<number>, (n: number) => string][] = columns
      ? [
          ['steps', columns.steps, String],
          ['values', columns.values, valueText],
        ]
      : [
          ['steps', [], String],
          ['values', [], valueText],
        ];
    if (columns?.times) fields.push(['times', columns.times, String]);
    for (let f = 0; f < fields.length; f++) {
      const [field, column, text] = fields[f] as (typeof fields)[number];
      out += `${f === 0 ? '' : ','}"${field}":[`;
      for (let i = 0; i < column.length; i++) {
        out += i === 0 ? text(column[i] as number) : `,${text(column[i] as number)}`;
        if (--budget === 0) {
          yield out;
          out = '';
          budget = NUMBERS_PER_CHUNK;
        }
      }
      out += ']';
    }
    out += '}';
  }
  out += '}';
  const tailText = JSON.stringify(tail);
  out += tailText === '{}' ? '}' : `,${tailText.slice(1)}`;
  yield out;
}

/**
 * The body of a metrics response. Small bodies are one string; a large one is a stream encoded
 * chunk by chunk with a yield to the event loop in between, so a full fetch of a long run never
 * holds up the polls of other clients for more than one chunk.
 */
export function encodeMetricsBody(
  head: Record<string, unknown>,
  names: readonly string[],
  series: ReadonlyMap<string, SeriesColumns>,
  tail: Record<string, unknown>,
): string | ReadableStream<Uint8Array> {
  let total = 0;
  for (const columns of series.values()) {
    if (columns.json) total += NUMBERS_PER_CHUNK + 1;
    else total += columns.steps.length * 3;
  }
  const parts = chunks(head, names, series, tail);
  if (total <= NUMBERS_PER_CHUNK) return [...parts].join('');
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (started) await yieldToEventLoop();
      started = true;
      const next = parts.next();
      if (next.done) controller.close();
      else if (typeof next.value === 'string') controller.enqueue(encoder.encode(next.value));
      else controller.enqueue(next.value);
    },
    cancel() {
      parts.return(undefined);
    },
  });
}
