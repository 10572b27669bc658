import { canonicalName } from '../canonicalName';
import type { LineFormat, ObjectFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';
import { type FlatObject, objectRecord } from './objectRecord';
import { readFieldPair } from './readFieldPair';

/**
 * fairseq, all three log formats.
 *
 * Grammar:
 * ```
 * simple := ["| "] "epoch " int [":"] " "+ int " / " int " " key "=" value ["(" avg ")"] (", " key "=" value)*
 * pipe   := "| epoch " int " | " key " " value (" | " key " " value)*
 * valid  := "| epoch " int " | valid on '" subset "' subset | " key " " value (" | " key " " value)*
 *         | "| epoch " int " | valid on '" subset "' subset" " "+ int " / " int " " key "=" value    (legacy progress)
 * json   := "{" "\"epoch\": " int ", \"update\": " n (", \"" key "\": \"" n "\"")* "}"
 * ```
 * Real lines: `| epoch 001:    450 / 1891 loss=11.521, nll_loss=10.881, ppl=1886.05, num_updates=445, lr=8.90889e-05, gnorm=1.543, clip=0%`,
 * `| epoch 008 | loss 6.326 | nll_loss 5.193 | ppl 36.58 | num_updates 21896 | lr 0.000213706 | gnorm 1.201`,
 * `| epoch 001 | valid on 'valid' subset | valid_loss 8.11425 | valid_nll_loss 6.8834 | valid_ppl 118.06 | num_updates 600`,
 * legacy `| epoch 010  2000 / 8223 loss=1.27 (1.50), wps=962, gnorm=2.1427` (no colon, no `num_updates`),
 * `{"epoch": 27, "update": 26.267, "loss": "8.206", "num_updates": "33700", "lr": "0.00017226", "gnorm": "1.833"}`.
 * `num_updates` is the step, `gnorm` → grad_norm, `valid_loss` (or `loss` on a valid line) → eval_loss.
 *
 * @param line - The text line (JSON lines come through {@link fairseqJsonRecord}).
 * @returns The record, or `undefined` for other lines.
 * @defaultValue undefined for other lines
 * @example
 * ```ts
 * fairseqRecord('| epoch 001 | valid on \'valid\' subset | valid_loss 8.1 | num_updates 600')?.kind; // 'eval'
 * ```
 */
export function fairseqRecord(line: string): LineRecord | undefined {
  // Before 2019 the position followed the epoch without a colon (`| epoch 010  2000 / 8223 loss=1.27 (1.50), ...`).
  const m = /(?:^|\| )epoch (\d+)(:?\s+\d+ \/ \d+ | \| )(.*)$/.exec(line);
  if (!m) return undefined;
  let simple = !(m[2] ?? '').startsWith(' |');
  let rest = m[3] ?? '';
  // The legacy valid progress (`valid on 'valid' subset  1000 / 1311 loss=1.60`) is a running eval value.
  const valid = /^valid on '[^']*' subset(?: \| |\s+\d+ \/ \d+ )/.exec(rest);
  if (valid) {
    simple = !valid[0].endsWith('| ');
    rest = rest.slice(valid[0].length);
  }
  const fields = simple ? rest.split(/,\s*/) : rest.split('|');
  const metrics: Array<[string, number]> = [];
  let step: number | undefined;
  for (const field of fields) {
    const pair = readFieldPair(field);
    if (!pair) continue;
    const [key, value] = pair;
    if (key === 'num_updates') {
      step = value;
      continue;
    }
    let name = canonicalName(key);
    if (valid) {
      if (name === 'loss') name = 'eval_loss';
      else if (name !== 'eval_loss' && !/^valid[_ ]/.test(name) && name !== 'best')
        name = `valid_${name}`;
    }
    metrics.push([name, value]);
  }
  if (metrics.length === 0) return undefined;
  const record: LineRecord = { format: 'fairseq', kind: valid ? 'eval' : 'train', metrics };
  if (step !== undefined) record.step = step;
  return record;
}

/**
 * fairseq `--log-format json` line (values are JSON strings), see {@link fairseqRecord}.
 *
 * @param object - Keys and values of the object.
 * @returns The record, or `undefined` when nothing is numeric.
 * @defaultValue undefined when nothing is numeric
 * @example
 * ```ts
 * fairseqJsonRecord({ keys: ['loss', 'num_updates'], values: [8.2, 33700], count: 2, quote: 'double' })?.step; // 33700
 * ```
 */
export function fairseqJsonRecord(object: FlatObject): LineRecord | undefined {
  let valid = false;
  for (let i = 0; i < object.count; i++)
    if ((object.keys[i] as string).startsWith('valid_')) valid = true;
  const record = objectRecord(object, 'fairseq', false);
  if (record && valid) record.kind = 'eval';
  return record;
}

/** fairseq's simple and pipe log formats (`| epoch 001: ... num_updates=445, lr=8.9e-05`). */
export const fairseqFormat = {
  id: 'fairseq' as const,
  name: 'fairseq',
  example:
    '| epoch 008 | loss 6.326 | nll_loss 5.193 | ppl 36.58 | num_updates 21896 | lr 0.000213706 | gnorm 1.201',
  reads: 'line',
  createState: () => undefined,
  claims: (line, first) => first === 124 /* | */ || line.indexOf('| epoch ') >= 0,
  read: (line) => fairseqRecord(line),
} satisfies LineFormat<'fairseq', undefined>;

/** fairseq `--log-format json` objects (every value a string), keyed by `num_updates`. */
export const fairseqJsonFormat = {
  id: 'fairseq' as const,
  name: 'fairseq --log-format json',
  example:
    '{"epoch": 27, "update": 26.267, "loss": "8.206", "num_updates": "33700", "lr": "0.00017226"}',
  reads: 'object',
  claimsObject: (object) => hasKey(object, 'num_updates'),
  readObject: fairseqJsonRecord,
} satisfies ObjectFormat<'fairseq'>;

function hasKey(object: FlatObject, key: string): boolean {
  for (let i = 0; i < object.count; i++) if (object.keys[i] === key) return true;
  return false;
}
