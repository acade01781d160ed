import { useQuery } from '@tanstack/react-query';
import type { paths } from './openapi.d.ts';
import { client, data } from './client.ts';

type UserQuery = NonNullable<paths['/api/users']['get']['parameters']['query']>;
const fetchUsers = (query: UserQuery) => data(client.GET('/api/users', { params: { query } }));
type Users = Awaited<ReturnType<typeof fetchUsers>>;

/** User accounts the caller may see; `select` narrows them (e.g. to team members) from the same cache entry. */
export function useUsers<T = Users>(query: UserQuery = {}, options: { enabled?: boolean; select?: (users: Users) => T } = {}) {
  return useQuery({ queryKey: ['users', query], queryFn: () => fetchUsers(query), ...options });
}
