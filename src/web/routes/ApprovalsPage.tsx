import { Anchor, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApprovals } from '../api/dossiers.ts';
import { fmtDateTime } from '../i18n/index.ts';
import { DossierBadge, ErrorAlert, LevelBadge, Loading } from '../components/ui.tsx';
import { DeadlineBadge } from './DossierPage.tsx';

export function ApprovalsPage() {
  const { t } = useTranslation();
  const queue = useApprovals();
  return (
    <Stack>
      <Title order={2}>{t('dossier.queue')}</Title>
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <ErrorAlert error={queue.error} />
      ) : queue.data.length === 0 ? (
        <Text c="dimmed">{t('dossier.queueEmpty')}</Text>
      ) : (
        <Paper withBorder>
          <Table striped data-testid="approvals-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.name')}</Table.Th>
                <Table.Th>{t('systems.owner')}</Table.Th>
                <Table.Th>{t('systems.proposed')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('dossier.dueOn')}</Table.Th>
                <Table.Th>{t('dossier.submissions')}</Table.Th>
                <Table.Th>{t('common.date')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queue.data.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/dossiers/${d.id}`}>
                      {d.systemName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {d.systemCode}
                    </Text>
                  </Table.Td>
                  <Table.Td>{d.agencyName}</Table.Td>
                  <Table.Td>
                    <LevelBadge level={d.proposedLevel} />
                    {d.proposedLevel !== d.computedLevel && (
                      <Badge ml={4} color="orange" size="xs">
                        ≠ {d.computedLevel}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <DossierBadge state={d.state} />
                  </Table.Td>
                  <Table.Td>
                    {d.deadline ? (
                      <>
                        <DeadlineBadge deadline={d.deadline} />
                        <Text size="xs" c="dimmed">
                          {t(`dossier.stage.${d.deadline.stage}`)}
                        </Text>
                      </>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>{d.submissions}</Table.Td>
                  <Table.Td>{fmtDateTime(d.updatedAt)}</Table.Td>
                  <Table.Td>
                    {d.allowedActions.map((a) => (
                      <Badge key={a} variant="outline" mr={4}>
                        {t(`dossier.action.${a}`)}
                      </Badge>
                    ))}
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
