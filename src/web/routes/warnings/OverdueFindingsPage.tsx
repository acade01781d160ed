import { Anchor, Group, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, data } from '../../api/client.ts';
import { fmtDate } from '../../i18n/index.ts';
import { ErrorAlert, Loading } from '../../components/ui.tsx';

/** Overdue findings by agency (the security unit, agency leaders); each row opens that agency's overdue findings. */
export function OverdueFindingsPage() {
  const { t } = useTranslation();
  const view = useQuery({ queryKey: ['findings-overdue'], queryFn: () => data(client.GET('/api/findings/overdue-by-agency')) });
  if (view.isPending) return <Loading />;
  if (view.isError) return <ErrorAlert error={view.error} />;
  return (
    <Paper withBorder>
      <Group justify="space-between" p="sm">
        <Text fw={600}>{t('warnings.findings.overview.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('warnings.findings.overview.asOf', { date: fmtDate(view.data.asOf) })}
        </Text>
      </Group>
      {view.data.agencies.length ? (
        <Table striped data-testid="overdue-by-agency">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.agency')}</Table.Th>
              <Table.Th>{t('warnings.findings.overview.overdue')}</Table.Th>
              <Table.Th>{t('warnings.findings.overview.critical')}</Table.Th>
              <Table.Th>{t('warnings.findings.overview.high')}</Table.Th>
              <Table.Th>{t('warnings.findings.overview.kev')}</Table.Th>
              <Table.Th>{t('warnings.findings.overview.unresolved')}</Table.Th>
              <Table.Th>{t('warnings.findings.overview.oldest')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.data.agencies.map((a) => (
              <Table.Tr key={a.agencyId} data-testid={`overdue-agency-${a.agencyId}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/warnings/findings?agencyId=${a.agencyId}&overdue=true`} size="sm">
                    {a.agencyName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text fw={a.overdue ? 700 : undefined} c={a.overdue ? 'red' : undefined} size="sm">
                    {a.overdue}
                  </Text>
                </Table.Td>
                <Table.Td>{a.overdueCritical}</Table.Td>
                <Table.Td>{a.overdueHigh}</Table.Td>
                <Table.Td>{a.overdueKnownExploited}</Table.Td>
                <Table.Td>{a.unresolved}</Table.Td>
                <Table.Td>{fmtDate(a.oldestDueOn)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text p="md" c="dimmed">
          {t('warnings.findings.overview.none')}
        </Text>
      )}
    </Paper>
  );
}
