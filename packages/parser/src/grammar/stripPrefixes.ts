const BRACKET_PREFIX_RE =
  /^\[(?:rank\d+|[\w-]+\|\d+|RANK:?\d+|default\d+|pod\/[\w.-]+(?:\/[\w.-]+)?)\]:?\s*/i;
/** `mpirun --tag-output` (Horovod, SageMaker): `[1,0]<stdout>:`, `[1,mpirank:0,algo-1]<stderr>:`. */
const MPI_TAG_RE = /^\[[\w,:.-]{1,64}\]<std(?:out|err)>:\s?/;
const HTML_TAG_RE =
  /^<\/?(?:code|pre|samp|kbd|p|br|div|span|details|summary|b|i|tt)\b[^<>]{0,32}>/i;
/** Ray's worker prefix: `(RayTrainWorker pid=1234, ip=10.0.0.1) `, or `(pid=1234) ` in older Ray. */
const RAY_PREFIX_RE = /^\((?:[\w.-]+ )?pid=\d+(?:, ip=[\d.]+)?\)\s*/;
const SRUN_PREFIX_RE = /^(\d{1,4}):\s+/;
/**
 * A timestamp opening the line: `2024-05-01 12:00:00,123 `, RFC 3339 from `kubectl logs
 * --timestamps` or GitHub Actions (`2024-05-01T12:00:00.1234567Z `), with the stream and tag of
 * the container runtime's own log files (CRI: `2024-05-01T12:00:00.123456789Z stdout F `, what
 * `/var/log/pods/` holds under containerd and CRI-O).
 */
const TIMESTAMP_RE =
  /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)? (?:std(?:out|err) [FP] )?/;
/**
 * rllab's and rlpyt's logger: the time to the microsecond, an optional zone, then a bar
 * (`2022-03-28 02:51:48.688282 | Diagnostics/CumSteps 10000`).
 */
const RLLAB_PREFIX_RE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}(?: [A-Z]{2,5})? {1,2}\| /;
/** `docker compose` service prefix: `trainer-1  | `, `trainer_1  | ` (a replica number, then a bar). */
const COMPOSE_PREFIX_RE = /^[A-Za-z][\w.]*(?:-[\w.]+)*[-_]\d+ +\| ?/;
/** pm2's `0|train  | `. */
const PM2_PREFIX_RE = /^\d{1,4}\|[\w.-]+ *\| ?/;
/** The systemd journal / syslog: `Dec 05 01:21:46 gpu-node-3 python[12345]: `. */
const SYSLOG_PREFIX_RE = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d [\w.-]+ [\w.@/-]+(?:\[\d+\])?: /;

/**
 * A terminal's escape sequences: colours and cursor moves (`ESC [ 32m`), and the window title a
 * shell or a launcher sets (`ESC ] 0;python train.py BEL`, or ended by `ESC \\`), which a log
 * captured from a terminal (`script`, tmux) keeps before its lines.
 */
const ESCAPE_RE = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/** What {@link stripPrefixes} found besides the text. */
export interface StrippedPrefixes {
  /** The number of an `N:` prefix removed (`srun -l` ranks, CatBoost's iteration counter). */
  counter: number | undefined;
}

/**
 * Removes what wraps a record without being part of it: leading spaces, `> ` quote marks, R's `#> `
 * output marks, ANSI colour codes (with or without their ESC byte), `[rank0]:`/`[trainer0|0]:`/
 * `[default0]:` (torchrun), `(main_task pid=1) `, `srun -l` rank numbers,
 * `[INFO|trainer.py:3910] ... >> `, timestamps (rllab's and rlpyt's with the bar after them), and
 * what the tools that collect a process's output put before each of its lines: `docker compose`
 * (`trainer-1  | `), `kubectl logs --prefix` (`[pod/train-0/trainer] `), `mpirun --tag-output`
 * (`[1,0]<stdout>:`), pm2, the systemd journal.
 *
 * @param line - A raw line.
 * @param found - Receives the number of an `N:` prefix, when one was removed.
 * @returns The line from its first character of data.
 * @example
 * ```ts
 * stripPrefixes('[rank0]: {\'loss\': 1.2}'); // "{'loss': 1.2}"
 * ```
 */
export function stripPrefixes(line: string, found?: StrippedPrefixes): string {
  let s = line;
  if (found) found.counter = undefined;
  if (s.indexOf('\x1b') >= 0) s = s.replace(ESCAPE_RE, '');
  if (s.indexOf('[0m') >= 0) s = s.replace(/\[[0-9;]*m/g, '');
  let i = 0;
  const n = s.length;
  for (let guard = 0; guard < 8; guard++) {
    while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
    if (i >= n) return '';
    const c = s.charCodeAt(i);
    if (c === 62 /* > */) {
      if (i + 1 >= n || s.charCodeAt(i + 1) === 32) {
        i++;
        continue;
      }
      break;
    }
    // `#> ` before every output line of an R chunk (reprex, knitr's `comment = "#>"`).
    if (
      c === 35 /* # */ &&
      s.charCodeAt(i + 1) === 62 &&
      (i + 2 >= n || s.charCodeAt(i + 2) === 32)
    ) {
      i += 2;
      continue;
    }
    if (c === 0x2022 /* • */) {
      // A bulleted block (`  • Loss: 0.1032` under `📊 Training Results:`, NeMo-RL): the bullet
      // marks the line, it names nothing.
      if (i + 1 < n && s.charCodeAt(i + 1) === 32) {
        i += 2;
        continue;
      }
      break;
    }
    if (c === 91 /* [ */) {
      const rest = s.slice(i, i + 200);
      const m = BRACKET_PREFIX_RE.exec(rest) ?? MPI_TAG_RE.exec(rest);
      if (m) {
        i += m[0].length;
        continue;
      }
      const arrows = rest.indexOf(' >> ');
      if (arrows > 0 && /^\[[A-Z]+\|/.test(rest)) {
        i += arrows + 4;
        continue;
      }
      break;
    }
    if (c === 60 /* < */) {
      // HTML left by a paste (`<code>iter 1 ...`, `<pre>`): not part of the record.
      const m = HTML_TAG_RE.exec(s.slice(i, i + 48));
      if (m) {
        i += m[0].length;
        continue;
      }
      break;
    }
    if (c === 40 /* ( */) {
      const m = RAY_PREFIX_RE.exec(s.slice(i, i + 80));
      if (m) {
        i += m[0].length;
        continue;
      }
      break;
    }
    if (c >= 48 && c <= 57) {
      const rest = s.slice(i, i + 48);
      const srun = SRUN_PREFIX_RE.exec(rest);
      if (srun) {
        if (found) found.counter = Number(srun[1]);
        i += srun[0].length;
        continue;
      }
      const m = RLLAB_PREFIX_RE.exec(rest) ?? TIMESTAMP_RE.exec(rest) ?? PM2_PREFIX_RE.exec(rest);
      if (m) {
        i += m[0].length;
        continue;
      }
      break;
    }
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      const rest = s.slice(i, i + 120);
      // Cheap tests first: a compose prefix has a bar, a syslog one a space after a month name.
      const m =
        (rest.indexOf('|') > 0 ? COMPOSE_PREFIX_RE.exec(rest) : null) ??
        (rest.charCodeAt(3) === 32 && c <= 90 ? SYSLOG_PREFIX_RE.exec(rest) : null);
      if (m) {
        i += m[0].length;
        continue;
      }
    }
    break;
  }
  return i === 0 ? s : s.slice(i);
}
