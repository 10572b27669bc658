import type { FetchLike } from '../../getRunMetrics';
import type { RunMetricsWire } from '../../types';

export interface FakeCall {
  url: string;
  init: RequestInit;
}

/** A fetch double that records calls and answers with `respond(url)`. */
export function fakeFetch(
  respond: (url: string, init: RequestInit) => Response | Promise<Response>,
) {
  const calls: FakeCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return respond(url, init);
  };
  return { fetch, calls };
}

/** Answers `body` as JSON with `status`. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** A fetch that never answers but, like the real one, rejects with an AbortError on abort. */
export function hangingFetch() {
  const calls: FakeCall[] = [];
  const fetch: FetchLike = (url, init) => {
    calls.push({ url, init });
    return new Promise<Response>((_, reject) => {
      init.signal?.addEventListener('abort', () =>
        reject(new DOMException('This operation was aborted', 'AbortError')),
      );
    });
  };
  return { fetch, calls };
}

export function sampleWire(overrides: Partial<RunMetricsWire> = {}): RunMetricsWire {
  return {
    experiment_id: 'exp-1',
    run_id: 'sft-7',
    status: 'running',
    last_step: 20,
    updated_at: '2026-11-27T10:00:00.000Z',
    started_at: '2026-11-27T09:58:00.000Z',
    step_source: 'explicit',
    restarts: [],
    metrics: {
      loss: { steps: [10, 20], values: [2.31, 'NaN'], times: [12.5, 25.1] },
      grad_norm: { steps: [10, 20], values: [1.5, '-Infinity'] },
    },
    ...overrides,
  };
}
