import { Alert, Badge, Button, Group, Pagination, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { client, data, type Answer } from '../../api/client.ts';
import { fmtDateTime } from '../../i18n/index.ts';
import { ErrorAlert, Loading, notifyError } from '../../components/ui.tsx';

type Run = Answer<'/api/admin/feed-imports'>['runs'][number];
const PAGE = 50;
const COLOR = { running: 'blue', imported: 'green', refused: 'red', failed: 'orange' } as const;

/** The deployment's scheduled feed sources and what became of each file taken from them (the security unit's view). */
export function FeedSourcesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const query = { limit: PAGE, offset: (page - 1) * PAGE };
  const status = useQuery({ queryKey: ['feed-imports', query], queryFn: () => data(client.GET('/api/admin/feed-imports', { params: { query } })) });
  const run = useMutation({
    mutationFn: () => data(client.POST('/api/admin/feed-imports/run')),
    onSuccess: (tally) => {
      notifications.show({ color: tally.failed || tally.refused ? 'orange' : 'green', message: t('warnings.sources.ran', tally) });
      void qc.invalidateQueries({ queryKey: ['feed-imports'] });
      void qc.invalidateQueries({ queryKey: ['warnings'] });
    },
    onError: notifyError,
  });
  if (status.isPending) return <Loading />;
  if (status.isError) return <ErrorAlert error={status.error} />;
  const s = status.data;
  const configured = !!s.folder || s.urls.length > 0;
  return (
    <Stack>
      <Title order={3}>{t('warnings.sources.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('warnings.sources.hint')}
      </Text>
      {configured ? (
        <Paper withBorder p="md">
          <Table variant="vertical" data-testid="feed-sources">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={200}>{t('warnings.sources.folder')}</Table.Th>
                <Table.Td>{s.folder ?? t('warnings.sources.none')}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('warnings.sources.urls')}</Table.Th>
                <Table.Td>
                  {s.urls.length
                    ? s.urls.map((u) => (
                        <Text key={u} size="sm">
                          {u}
                        </Text>
                      ))
                    : t('warnings.sources.none')}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('warnings.sources.account')}</Table.Th>
                <Table.Td>{s.username ?? t('warnings.sources.none')}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('warnings.sources.every')}</Table.Th>
                <Table.Td>{s.intervalMinutes ? t('warnings.sources.everyMinutes', { n: s.intervalMinutes }) : t('warnings.sources.manualOnly')}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Group justify="flex-end" mt="sm">
            <Button onClick={() => run.mutate()} loading={run.isPending} data-testid="feed-run">
              {t('warnings.sources.run')}
            </Button>
          </Group>
        </Paper>
      ) : (
        <Alert color="gray" data-testid="feed-not-configured">
          {t('warnings.sources.notConfigured')}
        </Alert>
      )}
      <Title order={4}>{t('warnings.sources.runs')}</Title>
      {s.runs.length ? (
        <Paper withBorder>
          <Table striped data-testid="feed-runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('warnings.sources.at')}</Table.Th>
                <Table.Th>{t('warnings.sources.file')}</Table.Th>
                <Table.Th>{t('warnings.sources.outcome')}</Table.Th>
                <Table.Th>{t('warnings.sources.by')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.runs.map((r) => (
                <Table.Tr key={r.id} data-testid={`feed-run-${r.id}`}>
                  <Table.Td>{fmtDateTime(r.finishedAt ?? r.startedAt)}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{r.location}</Table.Td>
                  <Table.Td>
                    <Badge color={COLOR[r.outcome]} variant="light" data-testid="feed-run-outcome">
                      {t(`warnings.sources.outcomes.${r.outcome}`)}
                    </Badge>
                    <RunDetail run={r} />
                  </Table.Td>
                  <Table.Td>
                    {r.actedAs ?? '—'} ({r.scheduled ? t('warnings.sources.scheduled') : t('warnings.sources.manual')})
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : (
        <Text c="dimmed">{t('warnings.sources.empty')}</Text>
      )}
      {s.total > PAGE && <Pagination total={Math.ceil(s.total / PAGE)} value={page} onChange={setPage} />}
    </Stack>
  );
}

/** The import's figures, or the reason in the reader's language. */
function RunDetail({ run }: { run: Run }) {
  const { t, i18n } = useTranslation();
  const r = run.result;
  if (!r) return null;
  if (run.outcome === 'imported') {
    return (
      <Text size="xs" mt={4}>
        {t(`warnings.feed.formats.${String(r.format)}`)} · {t('warnings.sources.figures', r)}
      </Text>
    );
  }
  const message = i18n.language === 'en' ? r.message : r.messageVi;
  return (
    <Text size="xs" mt={4} c="red" data-testid="feed-run-reason">
      {typeof message === 'string' ? message : ''}
    </Text>
  );
}
