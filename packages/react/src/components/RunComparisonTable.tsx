'use client';
import { useState } from 'react';
import { formatNumber } from '../data/formatNumber';
import type { RunSummary } from '../data/summarizeRun';

/**
 * One row of {@link RunComparisonTable}.
 *
 * @example
 * ```ts
 * const row: RunComparisonRow = { summary: summarizeRun(run), color: '#0072B2' };
 * ```
 */
export interface RunComparisonRow {
  summary: RunSummary;
  /** Colour of the run's line, shown as a swatch. @defaultValue undefined */
  color?: string;
  /** The run's fetch failed: its message is shown in the row. @defaultValue undefined */
  error?: unknown;
}

/**
 * Props of {@link RunComparisonTable}.
 *
 * @example
 * ```tsx
 * <RunComparisonTable rows={rows} onRetry={(id) => refetch(id)} />
 * ```
 */
export interface RunComparisonTableProps {
  rows: readonly RunComparisonRow[];
  /** Called by the Retry button of a failed run. @defaultValue undefined (no button) */
  onRetry?: (runId: string) => void;
  /** Column sorted first. @defaultValue 'label' */
  defaultSortBy?: RunComparisonColumn;
}

/**
 * Sortable columns of {@link RunComparisonTable}.
 *
 * @example
 * ```ts
 * const column: RunComparisonColumn = 'bestEvalLoss';
 * ```
 */
export type RunComparisonColumn = Exclude<keyof RunSummary, 'id'>;

const COLUMNS: { key: RunComparisonColumn; title: string }[] = [
  { key: 'label', title: 'Run' },
  { key: 'status', title: 'Status' },
  { key: 'steps', title: 'Steps' },
  { key: 'lastLoss', title: 'Last loss' },
  { key: 'bestLoss', title: 'Best loss' },
  { key: 'bestEvalLoss', title: 'Best eval_loss' },
  { key: 'finalLearningRate', title: 'Final learning rate' },
];

/**
 * Per-run facts side by side (status, steps, last and best loss, best eval_loss, final learning rate).
 * Column headers are buttons that sort the rows (again to reverse); a failed run shows its error.
 *
 * @param props - {@link RunComparisonTableProps}
 * @returns the table
 *
 * @example
 * ```tsx
 * <RunComparisonTable rows={runs.map((run) => ({ summary: summarizeRun(run) }))} />
 * ```
 */
export function RunComparisonTable({
  rows,
  onRetry,
  defaultSortBy = 'label',
}: RunComparisonTableProps) {
  const [sort, setSort] = useState<{ by: RunComparisonColumn; descending: boolean }>({
    by: defaultSortBy,
    descending: false,
  });
  const sorted = [...rows].sort((a, b) => {
    const x = a.summary[sort.by];
    const y = b.summary[sort.by];
    // Missing facts sort last whatever the direction.
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = compare(x, y);
    return sort.descending ? -order : order;
  });
  return (
    <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
      <table className="tvz-table">
        <caption className="tvz-sr">Run comparison</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th
                key={column.key}
                scope="col"
                aria-sort={
                  sort.by === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'
                }
              >
                <button
                  type="button"
                  onClick={() =>
                    setSort({
                      by: column.key,
                      descending: sort.by === column.key ? !sort.descending : false,
                    })
                  }
                >
                  {column.title}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.summary.id}>
              <th scope="row">
                {row.color ? (
                  <span aria-hidden="true" style={{ color: row.color, marginRight: 4 }}>
                    ■
                  </span>
                ) : null}
                {row.summary.label}
              </th>
              {row.error ? (
                <td colSpan={COLUMNS.length - 1} role="alert" className="tvz-danger">
                  {row.error instanceof Error ? row.error.message : 'Could not load this run'}
                  {onRetry ? (
                    <button
                      type="button"
                      style={{ marginLeft: 8 }}
                      onClick={() => onRetry(row.summary.id)}
                    >
                      Retry
                    </button>
                  ) : null}
                </td>
              ) : (
                <>
                  <td>{row.summary.status ?? '–'}</td>
                  <td>{cell(row.summary.steps, false)}</td>
                  <td>{cell(row.summary.lastLoss)}</td>
                  <td>{cell(row.summary.bestLoss)}</td>
                  <td>{cell(row.summary.bestEvalLoss)}</td>
                  <td>{cell(row.summary.finalLearningRate)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function cell(value: number | null, compact = true): string {
  if (value === null) return '–';
  return compact ? formatNumber(value, 4) : String(value);
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
