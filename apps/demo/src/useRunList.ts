import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { fetchJson } from './fetchJson';
import type { DemoRunList } from './types';

/**
 * The demo's run list, refreshed every second so statuses and steps stay current.
 *
 * @defaultValue refetch interval 1000 ms
 * @example
 * ```tsx
 * const { data } = useRunList('qwen2.5-7b-chat');
 * data?.runs.map((run) => run.name);
 * ```
 */
export function useRunList(experimentId: string): UseQueryResult<DemoRunList> {
  return useQuery({
    queryKey: ['demo', 'runs', experimentId],
    queryFn: ({ signal }) =>
      fetchJson<DemoRunList>(`/api/experiments/${encodeURIComponent(experimentId)}/runs`, signal),
    refetchInterval: 1000,
  });
}
