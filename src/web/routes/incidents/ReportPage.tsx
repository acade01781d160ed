import { useMemo, useState } from 'react';
import { Alert, Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  INCIDENT_KINDS,
  INCIDENT_SEVERITIES,
  TLP_LEVELS,
  type HandlingCapacity,
  type IncidentEffect,
  type IncidentKind,
  type IncidentSeverity,
  type Tlp,
} from '../../../shared/incidents/vocabulary.ts';
import { reportTimeliness } from '../../../shared/incidents/deadlines.ts';
import { ApiError, client, data, type Answer } from '../../api/client.ts';
import { useAgencies } from '../../api/agencies.ts';
import { useIncidentPolicy } from '../../api/incidents.ts';
import { useSystems } from '../../api/systems.ts';
import { useMe } from '../../auth.ts';
import { fmtDateTime } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, Loading, notifySaved } from '../../components/ui.tsx';
import { isoToLocal, localToIso } from './types.ts';
import { CapacityField, EffectsField, FixedRecipients, OrganizationsField, type Organization } from './ReportFields.tsx';

/** Fields the form shows next to their input (an address or an organisation row by its index); any other refusal above the buttons. */
const INLINE =
  /^(agencyId|systemIds|title|detectedAt|description|actionsTaken|operatorName|operatorAddress|infrastructureProvider|affectedAddresses(\.\d+)?|reporter(Name|Position|Phone|Email)|effects|capacity|supportingOrganizations\.\d+\.(name|result))$/;

type Hunt = Answer<'/api/hunts/{id}'>;

/**
 * The initial report (báo cáo ban đầu, Decision 05/2017 Art. 11(4)) an agency files for its own systems; with
 * `?hunt=<id>`, the report of what that hunt found, for the hunt's agency, opened through the hunt (linked to it).
 */
export function ReportPage() {
  const huntId = Number(useSearchParams()[0].get('hunt')) || null;
  const hunt = useQuery({
    queryKey: ['hunt', huntId],
    enabled: huntId !== null,
    queryFn: () => data(client.GET('/api/hunts/{id}', { params: { path: { id: huntId! } } })),
  });
  if (huntId !== null && hunt.isPending) return <Loading />;
  if (huntId !== null && hunt.isError) return <ErrorAlert error={hunt.error} />;
  return <ReportForm hunt={huntId !== null ? hunt.data! : null} />;
}

function ReportForm({ hunt }: { hunt: Hunt | null }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [v, setV] = useState({
    agencyId: hunt?.agencyId ?? me.agencyId,
    systemIds: (hunt?.systems ?? []).map((s) => String(s.id)),
    title: hunt?.title ?? '',
    kind: 'malware' as IncidentKind,
    severity: 'medium' as IncidentSeverity,
    effects: [] as IncidentEffect[],
    capacity: 'within' as HandlingCapacity,
    detectedAt: isoToLocal(new Date()),
    description: hunt ? [hunt.hypothesis, hunt.resultSummary].filter(Boolean).join('\n\n') : '',
    currentImpact: '',
    spread: '',
    actionsTaken: '',
    initialResult: '',
    supportRequested: '',
    supportingOrganizations: [] as Organization[],
    operatorName: null as string | null,
    operatorAddress: null as string | null,
    infrastructureProvider: '',
    affectedAddresses: [] as string[],
    reporterName: me.fullName,
    reporterPosition: '',
    reporterPhone: '',
    reporterEmail: '',
    tlp: 'amber' as Tlp,
  });
  const agencies = useAgencies();
  // The operator defaults to the reporting agency until the reporter names another body.
  const reporting = agencies.data?.find((a) => a.id === v.agencyId);
  const operatorName = v.operatorName ?? reporting?.name ?? '';
  const operatorAddress = v.operatorAddress ?? reporting?.address ?? '';
  const systems = useSystems({ agencyId: v.agencyId, limit: 500 });
  const policy = useIncidentPolicy();
  const save = useMutation({
    mutationFn: async () => {
      const body = { ...v, operatorName, operatorAddress, systemIds: v.systemIds.map(Number), detectedAt: localToIso(v.detectedAt) };
      if (!hunt) return `/incidents/${(await data(client.POST('/api/incidents', { body }))).id}`;
      const { agencyId: _a, ...report } = body;
      await data(client.POST('/api/hunts/{id}/incident', { params: { path: { id: hunt.id } }, body: report }));
      return `/hunts/${hunt.id}`;
    },
    onSuccess: async (next) => {
      await qc.invalidateQueries({ queryKey: ['incidents'] });
      await qc.invalidateQueries({ queryKey: ['incident-stats'] });
      await qc.invalidateQueries({ queryKey: ['hunts'] });
      if (hunt) await qc.invalidateQueries({ queryKey: ['hunt', hunt.id] });
      notifySaved();
      await navigate(next);
    },
  });
  const err = (f: string) => fieldError(save.error, f);
  const deadline = useMemo(() => {
    if (!policy.data || !v.detectedAt) return null;
    // A serious incident needs the owner beyond its capacity, which already makes the report due at once.
    return reportTimeliness(
      { serious: false, capacity: v.capacity, severity: v.severity, detectedAt: localToIso(v.detectedAt), reportedAt: new Date(), source: 'agency' },
      policy.data,
    );
  }, [policy.data, v.capacity, v.severity, v.detectedAt]);
  const agencyOptions = (agencies.data ?? []).filter((a) => !a.external && a.can.reportIncidents).map((a) => ({ value: String(a.id), label: a.name }));
  const systemOptions = (systems.data?.items ?? [])
    .filter((s) => s.agencyId === v.agencyId)
    .map((s) => ({ value: String(s.id), label: `${s.name} (${s.code})` }));
  const text = (k: 'title' | 'reporterName' | 'reporterPosition' | 'reporterPhone' | 'reporterEmail', label: string) => (
    <TextInput label={label} value={v[k]} error={err(k)} onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })} data-testid={`report-${k}`} />
  );
  const area = (k: 'description' | 'currentImpact' | 'spread' | 'actionsTaken' | 'initialResult' | 'supportRequested', label: string) => (
    <Textarea
      label={label}
      autosize
      minRows={k === 'description' ? 4 : 2}
      value={v[k]}
      error={err(k)}
      onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })}
      data-testid={`report-${k}`}
    />
  );

  return (
    <Stack maw={960}>
      <div>
        <Title order={2}>{t('incidents.form.title')}</Title>
        {hunt && (
          <Text size="sm" data-testid="report-from-hunt">
            {t('hunts.fromHunt', { title: hunt.title })}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('incidents.legal')}
        </Text>
      </div>
      <Paper withBorder p="md">
        <Stack>
          <Group grow align="flex-start">
            <Select
              label={t('incidents.form.agency')}
              searchable
              disabled={Boolean(hunt)}
              value={String(v.agencyId)}
              data={hunt ? [{ value: String(hunt.agencyId), label: hunt.agencyName }] : agencyOptions}
              error={err('agencyId')}
              onChange={(a) => a && setV({ ...v, agencyId: Number(a), systemIds: [] })}
              data-testid="report-agency"
            />
            <MultiSelect
              label={t('incidents.form.systems')}
              searchable
              value={v.systemIds}
              data={systemOptions}
              error={err('systemIds')}
              onChange={(ids) => setV({ ...v, systemIds: ids })}
              data-testid="report-systems"
            />
          </Group>
          {text('title', t('incidents.form.name'))}
          <Group grow align="flex-start">
            <Select
              label={t('incidents.form.kind')}
              value={v.kind}
              onChange={(k) => k && setV({ ...v, kind: k as IncidentKind })}
              data={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`incidents.kind.${k}`) }))}
              data-testid="report-kind"
            />
            <Select
              label={t('incidents.form.severity')}
              value={v.severity}
              onChange={(s) => s && setV({ ...v, severity: s as IncidentSeverity })}
              data={INCIDENT_SEVERITIES.map((s) => ({ value: s, label: t(`incidents.severity.${s}`) }))}
              data-testid="report-severity"
            />
            <TextInput
              type="datetime-local"
              label={t('incidents.form.detectedAt')}
              value={v.detectedAt}
              error={err('detectedAt')}
              onChange={(e) => setV({ ...v, detectedAt: e.currentTarget.value })}
              data-testid="report-detectedAt"
            />
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <EffectsField value={v.effects} onChange={(effects) => setV({ ...v, effects })} error={err('effects')} />
            <CapacityField value={v.capacity} onChange={(capacity) => setV({ ...v, capacity })} error={err('capacity')} />
          </SimpleGrid>
          {deadline && (
            <Alert
              color={deadline.late ? 'red' : deadline.severityClass === 'immediate' ? 'orange' : 'blue'}
              title={t('incidents.form.deadline')}
              data-testid="report-deadline"
            >
              {deadline.dueAt === localToIso(v.detectedAt)
                ? t('incidents.form.immediately', { time: fmtDateTime(deadline.lateAt) })
                : t('incidents.form.within', { time: fmtDateTime(deadline.lateAt) })}
              {deadline.late && (
                <Text fw={600} size="sm">
                  {t('incidents.form.willBeLate')}
                </Text>
              )}
            </Alert>
          )}
          {area('description', t('incidents.form.description'))}
          {area('currentImpact', t('incidents.form.impact'))}
          {area('spread', t('incidents.form.spread'))}
          <TagsInput
            label={t('incidents.form.addresses')}
            description={t('incidents.form.addressesHint')}
            value={v.affectedAddresses}
            error={err('affectedAddresses') ?? v.affectedAddresses.map((_, i) => err(`affectedAddresses.${i}`)).find(Boolean)}
            onChange={(affectedAddresses) => setV({ ...v, affectedAddresses })}
            data-testid="report-addresses"
          />
          {area('actionsTaken', t('incidents.form.actions'))}
          <OrganizationsField
            label={t('incidents.form.organizations')}
            value={v.supportingOrganizations}
            fieldError={err}
            onChange={(supportingOrganizations) => setV({ ...v, supportingOrganizations })}
          />
          {area('initialResult', t('incidents.form.initialResult'))}
          {area('supportRequested', t('incidents.form.support'))}
          <Title order={5}>{t('incidents.form.operatorSection')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('incidents.form.operator')}
              value={operatorName}
              error={err('operatorName')}
              onChange={(e) => setV({ ...v, operatorName: e.currentTarget.value })}
              data-testid="report-operatorName"
            />
            <TextInput
              label={t('incidents.form.operatorAddress')}
              value={operatorAddress}
              error={err('operatorAddress')}
              onChange={(e) => setV({ ...v, operatorAddress: e.currentTarget.value })}
              data-testid="report-operatorAddress"
            />
          </SimpleGrid>
          <TextInput
            label={t('incidents.form.provider')}
            value={v.infrastructureProvider}
            error={err('infrastructureProvider')}
            onChange={(e) => setV({ ...v, infrastructureProvider: e.currentTarget.value })}
            data-testid="report-infrastructureProvider"
          />
          <Title order={5}>{t('incidents.form.contact')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('reporterName', t('incidents.form.reporter'))}
            {text('reporterPosition', t('incidents.form.position'))}
            {text('reporterPhone', t('incidents.form.phone'))}
            {text('reporterEmail', t('incidents.form.email'))}
          </SimpleGrid>
          <Group align="flex-start" grow>
            <Select
              label={t('incidents.form.tlp')}
              value={v.tlp}
              onChange={(x) => x && setV({ ...v, tlp: x as Tlp })}
              maw={220}
              data={TLP_LEVELS.map((l) => ({ value: l, label: `TLP:${l.toUpperCase()}` }))}
            />
            <FixedRecipients />
          </Group>
          {save.isError && !(save.error instanceof ApiError && INLINE.test(save.error.field ?? '')) && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate(hunt ? `/hunts/${hunt.id}` : '/incidents')}>
              {t('common.cancel')}
            </Button>
            <Button loading={save.isPending} onClick={() => save.mutate()} data-testid="report-submit">
              {t('incidents.form.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
