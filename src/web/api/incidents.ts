import { useQuery } from '@tanstack/react-query';
import type { paths } from './openapi.d.ts';
import { client, data } from './client.ts';

type IncidentQuery = NonNullable<paths['/api/incidents']['get']['parameters']['query']>;

/** A page of the cases the caller may see. */
export function useIncidents(query: IncidentQuery, { enabled = true } = {}) {
  return useQuery({ queryKey: ['incidents', query], enabled, queryFn: () => data(client.GET('/api/incidents', { params: { query } })) });
}

/** The reporting deadlines by severity class. */
export function useIncidentPolicy() {
  return useQuery({ queryKey: ['incident-policy'], queryFn: () => data(client.GET('/api/incident-policy')) });
}

/** Response plans, playbooks and exercises per system, for an agency or the caller's whole scope. */
export function useReadiness(agencyId?: number) {
  return useQuery({
    queryKey: ['incident-readiness', agencyId ?? null],
    queryFn: () => data(client.GET('/api/incidents/readiness', { params: { query: { agencyId } } })),
  });
}
