import { useQuery } from '@tanstack/react-query';
import { client, data } from './client.ts';

/** Dossiers awaiting an action of the caller. */
export function useApprovals() {
  return useQuery({ queryKey: ['approvals'], queryFn: () => data(client.GET('/api/approvals')) });
}
