/** Agency queries shared by the screens: the same cache entries wherever a tree, a picker or a name is needed. */
import { useQuery } from '@tanstack/react-query';
import { client, data } from './client.ts';

/** The agencies the caller may see, inactive ones only when asked. */
export function useAgencies({ includeInactive = false, enabled = true } = {}) {
  return useQuery({
    queryKey: ['agencies', includeInactive],
    enabled,
    queryFn: () => data(client.GET('/api/agencies', { params: { query: includeInactive ? { includeInactive: 'true' } : {} } })),
  });
}

export function useAgency(id: number) {
  return useQuery({ queryKey: ['agency', id], queryFn: () => data(client.GET('/api/agencies/{id}', { params: { path: { id } } })) });
}

export function useAgencyKinds() {
  return useQuery({ queryKey: ['agency-kinds'], queryFn: () => data(client.GET('/api/agency-kinds')) });
}
