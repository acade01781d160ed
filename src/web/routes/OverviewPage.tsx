import { Anchor, Paper, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApprovals } from '../api/dossiers.ts';
import { DashboardPage } from './indicators/DashboardPage.tsx';
import { DossierBadge, LevelBadge } from '../components/ui.tsx';

/** The dashboard of the caller's scope, then what awaits the caller. */
export function OverviewPage() {
  const { t } = useTranslation();
  const queue = useApprovals();
  return (
    <Stack>
      <DashboardPage />
      {!!queue.data?.length && (
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            {t('overview.pending')}
          </Title>
          <Table>
            <Table.Tbody>
              {queue.data.slice(0, 10).map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/dossiers/${d.id}`}>
                      {d.systemName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{d.agencyName}</Table.Td>
                  <Table.Td>
                    <LevelBadge level={d.proposedLevel} />
                  </Table.Td>
                  <Table.Td>
                    <DossierBadge state={d.state} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
