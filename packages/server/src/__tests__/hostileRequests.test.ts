import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryMetricStore } from '../createMemoryMetricStore';
import { createMetricsHandler } from '../createMetricsHandler';
import { handleClientError, toNodeHandler } from '../toNodeHandler';
import { get, type RawResponse, rawRequest } from './helpers/rawHttp';

let server: Server;
let port: number;

beforeAll(async () => {
  const store = createMemoryMetricStore();
  await store.upsertRun({ experimentId: 'exp-1', runId: 'run-a', status: 'running' });
  await store.appendPoints('exp-1', 'run-a', [{ metric: 'loss', step: 1, value: 2 }]);
  await store.upsertRun({ experimentId: 'exp-secret', runId: 'run-secret', status: 'running' });
  await store.appendPoints('exp-secret', 'run-secret', [{ metric: 'secret', step: 1, value: 42 }]);
  await store.upsertRun({ experimentId: '__proto__', runId: 'constructor', status: 'completed' });
  await store.appendPoints('__proto__', 'constructor', [
    { metric: '__proto__', step: 1, value: 1 },
    { metric: 'constructor', step: 1, value: 2 },
    { metric: 'toString', step: 2, value: 3 },
  ]);
  server = createServer(toNodeHandler(createMetricsHandler({ store, basePath: '/api' })));
  server.on('clientError', handleClientError);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function errorOf(response: RawResponse): { code: string; message: string } {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return (JSON.parse(response.body) as { error: { code: string; message: string } }).error;
}

const METRICS = '/api/experiments/exp-1/runs/run-a/metrics';

const hostile: [string, string, number, string][] = [
  [
    'TRACE',
    `TRACE ${METRICS} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    405,
    'method_not_allowed',
  ],
  ['Host: [', get(METRICS, ['Host: [']), 400, 'invalid_host'],
  ['Host: a b', get(METRICS, ['Host: a b']), 400, 'invalid_host'],
  ['Host: h:99999', get(METRICS, ['Host: h:99999']), 400, 'invalid_host'],
  ['Host: user@evil', get(METRICS, ['Host: user@evil']), 400, 'invalid_host'],
  [
    'backslash traversal',
    get('/api/experiments/exp-1/runs/run-a/..\\..\\..\\exp-secret\\runs\\run-secret\\metrics'),
    400,
    'invalid_path',
  ],
  [
    'encoded dot segments',
    get('/api/experiments/exp-1/%2e%2e/exp-secret/runs/run-secret/metrics'),
    400,
    'invalid_path',
  ],
  [
    'mixed-case encoded dot segment',
    get('/api/experiments/exp-1/runs/%2E./metrics'),
    400,
    'invalid_path',
  ],
  [
    'plain dot segments',
    get('/api/experiments/exp-1/runs/run-a/../../../exp-secret/runs/run-secret/metrics'),
    400,
    'invalid_path',
  ],
  ['single dot segment', get('/api/experiments/./runs/run-a/metrics'), 400, 'invalid_path'],
  ['encoded backslash', get('/api/experiments/exp-1%5C..%5Cexp-secret/runs'), 400, 'invalid_path'],
  [
    'bad percent-escape in the path',
    get('/api/experiments/%E0%A4%A/runs/run-a/metrics'),
    400,
    'invalid_path',
  ],
  ['lone % in the path', get('/api/experiments/100%/runs'), 400, 'invalid_path'],
  [
    'bad percent-escape in metric_type',
    get(`${METRICS}?metric_type=%E0%A4%A`),
    400,
    'invalid_parameter',
  ],
  ['bad percent-escape in a parameter name', get(`${METRICS}?%zz=1`), 400, 'invalid_parameter'],
  [
    'absolute-form target to another host',
    get('http://evil.example/api/experiments/exp-secret/runs'),
    400,
    'invalid_path',
  ],
  [
    'OPTIONS without the cors option',
    `OPTIONS ${METRICS} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    405,
    'method_not_allowed',
  ],
  [
    'POST',
    `POST ${METRICS} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    405,
    'method_not_allowed',
  ],
  [
    'a 10 MB body announced',
    `POST ${METRICS} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10000000\r\nConnection: close\r\n\r\n`,
    413,
    'payload_too_large',
  ],
  ['a 9000-character URL', get(`${METRICS}?metric_type=${'a'.repeat(9000)}`), 414, 'uri_too_long'],
  ['a 100k-character URL', get(`/api/${'x/'.repeat(50_000)}`), 431, 'headers_too_large'],
  [
    'a 40 KB header',
    get(METRICS, ['Host: localhost', `X-Big: ${'b'.repeat(40_000)}`]),
    431,
    'headers_too_large',
  ],
  ['a garbage request line', 'GARBAGE\r\n\r\n', 400, 'bad_request'],
  [
    'a header without a colon',
    get(METRICS, ['Host: localhost', 'no colon here']),
    400,
    'bad_request',
  ],
];

describe('hostile requests against toNodeHandler + createMetricsHandler over real TCP', () => {
  it.each(hostile)(
    'answers %s with %i and a JSON error body',
    async (_name, request, status, code) => {
      const response = await rawRequest(port, request);
      expect(response.status).toBe(status);
      expect(errorOf(response).code).toBe(code);
    },
  );

  it('never serves another experiment through a traversal, and stays up after all of them twice over', async () => {
    for (let round = 0; round < 2; round++) {
      for (const [, request] of hostile) {
        const response = await rawRequest(port, request);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.body).not.toContain('secret');
      }
    }
    const healthy = await rawRequest(port, get(METRICS));
    expect(healthy.status).toBe(200);
    expect(JSON.parse(healthy.body).metrics.loss.values).toEqual([2]);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'treats metric_type=%s as an ordinary name',
    async (name) => {
      const response = await rawRequest(port, get(`${METRICS}?metric_type=${name}`));
      expect(response.status).toBe(200);
      const body = JSON.parse(response.body) as { metrics: Record<string, unknown> };
      expect(Object.keys(body.metrics)).toEqual([name]);
      expect(Object.getOwnPropertyDescriptor(body.metrics, name)?.value).toEqual({
        steps: [],
        values: [],
      });
    },
  );

  it('serves ids and metrics named __proto__ and constructor like any other', async () => {
    const response = await rawRequest(
      port,
      get('/api/experiments/__proto__/runs/constructor/metrics'),
    );
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body);
    expect(body.experiment_id).toBe('__proto__');
    expect(body.run_id).toBe('constructor');
    expect(Object.keys(body.metrics).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getOwnPropertyDescriptor(body.metrics, '__proto__')?.value.values).toEqual([1]);
    const list = await rawRequest(port, get('/api/experiments/__proto__/runs'));
    expect(JSON.parse(list.body).runs.map((r: { run_id: string }) => r.run_id)).toEqual([
      'constructor',
    ]);
    const unknown = await rawRequest(
      port,
      get('/api/experiments/constructor/runs/__proto__/metrics'),
    );
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).code).toBe('not_found');
  });
});
