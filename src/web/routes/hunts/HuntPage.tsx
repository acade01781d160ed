import type { ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { client, data } from '../../api/client.ts';
import { fmtDate } from '../../i18n/index.ts';
import { ErrorAlert, Loading } from '../../components/ui.tsx';
import { HuntResultBadge, HuntStatusBadge } from './badges.tsx';

/** One hunt: what was hunted, how, by whom, its result, and the incident it opened (or the way to open one). */
export function HuntPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['hunt', id], queryFn: () => data(client.GET('/api/hunts/{id}', { params: { path: { id } } })) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const h = q.data;
  const row = (label: string, value: ReactNode) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <div>{value ?? '—'}</div>
    </div>
  );
  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/hunts" size="sm">
        ← {t('hunts.back')}
      </Anchor>
      <Group justify="space-between">
        <div>
          <Title order={2} data-testid="hunt-title">
            {h.title}
          </Title>
          <Text c="dimmed">{h.agencyName}</Text>
        </div>
        {h.can.edit && (
          <Button variant="default" component={Link} to={`/hunts/${h.id}/edit`} data-testid="hunt-edit">
            {t('hunts.edit')}
          </Button>
        )}
      </Group>
      <Group>
        <HuntStatusBadge status={h.status} />
        {h.result ? <HuntResultBadge result={h.result} /> : <Text size="sm">{t('hunts.noResult')}</Text>}
      </Group>
      {h.incident && (
        <Alert color="red" title={t('hunts.incident')} data-testid="hunt-incident">
          <Anchor component={Link} to={`/incidents/${h.incident.id}`} data-testid="hunt-incident-link">
            {h.incident.code} — {h.incident.title}
          </Anchor>
        </Alert>
      )}
      {h.can.openIncident && (
        <Alert color="orange" title={t('hunts.openIncident')}>
          <Stack gap="xs">
            <Text size="sm">{t('hunts.openIncidentHint')}</Text>
            <Group>
              <Button color="red" component={Link} to={`/incidents/new?hunt=${h.id}`} data-testid="hunt-open-incident">
                {t('hunts.openIncident')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {t('hunts.noFinding')}
            </Text>
          </Stack>
        </Alert>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {row(t('hunts.hypothesis'), h.hypothesis)}
          {row(t('hunts.scope'), h.scope)}
          {row(t('hunts.systems'), h.wholeAgency ? t('hunts.wholeAgency') : h.systems.map((s) => s.name).join(', '))}
          {row(t('hunts.period'), `${fmtDate(h.periodFrom)} – ${fmtDate(h.periodTo)}`)}
          {row(t('hunts.techniques'), h.techniques.length ? h.techniques.join('; ') : null)}
          {row(
            t('hunts.attack'),
            h.attackTechniques.length ? (
              <Group gap={4}>
                {h.attackTechniques.map((a) => (
                  <Badge key={a} variant="outline" ff="monospace">
                    {a}
                  </Badge>
                ))}
              </Group>
            ) : null,
          )}
          {row(t('hunts.hunterKind'), h.provider ? `${t('hunts.hunterKinds.provider')}: ${h.provider.name}` : t(`hunts.hunterKinds.${h.hunterKind}`))}
          {row(t('hunts.hunters'), h.hunters)}
        </SimpleGrid>
        {h.resultSummary && (
          <Stack gap={2} mt="md">
            <Text size="xs" c="dimmed">
              {t('hunts.resultSummary')}
            </Text>
            <Text data-testid="hunt-summary">{h.resultSummary}</Text>
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
