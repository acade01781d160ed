import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fmtDateTime } from '../../i18n/index.ts';
import { ErrorAlert } from '../../components/ui.tsx';
import { client, data } from '../../api/client.ts';
import { useCaseChange } from './useCase.ts';
import type { IncidentDetail } from './types.ts';
import type { IncidentStatus } from '../../../shared/incidents/vocabulary.ts';
import { StatusBadge } from './badges.tsx';

type Detail = {
  from?: IncidentStatus;
  to?: IncidentStatus;
  title?: string;
  type?: string;
  value?: string;
  name?: string;
  sha256?: string;
  lead?: string | null;
  responders?: string[];
  assignee?: string | null;
  spokesperson?: string;
  systems?: string[];
  source?: string;
};

/** One line saying what happened, from the event's kind and its details. */
function Summary({ kind, detail }: { kind: string; detail: Detail }) {
  const { t } = useTranslation();
  switch (kind) {
    case 'status':
      return (
        <Group gap={4}>
          {detail.from && <StatusBadge status={detail.from} size="xs" />}→{detail.to && <StatusBadge status={detail.to} size="xs" />}
        </Group>
      );
    case 'task_added':
    case 'task_done':
    case 'task_reopened':
    case 'task_updated':
      return (
        <Text size="sm">
          {detail.title}
          {detail.assignee ? ` → ${detail.assignee}` : ''}
        </Text>
      );
    case 'observable_added':
    case 'observable_removed':
      return (
        <Text size="sm" ff="monospace">
          {detail.type}: {detail.value}
        </Text>
      );
    case 'evidence_added':
      return (
        <Text size="sm">
          {detail.name}{' '}
          <Text span size="xs" ff="monospace" c="dimmed">
            SHA-256 {detail.sha256}
          </Text>
        </Text>
      );
    case 'assigned':
      return <Text size="sm">{[detail.lead, ...(detail.responders ?? [])].filter(Boolean).join(', ')}</Text>;
    case 'communication':
      return <Text size="sm">{detail.spokesperson}</Text>;
    case 'reported':
      return (
        <Text size="sm">
          {t(`incidents.source.${detail.source ?? 'agency'}`)}
          {detail.systems?.length ? ` · ${detail.systems.join(', ')}` : ''}
        </Text>
      );
    default:
      return null;
  }
}

/** The case timeline, and the message box for the team and the reporting agency. */
export function TimelineTab({ d }: { d: IncidentDetail }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const send = useCaseChange(d.id, () => setMessage(''));
  return (
    <Stack>
      {d.can.contribute && (
        <Paper withBorder p="md">
          <Textarea
            label={t('incidents.detail.message')}
            autosize
            minRows={2}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            data-testid="message-text"
          />
          {send.isError && <ErrorAlert error={send.error} />}
          <Group justify="flex-end" mt="xs">
            <Button
              size="xs"
              loading={send.isPending}
              disabled={!message.trim()}
              onClick={() => send.mutate(() => data(client.POST('/api/incidents/{id}/messages', { params: { path: { id: d.id } }, body: { message } })))}
              data-testid="message-send"
            >
              {t('incidents.detail.send')}
            </Button>
          </Group>
        </Paper>
      )}
      <Paper withBorder p="md">
        <Timeline bulletSize={14} lineWidth={2} data-testid="incident-timeline">
          {[...d.events].reverse().map((e) => (
            <Timeline.Item key={e.id} title={t(`incidents.event.${e.kind}`, { defaultValue: e.kind })}>
              <Text size="xs" c="dimmed">
                {fmtDateTime(e.at)} · {e.actorName ?? '—'}
              </Text>
              <Summary kind={e.kind} detail={(e.detail ?? {}) as Detail} />
              {e.message && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {e.message}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>
    </Stack>
  );
}
