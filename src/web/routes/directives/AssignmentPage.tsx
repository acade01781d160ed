import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  FileButton,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { issuedDateText, type ProgressKind, type ReviewDecision } from '../../../shared/directives/tasks.ts';
import { client, data, multipart } from '../../api/client.ts';
import { fmtDate, fmtDateTime } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, Loading, notifyError, notifySaved } from '../../components/ui.tsx';
import { Field } from '../../components/Field.tsx';
import { DueDate, StatusBadge } from './badges.tsx';
import type { AssignmentT } from './types.ts';

const REVIEW_COLORS = { pending: 'cyan', accepted: 'green', returned: 'orange' } as const;

export function AssignmentPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const assignment = useQuery({ queryKey: ['assignment', id], queryFn: () => data(client.GET('/api/task-assignments/{id}', { params: { path: { id } } })) });
  const [review, setReview] = useState<{ reportId: number; decision: ReviewDecision } | null>(null);
  if (assignment.isPending) return <Loading />;
  if (assignment.isError) return <ErrorAlert error={assignment.error} />;
  const a = assignment.data;
  return (
    <Stack>
      <div>
        <Anchor component={Link} to="/tasks" size="sm">
          ← {t('directives.assignment.back')}
        </Anchor>
        <Group gap="sm" mt={4}>
          <Title order={3}>{a.agencyName}</Title>
          <StatusBadge status={a.status} />
        </Group>
        <Text fw={500} mt={4} data-testid="assignment-task">
          {a.taskCode ? `${a.taskCode}. ` : ''}
          {a.taskText}
        </Text>
      </div>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Field
            label={t('directives.list.directive')}
            value={
              <Anchor component={Link} to={`/tasks/directives/${a.directiveId}`} size="sm">
                {t(`directives.directive.kinds.${a.directiveKind}`)} {a.directiveNumber} (
                {issuedDateText(a.directiveIssuedOn, a.directiveIssuedPrecision, i18n.language === 'en' ? 'en' : 'vi')})
              </Anchor>
            }
          />
          <Field label={t('directives.directive.issuer')} value={a.directiveIssuer} />
          <Field label={t('directives.task.clause')} value={a.legalClause} />
          <Field label={t('directives.task.deadline')} value={a.deadlineText} />
          <Field label={t('directives.task.due')} value={<DueDate dueOn={a.dueOn} overdue={a.overdue} status={a.status} />} />
          <Field label={t('directives.task.evidence')} value={a.expectedEvidence} />
        </SimpleGrid>
        {a.completedOccurrences > 0 && (
          <Text size="sm" c="dimmed" mt="xs">
            {t('directives.task.done', { count: a.completedOccurrences })}
          </Text>
        )}
      </Paper>
      {a.can.report && <ProgressForm assignment={a} />}
      <Paper withBorder p="md">
        <Title order={5} mb="xs">
          {t('directives.assignment.reports')}
        </Title>
        {a.reports.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('directives.assignment.noReports')}
          </Text>
        )}
        <Timeline bulletSize={14} lineWidth={2} data-testid="assignment-reports">
          {a.reports.map((r) => (
            <Timeline.Item
              key={r.id}
              title={
                <Group gap={6}>
                  <Text size="sm" fw={500}>
                    {t(`directives.assignment.progressKinds.${r.progress}`)}
                  </Text>
                  {r.dueOn && (
                    <Text size="xs" c="dimmed">
                      {t('directives.assignment.forOccurrence', { date: fmtDate(r.dueOn) })}
                    </Text>
                  )}
                  {r.review && (
                    <Badge size="sm" color={REVIEW_COLORS[r.review]} data-testid={`report-review-${r.id}`}>
                      {t(`directives.assignment.review.${r.review}`)}
                    </Badge>
                  )}
                </Group>
              }
            >
              <Text size="xs" c="dimmed">
                {fmtDateTime(r.submittedAt)} · {r.submittedByName ?? '—'}
              </Text>
              {r.comment && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {r.comment}
                </Text>
              )}
              {r.evidence.map((f) => (
                <div key={f.id}>
                  <Anchor href={`/api/files/${f.id}`} size="sm">
                    {f.name}
                  </Anchor>
                </div>
              ))}
              {r.reviewedAt && (
                <Text size="sm" c="dimmed">
                  {fmtDateTime(r.reviewedAt)} · {r.reviewedByName}: {r.reviewComment ?? ''}
                </Text>
              )}
              {a.can.review && r.review === 'pending' && (
                <Group mt={6}>
                  <Button size="xs" color="green" onClick={() => setReview({ reportId: r.id, decision: 'accept' })} data-testid="review-accept">
                    {t('directives.assignment.review.accept')}
                  </Button>
                  <Button
                    size="xs"
                    color="orange"
                    variant="light"
                    onClick={() => setReview({ reportId: r.id, decision: 'return' })}
                    data-testid="review-return"
                  >
                    {t('directives.assignment.review.return')}
                  </Button>
                </Group>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>
      {review && <ReviewModal assignmentId={a.id} {...review} onClose={() => setReview(null)} />}
    </Stack>
  );
}

function ProgressForm({ assignment }: { assignment: AssignmentT }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const sent = new Set(assignment.reports.flatMap((r) => r.evidence.map((e) => e.id)));
  // The progress states a fact: nothing is assumed, the officer chooses.
  const [progress, setProgress] = useState<ProgressKind | null>(null);
  const [progressMissing, setProgressMissing] = useState(false);
  const [comment, setComment] = useState('');
  const [picked, setPicked] = useState<string[] | null>(null);
  // New evidence goes with the next report unless unticked.
  const evidence = picked ?? assignment.evidence.filter((e) => !sent.has(e.id)).map((e) => String(e.id));
  const upload = useMutation({
    mutationFn: (file: File) => data(client.POST('/api/task-assignments/{id}/evidence', { params: { path: { id: assignment.id } }, body: multipart(file) })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['assignment', assignment.id] }),
    onError: notifyError,
  });
  const send = useMutation({
    mutationFn: (progress: ProgressKind) =>
      data(
        client.POST('/api/task-assignments/{id}/reports', {
          params: { path: { id: assignment.id } },
          body: { progress, comment, evidenceFileIds: evidence.map(Number) },
        }),
      ),
    onSuccess: async (a) => {
      qc.setQueryData(['assignment', assignment.id], a);
      await qc.invalidateQueries({ queryKey: ['tasks'] });
      setComment('');
      setPicked(null);
      setProgress(null);
      setProgressMissing(false);
      notifySaved(t('directives.assignment.sent'));
    },
  });
  return (
    <Paper withBorder p="md" data-testid="progress-form">
      <Title order={5} mb="xs">
        {t('directives.assignment.report')}
      </Title>
      <Stack>
        {assignment.status === 'returned' && (
          <Alert color="orange">
            {t('directives.status.returned')}: {assignment.reports.find((r) => r.review === 'returned')?.reviewComment}
          </Alert>
        )}
        <Select
          label={t('directives.assignment.progress')}
          required
          placeholder={t('directives.assignment.progressPlaceholder')}
          value={progress}
          error={progressMissing && !progress ? t('directives.assignment.progressRequired') : fieldError(send.error, 'progress')}
          onChange={(v) => setProgress(v as ProgressKind | null)}
          data-testid="progress-kind"
          data={(['in_progress', 'done'] as const).map((k) => ({ value: k, label: t(`directives.assignment.progressKinds.${k}`) }))}
        />
        <Textarea
          label={t('directives.assignment.comment')}
          autosize
          minRows={3}
          value={comment}
          error={fieldError(send.error, 'comment')}
          onChange={(e) => setComment(e.currentTarget.value)}
          data-testid="progress-comment"
        />
        <div>
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              {t('directives.assignment.selectEvidence')}
            </Text>
            <FileButton onChange={(f) => f && upload.mutate(f)} accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg">
              {(props) => (
                <Button {...props} size="xs" variant="light" loading={upload.isPending} data-testid="evidence-upload">
                  {t('directives.assignment.upload')}
                </Button>
              )}
            </FileButton>
          </Group>
          <Checkbox.Group value={evidence} onChange={setPicked}>
            <Stack gap={4} mt={6}>
              {assignment.evidence.map((f) => (
                <Checkbox
                  key={f.id}
                  value={String(f.id)}
                  label={
                    <Group gap={6}>
                      <Anchor href={`/api/files/${f.id}`} size="sm">
                        {f.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {fmtDateTime(f.uploadedAt)}
                      </Text>
                    </Group>
                  }
                  data-testid={`evidence-${f.name}`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        </div>
        {send.isError && !fieldError(send.error, 'comment') && !fieldError(send.error, 'progress') && <ErrorAlert error={send.error} />}
        <Group justify="flex-end">
          <Button loading={send.isPending} onClick={() => (progress ? send.mutate(progress) : setProgressMissing(true))} data-testid="progress-submit">
            {t('directives.assignment.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ReviewModal({ assignmentId, reportId, decision, onClose }: { assignmentId: number; reportId: number; decision: ReviewDecision; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [comment, setComment] = useState('');
  const run = useMutation({
    mutationFn: () => data(client.POST('/api/task-reports/{id}/review', { params: { path: { id: reportId } }, body: { decision, comment } })),
    onSuccess: async (a) => {
      qc.setQueryData(['assignment', assignmentId], a);
      await qc.invalidateQueries({ queryKey: ['tasks'] });
      await qc.invalidateQueries({ queryKey: ['directive', a.directiveId] });
      notifySaved(t('directives.assignment.reviewed'));
      onClose();
    },
  });
  const label = t(`directives.assignment.review.${decision}`);
  return (
    <Modal opened onClose={onClose} title={label}>
      <Stack>
        <Textarea
          label={t('directives.assignment.review.comment')}
          autosize
          minRows={3}
          value={comment}
          error={fieldError(run.error, 'comment')}
          onChange={(e) => setComment(e.currentTarget.value)}
          data-testid="review-comment"
        />
        {run.isError && !fieldError(run.error, 'comment') && <ErrorAlert error={run.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={decision === 'accept' ? 'green' : 'orange'} loading={run.isPending} onClick={() => run.mutate()} data-testid="review-confirm">
            {label}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
