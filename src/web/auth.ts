import { useQuery } from '@tanstack/react-query';
import type { Me } from '../shared/auth/schemas.ts';
import type { Role } from '../shared/core/roles.ts';
import { ApiError, client, data } from './api/client.ts';

/** The signed-in user, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await data(client.GET('/api/auth/me'));
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export const hasRole = (me: Me | null | undefined, ...roles: Role[]) => !!me && me.roles.some((r) => roles.includes(r));
/** Mirrors the server's scope rule: these roles read the whole province. */
export const readsEverything = (me: Me | null | undefined) => hasRole(me, 'platform_admin', 'dept_security', 'responder');
