import { readObjectLiteral } from '../formats/readObjectLiteral';
import { decodeHtmlEntities } from '../grammar/decodeHtmlEntities';
import { stripPrefixes } from '../grammar/stripPrefixes';

/** Where joined records go. */
export interface JoinedRecordSink {
  /** A dict or JSON object read whole (`pretty`: a pretty-printed JSON file's object). */
  object(
    pairs: Array<[string, number | undefined]>,
    quote: 'single' | 'double',
    pretty: boolean,
  ): void;
  /** A Megatron line wrapped by the terminal, joined again. */
  megatronLine(text: string): void;
  /** A record that could not be read. */
  malformed(): void;
}

/** Joins records that a terminal or a pretty-printer spread over several lines. */
export interface RecordJoiner {
  /** Reads a dict or JSON object starting at `brace`; an unfinished one waits for more lines. */
  startObject(line: string, brace: number): void;
  /** Starts a Megatron line that does not end its last field. */
  startMegatron(line: string): void;
  /** Offers the next line to the record being joined; true when the line was taken. */
  offer(raw: string): boolean;
  /** A blank line: a wrapped Megatron line ends there. */
  blank(): void;
  /** Drops the record being joined, as not a record at all (a notebook's opening `{`). */
  cancel(): void;
  /** The text ended: what is being joined is read or counted as malformed. */
  end(): void;
  /** A record is being joined. */
  readonly busy: boolean;
}

const MEGATRON_START_RE = /(?:^|\|)\s*iteration\s+\d+\s*\/\s*\d+\s*\|/;

/**
 * Creates the record joiner of a parse: a dict wrapped over several lines is joined until its
 * closing `}` (at most 64 lines), a pretty-printed JSON object until its own (at most 2,000), and a
 * Megatron line broken inside a field until the field ends (at most 4 lines). A joined text is
 * read again only when its braces balance, so joining stays linear in the text.
 *
 * @param sink - Receives joined records.
 * @param maxLength - The longest joined record, in characters.
 * @returns The joiner.
 * @example
 * ```ts
 * const joiner = createRecordJoiner(sink, 1_048_576);
 * joiner.startObject("{'loss': 2.31,", 0);
 * joiner.offer(" 'epoch': 0.1}"); // true: sink.object([['loss', 2.31], ['epoch', 0.1]], 'single', false)
 * ```
 */
export function createRecordJoiner(sink: JoinedRecordSink, maxLength: number): RecordJoiner {
  let pending: { text: string; lines: number; json: boolean; depth: number } | undefined;
  let megatron: { text: string; lines: number } | undefined;

  function startObject(line: string, brace: number): void {
    let text = line;
    let at = brace;
    if (text.indexOf('&quot;') >= 0 || text.indexOf('&#39;') >= 0) {
      text = decodeEntities(text.slice(at));
      at = 0;
    }
    const r = readObjectLiteral(text, at);
    if (r.status === 'ok') sink.object(r.pairs, r.quote, false);
    else if (r.status === 'incomplete') {
      const rest = text.slice(at);
      const lone = rest.trim() === '{';
      pending = {
        text: rest,
        lines: 1,
        json: lone || /^\{\s*"/.test(rest),
        depth: braceDepth(rest),
      };
    } else sink.malformed();
  }

  function continueObject(p: NonNullable<typeof pending>, raw: string): boolean {
    const cleaned = stripPrefixes(raw);
    const t = cleaned.trim();
    if (p.json) {
      if (t.startsWith('{') || t.endsWith('{')) {
        const brace = t.startsWith('{') ? cleaned.indexOf('{') : cleaned.lastIndexOf('{');
        pending = undefined;
        startObject(cleaned, brace);
        return true;
      }
    } else {
      if (cleaned.indexOf('%|') >= 0) return false;
      if (t.startsWith('{')) {
        pending = undefined;
        sink.malformed();
        return false;
      }
    }
    const added = p.json ? t : cleaned;
    p.text += added;
    p.lines++;
    p.depth += braceDepth(added);
    if (p.lines > (p.json ? 2000 : 64) || p.text.length > maxLength) {
      pending = undefined;
      if (!p.json) sink.malformed();
      return true;
    }
    if (p.depth <= 0) {
      const r = readObjectLiteral(p.text, 0);
      if (r.status === 'ok') {
        pending = undefined;
        sink.object(r.pairs, r.quote, p.json);
      } else if (r.status === 'malformed') {
        pending = undefined;
        if (!p.json) sink.malformed();
      }
    }
    return true;
  }

  function flushMegatron(): void {
    const m = megatron;
    if (!m) return;
    megatron = undefined;
    sink.megatronLine(stripPrefixes(m.text));
  }

  function offer(raw: string): boolean {
    if (megatron) {
      const t = raw.trim();
      if (
        t.length === 0 ||
        t === '...' ||
        megatron.lines >= 4 ||
        MEGATRON_START_RE.test(raw) ||
        raw.indexOf('%|') >= 0
      ) {
        flushMegatron();
      } else {
        megatron.text += raw;
        megatron.lines++;
        if (t.endsWith('|')) flushMegatron();
        return true;
      }
    }
    if (pending) return continueObject(pending, raw);
    return false;
  }

  return {
    startObject,
    startMegatron(line) {
      megatron = { text: line, lines: 1 };
    },
    offer,
    blank: flushMegatron,
    cancel() {
      pending = undefined;
      megatron = undefined;
    },
    end() {
      flushMegatron();
      const p = pending;
      pending = undefined;
      if (p && !p.json) {
        // A dict the paste ends inside (an excerpt cut in a pretty-printed `stats` dict): the
        // pairs printed whole before the cut are its record.
        const r = p.lines > 1 ? readObjectLiteral(p.text, 0) : undefined;
        if (r?.status === 'incomplete' && r.pairs.some(([, value]) => value !== undefined)) {
          sink.object(r.pairs, r.quote, false);
        } else sink.malformed();
      }
    },
    get busy() {
      return pending !== undefined || megatron !== undefined;
    },
  };
}

/**
 * Whether a line opens a Megatron record that a terminal broke before its last field ended.
 *
 * @param line - The line, prefixes removed.
 * @returns True for an `iteration N/M |` line that does not end with `|`.
 * @example
 * ```ts
 * isWrappedMegatronStart(' iteration 10/ 100 | lm loss: 2.5'); // true
 * ```
 */
export function isWrappedMegatronStart(line: string): boolean {
  return MEGATRON_START_RE.test(line) && !line.trimEnd().endsWith('|');
}

/** `{` minus `}` in the text: a joined object is read again only when it can be whole. */
function braceDepth(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123) depth++;
    else if (c === 125) depth--;
  }
  return depth;
}

function decodeEntities(text: string): string {
  return decodeHtmlEntities(text);
}
