// Counts the fixture logs that chart the same when every line is stored the way a collector
// stores it (Docker's json-file driver, the CRI files of /var/log/pods, Cloud Logging, CloudWatch,
// journald's JSON, JSON loggers, a Jupyter notebook) as when read as printed, in one pass and
// streamed in 1 KB chunks. The same stores are asserted in src/__tests__/collectedLogs.test.ts;
// this script prints the counts for any build, to compare two:
//
//   node packages/parser/bench/collected-score.mjs [--dist path/to/dist/index.js] [--verbose]

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const distArg = process.argv.indexOf('--dist');
const distUrl =
  distArg > 0
    ? pathToFileURL(process.argv[distArg + 1])
    : new URL('../dist/index.js', import.meta.url);
const verbose = process.argv.includes('--verbose');
if (!existsSync(distUrl)) {
  console.error(`collected-score: ${fileURLToPath(distUrl)} is missing; build first`);
  process.exit(1);
}
const { parseTrainingLog, createLogParser } = await import(distUrl.href);
const base = fileURLToPath(new URL('../src/__tests__/fixtures/', import.meta.url));
const sets = readdirSync(base).filter((d) => d === 'corpus' || d.startsWith('unseen'));

const time = (i) =>
  `2024-05-01T12:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.123456789Z`;
const notebookOf = (lines) => ({
  cells: [
    {
      cell_type: 'code',
      execution_count: 3,
      metadata: {},
      outputs: [{ name: 'stdout', output_type: 'stream', text: lines.map((l) => `${l}\n`) }],
      source: ['trainer.train()'],
    },
  ],
  metadata: {},
  nbformat: 4,
  nbformat_minor: 5,
});
const STORES = {
  'Docker json-file': (ls) =>
    ls.map((l, i) => JSON.stringify({ log: `${l}\n`, stream: 'stdout', time: time(i) })),
  'Docker, lines cut in two': (ls) =>
    ls.flatMap((l, i) => {
      const h = Math.floor(l.length / 2);
      return [
        JSON.stringify({ log: l.slice(0, h), stream: 'stdout', time: time(i) }),
        JSON.stringify({ log: `${l.slice(h)}\n`, stream: 'stdout', time: time(i) }),
      ];
    }),
  'Docker API stream': (ls) => ls.map((l) => JSON.stringify({ stream: `${l}\n` })),
  'CRI files': (ls) => ls.map((l, i) => `${time(i)} stdout F ${l}`),
  'CloudWatch export': (ls) =>
    ls.map((l, i) =>
      JSON.stringify({ timestamp: 1714564800000 + i, message: l, ingestionTime: 1714564801000 }),
    ),
  'Cloud Logging textPayload': (ls) =>
    ls.map((l, i) =>
      JSON.stringify({ insertId: `x${i}`, textPayload: l, timestamp: time(i), severity: 'ERROR' }),
    ),
  'Cloud Logging jsonPayload': (ls) =>
    ls.map((l, i) => JSON.stringify({ jsonPayload: { message: l }, timestamp: time(i) })),
  'journalctl -o json': (ls) =>
    ls.map((l, i) => JSON.stringify({ __CURSOR: `s=${i}`, _PID: '1234', MESSAGE: l })),
  'python-json-logger': (ls) =>
    ls.map((l) => JSON.stringify({ levelname: 'INFO', message: l, lineno: 42 })),
  pino: (ls) =>
    ls.map((l, i) => JSON.stringify({ level: 30, time: 1714564800000 + i, pid: 1, msg: l })),
  'notebook (nbformat)': (ls) => JSON.stringify(notebookOf(ls), null, 1).split('\n'),
  'notebook on one line': (ls) => [JSON.stringify(notebookOf(ls))],
};

const curves = (r) =>
  JSON.stringify(
    Object.keys(r.series)
      .sort()
      .map((k) => [k, r.series[k].steps.join(','), r.series[k].values.join(',')]),
  );
const streamed = (text) => {
  const parser = createLogParser();
  for (let i = 0; i < text.length; i += 1024) parser.push(text.slice(i, i + 1024));
  parser.end();
  return parser.result();
};

const logs = sets.flatMap((set) =>
  readdirSync(`${base}${set}`)
    .filter((f) => f.endsWith('.log'))
    .map((f) => ({ file: `${set}/${f}`, text: readFileSync(`${base}${set}/${f}`, 'utf8') })),
);
console.log(`${logs.length} fixture logs, parser ${fileURLToPath(distUrl)}`);
for (const [store, reprint] of Object.entries(STORES)) {
  let same = 0;
  const differ = [];
  for (const { file, text } of logs) {
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    const want = curves(parseTrainingLog(text));
    const stored = `${reprint(lines).join('\n')}\n`;
    if (curves(parseTrainingLog(stored)) === want && curves(streamed(stored)) === want) same++;
    else differ.push(file);
  }
  console.log(`${store.padEnd(28)} ${String(same).padStart(4)} of ${logs.length} chart the same`);
  if (verbose) for (const file of differ) console.log(`    ${file}`);
}
