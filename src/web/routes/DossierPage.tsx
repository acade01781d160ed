import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { z } from 'zod';
import type { Dossier as DossierSchema, DossierDeadline } from '../../shared/dossiers/schemas.ts';
import type { DossierAction } from '../../shared/dossiers/workflow.ts';
import { ATTACHABLE_PARTS, type AttachablePart } from '../../shared/dossiers/contents.ts';
import { client, data, multipart } from '../api/client.ts';
import { fmtDate, fmtDateTime } from '../i18n/index.ts';
import { DossierBadge, ErrorAlert, fieldError, FormButtons, LevelBadge, Loading, notifyError, notifySaved } from '../components/ui.tsx';
import { Field } from '../components/Field.tsx';
import { OutgoingNumber } from '../components/OutgoingNumber.tsx';
import { PdfButton } from '../components/PdfButton.tsx';
import { ExchangeSubmissions } from '../components/ExchangeSubmissions.tsx';

type Dossier = z.infer<typeof DossierSchema>;
type Deadline = z.infer<typeof DossierDeadline>;

const DEADLINE_COLORS: Record<Deadline['status'], string> = { running: 'blue', overdue: 'red', met: 'green', late: 'orange' };

/** A time limit's due day, its state and, when the year's days off are not all announced, that it is provisional. */
export function DeadlineBadge({ deadline }: { deadline: Deadline }) {
  const { t } = useTranslation();
  return (
    <div title={deadline.provisional ? t('dossier.provisional') : undefined}>
      <Text size="sm" fw={500}>
        {fmtDate(deadline.dueOn)}
        {deadline.provisional ? '*' : ''}
      </Text>
      <Badge size="xs" color={DEADLINE_COLORS[deadline.status]} variant="light">
        {t(`dossier.deadlineStatus.${deadline.status}`)}
      </Badge>
    </div>
  );
}

export function DossierPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const dossier = useQuery({ queryKey: ['dossier', id], queryFn: () => data(client.GET('/api/dossiers/{id}', { params: { path: { id } } })) });
  const [action, setAction] = useState<DossierAction | null>(null);
  const [draft, setDraft] = useState<{ description: string; securityPlan: string } | null>(null);
  const save = useMutation({
    mutationFn: () => data(client.PATCH('/api/dossiers/{id}', { params: { path: { id } }, body: draft! })),
    onSuccess: (d) => {
      qc.setQueryData(['dossier', id], d);
      setDraft(null);
      notifySaved();
    },
    onError: notifyError,
  });
  const [part, setPart] = useState<AttachablePart | ''>('');
  const upload = useMutation({
    mutationFn: (file: File) => data(client.POST('/api/dossiers/{id}/files', { params: { path: { id }, query: part ? { part } : {} }, body: multipart(file) })),
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
        <Anchor component={Link} to={`/systems/${d.systemId}?tab=dossiers`} size="sm">
          ← {d.systemName}
        </Anchor>
        <Group gap="sm" mt={4}>
          <Title order={2}>
            {t('dossier.title')} #{d.id}
          </Title>
          <DossierBadge state={d.state} />
        </Group>
      </div>
      <Group>
        {d.allowedActions.map((a) => (
          <Button
            key={a}
            color={a === 'return' ? 'orange' : a === 'approve' ? 'green' : undefined}
            variant={a === 'return' ? 'light' : 'filled'}
            onClick={() => setAction(a)}
            data-testid={`dossier-action-${a}`}
          >
            {t(`dossier.action.${a}`)}
          </Button>
        ))}
        <Button variant="default" component="a" href={`/api/dossiers/${d.id}/docx`} data-testid="dossier-docx">
          {t('dossier.docx')}
        </Button>
        <PdfButton href={`/api/dossiers/${d.id}/pdf`} testid="dossier-pdf" />
        <OutgoingNumber subjectKind="dossier" subjectId={d.id} />
      </Group>

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Field label={t('systems.title')} value={`${d.systemName} (${d.systemCode})`} />
          <Field label={t('dossier.computed')} value={<LevelBadge level={d.computedLevel} />} />
          <Field label={t('systems.proposed')} value={<LevelBadge level={d.proposedLevel} />} />
          <Field label={t('dossier.appraiser')} value={en ? d.rule.appraiserNameEn : d.rule.appraiserNameVi} />
          <Field label={t('dossier.approver')} value={en ? d.rule.approverNameEn : d.rule.approverNameVi} />
          {d.rule.listApproverNameVi && <Field label={t('dossier.listApprover')} value={en ? d.rule.listApproverNameEn : d.rule.listApproverNameVi} />}
          <Field label={t('dossier.submissions')} value={d.submissions} />
          {d.decisionNumber && (
            <Field label={t('dossier.decisionNumber')} value={`${d.decisionNumber} · ${fmtDate(d.decisionDate)} · ${d.decisionAuthority ?? ''}`} />
          )}
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="xs">
          {d.rule.reference}
        </Text>
        {d.justification && (
          <Alert color="orange" mt="sm" title={t('dossier.justification')}>
            {d.justification}
          </Alert>
        )}
        {d.opinion && (
          <Alert color="grape" mt="sm" title={t('dossier.opinion')} data-testid="dossier-opinion">
            {d.opinion} <FileLink dossier={d} id={d.opinionFileId} />
          </Alert>
        )}
        {d.appraisalOpinion && (
          <Alert
            color={d.appraisalAgreed === false ? 'orange' : 'blue'}
            mt="sm"
            data-testid="dossier-appraisal"
            title={`${t('dossier.appraisal')}: ${t(d.appraisalAgreed === false ? 'dossier.notAgreed' : 'dossier.agreed')}`}
          >
            {d.appraisalNumber && (
              <Text size="sm" fw={500}>
                {t('dossier.documentNumber')} {d.appraisalNumber} · {fmtDate(d.appraisalDate)} <FileLink dossier={d} id={d.appraisalFileId} />
              </Text>
            )}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {d.appraisalOpinion}
            </Text>
          </Alert>
        )}
        {d.listDecisionNumber && (
          <Alert color="teal" mt="sm" title={t('dossier.listDecision')}>
            {d.listDecisionNumber} · {fmtDate(d.listDecisionDate)} <FileLink dossier={d} id={d.listDecisionFileId} />
          </Alert>
        )}
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            {t('dossier.deadlines')}
          </Title>
          {d.deadlines.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('dossier.noDeadlines')}
            </Text>
          ) : (
            <Table data-testid="dossier-deadlines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  <Table.Th>{t('dossier.startedOn')}</Table.Th>
                  <Table.Th>{t('dossier.dueOn')}</Table.Th>
                  <Table.Th>{t('dossier.doneOn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.deadlines.map((x) => (
                  <Table.Tr key={`${x.stage}-${x.startedOn}`}>
                    <Table.Td>
                      <Text size="sm">
                        {t(`dossier.stage.${x.stage}`)}: {t(`dossier.limit.${x.unit}`, { days: x.days })}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {en ? x.referenceEn : x.reference}
                      </Text>
                      {x.provisional && (
                        <Text size="xs" c="orange">
                          * {t('dossier.provisional')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{fmtDate(x.startedOn)}</Table.Td>
                    <Table.Td>
                      <DeadlineBadge deadline={x} />
                    </Table.Td>
                    <Table.Td>{fmtDate(x.doneOn)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            {t('dossier.contents')}
          </Title>
          <Stack gap={6} data-testid="dossier-contents">
            {d.contents.map((p) => (
              <Group key={p.part} gap="xs" wrap="nowrap" align="flex-start">
                <Badge size="sm" variant="light" color={!p.required ? 'gray' : p.present ? 'green' : 'red'} style={{ flexShrink: 0 }}>
                  {p.present ? '✓' : p.required ? t('dossier.missing') : '—'}
                </Badge>
                <div>
                  <Text size="sm">
                    {t(`dossier.part.${p.part}`)}
                    {p.variant && ` (${t(p.variant === 'project' ? 'dossier.designProject' : 'dossier.designRunning')})`}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {p.via ? t(`dossier.via.${p.via}`) : !p.required ? t('dossier.notRequired') : ''} · {en ? p.referenceEn : p.reference}
                  </Text>
                </div>
              </Group>
            ))}
          </Stack>
        </Paper>
      </SimpleGrid>

      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={5}>
            {t('dossier.description')} · {t('dossier.securityPlan')}
          </Title>
          {d.can.edit && !draft && (
            <Button
              size="xs"
              variant="light"
              onClick={() => setDraft({ description: d.description ?? '', securityPlan: d.securityPlan ?? '' })}
              data-testid="dossier-edit"
            >
              {t('common.edit')}
            </Button>
          )}
        </Group>
        {draft ? (
          <Stack>
            <Textarea
              label={t('dossier.description')}
              autosize
              minRows={4}
              value={draft.description}
              onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
              data-testid="dossier-description"
            />
            <Textarea
              label={t('dossier.securityPlan')}
              autosize
              minRows={8}
              value={draft.securityPlan}
              onChange={(e) => setDraft({ ...draft, securityPlan: e.currentTarget.value })}
              data-testid="dossier-plan"
            />
            <FormButtons onCancel={() => setDraft(null)} saving={save.isPending} onSave={() => save.mutate()} testid="dossier-save" />
          </Stack>
        ) : (
          <Stack gap="xs">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {d.description || '—'}
            </Text>
            <Text size="sm" fw={500}>
              {t('dossier.securityPlan')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {d.securityPlan || '—'}
            </Text>
          </Stack>
        )}
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            {t('dossier.attachments')}
          </Title>
          {d.attachments.map((f) => (
            <div key={f.id}>
              <Anchor href={`/api/files/${f.id}`} size="sm">
                {f.name}
              </Anchor>{' '}
              {f.part && (
                <Badge size="xs" variant="outline">
                  {t(`dossier.part.${f.part}`)}
                </Badge>
              )}{' '}
              <Text span size="xs" c="dimmed">
                {fmtDateTime(f.uploadedAt)}
              </Text>
            </div>
          ))}
          {d.can.attach && (
            <Group mt="xs" gap="xs" align="flex-end">
              <Select
                size="xs"
                label={t('dossier.attachAs')}
                value={part}
                onChange={(v) => setPart((v ?? '') as AttachablePart | '')}
                data-testid="attachment-part"
                w={260}
                data={[{ value: '', label: t('dossier.otherDocument') }, ...ATTACHABLE_PARTS.map((p) => ({ value: p, label: t(`dossier.part.${p}`) }))]}
              />
              <FileButton onChange={(f) => f && upload.mutate(f)} accept=".pdf,.docx,.png,.jpg,.jpeg">
                {(props) => (
                  <Button {...props} size="xs" variant="light" loading={upload.isPending} data-testid="attachment-upload">
                    {t('common.upload')}
                  </Button>
                )}
              </FileButton>
            </Group>
          )}
        </Paper>
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            {t('dossier.history')}
          </Title>
          <Timeline bulletSize={14} lineWidth={2} data-testid="dossier-history">
            {d.events.map((e) => (
              <Timeline.Item
                key={e.id}
                title={
                  <Group gap={4}>
                    {e.fromState && (
                      <Badge size="xs" variant="outline">
                        {t(`dossier.state.${e.fromState}`)}
                      </Badge>
                    )}
                    →<Badge size="xs">{t(`dossier.state.${e.toState}`)}</Badge>
                  </Group>
                }
              >
                <Text size="xs" c="dimmed">
                  {fmtDateTime(e.at)} · {e.actorName ?? '—'}
                </Text>
                {e.comment && <Text size="sm">{e.comment}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      </SimpleGrid>
      <ExchangeSubmissions subject="dossier" id={d.id} />
      {action && <TransitionModal dossier={d} action={action} onClose={() => setAction(null)} />}
    </Stack>
  );
}

/** A link to a dossier attachment by id, if there is one. */
function FileLink({ dossier, id }: { dossier: Dossier; id: number | null }) {
  const file = id ? dossier.attachments.find((a) => a.id === id) : undefined;
  return file ? (
    <Anchor href={`/api/files/${file.id}`} size="sm">
      {file.name}
    </Anchor>
  ) : null;
}

/** The moves that record a document (its number, date and file). */
const RECORDS: DossierAction[] = ['appraise', 'record_list', 'approve'];

function TransitionModal({ dossier, action, onClose }: { dossier: Dossier; action: DossierAction; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({ comment: '', decisionNumber: '', decisionDate: '', decisionAuthority: '', decisionFileId: null as number | null });
  const [agreed, setAgreed] = useState<'yes' | 'no'>('yes');
  const run = useMutation({
    mutationFn: () =>
      data(
        client.POST('/api/dossiers/{id}/transitions', {
          params: { path: { id: dossier.id } },
          body: { action, ...v, ...(action === 'appraise' ? { agreed: agreed === 'yes' } : {}) },
        }),
      ),
    onSuccess: async (d) => {
      qc.setQueryData(['dossier', dossier.id], d);
      await qc.invalidateQueries({ queryKey: ['approvals'] });
      await qc.invalidateQueries({ queryKey: ['system', dossier.systemId] });
      notifySaved();
      onClose();
    },
  });
  const err = (f: string) => fieldError(run.error, f);
  const records = RECORDS.includes(action);
  const commentLabel = action === 'appraise' ? t('dossier.appraisalReasons') : action === 'give_opinion' ? t('dossier.opinion') : t('common.comment');
  return (
    <Modal opened onClose={onClose} title={t(`dossier.action.${action}`)}>
      <Stack>
        {action === 'appraise' && (
          <SegmentedControl
            value={agreed}
            onChange={(x) => setAgreed(x as 'yes' | 'no')}
            data-testid="appraisal-agreed"
            data={[
              { value: 'yes', label: t('dossier.agreed') },
              { value: 'no', label: t('dossier.notAgreed') },
            ]}
          />
        )}
        <Textarea
          label={commentLabel}
          autosize
          minRows={3}
          value={v.comment}
          error={err('comment')}
          onChange={(e) => setV({ ...v, comment: e.currentTarget.value })}
          data-testid="transition-comment"
        />
        {records && (
          <>
            <TextInput
              label={action === 'approve' ? t('dossier.decisionNumber') : t('dossier.documentNumber')}
              value={v.decisionNumber}
              error={err('decisionNumber')}
              onChange={(e) => setV({ ...v, decisionNumber: e.currentTarget.value })}
              data-testid="decision-number"
            />
            <TextInput
              type="date"
              label={action === 'approve' ? t('dossier.decisionDate') : t('dossier.documentDate')}
              value={v.decisionDate}
              error={err('decisionDate')}
              onChange={(e) => setV({ ...v, decisionDate: e.currentTarget.value })}
              data-testid="decision-date"
            />
            {action === 'approve' && (
              <TextInput
                label={t('dossier.decisionAuthority')}
                value={v.decisionAuthority}
                onChange={(e) => setV({ ...v, decisionAuthority: e.currentTarget.value })}
              />
            )}
          </>
        )}
        {(records || action === 'give_opinion') && (
          <Select
            label={t('common.file')}
            clearable
            value={v.decisionFileId ? String(v.decisionFileId) : null}
            error={err('decisionFileId')}
            onChange={(f) => setV({ ...v, decisionFileId: f ? Number(f) : null })}
            data={dossier.attachments.map((a) => ({ value: String(a.id), label: a.name }))}
          />
        )}
        {run.isError && !['comment', 'decisionNumber', 'decisionDate', 'decisionFileId'].some((f) => err(f)) && <ErrorAlert error={run.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={run.isPending} onClick={() => run.mutate()} data-testid="transition-confirm">
            {t(`dossier.action.${action}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
