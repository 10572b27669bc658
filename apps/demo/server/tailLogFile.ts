import { open, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

/**
 * Options of {@link tailLogFile}.
 *
 * @example
 * ```ts
 * tailLogFile({ path: 'train.log', onData: (bytes, text) => capture.write(bytes) });
 * ```
 */
export interface TailLogFileOptions {
  path: string;
  /** Receives each new piece of the file, as bytes and as decoded text. */
  onData: (chunk: Uint8Array, text: string) => void;
  /**
   * Interval between checks for growth.
   * @defaultValue 500
   */
  pollMs?: number;
  /**
   * A file not modified for this long counts as finished.
   * @defaultValue 60000
   */
  idleMs?: number;
  /**
   * Called when the file starts or stops being written to (and once after the first read).
   * @defaultValue undefined
   */
  onActivityChange?: (active: boolean, modifiedAt: Date) => void;
  /**
   * Called when the file cannot be read (missing, unreadable); the tail keeps polling.
   * @defaultValue undefined
   */
  onError?: (error: Error) => void;
}

/**
 * A running tail.
 *
 * @example
 * ```ts
 * const tail = tailLogFile({ path, onData });
 * tail.stop();
 * ```
 */
export interface LogFileTail {
  stop(): void;
}

const readSize = 1 << 20;

/**
 * Reads a file, then polls it and hands over whatever is appended, like `tail -f`. A file that
 * shrinks (truncated or rotated) is read again from the start.
 *
 * @example
 * ```ts
 * const tail = tailLogFile({ path: 'runs/train.log', onData: (bytes) => capture.write(bytes) });
 * ```
 */
export function tailLogFile(options: TailLogFileOptions): LogFileTail {
  const pollMs = options.pollMs ?? 500;
  const idleMs = options.idleMs ?? 60_000;
  let offset = 0;
  let decoder = new StringDecoder('utf8');
  let stopped = false;
  let active: boolean | null = null;
  let lastError = '';
  let timer: NodeJS.Timeout | undefined;

  async function poll(): Promise<void> {
    try {
      const info = await stat(options.path);
      if (info.size < offset) {
        offset = 0;
        decoder = new StringDecoder('utf8');
      }
      if (info.size > offset) {
        const handle = await open(options.path, 'r');
        try {
          while (offset < info.size && !stopped) {
            const buffer = Buffer.alloc(Math.min(readSize, info.size - offset));
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
            if (bytesRead === 0) break;
            offset += bytesRead;
            const chunk = buffer.subarray(0, bytesRead);
            options.onData(chunk, decoder.write(chunk));
          }
        } finally {
          await handle.close();
        }
      }
      lastError = '';
      const nowActive = Date.now() - info.mtimeMs < idleMs;
      if (nowActive !== active) {
        active = nowActive;
        options.onActivityChange?.(nowActive, info.mtime);
      }
    } catch (error) {
      const message = (error as Error).message;
      // Report a missing file once, not every poll.
      if (message !== lastError) {
        lastError = message;
        options.onError?.(error as Error);
      }
    }
    if (!stopped) timer = setTimeout(poll, pollMs);
  }

  void poll();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
