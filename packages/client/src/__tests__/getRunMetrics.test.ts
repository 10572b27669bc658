import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTrainvizClient } from '../createTrainvizClient';
import { getRunMetrics } from '../getRunMetrics';
import { isTrainvizError, type TrainvizError } from '../TrainvizError';
import { fakeFetch, hangingFetch, json, sampleWire } from './helpers/fakeFetch';

async function rejection(promise: Promise<unknown>): Promise<TrainvizError> {
  try {
    await promise;
  } catch (error) {
    if (isTrainvizError(error)) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('getRunMetrics', () => {
  it('fetches, validates and decodes a run', async () => {
    const { fetch, calls } = fakeFetch(() => json(sampleWire()));
    const run = await getRunMetrics({ baseUrl: 'https://host/api/', fetch }, 'exp-1', 'sft-7', {
      metricTypes: ['loss'],
      sinceStep: 0,
    });
    expect(calls[0]?.url).toBe(
      'https://host/api/experiments/exp-1/runs/sft-7/metrics?metric_type=loss&since_step=0',
    );
    expect(run.experimentId).toBe('exp-1');
    expect(run.lastStep).toBe(20);
    expect(run.metrics.loss?.steps).toEqual([10, 20]);
    expect(run.metrics.loss?.values[0]).toBe(2.31);
    expect(run.metrics.loss?.values[1]).toBeNaN();
    expect(run.metrics.grad_norm?.values[1]).toBe(Number.NEGATIVE_INFINITY);
  });

  it('accepts a plain base URL string', async () => {
    const { fetch, calls } = fakeFetch(() => json(sampleWire()));
    vi.stubGlobal('fetch', fetch);
    await getRunMetrics('https://host', 'exp-1', 'sft-7');
    expect(calls[0]?.url).toBe('https://host/experiments/exp-1/runs/sft-7/metrics');
  });

  it('asks for JSON and sends configured headers, static or per request', async () => {
    const { fetch, calls } = fakeFetch(() => json(sampleWire()));
    await getRunMetrics(
      { baseUrl: 'https://h', fetch, headers: { Authorization: 'Bearer a' } },
      'e',
      'r',
    );
    let token = 'b';
    const client = createTrainvizClient({
      baseUrl: 'https://h',
      fetch,
      headers: async () => ({ Authorization: `Bearer ${token}` }),
    });
    await client.getRunMetrics('e', 'r');
    token = 'c';
    await client.getRunMetrics('e', 'r');
    const sent = calls.map((call) => new Headers(call.init.headers));
    expect(sent.map((headers) => headers.get('authorization'))).toEqual([
      'Bearer a',
      'Bearer b',
      'Bearer c',
    ]);
    expect(sent[0]?.get('accept')).toBe('application/json');
  });

  it('resolves a relative base URL against the page location in browsers', async () => {
    vi.stubGlobal('location', { href: 'https://app.example.com/runs/sft-7?tab=loss' });
    const { fetch, calls } = fakeFetch(() => json(sampleWire()));
    await getRunMetrics({ baseUrl: '/api', fetch }, 'exp 1', 'sft-7');
    expect(calls[0]?.url).toBe(
      'https://app.example.com/api/experiments/exp%201/runs/sft-7/metrics',
    );
  });

  it('passes a relative URL through when there is no location (server-side fetch wrappers)', async () => {
    const { fetch, calls } = fakeFetch(() => json(sampleWire()));
    await getRunMetrics({ baseUrl: '/api', fetch }, 'e', 'r');
    expect(calls[0]?.url).toBe('/api/experiments/e/runs/r/metrics');
  });

  it('turns a 400 into an http error naming the bad parameter', async () => {
    const { fetch } = fakeFetch(() =>
      json(
        {
          error: {
            code: 'invalid_parameter',
            parameter: 'step_min',
            message: 'step_min must be an integer, got "abc"',
          },
        },
        400,
      ),
    );
    const error = await rejection(getRunMetrics({ baseUrl: 'https://h', fetch }, 'e', 'r'));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_parameter');
    expect(error.parameter).toBe('step_min');
    expect(error.message).toBe('step_min must be an integer, got "abc"');
  });

  it('turns a 404 into an http error with the server message', async () => {
    const { fetch } = fakeFetch(() =>
      json({ error: { code: 'not_found', message: 'run "nope" not found' } }, 404),
    );
    const error = await rejection(getRunMetrics({ baseUrl: 'https://h', fetch }, 'e', 'nope'));
    expect(error).toMatchObject({ kind: 'http', status: 404, code: 'not_found' });
    expect(error.parameter).toBeUndefined();
    expect(error.message).toBe('run "nope" not found');
  });

  it('falls back to the status line when a proxy answers an error in HTML', async () => {
    const { fetch } = fakeFetch(
      () => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const error = await rejection(getRunMetrics({ baseUrl: 'https://h', fetch }, 'e', 'r'));
    expect(error).toMatchObject({ kind: 'http', status: 502 });
    expect(error.message).toBe('HTTP 502 Bad Gateway from https://h/experiments/e/runs/r/metrics');
  });

  it('reads a FastAPI HTTPException detail', async () => {
    const { fetch } = fakeFetch(() => json({ detail: 'Not Found' }, 404));
    const error = await rejection(getRunMetrics({ baseUrl: 'https://h', fetch }, 'e', 'r'));
    expect(error.message).toBe('Not Found');
  });

  it('reports a failed connection as a network error', async () => {
    const fetch = () => Promise.reject(new TypeError('fetch failed'));
    const error = await rejection(getRunMetrics({ baseUrl: 'https://h', fetch }, 'e', 'r'));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('fetch failed');
    expect(error.url).toBe('https://h/experiments/e/runs/r/metrics');
  });

  it('says so when the runtime has no fetch and none was passed', async () => {
    vi.stubGlobal('fetch', undefined);
    const error = await rejection(getRunMetrics('https://h', 'e', 'r'));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('pass options.fetch');
  });

  it('reports a non-JSON 200 (an SPA fallback page) as an invalid response', async () => {
    const { fetch } = fakeFetch(
      () => new Response('<!doctype html><html>', { headers: { 'content-type': 'text/html' } }),
    );
    const error = await rejection(getRunMetrics({ baseUrl: 'https://h', fetch }, 'e', 'r'));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toContain('text/html');
    expect(error.message).toContain('<!doctype html>');
  });

  it('reports a body that breaks the contract with the path of the problem', async () => {
    const body = sampleWire();
    body.metrics.loss = { steps: [10, 20], values: [2.3, 'abc' as never] };
    const { fetch } = fakeFetch(() => json(body));
    const error = await rejection(getRunMetrics({ baseUrl: 'https://h', fetch }, 'e', 'r'));
    expect(error.kind).toBe('invalid-response');
    expect(error.path).toBe('metrics["loss"].values[1]');
    expect(error.message).toContain(
      'metrics["loss"].values[1]: expected a number or "NaN"/"Infinity"/"-Infinity", got "abc"',
    );
  });

  it('rejects with aborted, without fetching, when the signal is already aborted', async () => {
    const { fetch, calls } = fakeFetch(() => json(sampleWire()));
    const error = await rejection(
      getRunMetrics({ baseUrl: 'https://h', fetch }, 'e', 'r', { signal: AbortSignal.abort() }),
    );
    expect(error.kind).toBe('aborted');
    expect(calls).toHaveLength(0);
  });

  it('rejects with aborted and aborts the fetch when the signal fires mid-request', async () => {
    const { fetch, calls } = hangingFetch();
    const controller = new AbortController();
    const pending = rejection(
      getRunMetrics({ baseUrl: 'https://h', fetch }, 'e', 'r', { signal: controller.signal }),
    );
    controller.abort();
    const error = await pending;
    expect(error.kind).toBe('aborted');
    expect(calls[0]?.init.signal?.aborted).toBe(true);
  });

  it('settles on abort even if the injected fetch ignores the signal', async () => {
    const fetch = () => new Promise<Response>(() => undefined);
    const controller = new AbortController();
    const pending = rejection(
      getRunMetrics({ baseUrl: 'https://h', fetch }, 'e', 'r', { signal: controller.signal }),
    );
    controller.abort();
    expect((await pending).kind).toBe('aborted');
  });

  it("leaves no listener on the caller's signal once the request is over", async () => {
    const controller = new AbortController();
    const { fetch } = fakeFetch(() => json(sampleWire()));
    await getRunMetrics({ baseUrl: 'https://h', fetch }, 'e', 'r', { signal: controller.signal });
    const failing = fakeFetch(() => json({ error: 'busy' }, 503));
    await rejection(
      getRunMetrics({ baseUrl: 'https://h', fetch: failing.fetch }, 'e', 'r', {
        signal: controller.signal,
      }),
    );
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('times out after timeoutMs with a timeout error', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = hangingFetch();
    const pending = rejection(
      getRunMetrics({ baseUrl: 'https://h', fetch, timeoutMs: 5000 }, 'e', 'r'),
    );
    await vi.advanceTimersByTimeAsync(4999);
    expect(calls[0]?.init.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await pending;
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('5000 ms');
    expect(calls[0]?.init.signal?.aborted).toBe(true);
  });

  it('times out while the body is still streaming', async () => {
    vi.useFakeTimers();
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"experiment_id":'));
      },
    });
    const { fetch } = fakeFetch(() => new Response(stalled, { status: 200 }));
    const pending = rejection(
      getRunMetrics({ baseUrl: 'https://h', fetch, timeoutMs: 1000 }, 'e', 'r'),
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect((await pending).kind).toBe('timeout');
  });

  it('uses a 30 s timeout by default and none with timeoutMs 0', async () => {
    vi.useFakeTimers();
    const first = hangingFetch();
    const timed = rejection(getRunMetrics({ baseUrl: 'https://h', fetch: first.fetch }, 'e', 'r'));
    await vi.advanceTimersByTimeAsync(30_000);
    expect((await timed).kind).toBe('timeout');

    const second = hangingFetch();
    const controller = new AbortController();
    const untimed = rejection(
      getRunMetrics({ baseUrl: 'https://h', fetch: second.fetch, timeoutMs: 0 }, 'e', 'r', {
        signal: controller.signal,
      }),
    );
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(second.calls[0]?.init.signal?.aborted).toBe(false);
    controller.abort();
    expect((await untimed).kind).toBe('aborted');
  });

  it('rejects with a RangeError, before any request, for an id that cannot be a path segment', async () => {
    const { fetch, calls } = fakeFetch(() => json(sampleWire()));
    await expect(getRunMetrics({ baseUrl: 'https://h', fetch }, 'e', '..')).rejects.toThrow(
      RangeError,
    );
    expect(calls).toHaveLength(0);
  });
});

describe('createTrainvizClient', () => {
  it('exposes the base URL and builds the same URLs it fetches', async () => {
    const { fetch, calls } = fakeFetch(() => json(sampleWire()));
    const client = createTrainvizClient({ baseUrl: 'https://h/api/', fetch });
    expect(client.baseUrl).toBe('https://h/api/');
    const url = client.runMetricsUrl('team/exp', 'sft 7', { maxPoints: 500 });
    expect(url).toBe('https://h/api/experiments/team%2Fexp/runs/sft%207/metrics?max_points=500');
    await client.getRunMetrics('team/exp', 'sft 7', { maxPoints: 500 });
    expect(calls[0]?.url).toBe(url);
  });
});
