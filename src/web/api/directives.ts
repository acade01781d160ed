import { useQuery } from '@tanstack/react-query';
import type { paths } from './openapi.d.ts';
import { client, data } from './client.ts';

type TaskQuery = NonNullable<paths['/api/tasks']['get']['parameters']['query']>;

export function useDirectives({ enabled = true } = {}) {
  return useQuery({ queryKey: ['directives'], enabled, queryFn: () => data(client.GET('/api/directives')) });
}

/** A page of task assignments in the caller's scope. */
export function useTasks(query: TaskQuery, { refetchInterval }: { refetchInterval?: number } = {}) {
  return useQuery({ queryKey: ['tasks', query], refetchInterval, queryFn: () => data(client.GET('/api/tasks', { params: { query } })) });
}

/** The caller's reminders in the app, newest first, with the unread count. */
export function useNotifications({ refetchInterval }: { refetchInterval?: number } = {}) {
  return useQuery({ queryKey: ['notifications'], refetchInterval, queryFn: () => data(client.GET('/api/notifications')) });
}
