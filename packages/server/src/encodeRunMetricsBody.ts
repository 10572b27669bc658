import { encodeRunMetrics, type RunMetrics, type RunMetricsWire } from '@trainviz/client';

/** Array elements serialised between two yields to the event loop (about a millisecond of work). */
const ELEMENTS_PER_CHUNK = 16_384;

const utf8 = new TextEncoder();

/** Lets other requests run between chunks; `setImmediate` where it exists (Node, Bun). */
function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => {
    if (immediate) immediate(resolve);
    else setTimeout(resolve, 0);
  });
}

/**
 * `JSON.stringify(wire)` in pieces. Objects and arrays are written as JSON.stringify writes them
 * (own enumerable keys in order, `undefined` members left out, no whitespace), every leaf and
 * every slice of a column by JSON.stringify itself; the wire JSON of the series in `encoded` is
 * passed on in its place.
 */
function* wireChunks(
  wire: RunMetricsWire,
  encoded: ReadonlyMap<string, Uint8Array>,
): Generator<string | Uint8Array> {
  let out = '{';
  let comma = '';
  let budget = ELEMENTS_PER_CHUNK;
  for (const [key, value] of Object.entries(wire)) {
    if (value === undefined) continue;
    out += `${comma}${JSON.stringify(key)}:`;
    comma = ',';
    if (key !== 'metrics') {
      out += JSON.stringify(value);
      continue;
    }
    out += '{';
    let seriesComma = '';
    for (const [name, series] of Object.entries(wire.metrics)) {
      out += `${seriesComma}${JSON.stringify(name)}:`;
      seriesComma = ',';
      const bytes = encoded.get(name);
      if (bytes) {
        yield out;
        yield bytes;
        out = '';
        continue;
      }
      out += '{';
      let columnComma = '';
      for (const [column, list] of Object.entries(series) as [string, unknown[] | undefined][]) {
        if (list === undefined) continue;
        out += `${columnComma}${JSON.stringify(column)}:[`;
        columnComma = ',';
        for (let i = 0; i < list.length; i += ELEMENTS_PER_CHUNK) {
          const slice = list.slice(i, i + ELEMENTS_PER_CHUNK);
          out += `${i === 0 ? '' : ','}${JSON.stringify(slice).slice(1, -1)}`;
          budget -= slice.length;
          if (budget <= 0) {
            yield out;
            out = '';
            budget = ELEMENTS_PER_CHUNK;
          }
        }
        out += ']';
      }
      out += '}';
    }
    out += '}';
  }
  yield `${out}}`;
}

/**
 * The body of a metrics response: the bytes of `JSON.stringify(encodeRunMetrics(metrics))`, the
 * client's wire encoding. A small body is that string; a large one is streamed chunk by chunk
 * with a yield to the event loop in between, so a full fetch of a long run never holds up the
 * polls of other clients for more than one chunk. `encoded` holds series a store has already
 * encoded off the event loop ({@link wireSeriesJson}, the same bytes): they are sent as they
 * are, in place of their (empty) entry in `metrics`.
 */
export function encodeRunMetricsBody(
  metrics: RunMetrics,
  encoded: ReadonlyMap<string, Uint8Array> = new Map(),
): string | ReadableStream<Uint8Array> {
  const wire = encodeRunMetrics(metrics);
  let elements = 0;
  for (const series of Object.values(metrics.metrics)) {
    elements += series.steps.length * (series.times ? 3 : 2);
  }
  if (encoded.size === 0 && elements <= ELEMENTS_PER_CHUNK) return JSON.stringify(wire);
  const parts = wireChunks(wire, encoded);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (started) await yieldToEventLoop();
      started = true;
      const next = parts.next();
      if (next.done) controller.close();
      else if (typeof next.value === 'string') controller.enqueue(utf8.encode(next.value));
      else controller.enqueue(next.value);
    },
    cancel() {
      parts.return(undefined);
    },
  });
}
