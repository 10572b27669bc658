import { useLayoutEffect, useRef, useState } from 'react';
import { useRunLog } from './useRunLog';

/**
 * Props of {@link LogTerminal}.
 *
 * @example
 * ```tsx
 * <LogTerminal experimentId="qwen2.5-7b-chat" runId="sft-qwen7b-lr2e-5" isLive />
 * ```
 */
export interface LogTerminalProps {
  experimentId: string;
  runId: string;
  /** Poll for new output. @defaultValue false */
  isLive?: boolean;
  /** Lines kept on screen. @defaultValue 500 */
  maxLines?: number;
}

function lineClass(line: string): string {
  if (/Traceback|Error|error:|CUDA out of memory/.test(line)) return 'term-line term-error';
  if (/'loss': nan|'eval_loss': nan|: nan[,}]/.test(line)) return 'term-line term-warn';
  if (/^\s*\{'eval_/.test(line)) return 'term-line term-eval';
  if (/^\s*\{'/.test(line)) return 'term-line term-record';
  if (/^\[INFO|^\[WARNING|^\[trainviz demo\]/.test(line)) return 'term-line term-dim';
  return 'term-line';
}

/**
 * A dark terminal with the last lines a run printed; it follows new output unless the reader has
 * scrolled up, and then offers a "Jump to latest" button. Give it `key={runId}` so a new run starts
 * following again.
 *
 * @example
 * ```tsx
 * <LogTerminal experimentId={experimentId} runId={run.runId} isLive={run.status === 'running'} />
 * ```
 */
export function LogTerminal({
  experimentId,
  runId,
  isLive = false,
  maxLines = 500,
}: LogTerminalProps) {
  const log = useRunLog(experimentId, runId, { isLive, maxLines });
  const scroller = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);

  // Runs after every new page so the newest line stays in view while following.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && following && log.loaded) element.scrollTop = element.scrollHeight;
  }, [log, following]);

  function onScroll(): void {
    const element = scroller.current;
    if (!element) return;
    setFollowing(element.scrollHeight - element.scrollTop - element.clientHeight < 24);
  }

  return (
    <section className="terminal" aria-label="Training log">
      <div className="terminal-bar">
        <span className="dots" aria-hidden="true">
          <i />
          <i />
          <i />
        </span>
        <span className="terminal-title">{runId} — stdout</span>
        <span className="terminal-meta">
          {isLive ? <span className="live-dot">live</span> : null}
          {log.error ? <span className="terminal-error">reconnecting…</span> : null}
        </span>
      </div>
      <div
        className="terminal-body"
        ref={scroller}
        onScroll={onScroll}
        role="log"
        aria-live="off"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
        data-testid="terminal"
      >
        {log.lines.map((line) => (
          <div key={line.number} className={lineClass(line.text)}>
            {line.text || '\u00a0'}
          </div>
        ))}
        {log.partial ? <div className="term-line term-partial">{log.partial}</div> : null}
        {log.loaded && log.lines.length === 0 && !log.partial ? (
          <div className="term-line term-dim">No output yet.</div>
        ) : null}
      </div>
      {following ? null : (
        <button
          type="button"
          className="button jump"
          onClick={() => {
            setFollowing(true);
          }}
        >
          Jump to latest ↓
        </button>
      )}
    </section>
  );
}
