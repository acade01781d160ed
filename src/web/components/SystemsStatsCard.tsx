import { Anchor, Badge, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, data } from '../api/client.ts';
import { fmtNumber, fmtPercent } from '../i18n/index.ts';
import { ErrorAlert, Loading } from './ui.tsx';
import type { SystemsStats } from '../../shared/systems/schemas.ts';

/** Inventory entries made or mastered by a Vietnamese enterprise (Thanh Hóa letter 1.d): the subtree's share, and each agency's under it. */
function VietnameseSoftware({ software }: { software: SystemsStats['software'] }) {
  const { t } = useTranslation();
  const share = (r: { vietnamese: number; total: number; vietnamesePercent: number | null }) =>
    `${fmtNumber(r.vietnamese)}/${fmtNumber(r.total)} · ${fmtPercent(r.vietnamesePercent)}`;
  return (
    <Paper withBorder p="sm" data-testid="stat-vietnamese-software">
      <Text size="xs" c="dimmed">
        {t('overview.vietnameseSoftware')}
      </Text>
      <Text fw={700} size="xl">
        {share(software)}
      </Text>
      <Text size="xs" c="dimmed">
        {t('overview.vietnameseSoftwareBasis')}
      </Text>
      {software.byAgency.length > 0 && (
        <Table mt="xs" data-testid="vietnamese-software-by-agency">
          <Table.Tbody>
            {software.byAgency.map((a) => (
              <Table.Tr key={a.agencyId}>
                <Table.Td>
                  <Anchor component={Link} to={`/agencies/${a.agencyId}`} size="sm">
                    {a.agencyName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{share(a)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function Metric({ label, value, percent, to, testid }: { label: string; value: string; percent?: number | null; to?: string; testid?: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testid}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {to ? (
        <Anchor component={Link} to={to} fw={700} size="xl">
          {value}
        </Anchor>
      ) : (
        <Text fw={700} size="xl">
          {value}
        </Text>
      )}
      {percent !== undefined && <Progress mt={6} value={percent ?? 0} color={(percent ?? 0) >= 100 ? 'green' : (percent ?? 0) >= 70 ? 'yellow' : 'red'} />}
    </Paper>
  );
}

/** The level-related figures of an agency and its subtree, each linking to the systems behind it. */
export function SystemsStatsCard({ agencyId }: { agencyId: number }) {
  const { t } = useTranslation();
  const stats = useQuery({
    queryKey: ['systems-stats', agencyId],
    queryFn: () => data(client.GET('/api/agencies/{id}/systems-stats', { params: { path: { id: agencyId } } })),
  });
  if (stats.isPending) return <Loading />;
  if (stats.isError) return <ErrorAlert error={stats.error} />;
  const s = stats.data;
  const list = `/systems?agencyId=${agencyId}`;
  return (
    <Stack gap="xs">
      <Title order={5}>{t('agencies.systems')}</Title>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Metric label={t('overview.systems')} value={fmtNumber(s.total)} to={list} testid="stat-total" />
        <Metric
          label={t('overview.approved')}
          value={`${fmtNumber(s.approved)} · ${fmtPercent(s.approvedPercent)}`}
          percent={s.approvedPercent}
          to={`${list}&unapproved=true`}
          testid="stat-approved"
        />
        <Metric label={t('overview.deployed')} value={`${fmtNumber(s.planDeployed)} · ${fmtPercent(s.planDeployedPercent)}`} percent={s.planDeployedPercent} />
        <Metric label={t('overview.compliance')} value={fmtPercent(s.compliancePercent)} percent={s.compliancePercent} testid="stat-compliance" />
      </SimpleGrid>
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {t('overview.byLevel')}:
        </Text>
        {[1, 2, 3, 4, 5].map((l) => (
          <Badge
            key={l}
            component={Link}
            to={`${list}&level=${l}`}
            variant="light"
            style={{ cursor: 'pointer' }}
          >{`${t('common.level')} ${l}: ${s.byLevel[l] ?? 0}`}</Badge>
        ))}
        <Badge color="gray" variant="outline">{`${t('overview.unclassified')}: ${s.unclassified}`}</Badge>
      </Group>
      <VietnameseSoftware software={s.software} />
    </Stack>
  );
}
