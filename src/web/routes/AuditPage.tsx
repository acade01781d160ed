import { Fragment, useState } from 'react';
import { Alert, Button, Code, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/client.ts';
import { useMe } from '../auth.ts';
import { fmtDateTime } from '../i18n/index.ts';
import { ErrorAlert, Loading, notifyError } from '../components/ui.tsx';

const ENTITY_VI: Record<string, string> = {
  agency: 'Cơ quan',
  user: 'Người dùng',
  system: 'Hệ thống',
  dossier: 'Hồ sơ cấp độ',
  file: 'Tệp',
  session: 'Phiên',
  system_requirement: 'Yêu cầu',
  approval_rule: 'Thẩm quyền',
  designation: 'Chức năng',
};
const PAGE = 100;

/** The append-only audit log: filterable, each row expands to its before/after values. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const [filters, setFilters] = useState({ entity: '', action: '', from: '', to: '' });
  const [open, setOpen] = useState<number | null>(null);
  const log = useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => data(client.GET('/api/audit', { params: { query: { ...filters, limit: PAGE, beforeId: pageParam } } })),
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1]!.id : undefined),
  });
  const verify = useMutation({ mutationFn: () => data(client.GET('/api/audit/verify')), onError: notifyError });
  const rows = log.data?.pages.flat() ?? [];
  const entity = (e: string) => (i18n.language === 'vi' ? (ENTITY_VI[e] ?? e) : e);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('audit.title')}</Title>
        {me.can['audit.verify'] && (
          <Button variant="light" loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
            {t('audit.verify')}
          </Button>
        )}
      </Group>
      {verify.data &&
        (verify.data.ok ? (
          <Alert color="green" data-testid="audit-verified">
            {t('audit.intact', { count: verify.data.checked })}
          </Alert>
        ) : (
          <Alert color="red" data-testid="audit-verified">
            {t('audit.broken', { id: verify.data.brokenAtId, reason: verify.data.reason })}
          </Alert>
        ))}
      <Group align="flex-end">
        <TextInput
          label={t('audit.entity')}
          value={filters.entity}
          onChange={(e) => setFilters({ ...filters, entity: e.currentTarget.value })}
          placeholder="agency, user, system…"
        />
        <TextInput
          label={t('audit.action')}
          value={filters.action}
          onChange={(e) => setFilters({ ...filters, action: e.currentTarget.value })}
          placeholder="create, update…"
        />
        <TextInput type="date" label="Từ / From" value={filters.from} onChange={(e) => setFilters({ ...filters, from: e.currentTarget.value })} />
        <TextInput type="date" label="Đến / To" value={filters.to} onChange={(e) => setFilters({ ...filters, to: e.currentTarget.value })} />
      </Group>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorAlert error={log.error} />
      ) : (
        <Paper withBorder>
          <Table data-testid="audit-table" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('audit.at')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.entity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Fragment key={r.id}>
                  <Table.Tr style={{ cursor: 'pointer' }} onClick={() => setOpen(open === r.id ? null : r.id)}>
                    <Table.Td>{r.id}</Table.Td>
                    <Table.Td>{fmtDateTime(r.at)}</Table.Td>
                    <Table.Td>{r.actorName ?? '—'}</Table.Td>
                    <Table.Td>{r.action}</Table.Td>
                    <Table.Td>
                      {entity(r.entity)} {r.entityId ? `#${r.entityId}` : ''}
                    </Table.Td>
                  </Table.Tr>
                  {open === r.id && (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <SimpleGrid cols={2}>
                          <div>
                            <Text size="xs" fw={600}>
                              {t('audit.before')}
                            </Text>
                            <Code block>{JSON.stringify(r.before, null, 2)}</Code>
                          </div>
                          <div>
                            <Text size="xs" fw={600}>
                              {t('audit.after')}
                            </Text>
                            <Code block>{JSON.stringify(r.after, null, 2)}</Code>
                          </div>
                        </SimpleGrid>
                        <Text size="xs" c="dimmed" mt={4}>
                          IP {r.ip ?? '—'} · sha256 {r.hash.slice(0, 16)}…
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
          {log.hasNextPage && (
            <Group justify="center" p="sm">
              <Button variant="default" loading={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
                {t('audit.more')}
              </Button>
            </Group>
          )}
        </Paper>
      )}
    </Stack>
  );
}
