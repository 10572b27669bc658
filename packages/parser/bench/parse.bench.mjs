// Throughput and memory benchmark of @trainviz/parser (the built dist/index.js).
//
//   npm run build -w @trainviz/parser && npm run bench -w @trainviz/parser
//
// 1. 100 MB of Hugging Face Trainer stdout (tqdm bars redrawn with \r, dict lines, eval dicts),
//    generated in memory: parseTrainingLog() on the whole string against text.split(/\r\n|\r|\n/)
//    on the same text, best of 3 each (target: ratio >= 1.0, the parser at least as fast as split).
//    100 MB of LLaMA-Factory JSON lines: parseTrainingLog() against what a user writes without us
//    (split the lines, JSON.parse each, push every number into a column per key), best of 3 each
//    (target: ratio >= 1.0). Split alone is printed for information.
// 2. A 1 GB Trainer log generated chunk by chunk and streamed through createLogParser() in 64 KB
//    chunks, in a fresh child process, sampling its RSS.
// 3. downsampleM4() on 1M points.
// 4. For information: parseTrainingLog() on 30 MB of logger-prefixed sentences of pairs, the lines
//    the general grammar reads (no baseline: no format claims them).
// Prints PASS / MISS against each target; exits 0 either way (a benchmark is not a test).

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const MB = 1_000_000;
const distUrl = new URL('../dist/index.js', import.meta.url);
const srcDir = fileURLToPath(new URL('../src/', import.meta.url));

function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== '__tests__') newest = Math.max(newest, newestSourceMtime(`${path}/`));
    } else if (entry.name.endsWith('.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

if (!existsSync(distUrl)) {
  console.error(
    'bench: packages/parser/dist/index.js does not exist: the benchmark measures the built package.\n' +
      'Build it first:  npm run build -w @trainviz/parser  (then  npm run bench -w @trainviz/parser)',
  );
  process.exit(1);
}
if (newestSourceMtime(srcDir) > statSync(distUrl).mtimeMs) {
  console.warn(
    'bench: warning: src/ is newer than dist/index.js; the figures are those of the last build.\n' +
      '       Rebuild with  npm run build -w @trainviz/parser  to measure the current code.\n',
  );
}

const { createLogParser, downsampleM4, parseTrainingLog } = await import(distUrl.href);

/** Small deterministic PRNG (mulberry32), so every run parses the same text. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Python's repr of a small float: 4.9e-05, not JavaScript's 0.000049. */
function pyExp(value) {
  return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Python's repr of a float: 0.0, 2.31, 7.5e-06 (exponent below 1e-4, where JavaScript has none). */
function pyFloat(value) {
  if (value !== 0 && Math.abs(value) < 1e-4) return pyExp(value);
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** round(x, digits) as the Trainer logs loss and epoch. */
function pyRound(value, digits) {
  return pyFloat(Number(value.toFixed(digits)));
}

function clock(seconds) {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h > 0 ? `${h}:` : ''}${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const BAR_CHARS = ' ▏▎▍▌▋▊▉█';

/** A tqdm bar as the Trainer draws it: `  1%|▏         | 100/7252 [24:16<29:02:42, 14.62s/it]`. */
function tqdmBar(step, total) {
  const fraction = step / total;
  const eighths = Math.floor(fraction * 80);
  const full = Math.floor(eighths / 8);
  const part = eighths % 8;
  const bar = '█'.repeat(full) + (full < 10 ? BAR_CHARS[part] + ' '.repeat(9 - full) : '');
  const elapsed = step * 14.62;
  const remaining = (total - step) * 14.62;
  return `${String(Math.floor(fraction * 100)).padStart(3)}%|${bar}| ${step}/${total} [${clock(elapsed)}<${clock(remaining)}, 14.62s/it]`;
}

/**
 * Hugging Face Trainer stdout, one logging step (10 optimizer steps) at a time: the bar redrawn at
 * every step with \r, the dict written through tqdm.write (clear, dict, newline, bar), an eval dict
 * every 50 logging steps. Returns a function giving the next piece of text.
 */
function trainerLogPieces(seed, total) {
  const rand = random(seed);
  const clear = `\r${' '.repeat(60)}\r`;
  let step = 0;
  let logged = 0;
  let started = false;
  return () => {
    if (!started) {
      started = true;
      return `***** Running training *****\n  Num examples = 1,234,567\n  Total optimization steps = ${total}\n${tqdmBar(0, total)}`;
    }
    let out = '';
    for (let i = 0; i < 10; i++) {
      step++;
      out += `\r${tqdmBar(step, total)}`;
    }
    logged++;
    const progress = step / total;
    const loss = pyRound(2.5 * (1 - progress) + 0.3 + rand() * 0.2, 4);
    const gradNorm = String(0.5 + rand() * 2);
    const lr = pyExp(Number((5e-5 * (1 - progress)).toPrecision(16)));
    const epoch = pyRound(progress * 3, 2);
    out += `${clear}{'loss': ${loss}, 'grad_norm': ${gradNorm}, 'learning_rate': ${lr}, 'epoch': ${epoch}}\n${tqdmBar(step, total)}`;
    if (logged % 50 === 0) {
      const evalLoss = String(2.4 * (1 - progress) + 0.5 + rand() * 0.1);
      out += `${clear}{'eval_loss': ${evalLoss}, 'eval_runtime': 9.5817, 'eval_samples_per_second': 10.437, 'eval_steps_per_second': 1.357, 'epoch': ${epoch}}\n${tqdmBar(step, total)}`;
    }
    return out;
  };
}

/** LLaMA-Factory trainer_log.jsonl lines. */
function jsonLinesPieces(seed) {
  const rand = random(seed);
  const total = 4_000_000;
  let step = 0;
  return () => {
    step += 10;
    const progress = step / total;
    const loss = Number((2.5 * (1 - progress) + 0.3 + rand() * 0.2).toFixed(4));
    const lr = pyExp(Number((5e-5 * (1 - progress)).toPrecision(6)));
    return `{"current_steps": ${step}, "total_steps": ${total}, "loss": ${loss}, "lr": ${lr}, "epoch": ${pyFloat(progress * 3)}, "percentage": ${pyRound(progress * 100, 2)}, "elapsed_time": "${clock(step * 1.5)}", "remaining_time": "${clock((total - step) * 1.5)}", "throughput": ${(13174.21 + rand() * 100).toFixed(2)}, "total_tokens": ${step * 4096}}\n`;
  };
}

/** Hand-written loop lines through Python logging, with an evaluation sentence every 50 lines. */
function genericLines(bytes) {
  const rand = random(4);
  const lines = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `2024-05-01 12:00:${String(i % 60).padStart(2, '0')},123 - INFO - train - Epoch ${1 + Math.floor(i / 1000)}, Step ${i}, Loss ${(1 / (1 + i / 1e4) + rand() * 0.01).toFixed(4)}, LR ${1e-4}, grad_norm: ${((i % 7) / 3).toFixed(3)}`;
    lines.push(line);
    size += line.length + 1;
    if (i % 50 === 0) {
      const evalLine = `Validation: loss ${(0.9 + rand() * 0.01).toFixed(4)}, acc 0.8${i % 10}`;
      lines.push(evalLine);
      size += evalLine.length + 1;
    }
  }
  return { text: `${lines.join('\n')}\n`, bytes: size };
}

function generate(nextPiece, bytes) {
  const pieces = [];
  let size = 0;
  while (size < bytes) {
    const piece = nextPiece();
    pieces.push(piece);
    size += Buffer.byteLength(piece);
  }
  return { text: pieces.join(''), bytes: size };
}

function bestOf(runs, fn) {
  let best = Number.POSITIVE_INFINITY;
  let value;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    value = fn();
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, value };
}

const verdict = (ok) => (ok ? 'PASS' : 'MISS');
const fmt = (n, digits = 1) => n.toFixed(digits).padStart(7);

/**
 * What a user writes for JSON lines without this library: split the lines, JSON.parse each, push
 * every numeric value into a column per key. Blank and unparsable lines are skipped, as a careful
 * user would (a log being written ends in a partial line).
 */
function jsonLinesByHand(text) {
  const columns = new Map();
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.length === 0) continue;
    let record;
    try {
      record = JSON.parse(line);
    } catch {
      continue;
    }
    for (const key in record) {
      const value = record[key];
      if (typeof value !== 'number') continue;
      let column = columns.get(key);
      if (column === undefined) {
        column = [];
        columns.set(key, column);
      }
      column.push(value);
    }
  }
  return columns;
}

/**
 * Parses the generated text with parseTrainingLog() and with `baseline` (same text, same process,
 * interleaved best of 3), prints both rates and their ratio against the target.
 */
function compare(name, pieces, baseline, target, metric) {
  const { text, bytes } = generate(pieces, 100 * MB);
  const rate = (ms) => bytes / MB / (ms / 1000);
  const split = bestOf(3, () => text.split(/\r\n|\r|\n/).length);
  const base = baseline.name === 'split' ? split : bestOf(3, () => baseline.run(text));
  const parse = bestOf(3, () => parseTrainingLog(text));
  const ratio = rate(parse.ms) / rate(base.ms);
  const result = parse.value;
  console.log(
    `${name.padEnd(22)} ${fmt(bytes / MB)} MB  parser ${fmt(rate(parse.ms))} MB/s  ${baseline.name} ${fmt(rate(base.ms))} MB/s  ratio ${ratio.toFixed(2)} (target >= ${target.toFixed(1)})  ${verdict(ratio >= target)}`,
  );
  if (baseline.name !== 'split') {
    const points = [...base.value.values()].reduce((n, column) => n + column.length, 0);
    console.log(
      `${''.padEnd(22)} ${baseline.name}: ${base.value.size} columns, ${points} numbers; text.split alone ${fmt(rate(split.ms))} MB/s (for information)`,
    );
  }
  console.log(
    `${''.padEnd(22)} format ${result.format}, stepSource ${result.stepSource}, ${result.stats.lines} lines, ${result.stats.records} records, ${result.series[metric]?.steps.length ?? 0} ${metric} points`,
  );
  const floor = outputFloor(result);
  console.log(
    `${''.padEnd(22)} of which unavoidable: writing ${floor.arrays} result arrays (${(floor.bytes / MB).toFixed(1)} MB of doubles) into fresh memory alone takes ${floor.ms.toFixed(0)} ms = ${((floor.ms / parse.ms) * 100).toFixed(0)}% of the parse time`,
  );
  return ratio >= target;
}

/**
 * What a parse cannot avoid: allocating and filling arrays as long as the result's (its distinct
 * `steps` arrays and every `values` array) in fresh memory, best of 3. On a machine where a fresh
 * page costs much (a VM returning freed memory to its host), this alone is a large part of a parse.
 */
function outputFloor(result) {
  const lengths = [];
  const seen = new Set();
  for (const series of Object.values(result.series)) {
    if (!seen.has(series.steps)) {
      seen.add(series.steps);
      lengths.push(series.steps.length);
    }
    lengths.push(series.values.length);
  }
  const { ms } = bestOf(3, () => {
    const arrays = lengths.map((n) => new Array(n));
    const n = Math.max(0, ...lengths);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < arrays.length; a++) if (i < lengths[a]) arrays[a][i] = i + 0.5;
    }
    return arrays.length;
  });
  return { arrays: lengths.length, bytes: lengths.reduce((a, b) => a + b, 0) * 8, ms };
}

/**
 * Child process: stream 1 GB through createLogParser in 64 KB chunks, report JSON on stdout. With
 * `withParser` false the same text is generated and thrown away: the RSS the harness itself needs.
 */
function streamPhase(withParser, retainSeries = false) {
  const totalBytes = 1024 * MB;
  const chunkChars = 64 * 1024;
  const nextPiece = trainerLogPieces(7, 10_000_000);
  const parser = withParser ? createLogParser({ retainSeries }) : undefined;
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  let bytes = 0;
  let points = 0;
  let carry = '';
  let parseMs = 0;
  const start = performance.now();
  while (bytes < totalBytes) {
    const parts = [carry];
    let length = carry.length;
    while (length < chunkChars) {
      const piece = nextPiece();
      parts.push(piece);
      length += piece.length;
    }
    const text = parts.join('');
    const chunk = text.slice(0, chunkChars);
    carry = text.slice(chunkChars);
    bytes += Buffer.byteLength(chunk);
    if (parser) {
      const pushStart = performance.now();
      points += parser.push(chunk).points.length;
      parseMs += performance.now() - pushStart;
    }
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  }
  let records = 0;
  let lossPoints = 0;
  if (parser) {
    points += parser.push(carry).points.length + parser.end().points.length;
    const result = parser.result();
    records = result.stats.records;
    lossPoints = result.series.loss?.steps.length ?? 0;
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(
    JSON.stringify({
      bytes,
      seconds,
      parseSeconds: parseMs / 1000,
      baseline,
      peak,
      points,
      records,
      lossPoints,
    }),
  );
}

function runStreamPhase(mode) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), mode], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status === 0) return JSON.parse(child.stdout);
  console.log(`1 GB streamed: the child process failed (${child.status ?? child.signal})`);
  console.log(child.stderr.split('\n').slice(0, 5).join('\n'));
  return undefined;
}

if (process.argv[2] === '--stream-phase') {
  streamPhase(true);
} else if (process.argv[2] === '--stream-retained') {
  streamPhase(true, true);
} else if (process.argv[2] === '--stream-control') {
  streamPhase(false);
} else {
  // On a shared machine the wall-clock figures scale with the load; the ratios, measured side by
  // side in the same process, are the comparable numbers.
  console.log(
    `@trainviz/parser benchmark: Node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}, MB = 10^6 bytes\n`,
  );
  const trainerOk = compare(
    'HF Trainer stdout',
    trainerLogPieces(1, 1_000_000),
    { name: 'split' },
    1.0,
    'loss',
  );
  const jsonOk = compare(
    'LLaMA-Factory JSONL',
    jsonLinesPieces(2),
    { name: 'split + JSON.parse + columns', run: jsonLinesByHand },
    1.0,
    'loss',
  );

  const control = runStreamPhase('--stream-control');
  const r = runStreamPhase('--stream-phase');
  let rssOk = false;
  if (r) {
    rssOk = r.peak < 200 * 1024 * 1024;
    const mib = (bytes) => (bytes / 1024 / 1024).toFixed(0);
    console.log(
      `1 GB streamed, 64 KB   ${fmt(r.bytes / MB, 0)} MB  push() ${fmt(r.bytes / MB / r.parseSeconds)} MB/s (${r.parseSeconds.toFixed(1)} s of ${r.seconds.toFixed(1)} s with generation)  peak RSS ${mib(r.peak)} MiB (target < 200 MiB)  ${verdict(rssOk)}`,
    );
    console.log(
      `${''.padEnd(22)} ${r.records} records, ${r.lossPoints} loss points, ${r.points} points streamed; RSS at start ${mib(r.baseline)} MiB${control ? `, peak of the harness alone (same text, no parser) ${mib(control.peak)} MiB` : ''}`,
    );
    const retained = runStreamPhase('--stream-retained');
    if (retained) {
      console.log(
        `${''.padEnd(22)} for information, with retainSeries: true (every point kept for result().series): peak RSS ${mib(retained.peak)} MiB, ${retained.lossPoints} loss points`,
      );
    }
  }

  const n = 1_000_000;
  const steps = new Float64Array(n);
  const values = new Float64Array(n);
  const rand = random(3);
  for (let i = 0; i < n; i++) {
    steps[i] = i + 1;
    values[i] = 3 - i / n + rand() * 0.1;
  }
  values[n >> 1] = Number.NaN;
  const m4 = bestOf(5, () => downsampleM4(steps, values, 4000));
  console.log(
    `downsampleM4 1M points  ${m4.ms.toFixed(1)} ms best of 5 -> ${m4.value.length} indices kept (maxPoints 4000)`,
  );

  // The general grammar reads every line no format claims: its speed, for information (a log of
  // logger-prefixed sentences of pairs, the shape hand-written loops print).
  const generic = genericLines(30 * MB);
  const g = bestOf(3, () => parseTrainingLog(generic.text));
  console.log(
    `generic text lines      ${fmt(generic.bytes / MB, 1)} MB  parser ${fmt(generic.bytes / MB / (g.ms / 1000))} MB/s (for information: logger-prefixed \`Epoch 1, Step 5, Loss 0.91, LR 1e-4, grad_norm: 0.3\` lines and eval sentences), ${g.value.series.loss?.steps.length ?? 0} loss points`,
  );

  console.log(`\nload average at the end: ${loadavg()[0].toFixed(1)}`);
  if (!trainerOk || !jsonOk || !rssOk) {
    console.log(
      '\nA target was missed. Profile with:  node --cpu-prof bench/parse.bench.mjs  (open the .cpuprofile in Chrome DevTools).',
    );
  }
}
