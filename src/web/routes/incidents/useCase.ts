import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { notifySaved } from '../../components/ui.tsx';
import type { IncidentDetail } from './types.ts';

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
