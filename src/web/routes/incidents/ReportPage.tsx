import { useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Agency } from '../../../shared/agencies/schemas.ts';
import type { SystemSummary } from '../../../shared/systems/schemas.ts';
import type { z } from 'zod';
import { INCIDENT_KINDS, INCIDENT_SEVERITIES, TLP_LEVELS, type IncidentKind, type IncidentSeverity, type Tlp } from '../../../shared/incidents/vocabulary.ts';
import { reportTimeliness } from '../../../shared/incidents/deadlines.ts';
import { get, post } from '../../api/client.ts';
import { useMe } from '../../auth.ts';
import { fmtDateTime } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, notifySaved } from '../../components/ui.tsx';
import { isoToLocal, localToIso, type IncidentDetail, type Rule } from './types.ts';

/** The initial report (báo cáo ban đầu) an agency files for its own systems. */
export function ReportPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [v, setV] = useState({
    agencyId: me.agencyId, systemIds: [] as string[], title: '', kind: 'malware' as IncidentKind, severity: 'medium' as IncidentSeverity, serious: false,
    detectedAt: isoToLocal(new Date()), description: '', currentImpact: '', actionsTaken: '', supportRequested: '',
    reporterName: me.fullName, reporterPosition: '', reporterPhone: '', reporterEmail: '', tlp: 'amber' as Tlp, forNationalCoordinator: true,
  });
  const agencies = useQuery({ queryKey: ['agencies', false], queryFn: () => get<Agency[]>('/api/agencies') });
  const systems = useQuery({ queryKey: ['systems', 'of', v.agencyId], queryFn: () => get<{ items: z.infer<typeof SystemSummary>[] }>(`/api/systems?agencyId=${v.agencyId}&limit=500`) });
  const policy = useQuery({ queryKey: ['incident-policy'], queryFn: () => get<Rule[]>('/api/incident-policy') });
  const save = useMutation({
    mutationFn: () => post<IncidentDetail>('/api/incidents', { ...v, systemIds: v.systemIds.map(Number), detectedAt: localToIso(v.detectedAt) }),
    onSuccess: async (d) => {
      await qc.invalidateQueries({ queryKey: ['incidents'] });
      await qc.invalidateQueries({ queryKey: ['incident-stats'] });
      notifySaved();
      await navigate(`/incidents/${d.id}`);
    },
  });
  const err = (f: string) => fieldError(save.error, f);
  const deadline = useMemo(() => {
    if (!policy.data || !v.detectedAt) return null;
    return reportTimeliness({ serious: v.serious, severity: v.severity, detectedAt: localToIso(v.detectedAt), reportedAt: new Date(), source: 'agency' }, policy.data);
  }, [policy.data, v.serious, v.severity, v.detectedAt]);
  const agencyOptions = (agencies.data ?? []).filter((a) => !a.external && a.can.reportIncidents).map((a) => ({ value: String(a.id), label: a.name }));
  const systemOptions = (systems.data?.items ?? []).filter((s) => s.agencyId === v.agencyId).map((s) => ({ value: String(s.id), label: `${s.name} (${s.code})` }));
  const text = (k: 'title' | 'reporterName' | 'reporterPosition' | 'reporterPhone' | 'reporterEmail', label: string) => (
    <TextInput label={label} value={v[k]} error={err(k)} onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })} data-testid={`report-${k}`} />
  );
  const area = (k: 'description' | 'currentImpact' | 'actionsTaken' | 'supportRequested', label: string) => (
    <Textarea label={label} autosize minRows={k === 'description' ? 4 : 2} value={v[k]} error={err(k)} onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })} data-testid={`report-${k}`} />
  );

  return (
    <Stack maw={960}>
      <div>
        <Title order={2}>{t('incidents.form.title')}</Title>
        <Text size="xs" c="dimmed">{t('incidents.legal')}</Text>
      </div>
      <Paper withBorder p="md">
        <Stack>
          <Group grow align="flex-start">
            <Select label={t('incidents.form.agency')} searchable value={String(v.agencyId)} data={agencyOptions} error={err('agencyId')}
              onChange={(a) => a && setV({ ...v, agencyId: Number(a), systemIds: [] })} data-testid="report-agency" />
            <MultiSelect label={t('incidents.form.systems')} searchable value={v.systemIds} data={systemOptions} error={err('systemIds')}
              onChange={(ids) => setV({ ...v, systemIds: ids })} data-testid="report-systems" />
          </Group>
          {text('title', t('incidents.form.name'))}
          <Group grow align="flex-start">
            <Select label={t('incidents.form.kind')} value={v.kind} onChange={(k) => k && setV({ ...v, kind: k as IncidentKind })}
              data={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`incidents.kind.${k}`) }))} data-testid="report-kind" />
            <Select label={t('incidents.form.severity')} value={v.severity} onChange={(s) => s && setV({ ...v, severity: s as IncidentSeverity })}
              data={INCIDENT_SEVERITIES.map((s) => ({ value: s, label: t(`incidents.severity.${s}`) }))} data-testid="report-severity" />
            <TextInput type="datetime-local" label={t('incidents.form.detectedAt')} value={v.detectedAt} error={err('detectedAt')}
              onChange={(e) => setV({ ...v, detectedAt: e.currentTarget.value })} data-testid="report-detectedAt" />
          </Group>
          <Checkbox label={t('incidents.form.serious')} checked={v.serious} onChange={(e) => setV({ ...v, serious: e.currentTarget.checked })} data-testid="report-serious" />
          {deadline && (
            <Alert color={deadline.late ? 'red' : v.serious ? 'orange' : 'blue'} title={t('incidents.form.deadline')} data-testid="report-deadline">
              {deadline.dueAt === localToIso(v.detectedAt)
                ? t('incidents.form.immediately', { time: fmtDateTime(deadline.lateAt) })
                : t('incidents.form.within', { time: fmtDateTime(deadline.lateAt) })}
              {deadline.late && <Text fw={600} size="sm">{t('incidents.form.willBeLate')}</Text>}
            </Alert>
          )}
          {area('description', t('incidents.form.description'))}
          {area('currentImpact', t('incidents.form.impact'))}
          {area('actionsTaken', t('incidents.form.actions'))}
          {area('supportRequested', t('incidents.form.support'))}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('reporterName', t('incidents.form.reporter'))}
            {text('reporterPosition', t('incidents.form.position'))}
            {text('reporterPhone', t('incidents.form.phone'))}
            {text('reporterEmail', t('incidents.form.email'))}
          </SimpleGrid>
          <Group align="flex-end">
            <Select label={t('incidents.form.tlp')} value={v.tlp} onChange={(x) => x && setV({ ...v, tlp: x as Tlp })} w={220}
              data={TLP_LEVELS.map((l) => ({ value: l, label: `TLP:${l.toUpperCase()}` }))} />
            <Checkbox label={t('incidents.form.national')} checked={v.forNationalCoordinator} mb={8}
              onChange={(e) => setV({ ...v, forNationalCoordinator: e.currentTarget.checked })} />
          </Group>
          {save.isError && !['agencyId', 'systemIds', 'title', 'detectedAt', 'description', 'reporterEmail', 'reporterPhone', 'reporterName'].some((f) => err(f)) && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate('/incidents')}>{t('common.cancel')}</Button>
            <Button loading={save.isPending} onClick={() => save.mutate()} data-testid="report-submit">{t('incidents.form.submit')}</Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
