import { Accordion, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data } from '../../api/client.ts';
import { fmtDateTime } from '../../i18n/index.ts';
import { ErrorAlert, Loading } from '../../components/ui.tsx';

/** For the platform admin: reminder e-mails written to DATA_DIR/outbox when no SMTP server is configured. */
export function OutboxPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['outbox'], queryFn: () => data(client.GET('/api/admin/outbox')) });
  return (
    <Stack>
      <Title order={2}>{t('directives.outbox.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('directives.outbox.hint')}
      </Text>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.data.length === 0 ? (
        <Text c="dimmed">{t('directives.outbox.empty')}</Text>
      ) : (
        <Accordion variant="separated" data-testid="outbox">
          {list.data.map((m) => (
            <Accordion.Item key={m.name} value={m.name}>
              <Accordion.Control>
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={500} lineClamp={1}>
                    {m.subject}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {fmtDateTime(m.at)}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {t('directives.outbox.to')}: {m.to}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {m.text}
                </Text>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}
