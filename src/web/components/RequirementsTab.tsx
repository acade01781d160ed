import { useState } from 'react';
import { Anchor, Badge, Button, FileButton, Group, Modal, Paper, Progress, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { REQUIREMENT_STATUSES, type RequirementStatus } from '../../shared/requirements/compliance.ts';
import type { SystemDetail } from '../../shared/systems/schemas.ts';
import { client, data, multipart, type Answer } from '../api/client.ts';
import { useUsers } from '../api/users.ts';
import { fmtDate, fmtPercent } from '../i18n/index.ts';
import { todayVn } from '../../shared/core/dates.ts';
import { ErrorAlert, fieldError, FormButtons, Loading, notifyError, notifySaved } from './ui.tsx';

type Tracked = Answer<'/api/systems/{id}/requirements'>['items'][number];
const COLORS: Record<RequirementStatus, string> = { not_started: 'gray', in_progress: 'yellow', met: 'green', not_applicable: 'blue' };
/** A "not applicable" nobody has approved yet: it still counts as applicable and not met. */
const awaiting = (r: Tracked) => r.status === 'not_applicable' && r.notApplicableApprovedAt === null;

export function RequirementsTab({ system }: { system: SystemDetail }) {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: ['requirements', system.id],
    queryFn: () => data(client.GET('/api/systems/{id}/requirements', { params: { path: { id: system.id } } })),
  });
  const [editing, setEditing] = useState<Tracked | null>(null);
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const l = list.data;
  if (!l.level) return <Text c="dimmed">{t('req.noLevel')}</Text>;
  const opens = l.can.track || l.can.approveNotApplicable;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={5}>{t('req.title')}</Title>
        <Text size="sm" data-testid="requirements-summary">
          {t('req.summary', { met: l.met, applicable: l.applicable })} · {fmtPercent(l.compliancePercent)}
        </Text>
      </Group>
      <Progress value={l.compliancePercent ?? 0} mb="md" />
      {(['management', 'technical'] as const).map((g) => (
        <Stack key={g} gap={4} mb="md">
          <Text fw={600}>{t(`req.group.${g}`)}</Text>
          <Table striped data-testid={`requirements-${g}`}>
            <Table.Tbody>
              {l.items
                .filter((r) => r.group === g)
                .map((r) => (
                  <Table.Tr key={r.requirementId} style={{ cursor: opens ? 'pointer' : undefined }} onClick={() => opens && setEditing(r)}>
                    <Table.Td w={90}>
                      <Text size="xs" ff="monospace">
                        {r.requirementId}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {i18n.language === 'vi' ? r.titleVi : r.titleEn}
                      <Text size="xs" c="dimmed">
                        {r.reference}
                      </Text>
                      {r.condition && (
                        <Badge size="xs" variant="outline" data-testid={`req-condition-${r.requirementId}`}>
                          {t(`req.condition.${r.condition}`)}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td w={150}>
                      <Badge color={awaiting(r) ? 'orange' : COLORS[r.status]} variant="light">
                        {awaiting(r) ? t('req.awaitingApproval') : t(`req.status.${r.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td w={160}>
                      <Text size="xs">{r.ownerName ?? ''}</Text>
                      <Text size="xs" c={r.dueOn && r.status !== 'met' && r.dueOn < todayVn() ? 'red' : 'dimmed'}>
                        {r.dueOn ? `${t('req.due')}: ${fmtDate(r.dueOn)}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td w={110}>{fmtDate(r.lastVerifiedOn)}</Table.Td>
                    <Table.Td w={70}>{r.evidenceCount ? `📎 ${r.evidenceCount}` : ''}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
      {editing && <RequirementForm systemId={system.id} agencyId={system.agencyId} item={editing} can={l.can} onClose={() => setEditing(null)} />}
    </Paper>
  );
}

type Can = Answer<'/api/systems/{id}/requirements'>['can'];

function RequirementForm({ systemId, agencyId, item, can, onClose }: { systemId: number; agencyId: number; item: Tracked; can: Can; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const users = useUsers({ agencyId });
  const [v, setV] = useState({
    ownerUserId: item.ownerUserId,
    status: item.status,
    reason: item.reason ?? '',
    dueOn: item.dueOn ?? '',
    lastVerifiedOn: item.lastVerifiedOn ?? '',
    note: item.note ?? '',
  });
  const path = { path: { id: systemId, requirementId: item.requirementId } };
  const evidence = useQuery({
    queryKey: ['evidence', systemId, item.requirementId],
    queryFn: () => data(client.GET('/api/systems/{id}/requirements/{requirementId}/evidence', { params: path })),
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['requirements', systemId] });
    await qc.invalidateQueries({ queryKey: ['system', systemId] });
  };
  const save = useMutation({
    mutationFn: () => data(client.PATCH('/api/systems/{id}/requirements/{requirementId}', { params: path, body: v })),
    onSuccess: async () => {
      await refresh();
      notifySaved();
      onClose();
    },
  });
  const [rejectNote, setRejectNote] = useState('');
  const decide = useMutation({
    mutationFn: (approve: boolean) =>
      data(client.POST('/api/systems/{id}/requirements/{requirementId}/not-applicable-decision', { params: path, body: { approve, note: rejectNote } })),
    onSuccess: async () => {
      await refresh();
      notifySaved();
      onClose();
    },
  });
  const upload = useMutation({
    mutationFn: (file: File) => data(client.POST('/api/systems/{id}/requirements/{requirementId}/evidence', { params: path, body: multipart(file) })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['evidence', systemId, item.requirementId] });
      await refresh();
    },
    onError: notifyError,
  });
  return (
    <Modal opened onClose={onClose} title={`${item.requirementId} — ${item.titleVi}`} size="lg">
      <Stack>
        <Text size="sm">{item.descriptionVi}</Text>
        {item.basis && (
          <Text size="xs" c="dimmed" data-testid="requirement-basis">
            {t('req.minimum', { basis: item.basis })}
          </Text>
        )}
        {item.status === 'not_applicable' && (
          <Text size="sm" c={awaiting(item) ? 'orange' : 'dimmed'} data-testid="requirement-approval">
            {awaiting(item)
              ? t('req.awaitingNote')
              : t('req.approvedBy', { name: item.notApplicableApprovedByName ?? '', date: fmtDate(item.notApplicableApprovedAt?.slice(0, 10) ?? null) })}
            {item.minimum && ` ${t('req.minimumNote')}`}
          </Text>
        )}
        {awaiting(item) && can.approveNotApplicable && (
          <Paper withBorder p="sm">
            <Text size="sm" mb={4}>
              {t('req.reason')}: {item.reason}
            </Text>
            <Textarea
              label={t('req.rejectNote')}
              value={rejectNote}
              error={fieldError(decide.error, 'note')}
              onChange={(e) => setRejectNote(e.currentTarget.value)}
            />
            <Group mt="sm">
              <Button size="xs" onClick={() => decide.mutate(true)} loading={decide.isPending} data-testid="requirement-approve">
                {t('req.approve')}
              </Button>
              <Button size="xs" variant="light" color="red" onClick={() => decide.mutate(false)} loading={decide.isPending}>
                {t('req.reject')}
              </Button>
            </Group>
            {decide.isError && !fieldError(decide.error, 'note') && <ErrorAlert error={decide.error} />}
          </Paper>
        )}
        <Select
          label={t('common.status')}
          value={v.status}
          onChange={(s) => setV({ ...v, status: (s ?? 'not_started') as RequirementStatus })}
          data={REQUIREMENT_STATUSES.map((s) => ({ value: s, label: t(`req.status.${s}`) }))}
          data-testid="requirement-status"
        />
        {v.status === 'not_applicable' && (
          <Textarea
            label={t('req.reason')}
            value={v.reason}
            error={fieldError(save.error, 'reason')}
            onChange={(e) => setV({ ...v, reason: e.currentTarget.value })}
          />
        )}
        <Select
          label={t('req.owner')}
          searchable
          clearable
          value={v.ownerUserId ? String(v.ownerUserId) : null}
          onChange={(u) => setV({ ...v, ownerUserId: u ? Number(u) : null })}
          data={(users.data ?? []).filter((u) => u.active).map((u) => ({ value: String(u.id), label: u.fullName }))}
        />
        <Group grow>
          <TextInput type="date" label={t('req.due')} value={v.dueOn} onChange={(e) => setV({ ...v, dueOn: e.currentTarget.value })} />
          <TextInput type="date" label={t('req.verified')} value={v.lastVerifiedOn} onChange={(e) => setV({ ...v, lastVerifiedOn: e.currentTarget.value })} />
        </Group>
        <Textarea label={t('common.comment')} value={v.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} />
        <div>
          <Text size="sm" fw={500}>
            {t('req.evidence')}
          </Text>
          {evidence.data?.map((f) => (
            <div key={f.id}>
              <Anchor href={`/api/files/${f.id}`} size="sm">
                {f.name}
              </Anchor>
            </div>
          ))}
          <FileButton onChange={(f) => f && upload.mutate(f)} accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg">
            {(props) => (
              <Button {...props} size="xs" variant="light" mt={4} loading={upload.isPending}>
                {t('common.upload')}
              </Button>
            )}
          </FileButton>
        </div>
        {save.isError && !fieldError(save.error, 'reason') && <ErrorAlert error={save.error} />}
        {can.track && <FormButtons onCancel={onClose} saving={save.isPending} onSave={() => save.mutate()} testid="requirement-save" />}
      </Stack>
    </Modal>
  );
}
