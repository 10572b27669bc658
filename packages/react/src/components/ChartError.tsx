'use client';
import { chartDefaults } from '../data/chartViewSettings';

/**
 * Props of {@link ChartError}.
 *
 * @example
 * ```tsx
 * <ChartError error={error} onRetry={() => refetch()} height={320} />
 * ```
 */
export interface ChartErrorProps {
  /** What failed; its `message` is shown. */
  error: unknown;
  /** Called by the Retry button. */
  onRetry: () => void;
  /** Height in pixels. @defaultValue 320 */
  height?: number;
}

/**
 * Reads a message out of anything thrown.
 *
 * @example
 * ```ts
 * errorMessage(new Error('run not found')); // 'run not found'
 * ```
 */
function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'The metrics could not be loaded.';
}

/**
 * The error state: `role="alert"`, the error's message and a Retry button.
 *
 * @param props - {@link ChartErrorProps}
 * @returns the alert
 *
 * @example
 * ```tsx
 * if (error && !data) return <ChartError error={error} onRetry={refetch} />;
 * ```
 */
export function ChartError({ error, onRetry, height = chartDefaults.height }: ChartErrorProps) {
  return (
    <div
      role="alert"
      style={{
        minHeight: height,
        display: 'flex',
        flexDirection: 'column',
        gap: 8,
        alignItems: 'center',
        justifyContent: 'center',
      }}
    >
      <p className="tvz-danger" style={{ margin: 0 }}>
        Could not load metrics: {errorMessage(error)}
      </p>
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
