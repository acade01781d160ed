import { useState } from 'react';
import { Anchor, Button, Checkbox, FileButton, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PLAN_KINDS, type PlanKind } from '../../../shared/incidents/vocabulary.ts';
import { client, data, multipart } from '../../api/client.ts';
import { useReadiness } from '../../api/incidents.ts';
import { fmtDate, fmtPercent } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, FormButtons, Loading, notifyError, notifySaved } from '../../components/ui.tsx';
import type { PlanDoc, ReadinessData } from './types.ts';
import { Tag } from './badges.tsx';

const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/** Per-system readiness (plan, review, playbooks, last exercise) and the plan documents themselves. */
export function PlansPage() {
  const { t } = useTranslation();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [editing, setEditing] = useState<PlanDoc | 'new' | null>(null);
  const readiness = useReadiness();
  const plans = useQuery({
    queryKey: ['response-plans', overdueOnly],
    queryFn: () => data(client.GET('/api/response-plans', { params: { query: { overdue: overdueOnly ? 'true' : undefined } } })),
  });
  if (readiness.isPending) return <Loading />;
  if (readiness.isError) return <ErrorAlert error={readiness.error} />;
  const r = readiness.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('incidents.plans.title')}</Title>
        <Button onClick={() => setEditing('new')} data-testid="plan-add">
          {t('incidents.plans.add')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Stat label={t('incidents.plans.systems')} value={String(r.totals.systems)} />
        <Stat label={t('incidents.plans.withPlan')} value={`${r.totals.withPlan} · ${fmtPercent(pct(r.totals.withPlan, r.totals.systems))}`} />
        <Stat
          label={t('incidents.plans.withCurrentPlan')}
          value={`${r.totals.withCurrentPlan} · ${fmtPercent(pct(r.totals.withCurrentPlan, r.totals.systems))}`}
          warn={r.totals.plansOverdue > 0}
        />
        <Stat
          label={t('incidents.plans.exercisedInYear')}
          value={`${r.totals.exercisedInYear}/${r.totals.exerciseRequired}`}
          warn={r.totals.exerciseOverdue > 0}
        />
      </SimpleGrid>
      <Paper withBorder>
        <Title order={5} p="sm">
          {t('incidents.plans.readiness')}
        </Title>
        <Table striped data-testid="readiness-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('incidents.plans.system')}</Table.Th>
              <Table.Th>{t('common.agency')}</Table.Th>
              <Table.Th>{t('common.level')}</Table.Th>
              <Table.Th>{t('incidents.plans.kind.plan')}</Table.Th>
              <Table.Th>{t('incidents.plans.nextReview')}</Table.Th>
              <Table.Th>{t('incidents.plans.playbooks')}</Table.Th>
              <Table.Th>{t('incidents.plans.lastExercise')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.systems.map((s) => (
              <Table.Tr key={s.systemId}>
                <Table.Td>
                  <Anchor component={Link} to={`/systems/${s.systemId}`} size="sm">
                    {s.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{s.agencyName}</Text>
                </Table.Td>
                <Table.Td>{s.level ?? '—'}</Table.Td>
                <Table.Td>
                  {s.hasResponsePlan ? (
                    fmtDate(s.planIssuedOn)
                  ) : (
                    <Tag color="red" variant="light">
                      {t('incidents.plans.noPlan')}
                    </Tag>
                  )}
                </Table.Td>
                <Table.Td>
                  {fmtDate(s.planNextReviewOn)}{' '}
                  {s.hasResponsePlan && !s.planCurrent && (
                    <Tag color="orange" size="xs">
                      {t('incidents.plans.reviewOverdue')}
                    </Tag>
                  )}
                </Table.Td>
                <Table.Td>{s.playbooks}</Table.Td>
                <Table.Td>
                  {fmtDate(s.lastExerciseOn)}{' '}
                  {s.exerciseOverdue && (
                    <Tag color="red" size="xs">
                      {t('incidents.plans.exerciseOverdue')}
                    </Tag>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder>
        <Group justify="space-between" p="sm">
          <Title order={5}>{t('incidents.plans.documents')}</Title>
          <Checkbox label={t('incidents.plans.overdueOnly')} checked={overdueOnly} onChange={(e) => setOverdueOnly(e.currentTarget.checked)} />
        </Group>
        {plans.isPending ? (
          <Loading />
        ) : plans.isError ? (
          <ErrorAlert error={plans.error} />
        ) : (
          <Table striped data-testid="plans-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('incidents.plans.docTitle')}</Table.Th>
                <Table.Th>{t('incidents.plans.system')}</Table.Th>
                <Table.Th>{t('incidents.plans.version')}</Table.Th>
                <Table.Th>{t('incidents.plans.issuedOn')}</Table.Th>
                <Table.Th>{t('incidents.plans.nextReview')}</Table.Th>
                <Table.Th>{t('common.file')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Tag size="xs" variant="outline" mr={4}>
                      {t(`incidents.plans.kind.${p.kind}`)}
                    </Tag>
                    {p.title}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.systemName}</Text>
                    <Text size="xs" c="dimmed">
                      {p.agencyName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{p.version}</Table.Td>
                  <Table.Td>{fmtDate(p.issuedOn)}</Table.Td>
                  <Table.Td>
                    {fmtDate(p.nextReviewOn)}{' '}
                    {p.reviewOverdue && (
                      <Tag color="orange" size="xs">
                        {t('incidents.plans.reviewOverdue')}
                      </Tag>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {p.file ? (
                      <Anchor href={`/api/files/${p.file.id}`} size="sm">
                        {p.file.name}
                      </Anchor>
                    ) : (
                      p.can.edit && <AttachButton plan={p} />
                    )}
                  </Table.Td>
                  <Table.Td>
                    {p.can.edit && (
                      <Button size="xs" variant="subtle" onClick={() => setEditing(p)}>
                        {t('common.edit')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {editing && <PlanForm plan={editing === 'new' ? undefined : editing} systems={r.systems} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function Stat({ label, value, warn }: { label: string; value: string; warn?: boolean }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" c={warn ? 'orange' : undefined}>
        {value}
      </Text>
    </Paper>
  );
}

function AttachButton({ plan }: { plan: PlanDoc }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => data(client.POST('/api/response-plans/{id}/file', { params: { path: { id: plan.id } }, body: multipart(file) })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['response-plans'] }),
    onError: notifyError,
  });
  return (
    <FileButton onChange={(f) => f && upload.mutate(f)} accept=".pdf,.docx">
      {(props) => (
        <Button {...props} size="xs" variant="light" loading={upload.isPending}>
          {t('incidents.plans.attach')}
        </Button>
      )}
    </FileButton>
  );
}

function PlanForm({ plan, systems, onClose }: { plan?: PlanDoc; systems: ReadinessData['systems']; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({
    systemId: plan ? String(plan.systemId) : (null as string | null),
    kind: plan?.kind ?? ('plan' as PlanKind),
    title: plan?.title ?? '',
    scenario: plan?.scenario ?? '',
    version: plan?.version ?? '1.0',
    issuedOn: plan?.issuedOn ?? '',
    nextReviewOn: plan?.nextReviewOn ?? '',
    note: plan?.note ?? '',
  });
  const save = useMutation({
    mutationFn: () => {
      const { systemId, ...rest } = v;
      return plan
        ? data(client.PATCH('/api/response-plans/{id}', { params: { path: { id: plan.id } }, body: rest }))
        : data(client.POST('/api/response-plans', { body: { ...rest, systemId: Number(systemId) } }));
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['response-plans'] });
      await qc.invalidateQueries({ queryKey: ['incident-readiness'] });
      notifySaved();
      onClose();
    },
  });
  const err = (f: string) => fieldError(save.error, f);
  return (
    <Modal opened onClose={onClose} title={plan ? plan.title : t('incidents.plans.add')} size="lg">
      <Stack>
        <Select
          label={t('incidents.plans.system')}
          searchable
          disabled={!!plan}
          value={v.systemId}
          error={err('systemId')}
          onChange={(s) => setV({ ...v, systemId: s })}
          data={systems.map((s) => ({ value: String(s.systemId), label: `${s.name} (${s.code})` }))}
          data-testid="plan-system"
        />
        <Group grow>
          <Select
            label={`${t('incidents.plans.kind.plan')} / ${t('incidents.plans.kind.playbook')}`}
            value={v.kind}
            onChange={(k) => k && setV({ ...v, kind: k as PlanKind })}
            data={PLAN_KINDS.map((k) => ({ value: k, label: t(`incidents.plans.kind.${k}`) }))}
          />
          <TextInput
            label={t('incidents.plans.version')}
            value={v.version}
            error={err('version')}
            onChange={(e) => setV({ ...v, version: e.currentTarget.value })}
          />
        </Group>
        <TextInput
          label={t('incidents.plans.docTitle')}
          value={v.title}
          error={err('title')}
          onChange={(e) => setV({ ...v, title: e.currentTarget.value })}
          data-testid="plan-title"
        />
        {v.kind === 'playbook' && (
          <TextInput label={t('incidents.plans.scenario')} value={v.scenario} onChange={(e) => setV({ ...v, scenario: e.currentTarget.value })} />
        )}
        <Group grow>
          <TextInput
            type="date"
            label={t('incidents.plans.issuedOn')}
            value={v.issuedOn}
            error={err('issuedOn')}
            onChange={(e) => setV({ ...v, issuedOn: e.currentTarget.value })}
            data-testid="plan-issued"
          />
          <TextInput
            type="date"
            label={t('incidents.plans.nextReview')}
            value={v.nextReviewOn}
            error={err('nextReviewOn')}
            onChange={(e) => setV({ ...v, nextReviewOn: e.currentTarget.value })}
            data-testid="plan-review"
          />
        </Group>
        <Textarea label={t('incidents.detail.note')} autosize minRows={2} value={v.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} />
        {save.isError && !['systemId', 'title', 'version', 'issuedOn', 'nextReviewOn'].some((f) => err(f)) && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} saving={save.isPending} onSave={() => save.mutate()} testid="plan-save" />
      </Stack>
    </Modal>
  );
}
