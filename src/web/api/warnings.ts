import { useQuery } from '@tanstack/react-query';
import type { paths } from './openapi.d.ts';
import { client, data } from './client.ts';

type ItemQuery = NonNullable<paths['/api/remediation-items']['get']['parameters']['query']>;

/** Remediation, scan, assessment and findings figures of an agency's subtree or the caller's scope. */
export function useWarningsStats(agencyId?: number) {
  return useQuery({
    queryKey: ['warnings-stats', agencyId ?? null],
    queryFn: () => data(client.GET('/api/warnings/stats', { params: { query: { agencyId } } })),
  });
}

/** A system's scan schedule, open findings, assessments due and whether the caller may record them. */
export function useSystemSecurity(systemId: number) {
  return useQuery({ queryKey: ['security', systemId], queryFn: () => data(client.GET('/api/systems/{id}/security', { params: { path: { id: systemId } } })) });
}

/** A page of remediation items in the caller's scope. */
export function useRemediationItems(query: ItemQuery) {
  return useQuery({ queryKey: ['remediation-items', query], queryFn: () => data(client.GET('/api/remediation-items', { params: { query } })) });
}
