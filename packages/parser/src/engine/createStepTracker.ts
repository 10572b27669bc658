import { type ProgressBar, readProgressBar } from '../formats/progressBar';
import type { StepSource } from '../types';

/** What a record says of its own step. */
export interface StepClaims {
  kind: 'train' | 'eval';
  /** The format of the record (step-less generic lines join the step before them). */
  format: string;
  explicit: number | undefined;
  progress: number | undefined;
  /** A counter that is the step only while it advances (an integer epoch). */
  weak: number | undefined;
  /** The line is the tail of a cut line (see `LineRecord.tail`). */
  tail?: boolean;
  /** The weak counter ends its epoch (see `LineRecord.epochEnd`). */
  epochEnd?: boolean;
  /** Read from a progress bar's description (see `LineRecord.barDescription`). */
  barDescription?: boolean;
  /** The step is an identifier, in no order (see `LineRecord.unordered`). */
  unordered?: boolean;
}

/** The step of a record and where it came from (`undefined`: an eval or a continuation). */
export interface ResolvedStep {
  step: number;
  source: StepSource | undefined;
  /** The step a restart goes back from, when this record's explicit step went backwards. */
  restartFrom: number | undefined;
}

/** Questions the tracker asks about the record being placed. */
export interface RecordView {
  /** The record repeats the one before it. */
  sameAsPrevious(): boolean;
  /** The record shares no metric with the one before it. */
  disjointFromPrevious(): boolean;
  /** The record shares no metric but `epoch` with the one before it. */
  disjointBesidesEpoch(): boolean;
}

/** Decides the step of each record. */
export interface StepTracker {
  /** A plain progress bar line, kept unread until a record needs it (of ten redraws, one is read). */
  keepBar(line: string, percent: number): void;
  /** A progress bar that was read (with a postfix, or before a dict on the same line). */
  noteBar(bar: ProgressBar): void;
  /** The step of a record, before duplicates are dropped, written into `out` (no allocation per record). */
  resolve(claims: StepClaims, record: RecordView, out: ResolvedStep): ResolvedStep;
  /** The record was kept at `resolved`: counters, bars and restarts move on. */
  commit(claims: StepClaims, resolved: ResolvedStep): void;
  /** The weakest source any train record used (`count` when there was none). */
  readonly source: StepSource;
  /** The key duplicates are compared at: the step of explicit and progress records. */
  readonly previousKey: number | undefined;
  readonly previousKind: string;
}

const SOURCE_RANK: Record<StepSource, number> = { explicit: 2, progress: 1, count: 0 };
const TRAINING_UNIT_RE = /^[kMG]?(?:it|it\/s|s\/it)$/;
const DATASET_BAR_RE =
  /(?:^|[\s:\]|])(?:Map|Filter|Tokeniz|Generating|Downloading|Loading|Resolving|Saving|Extracting|Running tokenizer|Applying chat template|Packing|Converting|Casting|Shuffling|Flattening|Concatenating|Grouping texts|Fetching|Preprocessing|Formatting|Adding EOS|Truncating|Sharding)/i;

/**
 * Creates the step tracker of a parse (README rule 3). An explicit step wins; else the position of
 * the training bar printed just before the record, while it advances; else the record's count.
 * A weak counter (an integer epoch) is the step while it advances; two different train records
 * at one value mean several records per epoch, counted from there on. A bar stuck at one position
 * (`8/8` before every record) gives no step either. An eval record takes the step of the train
 * record before it; a step-less generic line right after a record of another shape joins its step.
 * An explicit step that goes backwards is a restart.
 *
 * @returns The tracker.
 * @example
 * ```ts
 * const tracker = createStepTracker();
 * const claims = { kind: 'train', format: 'nanogpt', explicit: 10, progress: undefined, weak: undefined } as const;
 * tracker.resolve(claims, record, { step: 0, source: undefined, restartFrom: undefined }).step; // 10
 * ```
 */
export function createStepTracker(): StepTracker {
  let weakest: StepSource | undefined;
  let lastExplicitStep: number | undefined;
  let lastWeakStep: number | undefined;
  let weakCollapsed = false;
  let lastBarStep: number | undefined;
  let barStuck = false;
  let lastTrainStep: number | undefined;
  /** The last train record was placed by an iteration count (a bar, a position, an explicit step). */
  let lastTrainFine = false;
  /** The last train record was a bar's description, placed by its epoch. */
  let lastTrainFromBar = false;
  /** The last train record joined the step before it (it ended an epoch). */
  let lastTrainJoined = false;
  /** The record being placed is an epoch-level line joining the step before it. */
  let epochJoin = false;
  /** The epoch of the epoch-level line being placed when it joins the step before it. */
  let joinedWeak = -1;
  /** The epoch of the last train record that joined the step before it. */
  let lastJoinedWeak = -1;
  let counter = 0;
  /** The last train record was placed by counting. */
  let lastTrainCounted = false;
  let previousKind = '';
  let previousKey: number | undefined;

  let mainTotal = 0;
  let barPosition = 0;
  let barFresh = false;
  /** The position and total of the last fresh bar a record followed (the bar it used up). */
  let spentBarN = -1;
  let spentBarTotal = -1;
  let lastBarLine: string | undefined;
  let lastBarPercent = 0;

  function noteBar(bar: ProgressBar): void {
    lastBarLine = undefined;
    if (!isTrainingBar(bar)) return;
    if (bar.total >= mainTotal) {
      mainTotal = bar.total;
      barPosition = bar.n;
      // The bar a record already took, printed again by another rank after that record (a line
      // glued after each rank's bar): no new position.
      barFresh = !(bar.n === spentBarN && bar.total === spentBarTotal);
    }
  }

  /** Reads the bar kept unread; true when it is a fresh position of the main bar. */
  function settleBar(): boolean {
    const line = lastBarLine;
    lastBarLine = undefined;
    if (line === undefined) return barFresh;
    const bar = readProgressBar(line, lastBarPercent);
    if (bar) noteBar(bar);
    return barFresh;
  }

  function resolve(claims: StepClaims, record: RecordView, out: ResolvedStep): ResolvedStep {
    const { kind, weak } = claims;
    if (claims.tail && kind === 'train') {
      // The tail of a cut line continues the record before it, or is a fragment (NaN: no record).
      return joined(
        out,
        lastTrainStep !== undefined && record.disjointFromPrevious() ? lastTrainStep : Number.NaN,
      );
    }
    let explicit = claims.explicit;
    let outOfOrder = false;
    epochJoin = false;
    if (weak !== undefined && explicit === undefined && claims.progress === undefined) {
      // An epoch-level line among iteration-level records (`EPOCH 10 done: loss 0.1231` after
      // `epoch 10 - iter 1750/1750 - loss 0.1231004`, `Train epoch:[0]; Epoch Time: 327.7` after
      // counted batches) is the end of the epoch just logged: it joins the step before it.
      // The same end-of-epoch line printed again (by another rank) joins the same step.
      if (
        kind === 'train' &&
        lastTrainStep !== undefined &&
        ((!lastTrainJoined &&
          ((lastTrainFine && weak < lastTrainStep) ||
            (weakCollapsed && previousKind === 'train' && record.disjointBesidesEpoch()))) ||
          (lastTrainJoined && previousKind === 'train' && record.sameAsPrevious()) ||
          // `====> Epoch: 4275, cost 7.04 s` after `====> Epoch: 4274, ...`, both after `step:
          // 21400`: the epochs between two logged iterations end there too, never a restart.
          (lastTrainJoined && lastTrainFine && weak > lastJoinedWeak && weak < lastTrainStep) ||
          // `[Epoche 1] Durchschnittl. Train-Loss: 2.34`, then `[Epoche 1] Dauer: 1425.62 sec`:
          // the other lines of that epoch's end, one metric a line, join it too.
          (lastTrainJoined && weak === lastJoinedWeak && record.disjointBesidesEpoch()))
      ) {
        epochJoin = true;
        joinedWeak = weak;
        return joined(out, lastTrainStep);
      }
      // `Validation Results - Epoch: 1  Avg loss: 0.25` after iterations placed by their own
      // counter: the evaluation is at the last iteration, not a restart back to step 1.
      if (
        kind === 'eval' &&
        lastTrainStep !== undefined &&
        ((lastTrainFine && weak < lastTrainStep) || (lastTrainJoined && weak === lastJoinedWeak))
      ) {
        return joined(out, lastTrainStep);
      }
      if (
        !weakCollapsed &&
        kind === 'train' &&
        weak === lastWeakStep &&
        lastTrainFromBar &&
        previousKind === 'train' &&
        claims.barDescription !== true &&
        lastTrainStep !== undefined
      ) {
        return joined(out, lastTrainStep);
      }
      if (
        !weakCollapsed &&
        kind === 'train' &&
        weak === lastWeakStep &&
        // A record printed again (a second rank) proves nothing about the epochs.
        !(previousKind === kind && record.sameAsPrevious()) &&
        // `Finished Epoch[17 of 30]: ...` after a mid-epoch line of epoch 17: the epoch's last word.
        claims.epochEnd !== true &&
        // One metric a line under an epoch header (`train_loss 0.70`, `val_loss 0.46`, `Epoch
        // time: 148.59 s` after `Epoch 0`) is one epoch's record spread over lines, not several;
        // so are lines that each print the epoch (`Epoca 1/100 [Train] LR=1.0e-02: 100%|...`,
        // then `Epoca 1/100 | Train Loss: 0.11 | Val Loss: 0.017`).
        !(record.disjointFromPrevious() || record.disjointBesidesEpoch())
      ) {
        weakCollapsed = true;
        counter = Math.max(counter, weak);
      }
      if (!weakCollapsed) {
        explicit = weak;
        // `Epoca 8/100 [Train] LR=1.0e-02:   0%|` flushed before `Epoca 7/100 | Train Loss: ...`:
        // a line of the epoch before that shares no metric with the line just placed is out of
        // order, not a restart.
        outOfOrder =
          lastExplicitStep !== undefined &&
          weak < lastExplicitStep &&
          previousKind === kind &&
          record.disjointBesidesEpoch();
      }
    }
    let step: number;
    let source: StepSource | undefined;
    if (explicit !== undefined) {
      step = explicit;
      source = 'explicit';
    } else if (claims.progress !== undefined) {
      step = claims.progress;
      source = 'progress';
    } else if (
      claims.format === 'generic' &&
      lastExplicitStep !== undefined &&
      (record.disjointFromPrevious() ||
        // `train loss: 1.646 - val loss: 0.898` under the epoch's bar `loss: 0.484 - acc: 75.0:
        // 100%|...`: the epoch's own line replaces the bar's running values at the same step.
        (kind === 'train' &&
          previousKind === 'train' &&
          lastTrainFromBar &&
          claims.barDescription !== true) ||
        // The same values again without the step (Caffe's `Train net output #0: loss = 51.5`
        // under `Iteration 240, loss = 51.5`): the record just placed, printed a second way.
        (previousKind === kind && previousKey === lastExplicitStep && record.sameAsPrevious()))
    ) {
      // The step of the record it continues, explicit or read as e × N + n.
      step = (kind === 'train' ? lastTrainStep : undefined) ?? lastExplicitStep;
    } else if (kind === 'eval') {
      step = lastTrainStep ?? 0;
    } else if (
      kind === 'train' &&
      previousKind === 'train' &&
      lastTrainStep !== undefined &&
      record.sameAsPrevious()
    ) {
      // The record just placed, printed again (a second rank, a second handler) after a bar that
      // did not place the first: the same step, never the bar's position.
      step = lastTrainStep;
    } else if (
      !barStuck &&
      ((lastBarLine !== undefined && settleBar()) || barFresh) &&
      // A bar that starts again each epoch, below the records counted before it (Ludwig's epoch
      // table after batch lines counted from `Epoch  7`): no step, the table is counted too.
      !(kind === 'train' && lastTrainCounted && barPosition <= counter)
    ) {
      step = barPosition;
      source = 'progress';
      if (
        step === lastBarStep &&
        !(previousKind === kind && previousKey === step && record.sameAsPrevious())
      ) {
        // A bar that reads the same position before two different records is stuck (`8/8` of an
        // eval loop, a bar left from another phase): it gives no step from here on.
        barStuck = true;
        counter = Math.max(counter, step);
        step = counter + 1;
        source = 'count';
      }
    } else {
      step = counter + 1;
      source = 'count';
    }
    out.step = step;
    out.source = source;
    out.restartFrom =
      source === 'explicit' &&
      lastExplicitStep !== undefined &&
      step < lastExplicitStep &&
      !outOfOrder &&
      claims.unordered !== true
        ? lastExplicitStep
        : undefined;
    return out;
  }

  function commit(claims: StepClaims, resolved: ResolvedStep): void {
    const { kind } = claims;
    const { step, source } = resolved;
    previousKind = kind;
    previousKey = source === 'explicit' || source === 'progress' ? step : undefined;
    if (source === 'count') counter = step;
    if (source !== undefined || kind === 'eval') {
      // A bar gives its position only to the record printed right after it: once any record
      // followed it (an eval dict after the eval bar), the next record needs a new bar.
      // (A record that took the bar's position leaves it to the stuck-bar check below instead.)
      if (barFresh && source !== 'progress') {
        spentBarN = barPosition;
        spentBarTotal = mainTotal;
      }
      barFresh = false;
      lastBarLine = undefined;
    }
    if (source === 'progress' && claims.progress === undefined && kind === 'train') {
      lastBarStep = step;
    }
    if (source === 'explicit') {
      lastExplicitStep = step;
      if (claims.weak !== undefined && claims.explicit === undefined && kind === 'train') {
        lastWeakStep = step;
      }
    }
    if (kind === 'train') {
      // Only an epoch-level line ends the epoch: a step-less line that joined the iteration before
      // it (`speed: 0.2s/iter` under `iters: 100, epoch: 2 | loss: 0.61`) leaves the next one free to.
      lastTrainJoined = source === undefined && epochJoin;
      lastTrainFromBar = claims.barDescription === true;
      if (lastTrainJoined) lastJoinedWeak = joinedWeak;
      if (source !== undefined) {
        // A bar's position is not enough: a bar stuck at `157/157` every epoch counts nothing.
        lastTrainFine =
          (source === 'progress' && claims.progress !== undefined) ||
          (source === 'explicit' && (claims.weak === undefined || claims.explicit !== undefined));
      }
      lastTrainStep = step;
      lastTrainCounted = source === 'count';
      if (source !== undefined) noteSource(source);
    } else if (source === 'explicit') noteSource(source);
  }

  function noteSource(source: StepSource): void {
    if (weakest === undefined || SOURCE_RANK[source] < SOURCE_RANK[weakest]) weakest = source;
  }

  return {
    keepBar(line, percent) {
      lastBarLine = line;
      lastBarPercent = percent;
    },
    noteBar,
    resolve,
    commit,
    get source() {
      return weakest ?? 'count';
    },
    get previousKey() {
      return previousKey;
    },
    get previousKind() {
      return previousKind;
    },
  };
}

/**
 * A bar of the training loop: its rate counts iterations (`it/s`, `s/it`, or no rate yet) and its
 * label is no dataset operation (`Map: 100%|...| 52002/52002 [..., 15000.00 examples/s]`), whose
 * larger total would otherwise take over the steps of the run.
 */
function isTrainingBar(bar: ProgressBar): boolean {
  if (bar.unit.length > 0 && !TRAINING_UNIT_RE.test(bar.unit)) return false;
  return bar.description.length === 0 || !DATASET_BAR_RE.test(bar.description);
}

/** The record takes `step` from the record it joins: no counter of its own, no restart. */
function joined(out: ResolvedStep, step: number): ResolvedStep {
  out.step = step;
  out.source = undefined;
  out.restartFrom = undefined;
  return out;
}
