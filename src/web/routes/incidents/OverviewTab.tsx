import { useState } from 'react';
import { Alert, Anchor, Button, Group, Modal, MultiSelect, Paper, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { INCIDENT_KINDS, INCIDENT_SEVERITIES, TLP_LEVELS } from '../../../shared/incidents/vocabulary.ts';
import { ApiError, client, data } from '../../api/client.ts';
import { useAgencies } from '../../api/agencies.ts';
import { useIncidents } from '../../api/incidents.ts';
import { useSystems } from '../../api/systems.ts';
import { fmtDateTime } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, FormButtons } from '../../components/ui.tsx';
import { Field } from '../../components/Field.tsx';
import { ExchangeSubmissions } from '../../components/ExchangeSubmissions.tsx';
import { StatusBadge, Tag } from './badges.tsx';
import { useCaseChange, useTeamUsers } from './useCase.ts';
import { isoToLocal, localToIso, type IncidentDetail } from './types.ts';
import { CapacityField, EffectsField, OrganizationsField } from './ReportFields.tsx';

/** The report, its deadline and recipients, who works it, the affected scope, related cases and public communication. */
export function OverviewTab({ d }: { d: IncidentDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<null | 'report' | 'assign' | 'affected' | 'related' | 'comms'>(null);
  const tm = d.timeliness;
  return (
    <Stack>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={5}>{t('incidents.detail.report')}</Title>
          {d.can.editReport && (
            <Button size="xs" variant="light" onClick={() => setEditing('report')} data-testid="incident-edit">
              {t('incidents.detail.edit')}
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Field label={t('incidents.form.detectedAt')} value={fmtDateTime(d.detectedAt)} />
          <Field label={t('incidents.list.reported')} value={fmtDateTime(d.reportedAt)} />
          <Field
            label={t('incidents.detail.reporter')}
            value={[d.reporter.name, d.reporter.position, d.reporter.phone, d.reporter.email].filter(Boolean).join(' · ')}
          />
          <Field label={t('common.agency')} value={d.agencyName ?? d.hotlineOrganization} />
          <Field label={t('incidents.detail.operator')} value={[d.operator.name, d.operator.address].filter(Boolean).join(' · ')} />
          <Field label={t('incidents.detail.managingAgency')} value={d.managingAgencyName} />
          <Field label={t('incidents.form.kind')} value={t(`incidents.kind.${d.kind}`)} />
          <Field label={t('incidents.detail.provider')} value={d.infrastructureProvider} />
          <Field label={t('incidents.detail.addresses')} value={d.affectedAddresses.join(', ')} />
          <Field label={t('incidents.form.capacity')} value={t(`incidents.capacity.${d.capacity}`)} />
        </SimpleGrid>
        <Stack gap={4} mt="sm">
          <Text size="xs" c="dimmed">
            {t('incidents.form.description')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="incident-description">
            {d.description}
          </Text>
          {(
            [
              ['currentImpact', 'impact'],
              ['spread', 'spread'],
              ['actionsTaken', 'actions'],
              ['initialResult', 'initialResult'],
              ['supportRequested', 'support'],
            ] as const
          ).map(
            ([k, label]) =>
              d[k] && (
                <div key={k}>
                  <Text size="xs" c="dimmed">
                    {t(`incidents.form.${label}`)}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {d[k]}
                  </Text>
                </div>
              ),
          )}
          {!!d.supportingOrganizations.length && (
            <Text size="xs" c="dimmed">
              {t('incidents.form.organizations')}
            </Text>
          )}
          {d.supportingOrganizations.map((o) => (
            <Text key={o.name} size="sm">
              • {o.name}
              {o.result ? `: ${o.result}` : ''}
            </Text>
          ))}
          {d.rejectReason && (
            <Alert color="gray" title={t('incidents.detail.rejectReason')}>
              {d.rejectReason}
            </Alert>
          )}
        </Stack>
        <Alert mt="sm" color={d.serious ? 'red' : 'gray'} title={t('incidents.detail.seriousness')} data-testid="incident-seriousness">
          <Text size="sm">{d.serious ? t('incidents.detail.seriousYes') : t('incidents.detail.seriousNo')}</Text>
          {d.effects.map((e) => (
            <Text key={e} size="sm">
              • {t(`incidents.effect.${e}`)}
            </Text>
          ))}
          {!!d.seriousness.grounds.length && (
            <Text size="xs" c="dimmed">
              {t('incidents.detail.grounds', { grounds: d.seriousness.grounds.join('; ') })}
            </Text>
          )}
        </Alert>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            {t('incidents.detail.deadline')}
          </Title>
          {tm.applies ? (
            <Stack gap={4} data-testid="incident-deadline">
              <Group gap="xs">
                <Text size="sm">
                  {t(`incidents.severityClass.${tm.severityClass}`)}:{' '}
                  {tm.dueAt === d.detectedAt
                    ? t('incidents.form.immediately', { time: fmtDateTime(tm.lateAt) })
                    : t('incidents.form.within', { time: fmtDateTime(tm.lateAt) })}
                </Text>
                <Tag color={tm.late ? 'red' : 'green'} variant="light">
                  {tm.late ? t('incidents.detail.late') : t('incidents.detail.onTime')}
                </Tag>
              </Group>
              <Text size="xs" c="dimmed">
                {t('incidents.detail.hoursToReport', { hours: tm.hoursToReport })}
              </Text>
            </Stack>
          ) : (
            <Text size="sm">{t('incidents.detail.notApplicable')}</Text>
          )}
          <Text size="xs" c="dimmed" mt="sm">
            {t('incidents.detail.recipients')}
          </Text>
          <Stack gap={2} data-testid="incident-recipients">
            {d.recipients.map((r) => (
              <div key={r.role}>
                <Text size="sm">
                  ✓ {t(`incidents.recipient.${r.role}`)}: {r.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {r.sources.join('; ')}
                </Text>
              </div>
            ))}
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={5}>{t('incidents.detail.assignment')}</Title>
            {d.can.work && (
              <Button size="xs" variant="light" onClick={() => setEditing('assign')} data-testid="incident-assign">
                {t('incidents.detail.assign')}
              </Button>
            )}
          </Group>
          <Field label={t('incidents.detail.lead')} value={d.lead?.fullName ?? t('incidents.detail.noLead')} />
          <Field label={t('incidents.detail.responders')} value={d.responders.map((r) => r.fullName).join(', ')} />
        </Paper>
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={5}>{t('incidents.detail.systems')}</Title>
            {d.can.editReport && (
              <Button size="xs" variant="light" onClick={() => setEditing('affected')}>
                {t('incidents.detail.editAffected')}
              </Button>
            )}
          </Group>
          {d.systems.map((s) => (
            <Text key={s.id} size="sm">
              •{' '}
              <Anchor component={Link} to={`/systems/${s.id}`}>
                {s.name}
              </Anchor>{' '}
              ({s.code}
              {s.level ? `, ${t('common.level')} ${s.level}` : ''})
            </Text>
          ))}
          {!!d.agencies.length && (
            <Text size="xs" c="dimmed" mt="xs">
              {t('incidents.detail.agencies')}
            </Text>
          )}
          {d.agencies.map((a) => (
            <Text key={a.id} size="sm">
              • {a.name}
            </Text>
          ))}
        </Paper>
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={5}>{t('incidents.detail.related')}</Title>
            {d.can.work && (
              <Button size="xs" variant="light" onClick={() => setEditing('related')}>
                {t('incidents.detail.editRelated')}
              </Button>
            )}
          </Group>
          {d.mergedInto && (
            <Text size="sm">
              {t('incidents.detail.mergedInto')}: <CaseLink c={d.mergedInto} />
            </Text>
          )}
          {d.related.map((c) => (
            <Text key={c.id} size="sm">
              • <CaseLink c={c} />
            </Text>
          ))}
          {!!d.duplicates.length && (
            <Text size="xs" c="dimmed" mt="xs">
              {t('incidents.detail.duplicates')}
            </Text>
          )}
          {d.duplicates.map((c) => (
            <Text key={c.id} size="sm">
              • <CaseLink c={c} />
            </Text>
          ))}
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={5}>{t('incidents.detail.communication')}</Title>
          {d.can.work && (
            <Button size="xs" variant="light" onClick={() => setEditing('comms')} data-testid="incident-comms">
              {t('incidents.detail.recordDecision')}
            </Button>
          )}
        </Group>
        {d.communication ? (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Field label={t('incidents.detail.spokesperson')} value={d.communication.spokesperson} />
            <Field label={t('incidents.detail.decision')} value={d.communication.decision} />
            <Field label={t('common.date')} value={`${fmtDateTime(d.communication.decidedAt)} · ${d.communication.decidedBy ?? ''}`} />
          </SimpleGrid>
        ) : (
          <Text size="sm" c="dimmed">
            {t('incidents.detail.noDecision')}
          </Text>
        )}
      </Paper>
      <ExchangeSubmissions subject="incident" id={d.id} />
      {editing === 'report' && <ReportModal d={d} onClose={() => setEditing(null)} />}
      {editing === 'assign' && <AssignModal d={d} onClose={() => setEditing(null)} />}
      {editing === 'affected' && <AffectedModal d={d} onClose={() => setEditing(null)} />}
      {editing === 'related' && <RelatedModal d={d} onClose={() => setEditing(null)} />}
      {editing === 'comms' && <CommsModal d={d} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function CaseLink({ c }: { c: { id: number; code: string; title: string; status: IncidentDetail['status'] } }) {
  return (
    <>
      <Anchor component={Link} to={`/incidents/${c.id}`} size="sm">
        {c.code} — {c.title}
      </Anchor>{' '}
      <StatusBadge status={c.status} />
    </>
  );
}

function AssignModal({ d, onClose }: { d: IncidentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const users = useTeamUsers();
  const [lead, setLead] = useState<string | null>(d.lead ? String(d.lead.id) : null);
  const [responders, setResponders] = useState<string[]>(d.responders.map((r) => String(r.id)));
  const run = useCaseChange(d.id, onClose);
  const options = (users.data ?? []).map((u) => ({ value: String(u.id), label: `${u.fullName} (${u.agencyName})` }));
  return (
    <Modal opened onClose={onClose} title={t('incidents.detail.assignment')}>
      <Stack>
        <Select
          label={t('incidents.detail.lead')}
          searchable
          clearable
          value={lead}
          onChange={setLead}
          data={options}
          error={fieldError(run.error, 'leadUserId')}
          data-testid="assign-lead"
        />
        <MultiSelect
          label={t('incidents.detail.responders')}
          searchable
          value={responders}
          onChange={setResponders}
          data={options}
          error={fieldError(run.error, 'responderIds')}
        />
        {run.isError && <ErrorAlert error={run.error} />}
        <FormButtons
          onCancel={onClose}
          saving={run.isPending}
          testid="assign-save"
          onSave={() =>
            run.mutate(() =>
              data(
                client.PUT('/api/incidents/{id}/assignment', {
                  params: { path: { id: d.id } },
                  body: { leadUserId: lead ? Number(lead) : null, responderIds: responders.map(Number) },
                }),
              ),
            )
          }
        />
      </Stack>
    </Modal>
  );
}

function AffectedModal({ d, onClose }: { d: IncidentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [systemIds, setSystemIds] = useState(d.systems.map((s) => String(s.id)));
  const [agencyIds, setAgencyIds] = useState(d.agencies.map((a) => String(a.id)));
  const systems = useSystems({ limit: 500 });
  const agencies = useAgencies();
  const run = useCaseChange(d.id, onClose);
  return (
    <Modal opened onClose={onClose} title={t('incidents.detail.editAffected')} size="lg">
      <Stack>
        <MultiSelect
          label={t('incidents.detail.systems')}
          searchable
          value={systemIds}
          onChange={setSystemIds}
          error={fieldError(run.error, 'systemIds')}
          data={(systems.data?.items ?? []).map((s) => ({ value: String(s.id), label: `${s.name} (${s.code})` }))}
        />
        <MultiSelect
          label={t('incidents.detail.agencies')}
          searchable
          value={agencyIds}
          onChange={setAgencyIds}
          error={fieldError(run.error, 'agencyIds')}
          data={(agencies.data ?? []).filter((a) => !a.external && a.id !== d.agencyId).map((a) => ({ value: String(a.id), label: a.name }))}
        />
        {run.isError && !fieldError(run.error, 'systemIds') && !fieldError(run.error, 'agencyIds') && <ErrorAlert error={run.error} />}
        <FormButtons
          onCancel={onClose}
          saving={run.isPending}
          onSave={() =>
            run.mutate(() =>
              data(
                client.PUT('/api/incidents/{id}/affected', {
                  params: { path: { id: d.id } },
                  body: { systemIds: systemIds.map(Number), agencyIds: agencyIds.map(Number) },
                }),
              ),
            )
          }
        />
      </Stack>
    </Modal>
  );
}

function RelatedModal({ d, onClose }: { d: IncidentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [ids, setIds] = useState(d.related.map((c) => String(c.id)));
  const cases = useIncidents({ limit: 500 });
  const run = useCaseChange(d.id, onClose);
  return (
    <Modal opened onClose={onClose} title={t('incidents.detail.related')} size="lg">
      <Stack>
        <MultiSelect
          searchable
          value={ids}
          onChange={setIds}
          error={fieldError(run.error, 'incidentIds')}
          data={(cases.data?.items ?? []).filter((c) => c.id !== d.id).map((c) => ({ value: String(c.id), label: `${c.code} — ${c.title}` }))}
        />
        <FormButtons
          onCancel={onClose}
          saving={run.isPending}
          onSave={() =>
            run.mutate(() => data(client.PUT('/api/incidents/{id}/related', { params: { path: { id: d.id } }, body: { incidentIds: ids.map(Number) } })))
          }
        />
      </Stack>
    </Modal>
  );
}

function CommsModal({ d, onClose }: { d: IncidentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ spokesperson: d.communication?.spokesperson ?? '', decision: d.communication?.decision ?? '' });
  const run = useCaseChange(d.id, onClose);
  return (
    <Modal opened onClose={onClose} title={t('incidents.detail.communication')}>
      <Stack>
        <TextInput
          label={t('incidents.detail.spokesperson')}
          value={v.spokesperson}
          error={fieldError(run.error, 'spokesperson')}
          onChange={(e) => setV({ ...v, spokesperson: e.currentTarget.value })}
          data-testid="comms-spokesperson"
        />
        <Textarea
          label={t('incidents.detail.decision')}
          autosize
          minRows={3}
          value={v.decision}
          error={fieldError(run.error, 'decision')}
          onChange={(e) => setV({ ...v, decision: e.currentTarget.value })}
          data-testid="comms-decision"
        />
        <FormButtons
          onCancel={onClose}
          saving={run.isPending}
          testid="comms-save"
          onSave={() => run.mutate(() => data(client.PUT('/api/incidents/{id}/communication', { params: { path: { id: d.id } }, body: v })))}
        />
      </Stack>
    </Modal>
  );
}

/** Fields the report modal shows next to their input. */
const INLINE =
  /^(title|detectedAt|description|effects|capacity|operatorName|operatorAddress|infrastructureProvider|actionsTaken|affectedAddresses(\.\d+)?|supportingOrganizations\.\d+\.(name|result))$/;

/** Corrects the report: the agency until triage, the team until the case ends; "serious" follows from the facts. */
function ReportModal({ d, onClose }: { d: IncidentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    title: d.title,
    kind: d.kind,
    severity: d.severity,
    tlp: d.tlp,
    detectedAt: isoToLocal(d.detectedAt),
    effects: d.effects,
    capacity: d.capacity,
    description: d.description,
    currentImpact: d.currentImpact ?? '',
    spread: d.spread ?? '',
    actionsTaken: d.actionsTaken ?? '',
    initialResult: d.initialResult ?? '',
    supportRequested: d.supportRequested ?? '',
    supportingOrganizations: d.supportingOrganizations.map((o) => ({ name: o.name, result: o.result ?? '' })),
    operatorName: d.operator.name ?? '',
    operatorAddress: d.operator.address ?? '',
    infrastructureProvider: d.infrastructureProvider ?? '',
    affectedAddresses: d.affectedAddresses,
  });
  const run = useCaseChange(d.id, onClose);
  const err = (f: string) => fieldError(run.error, f);
  const area = (k: 'description' | 'currentImpact' | 'spread' | 'actionsTaken' | 'initialResult' | 'supportRequested', label: string) => (
    <Textarea label={label} autosize minRows={2} value={v[k]} error={err(k)} onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })} />
  );
  const line = (k: 'operatorName' | 'operatorAddress' | 'infrastructureProvider', label: string) => (
    <TextInput label={label} value={v[k]} error={err(k)} onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })} />
  );
  // A hotline case has no operator details until the team fills them in: send only what the modal holds.
  const body = {
    ...v,
    detectedAt: localToIso(v.detectedAt),
    ...(v.affectedAddresses.length ? {} : { affectedAddresses: undefined }),
    ...(v.operatorName ? {} : { operatorName: undefined, operatorAddress: undefined }),
    ...(v.infrastructureProvider ? {} : { infrastructureProvider: undefined }),
    ...(v.actionsTaken ? {} : { actionsTaken: undefined }),
  };
  return (
    <Modal opened onClose={onClose} title={t('incidents.detail.edit')} size="xl">
      <Stack>
        <TextInput label={t('incidents.form.name')} value={v.title} error={err('title')} onChange={(e) => setV({ ...v, title: e.currentTarget.value })} />
        <Group grow align="flex-start">
          <Select
            label={t('incidents.form.kind')}
            value={v.kind}
            onChange={(k) => k && setV({ ...v, kind: k as typeof v.kind })}
            data={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`incidents.kind.${k}`) }))}
          />
          <Select
            label={t('incidents.form.severity')}
            value={v.severity}
            onChange={(k) => k && setV({ ...v, severity: k as typeof v.severity })}
            data={INCIDENT_SEVERITIES.map((k) => ({ value: k, label: t(`incidents.severity.${k}`) }))}
          />
          <Select
            label={t('incidents.form.tlp')}
            value={v.tlp}
            onChange={(k) => k && setV({ ...v, tlp: k as typeof v.tlp })}
            data={TLP_LEVELS.map((l) => ({ value: l, label: `TLP:${l.toUpperCase()}` }))}
          />
          <TextInput
            type="datetime-local"
            label={t('incidents.form.detectedAt')}
            value={v.detectedAt}
            error={err('detectedAt')}
            onChange={(e) => setV({ ...v, detectedAt: e.currentTarget.value })}
          />
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <EffectsField value={v.effects} onChange={(effects) => setV({ ...v, effects })} error={err('effects')} />
          <CapacityField value={v.capacity} onChange={(capacity) => setV({ ...v, capacity })} error={err('capacity')} />
        </SimpleGrid>
        {area('description', t('incidents.form.description'))}
        {area('currentImpact', t('incidents.form.impact'))}
        {area('spread', t('incidents.form.spread'))}
        <TagsInput
          label={t('incidents.form.addresses')}
          description={t('incidents.form.addressesHint')}
          value={v.affectedAddresses}
          error={err('affectedAddresses') ?? v.affectedAddresses.map((_, i) => err(`affectedAddresses.${i}`)).find(Boolean)}
          onChange={(affectedAddresses) => setV({ ...v, affectedAddresses })}
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
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {line('operatorName', t('incidents.form.operator'))}
          {line('operatorAddress', t('incidents.form.operatorAddress'))}
        </SimpleGrid>
        {line('infrastructureProvider', t('incidents.form.provider'))}
        {run.isError && !(run.error instanceof ApiError && INLINE.test(run.error.field ?? '')) && <ErrorAlert error={run.error} />}
        <FormButtons
          onCancel={onClose}
          saving={run.isPending}
          onSave={() => run.mutate(() => data(client.PATCH('/api/incidents/{id}', { params: { path: { id: d.id } }, body })))}
        />
      </Stack>
    </Modal>
  );
}
