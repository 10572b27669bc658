// Scores the BUILT parser (../dist/index.js) against hand-written expectations for real logs
// the parser was never tuned on: src/__tests__/fixtures/unseen/*.log + expectations.json.
//
//   node packages/parser/bench/unseen-score.mjs [--verbose] [--set unseen2|...|unseen17]
//
// Checks per file: every expected series exists, its point count is exact, its first and last
// [step, value] match (steps exact, values within relative 1e-6; "NaN"/"Infinity"/"-Infinity"
// strings match non-finite values; a null step means the log leaves the step ambiguous, so only
// the value is judged); names in `absent` are not series; `stepSource` matches when
// given; `summary` keys match when given. Prints PASS/FAIL per file and a total.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const distUrl = new URL('../dist/index.js', import.meta.url);
// `--set unseenN` scores the set in fixtures/unseenN (default: the first, fixtures/unseen).
const setArg = process.argv.indexOf('--set');
const set = setArg > 0 ? process.argv[setArg + 1] : 'unseen';
const dir = fileURLToPath(new URL(`../src/__tests__/fixtures/${set}/`, import.meta.url));
const verbose = process.argv.includes('--verbose');

if (!existsSync(distUrl)) {
  console.error(
    'unseen-score: dist/index.js is missing; build first: npm run build -w @trainviz/parser',
  );
  process.exit(1);
}
const { parseTrainingLog } = await import(distUrl.href);
const expectations = JSON.parse(readFileSync(`${dir}expectations.json`, 'utf8'));

function toNum(v) {
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return v;
}
function sameValue(actual, expected) {
  const e = toNum(expected);
  if (typeof actual !== 'number') return false;
  if (Number.isNaN(e)) return Number.isNaN(actual);
  if (!Number.isFinite(e)) return actual === e;
  if (e === 0) return Math.abs(actual) < 1e-12;
  return Math.abs(actual - e) <= 1e-6 * Math.abs(e);
}
const fmt = (v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v));

let filesOk = 0;
let filesTotal = 0;
let checksOk = 0;
let checksTotal = 0;
const logs = readdirSync(dir)
  .filter((f) => f.endsWith('.log'))
  .sort();

for (const file of logs) {
  const exp = expectations[file];
  if (!exp) {
    console.log(`SKIP ${file} (no expectations)`);
    continue;
  }
  filesTotal++;
  const failures = [];
  let ok = 0;
  let total = 0;
  const check = (cond, msg) => {
    total++;
    if (cond) ok++;
    else failures.push(msg);
  };
  let result;
  try {
    result = parseTrainingLog(readFileSync(dir + file, 'utf8'));
  } catch (err) {
    result = null;
    check(false, `parser threw: ${err?.message}`);
  }
  if (result) {
    for (const [name, e] of Object.entries(exp.series ?? {})) {
      const s = result.series[name];
      if (!s) {
        check(false, `series ${name}: missing`);
        if (e.count !== undefined) check(false, `series ${name}: count (missing)`);
        if (e.first) check(false, `series ${name}: first (missing)`);
        if (e.last) check(false, `series ${name}: last (missing)`);
        continue;
      }
      check(true, '');
      const n = s.steps.length;
      if (e.count !== undefined)
        check(n === e.count, `series ${name}: count ${n}, expected ${e.count}`);
      if (e.first) {
        const got = n ? [s.steps[0], s.values[0]] : null;
        check(
          got && (e.first[0] === null || got[0] === e.first[0]) && sameValue(got[1], e.first[1]),
          `series ${name}: first ${got ? `[${got[0]}, ${fmt(got[1])}]` : 'none'}, expected ${fmt(e.first)}`,
        );
      }
      if (e.last) {
        const got = n ? [s.steps[n - 1], s.values[n - 1]] : null;
        check(
          got && (e.last[0] === null || got[0] === e.last[0]) && sameValue(got[1], e.last[1]),
          `series ${name}: last ${got ? `[${got[0]}, ${fmt(got[1])}]` : 'none'}, expected ${fmt(e.last)}`,
        );
      }
    }
    for (const name of exp.absent ?? []) {
      check(!result.series[name], `series ${name}: present but must be absent`);
    }
    if (exp.stepSource) {
      check(
        result.stepSource === exp.stepSource,
        `stepSource ${result.stepSource}, expected ${exp.stepSource}`,
      );
    }
    for (const [key, value] of Object.entries(exp.summary ?? {})) {
      check(
        key in result.summary && sameValue(result.summary[key], value),
        `summary ${key}: ${fmt(result.summary[key])}, expected ${fmt(value)}`,
      );
    }
  }
  checksOk += ok;
  checksTotal += total;
  const pass = failures.length === 0;
  if (pass) filesOk++;
  console.log(
    `${pass ? 'PASS' : 'FAIL'} ${file}  (${ok}/${total})${result ? `  format=${result.format}` : ''}`,
  );
  for (const f of failures) console.log(`     - ${f}`);
  if (verbose && result) console.log(`     series: ${Object.keys(result.series).join(', ')}`);
}
for (const name of Object.keys(expectations)) {
  if (!logs.includes(name))
    console.log(`MISSING FILE ${name} (in expectations.json, no such .log)`);
}
console.log(
  `\n${filesOk} of ${filesTotal} files fully right, ${checksOk} of ${checksTotal} checks`,
);
