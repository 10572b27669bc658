import { describe, expect, it } from 'vitest';
import { createTrainvizClient } from '../createTrainvizClient';
import { getRunMetrics } from '../getRunMetrics';
import { listRuns } from '../listRuns';
import { isTrainvizError, type TrainvizError } from '../TrainvizError';
import { fakeFetch, json, sampleWire } from './helpers/fakeFetch';

async function rejection(promise: Promise<unknown>): Promise<TrainvizError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the promise to reject');
    },
    (e: unknown) => e,
  );
  if (!isTrainvizError(error)) throw error;
  return error;
}

/** A body that never ends: 64 KiB chunks for as long as someone reads. */
function endlessBody(): { response: Response; pulled: () => number; cancelled: () => boolean } {
  let pulls = 0;
  let cancelled = false;
  const chunk = new Uint8Array(65_536).fill(0x20);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls++;
      controller.enqueue(chunk);
    },
    cancel() {
      cancelled = true;
    },
  });
  return {
    response: new Response(body, { headers: { 'content-type': 'application/json' } }),
    pulled: () => pulls,
    cancelled: () => cancelled,
  };
}

describe('maxResponseBytes', () => {
  it('stops reading an endless body at the limit with kind too-large', async () => {
    const endless = endlessBody();
    const { fetch } = fakeFetch(() => endless.response);
    const error = await rejection(
      getRunMetrics({ baseUrl: 'https://h', fetch, maxResponseBytes: 1_000_000 }, 'e', 'r'),
    );
    expect(error.kind).toBe('too-large');
    expect(error.message).toMatch(/larger than maxResponseBytes \(1000000 bytes\)/);
    expect(endless.cancelled()).toBe(true);
    // It read just past the limit, not on and on.
    expect(endless.pulled()).toBeLessThan(20);
  });

  it('refuses a body announced larger than the limit without reading it', async () => {
    const endless = endlessBody();
    const { fetch } = fakeFetch(
      () =>
        new Response(endless.response.body, {
          headers: { 'content-length': String(200 * 1024 * 1024) },
        }),
    );
    const error = await rejection(getRunMetrics({ baseUrl: 'https://h', fetch }, 'e', 'r'));
    expect(error.kind).toBe('too-large');
    expect(error.message).toMatch(/67108864 bytes/);
  });

  it('reads a body within the limit as before, multi-byte names included', async () => {
    const wire = sampleWire({ run_id: 'ラン-7' });
    const { fetch } = fakeFetch(() => json(wire));
    const size = new TextEncoder().encode(JSON.stringify(wire)).byteLength;
    const run = await getRunMetrics(
      { baseUrl: 'https://h', fetch, maxResponseBytes: size },
      'e',
      'r',
    );
    expect(run.runId).toBe('ラン-7');
    const error = await rejection(
      getRunMetrics({ baseUrl: 'https://h', fetch, maxResponseBytes: size - 1 }, 'e', 'r'),
    );
    expect(error.kind).toBe('too-large');
  });

  it('limits error bodies too', async () => {
    const endless = endlessBody();
    const { fetch } = fakeFetch(
      () => new Response(endless.response.body, { status: 502, statusText: 'Bad Gateway' }),
    );
    const error = await rejection(
      getRunMetrics({ baseUrl: 'https://h', fetch, maxResponseBytes: 100_000 }, 'e', 'r'),
    );
    expect(error.kind).toBe('too-large');
  });
});

describe('listRuns', () => {
  const body = {
    experiment_id: 'exp-1',
    runs: [
      {
        run_id: 'a',
        status: 'interrupted',
        last_step: 40,
        updated_at: '2026-11-27T10:00:00.000Z',
        started_at: null,
      },
      {
        run_id: '__proto__',
        status: 'running',
        last_step: null,
        updated_at: '2026-11-27T10:00:00.000Z',
      },
    ],
  };

  it('lists the runs of an experiment, camelCase, from the runs route', async () => {
    const { fetch, calls } = fakeFetch(() => json(body));
    const client = createTrainvizClient({ baseUrl: 'https://h/api/', fetch });
    const runs = await client.listRuns('team/exp 1');
    expect(calls[0]?.url).toBe('https://h/api/experiments/team%2Fexp%201/runs');
    expect(runs).toEqual([
      {
        runId: 'a',
        status: 'interrupted',
        lastStep: 40,
        updatedAt: '2026-11-27T10:00:00.000Z',
        startedAt: null,
      },
      {
        runId: '__proto__',
        status: 'running',
        lastStep: null,
        updatedAt: '2026-11-27T10:00:00.000Z',
        startedAt: null,
      },
    ]);
  });

  it('names the field that breaks the contract', async () => {
    const bad = {
      runs: [{ run_id: 'a', status: 'exploded', updated_at: '2026-11-27T10:00:00.000Z' }],
    };
    const { fetch } = fakeFetch(() => json(bad));
    const error = await rejection(listRuns({ baseUrl: 'https://h', fetch }, 'e'));
    expect(error.kind).toBe('invalid-response');
    expect(error.path).toBe('runs[0].status');
    const notAList = await rejection(
      listRuns({ baseUrl: 'https://h', fetch: fakeFetch(() => json([])).fetch }, 'e'),
    );
    expect(notAList.path).toBe('runs');
  });

  it('reports the server error of a 4xx', async () => {
    const { fetch } = fakeFetch(() =>
      json({ error: { code: 'invalid_path', message: 'the path contains a dot segment' } }, 400),
    );
    const error = await rejection(listRuns({ baseUrl: 'https://h', fetch }, 'e'));
    expect(error).toMatchObject({ kind: 'http', status: 400, code: 'invalid_path' });
  });
});
