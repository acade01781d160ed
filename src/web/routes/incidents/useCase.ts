import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useUsers } from '../../api/users.ts';
import { notifySaved } from '../../components/ui.tsx';
import type { IncidentDetail } from './types.ts';

/** Team members (responders, the security unit, admins): the users who work incidents, who can lead or join a case. */
export function useTeamUsers(enabled = true) {
  return useUsers({ capability: 'incidents.work' }, { enabled });
}

/** A change to a case: every case route answers with the whole case, which replaces the cached one. */
export function useCaseChange(id: number, onDone?: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: () => Promise<IncidentDetail>) => change(),
    onSuccess: async (d) => {
      qc.setQueryData(['incident', id], d);
      await qc.invalidateQueries({ queryKey: ['incidents'] });
      await qc.invalidateQueries({ queryKey: ['incident-stats'] });
      notifySaved();
      onDone?.();
    },
  });
}
