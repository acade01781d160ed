import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Agency } from '../../shared/schemas/agencies.ts';
import type { z } from 'zod';
import type { QueueItem } from '../../shared/schemas/dossiers.ts';
import { get } from '../api/client.ts';
import { readsEverything, useMe } from '../auth.ts';
import { SystemsStatsCard } from '../components/SystemsStatsCard.tsx';
import { DossierBadge, LevelBadge, Loading } from '../components/ui.tsx';

/** The caller's scope at a glance: the province for the Sở TT&TT and leaders, else the own agency and its subtree. */
export function OverviewPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const agencies = useQuery({ queryKey: ['agencies', false], queryFn: () => get<Agency[]>('/api/agencies') });
  const queue = useQuery({ queryKey: ['approvals'], queryFn: () => get<z.infer<typeof QueueItem>[]>('/api/approvals') });
  if (agencies.isPending) return <Loading />;
  const root = readsEverything(me) || me.roles.includes('viewer') ? agencies.data?.find((a) => !a.parentId && !a.external) : undefined;
  const scope = root ?? agencies.data?.find((a) => a.id === me.agencyId);
  return (
    <Stack>
      <Title order={2}>{t('overview.title')}</Title>
      {scope && <Text c="dimmed">{t('overview.scope')}: <Anchor component={Link} to={`/agencies/${scope.id}`}>{scope.name}</Anchor></Text>}
      {scope && <SystemsStatsCard agencyId={scope.id} />}
      {!!queue.data?.length && (
        <Paper withBorder p="md">
          <Title order={5} mb="xs">{t('overview.pending')}</Title>
          <Table>
            <Table.Tbody>
              {queue.data.slice(0, 10).map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td><Anchor component={Link} to={`/dossiers/${d.id}`}>{d.systemName}</Anchor></Table.Td>
                  <Table.Td>{d.agencyName}</Table.Td>
                  <Table.Td><LevelBadge level={d.proposedLevel} /></Table.Td>
                  <Table.Td><DossierBadge state={d.state} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
