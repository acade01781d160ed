import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { User } from '../../../shared/users/schemas.ts';
import { api, get } from '../../api/client.ts';
import { notifySaved } from '../../components/ui.tsx';
import type { IncidentDetail } from './types.ts';

/** Team members (responders, the security unit, admins): the users who work incidents, who can lead or join a case. */
export function useTeamUsers(enabled = true) {
  return useQuery({ queryKey: ['users', 'team'], enabled, queryFn: () => get<User[]>('/api/users?capability=incidents.work') });
}

/** A change to a case: every case route answers with the whole case, which replaces the cached one. */
export function useCaseChange(id: number, onDone?: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body }: { method: string; path: string; body?: unknown }) => api<IncidentDetail>(method, `/api/incidents/${id}${path}`, body),
    onSuccess: async (d) => {
      qc.setQueryData(['incident', id], d);
      await qc.invalidateQueries({ queryKey: ['incidents'] });
      await qc.invalidateQueries({ queryKey: ['incident-stats'] });
      notifySaved();
      onDone?.();
    },
  });
}
