import { useQuery } from '@tanstack/react-query';
import type { paths } from './openapi.d.ts';
import { client, data } from './client.ts';

type SystemQuery = NonNullable<paths['/api/systems']['get']['parameters']['query']>;

/** A page of the systems the caller may see. */
export function useSystems(query: SystemQuery) {
  return useQuery({ queryKey: ['systems', query], queryFn: () => data(client.GET('/api/systems', { params: { query } })) });
}
