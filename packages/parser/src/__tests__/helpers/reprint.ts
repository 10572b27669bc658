import { parseTrainingLog } from '../../parseTrainingLog';
import type { ParseResult } from '../../types';

/** Each series of a result as `steps | values`, by name: two results chart the same when equal. */
export function curves(result: ParseResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(result.series).sort()) {
    const series = result.series[name];
    if (series) out[name] = `${series.steps.join(',')} | ${series.values.join(',')}`;
  }
  return out;
}

/**
 * The logs whose curves change when their lines are printed again through `reprint`, each with the
 * names it lost and gained.
 *
 * @param texts - The logs.
 * @param reprint - The lines of a log (without their `\n`) as the new log's lines.
 * @param parse - How the new text is parsed (in one pass unless given).
 * @returns One line per log that charts differently.
 */
export function reprintedDifferently(
  texts: ReadonlyArray<{ file: string; text: string }>,
  reprint: (lines: string[]) => string[],
  parse: (text: string) => ParseResult = parseTrainingLog,
): string[] {
  const differ: string[] = [];
  for (const { file, text } of texts) {
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    const want = curves(parseTrainingLog(text));
    const got = curves(parse(`${reprint(lines).join('\n')}\n`));
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      const lost = Object.keys(want).filter((name) => !(name in got));
      const extra = Object.keys(got).filter((name) => !(name in want));
      differ.push(`${file}: lost [${lost.join(', ')}], extra [${extra.join(', ')}]`);
    }
  }
  return differ;
}
