import { ActionIcon, Anchor, Badge, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { IconBell } from '@tabler/icons-react';
import { client, data } from '../api/client.ts';
import { useNotifications, useTasks } from '../api/directives.ts';
import { fmtDateTime } from '../i18n/index.ts';

/** Header bell: unread reminders and the overdue tasks of the user's agencies, refreshed every minute. */
export function NotificationBell() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useNotifications({ refetchInterval: 60_000 });
  const overdue = useTasks({ overdue: 'true', limit: 1 }, { refetchInterval: 60_000 });
  const markAll = useMutation({
    mutationFn: () => data(client.POST('/api/notifications/read', { body: {} })),
    onSuccess: (n) => qc.setQueryData(['notifications'], n),
  });
  const unread = list.data?.unread ?? 0;
  const late = overdue.data?.total ?? 0;
  return (
    <Popover position="bottom-end" width={380} shadow="md">
      <Popover.Target>
        <Indicator label={unread} size={16} disabled={!unread} color="red" offset={4}>
          <ActionIcon variant="subtle" size="lg" aria-label={t('directives.reminders.notifications')} data-testid="notification-bell">
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown>
        <Group justify="space-between" mb={6}>
          <Text fw={500} size="sm">
            {t('directives.reminders.notifications')}
          </Text>
          <Button size="compact-xs" variant="subtle" disabled={!unread} onClick={() => markAll.mutate()}>
            {t('directives.reminders.markAll')}
          </Button>
        </Group>
        {late > 0 && (
          <Anchor component={Link} to="/tasks?overdue=true" size="sm">
            <Badge color="red" mb={6} data-testid="bell-overdue">
              {t('directives.reminders.overdueTasks', { count: late })}
            </Badge>
          </Anchor>
        )}
        <ScrollArea.Autosize mah={320}>
          <Stack gap={8}>
            {(list.data?.items ?? [])
              .filter((n) => !n.readAt)
              .slice(0, 10)
              .map((n) => (
                <div key={n.id}>
                  {n.link ? (
                    <Anchor component={Link} to={n.link} size="sm">
                      {n.title}
                    </Anchor>
                  ) : (
                    <Text size="sm">{n.title}</Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {fmtDateTime(n.createdAt)}
                  </Text>
                </div>
              ))}
            {!unread && (
              <Text size="sm" c="dimmed">
                {t('directives.reminders.none')}
              </Text>
            )}
          </Stack>
        </ScrollArea.Autosize>
        <Divider my={6} />
        <Anchor component={Link} to="/tasks/reminders" size="sm">
          {t('directives.reminders.all')}
        </Anchor>
      </Popover.Dropdown>
    </Popover>
  );
}
