/**
 * A failed request to the demo's own endpoints; `kind` tells why.
 *
 * @example
 * ```ts
 * if ((error as DemoFetchError).kind === 'http') showRetry();
 * ```
 */
export interface DemoFetchError extends Error {
  kind: 'http' | 'network' | 'invalid_json' | 'aborted';
  /** HTTP status for kind `http`, else `null`. */
  status: number | null;
}

function fetchError(kind: DemoFetchError['kind'], message: string, status: number | null = null) {
  return Object.assign(new Error(message), { kind, status }) as DemoFetchError;
}

/**
 * Fetches a JSON document of the demo server; every failure rejects with a {@link DemoFetchError}.
 *
 * @example
 * ```ts
 * const list = await fetchJson<DemoRunList>('/api/experiments/qwen2.5-7b-chat/runs', signal);
 * ```
 */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal, cache: 'no-store' } : { cache: 'no-store' });
  } catch (error) {
    if (signal?.aborted) throw fetchError('aborted', 'Request aborted');
    throw fetchError('network', (error as Error).message);
  }
  if (!response.ok) throw fetchError('http', `${url} answered ${response.status}`, response.status);
  try {
    return (await response.json()) as T;
  } catch {
    throw fetchError('invalid_json', `${url} did not answer JSON`, response.status);
  }
}
