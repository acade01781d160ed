import { Alert, Anchor, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { client, data } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/ui.tsx';
import { LateBadge, SeverityBadge, StatusBadge, TlpBadge } from './badges.tsx';
import { CaseActions, ShareHistory } from './CaseActions.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { WorkTab } from './WorkTab.tsx';
import { ClosingTab } from './ClosingTab.tsx';
import { TimelineTab } from './TimelineTab.tsx';

const TABS = ['overview', 'work', 'closing', 'timeline'] as const;

export function IncidentPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const incident = useQuery({ queryKey: ['incident', id], queryFn: () => data(client.GET('/api/incidents/{id}', { params: { path: { id } } })) });
  if (incident.isPending) return <Loading />;
  if (incident.isError) return <ErrorAlert error={incident.error} />;
  const d = incident.data;
  const tab = params.get('tab') ?? 'overview';
  const readOnly = !d.can.work && !d.can.contribute && !d.can.editReport;
  return (
    <Stack>
      <div>
        <Anchor component={Link} to="/incidents" size="sm">
          ← {t('incidents.nav.list')}
        </Anchor>
        <Group gap="sm" mt={4}>
          <Text ff="monospace" c="dimmed" data-testid="incident-code">
            {d.code}
          </Text>
          <Title order={2}>{d.title}</Title>
        </Group>
        <Group gap={6} mt={4}>
          <StatusBadge status={d.status} testid="incident-status" />
          <SeverityBadge severity={d.severity} serious={d.serious} />
          <TlpBadge tlp={d.tlp} />
          {d.timeliness.late && <LateBadge />}
          <Text size="sm" c="dimmed">
            {t(`incidents.kind.${d.kind}`)} · {d.agencyName ?? d.hotlineOrganization ?? '—'} · {t(`incidents.source.${d.source}`)}
          </Text>
        </Group>
      </div>
      <FoundByHunt incidentId={d.id} />
      <CaseActions d={d} />
      <ShareHistory d={d} />
      {readOnly && d.status !== 'closed' && <Alert color="gray">{t('incidents.detail.readOnly')}</Alert>}
      <Tabs value={tab} onChange={(v) => setParams({ tab: v ?? 'overview' }, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`incident-tab-${k}`}>
              {t(`incidents.detail.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <OverviewTab d={d} />
        </Tabs.Panel>
        <Tabs.Panel value="work" pt="md">
          <WorkTab d={d} />
        </Tabs.Panel>
        <Tabs.Panel value="closing" pt="md">
          <ClosingTab d={d} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md">
          <TimelineTab d={d} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** The hunt that found this incident and opened it, if one did. */
function FoundByHunt({ incidentId }: { incidentId: number }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['hunts', 'by-incident', incidentId],
    queryFn: () => data(client.GET('/api/hunts', { params: { query: { incidentId } } })),
  });
  const hunt = q.data?.items[0];
  if (!hunt) return null;
  return (
    <Text size="sm" data-testid="incident-hunt">
      {t('hunts.foundBy')}{' '}
      <Anchor component={Link} to={`/hunts/${hunt.id}`}>
        {hunt.title}
      </Anchor>
    </Text>
  );
}
