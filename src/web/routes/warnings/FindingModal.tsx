import { useState } from 'react';
import { Anchor, Badge, Button, Group, Modal, NativeSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, data, multipart } from '../../api/client.ts';
import { useUsers } from '../../api/users.ts';
import { useMe } from '../../auth.ts';
import { fmtDate } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, Loading, notifyError, notifySaved } from '../../components/ui.tsx';
import { Field } from '../../components/Field.tsx';
import { allowedActions, isException, type FindingAction } from '../../../shared/scans/workflow.ts';
import type { FindingDetail } from '../../../shared/warnings/schemas.ts';
import { Attachments, FindingStatusBadge, NO_SHRINK, SeverityBadge } from './ui.tsx';

/** One finding: what it is, its due date, CVEs (KEV marked) and warnings, who works it, and the next steps. */
export function FindingModal({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const finding = useQuery({ queryKey: ['finding', id], queryFn: () => data(client.GET('/api/findings/{id}', { params: { path: { id } } })) });
  return (
    <Modal opened onClose={onClose} title={t('warnings.findings.detail')} size="lg">
      {finding.isPending ? <Loading /> : finding.isError ? <ErrorAlert error={finding.error} /> : <FindingBody f={finding.data} />}
    </Modal>
  );
}

function FindingBody({ f }: { f: FindingDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const people = useUsers({ agencyId: f.agencyId }, { enabled: f.can.work });
  const [form, setForm] = useState<FindingAction | null>(null);
  const [evidence, setEvidence] = useState('');
  const done = async () => {
    await qc.invalidateQueries({ queryKey: ['finding', f.id] });
    await qc.invalidateQueries({ queryKey: ['findings-list'] });
    await qc.invalidateQueries({ queryKey: ['findings', f.systemId] });
    notifySaved();
    setForm(null);
  };
  const move = useMutation({
    mutationFn: (body: { action: FindingAction; reason?: string; approverUserId?: number | null; expiresOn?: string }) =>
      data(client.POST('/api/findings/{id}/transitions', { params: { path: { id: f.id } }, body })),
    onSuccess: done,
    onError: (e) => form === null && notifyError(e),
  });
  const assign = useMutation({
    mutationFn: (assigneeUserId: number | null) =>
      data(client.PUT('/api/findings/{id}/assignee', { params: { path: { id: f.id } }, body: { assigneeUserId } })),
    onSuccess: done,
    onError: notifyError,
  });
  const act = (action: FindingAction) => (action === 'mark_fixed' || isException(action) ? setForm(action) : move.mutate({ action }));
  return (
    <Stack>
      <div>
        <Group gap="xs">
          <SeverityBadge severity={f.severity} />
          <FindingStatusBadge status={f.status} overdue={f.overdue} />
        </Group>
        <Text fw={600} mt={4}>
          {f.title}
        </Text>
        <Text size="sm" ff="monospace" c="dimmed">
          {f.host}:{f.port}
        </Text>
      </div>
      <SimpleGrid cols={2}>
        <Field label={t('warnings.facts.system')} value={`${f.systemName} (${f.systemCode})`} />
        <Field label={t('common.agency')} value={f.agencyName} />
        <Field label={t('warnings.scans.firstSeen')} value={fmtDate(f.firstSeenOn)} />
        <Field label={t('warnings.findings.dueOn')} value={<Text c={f.overdue ? 'red' : undefined}>{fmtDate(f.dueOn)}</Text>} />
        <Field
          label={t('warnings.findings.cves')}
          value={
            f.cveIds.length ? (
              <Group gap={4}>
                {f.cveIds.map((c) => (
                  <Badge
                    key={c}
                    variant={f.exploitedCveIds.includes(c) ? 'filled' : 'outline'}
                    color={f.exploitedCveIds.includes(c) ? 'red' : 'gray'}
                    style={NO_SHRINK}
                  >
                    {c}
                    {f.exploitedCveIds.includes(c) ? ` · ${t('warnings.kev.badge')}` : ''}
                  </Badge>
                ))}
              </Group>
            ) : (
              '—'
            )
          }
        />
        {f.closedOn && <Field label={f.closedByScan ? t('warnings.findings.closedByScan') : t('warnings.findings.closedByHand')} value={fmtDate(f.closedOn)} />}
      </SimpleGrid>
      {f.solution && <Field label={t('warnings.field.recommendedAction')} value={f.solution} />}
      <Field
        label={t('warnings.findings.warnings')}
        value={
          f.warnings.length ? (
            <Stack gap={2}>
              {f.warnings.map((w) => (
                <Anchor key={w.id} component={Link} to={`/warnings/${w.id}`} size="sm">
                  {w.number}: {w.title}
                </Anchor>
              ))}
            </Stack>
          ) : (
            t('warnings.findings.noWarnings')
          )
        }
      />
      {f.reason && <Field label={f.status === 'fixed' ? t('warnings.findings.evidence') : t('warnings.findings.reason')} value={f.reason} />}
      {(f.evidence.length > 0 || (f.can.work && (form === 'mark_fixed' || f.status === 'fixed'))) && (
        <div>
          <Text size="sm" fw={500}>
            {t('warnings.findings.evidenceFiles')}
          </Text>
          <Attachments
            files={f.evidence}
            upload={(file) => data(client.POST('/api/findings/{id}/evidence', { params: { path: { id: f.id } }, body: multipart(file) }))}
            canUpload={f.can.work}
            onUploaded={() => qc.invalidateQueries({ queryKey: ['finding', f.id] })}
            testid="finding-evidence-files"
          />
        </div>
      )}
      {f.approvedBy && (
        <SimpleGrid cols={2}>
          <Field label={t('warnings.findings.approver')} value={f.approvedBy.fullName} />
          <Field label={t('warnings.findings.expiresOn')} value={fmtDate(f.expiresOn)} />
        </SimpleGrid>
      )}
      {f.can.work ? (
        <Select
          label={t('warnings.findings.assignee')}
          data={[{ value: '0', label: t('warnings.findings.nobody') }, ...(people.data ?? []).map((u) => ({ value: String(u.id), label: u.fullName }))]}
          value={String(f.assignee?.id ?? 0)}
          onChange={(v) => v !== null && assign.mutate(Number(v) || null)}
          searchable
          data-testid="finding-assignee-select"
        />
      ) : (
        <Field label={t('warnings.findings.assignee')} value={f.assignee?.fullName ?? t('warnings.findings.nobody')} />
      )}
      {f.can.work && form === null && (
        <Group>
          {allowedActions(f.status).map((a) => (
            <Button key={a} variant="light" loading={move.isPending} onClick={() => act(a)} data-testid={`finding-action-${a}`}>
              {t(`warnings.findings.actions.${a}`)}
            </Button>
          ))}
        </Group>
      )}
      {form === 'mark_fixed' && (
        <Stack>
          <Textarea
            label={t('warnings.findings.evidence')}
            value={evidence}
            onChange={(e) => setEvidence(e.currentTarget.value)}
            error={fieldError(move.error, 'reason')}
            autosize
            minRows={2}
            data-testid="finding-evidence"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setForm(null)}>
              {t('common.cancel')}
            </Button>
            <Button loading={move.isPending} onClick={() => move.mutate({ action: 'mark_fixed', reason: evidence })} data-testid="finding-fixed-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      )}
      {(form === 'accept_risk' || form === 'mark_false_positive') && (
        <ExceptionForm only={form} saving={move.isPending} error={move.error} onSave={(v) => move.mutate(v)} onCancel={() => setForm(null)} />
      )}
    </Stack>
  );
}

type ExceptionValue = { action: 'mark_false_positive' | 'accept_risk'; reason: string; approverUserId: number | null; expiresOn: string };

/** A false positive or an accepted risk: the reason, another user who approves it, and when it lapses. */
export function ExceptionForm({
  saving,
  error,
  onSave,
  onCancel,
  only,
}: {
  saving: boolean;
  error: unknown;
  onSave: (v: ExceptionValue) => void;
  onCancel: () => void;
  only?: ExceptionValue['action'];
}) {
  const { t } = useTranslation();
  const me = useMe();
  const approvers = useUsers({ capability: 'findings.approve' }, { select: (users) => users.filter((u) => u.id !== me.data?.id) });
  const [v, setV] = useState<ExceptionValue>({ action: only ?? 'accept_risk', reason: '', approverUserId: null, expiresOn: '' });
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('warnings.findings.exceptionHint')}
      </Text>
      {!only && (
        <NativeSelect
          label={t('common.status')}
          value={v.action}
          onChange={(e) => setV({ ...v, action: e.currentTarget.value as ExceptionValue['action'] })}
          data={(['accept_risk', 'mark_false_positive'] as const).map((a) => ({ value: a, label: t(`warnings.findings.actions.${a}`) }))}
          data-testid="exception-action"
        />
      )}
      <Textarea
        label={t('warnings.findings.reason')}
        value={v.reason}
        onChange={(e) => setV({ ...v, reason: e.currentTarget.value })}
        error={fieldError(error, 'reason')}
        autosize
        minRows={2}
        data-testid="exception-reason"
      />
      <Select
        label={t('warnings.findings.approver')}
        data={(approvers.data ?? []).map((u) => ({ value: String(u.id), label: `${u.fullName} (${u.agencyName})` }))}
        value={v.approverUserId ? String(v.approverUserId) : null}
        onChange={(id) => setV({ ...v, approverUserId: id ? Number(id) : null })}
        error={fieldError(error, 'approverUserId')}
        searchable
        data-testid="exception-approver"
      />
      <TextInput
        type="date"
        label={t('warnings.findings.expiresOn')}
        value={v.expiresOn}
        onChange={(e) => setV({ ...v, expiresOn: e.currentTarget.value })}
        error={fieldError(error, 'expiresOn')}
        data-testid="exception-expires"
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button loading={saving} onClick={() => onSave(v)} data-testid="exception-save">
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
