import { useState } from 'react';
import { Alert, Anchor, Badge, Button, FileButton, Group, Modal, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Timeline, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { z } from 'zod';
import type { Dossier as DossierSchema } from '../../shared/dossiers/schemas.ts';
import type { DossierAction } from '../../shared/dossiers/workflow.ts';
import { api, get, patch, post } from '../api/client.ts';
import { fmtDate, fmtDateTime } from '../i18n/index.ts';
import { DossierBadge, ErrorAlert, fieldError, LevelBadge, Loading, notifyError, notifySaved } from '../components/ui.tsx';
import { Field } from './AgenciesPage.tsx';

type Dossier = z.infer<typeof DossierSchema>;

export function DossierPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const dossier = useQuery({ queryKey: ['dossier', id], queryFn: () => get<Dossier>(`/api/dossiers/${id}`) });
  const [action, setAction] = useState<DossierAction | null>(null);
  const [draft, setDraft] = useState<{ description: string; securityPlan: string } | null>(null);
  const save = useMutation({
    mutationFn: () => patch<Dossier>(`/api/dossiers/${id}`, draft),
    onSuccess: (d) => { qc.setQueryData(['dossier', id], d); setDraft(null); notifySaved(); },
    onError: notifyError,
  });
  const upload = useMutation({
    mutationFn: (file: File) => { const f = new FormData(); f.append('file', file); return api('POST', `/api/dossiers/${id}/files`, f); },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['dossier', id] }),
    onError: notifyError,
  });
  if (dossier.isPending) return <Loading />;
  if (dossier.isError) return <ErrorAlert error={dossier.error} />;
  const d = dossier.data;
  const en = i18n.language === 'en';

  return (
    <Stack>
      <div>
        <Anchor component={Link} to={`/systems/${d.systemId}?tab=dossiers`} size="sm">← {d.systemName}</Anchor>
        <Group gap="sm" mt={4}>
          <Title order={2}>{t('dossier.title')} #{d.id}</Title>
          <DossierBadge state={d.state} />
        </Group>
      </div>
      <Group>
        {d.allowedActions.map((a) => (
          <Button key={a} color={a === 'return' ? 'orange' : a === 'approve' ? 'green' : undefined} variant={a === 'return' ? 'light' : 'filled'}
            onClick={() => setAction(a)} data-testid={`dossier-action-${a}`}>{t(`dossier.action.${a}`)}</Button>
        ))}
        <Button variant="default" component="a" href={`/api/dossiers/${d.id}/docx`} data-testid="dossier-docx">{t('dossier.docx')}</Button>
      </Group>

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Field label={t('systems.title')} value={`${d.systemName} (${d.systemCode})`} />
          <Field label={t('dossier.computed')} value={<LevelBadge level={d.computedLevel} />} />
          <Field label={t('systems.proposed')} value={<LevelBadge level={d.proposedLevel} />} />
          <Field label={t('dossier.appraiser')} value={en ? d.rule.appraiserNameEn : d.rule.appraiserNameVi} />
          <Field label={t('dossier.approver')} value={en ? d.rule.approverNameEn : d.rule.approverNameVi} />
          <Field label={t('dossier.submissions')} value={d.submissions} />
          {d.decisionNumber && <Field label={t('dossier.decisionNumber')} value={`${d.decisionNumber} · ${fmtDate(d.decisionDate)} · ${d.decisionAuthority ?? ''}`} />}
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="xs">{d.rule.reference}</Text>
        {d.justification && <Alert color="orange" mt="sm" title={t('dossier.justification')}>{d.justification}</Alert>}
        {d.appraisalOpinion && <Alert color="blue" mt="sm">{d.appraisalOpinion}</Alert>}
      </Paper>

      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={5}>{t('dossier.description')} · {t('dossier.securityPlan')}</Title>
          {d.can.edit && !draft && <Button size="xs" variant="light" onClick={() => setDraft({ description: d.description ?? '', securityPlan: d.securityPlan ?? '' })} data-testid="dossier-edit">{t('common.edit')}</Button>}
        </Group>
        {draft ? (
          <Stack>
            <Textarea label={t('dossier.description')} autosize minRows={4} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })} data-testid="dossier-description" />
            <Textarea label={t('dossier.securityPlan')} autosize minRows={8} value={draft.securityPlan} onChange={(e) => setDraft({ ...draft, securityPlan: e.currentTarget.value })} data-testid="dossier-plan" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDraft(null)}>{t('common.cancel')}</Button>
              <Button loading={save.isPending} onClick={() => save.mutate()} data-testid="dossier-save">{t('common.save')}</Button>
            </Group>
          </Stack>
        ) : (
          <Stack gap="xs">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{d.description || '—'}</Text>
            <Text size="sm" fw={500}>{t('dossier.securityPlan')}</Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{d.securityPlan || '—'}</Text>
          </Stack>
        )}
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={5} mb="xs">{t('dossier.attachments')}</Title>
          {d.attachments.map((f) => <div key={f.id}><Anchor href={`/api/files/${f.id}`} size="sm">{f.name}</Anchor> <Text span size="xs" c="dimmed">{fmtDateTime(f.uploadedAt)}</Text></div>)}
          <FileButton onChange={(f) => f && upload.mutate(f)} accept=".pdf,.docx,.png,.jpg,.jpeg">
            {(props) => <Button {...props} size="xs" variant="light" mt="xs" loading={upload.isPending}>{t('common.upload')}</Button>}
          </FileButton>
        </Paper>
        <Paper withBorder p="md">
          <Title order={5} mb="xs">{t('dossier.history')}</Title>
          <Timeline bulletSize={14} lineWidth={2} data-testid="dossier-history">
            {d.events.map((e) => (
              <Timeline.Item key={e.id} title={<Group gap={4}>{e.fromState && <Badge size="xs" variant="outline">{t(`dossier.state.${e.fromState}`)}</Badge>}→<Badge size="xs">{t(`dossier.state.${e.toState}`)}</Badge></Group>}>
                <Text size="xs" c="dimmed">{fmtDateTime(e.at)} · {e.actorName ?? '—'}</Text>
                {e.comment && <Text size="sm">{e.comment}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      </SimpleGrid>
      {action && <TransitionModal dossier={d} action={action} onClose={() => setAction(null)} />}
    </Stack>
  );
}

function TransitionModal({ dossier, action, onClose }: { dossier: Dossier; action: DossierAction; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({ comment: '', decisionNumber: '', decisionDate: '', decisionAuthority: '', decisionFileId: null as number | null });
  const run = useMutation({
    mutationFn: () => post<Dossier>(`/api/dossiers/${dossier.id}/transitions`, { action, ...v }),
    onSuccess: async (d) => {
      qc.setQueryData(['dossier', dossier.id], d);
      await qc.invalidateQueries({ queryKey: ['approvals'] });
      await qc.invalidateQueries({ queryKey: ['system', dossier.systemId] });
      notifySaved();
      onClose();
    },
  });
  const err = (f: string) => fieldError(run.error, f);
  return (
    <Modal opened onClose={onClose} title={t(`dossier.action.${action}`)}>
      <Stack>
        <Textarea label={t('common.comment')} autosize minRows={3} value={v.comment} error={err('comment')} onChange={(e) => setV({ ...v, comment: e.currentTarget.value })} data-testid="transition-comment" />
        {action === 'approve' && (
          <>
            <TextInput label={t('dossier.decisionNumber')} value={v.decisionNumber} error={err('decisionNumber')} onChange={(e) => setV({ ...v, decisionNumber: e.currentTarget.value })} data-testid="decision-number" />
            <TextInput type="date" label={t('dossier.decisionDate')} value={v.decisionDate} error={err('decisionDate')} onChange={(e) => setV({ ...v, decisionDate: e.currentTarget.value })} data-testid="decision-date" />
            <TextInput label={t('dossier.decisionAuthority')} value={v.decisionAuthority} onChange={(e) => setV({ ...v, decisionAuthority: e.currentTarget.value })} />
            <Select label={t('common.file')} clearable value={v.decisionFileId ? String(v.decisionFileId) : null} error={err('decisionFileId')}
              onChange={(f) => setV({ ...v, decisionFileId: f ? Number(f) : null })} data={dossier.attachments.map((a) => ({ value: String(a.id), label: a.name }))} />
          </>
        )}
        {run.isError && !['comment', 'decisionNumber', 'decisionDate', 'decisionFileId'].some((f) => err(f)) && <ErrorAlert error={run.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button loading={run.isPending} onClick={() => run.mutate()} data-testid="transition-confirm">{t(`dossier.action.${action}`)}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
