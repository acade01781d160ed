import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CLOSING_REPORT_FIELDS, RESPONSE_REPORT_FIELDS, type ClosingReportField, type ResponseReportField } from '../../../shared/incidents/workflow.ts';
import { fmtDateTime } from '../../i18n/index.ts';
import { ErrorAlert, fieldError } from '../../components/ui.tsx';
import { client, data } from '../../api/client.ts';
import { useCaseChange } from './useCase.ts';
import { OrganizationsField, type Organization } from './ReportFields.tsx';
import { Tag } from './badges.tsx';
import type { IncidentDetail } from './types.ts';

const LABELS: Record<ClosingReportField | ResponseReportField, string> = {
  damage: 'incidents.detail.damage',
  cause: 'incidents.detail.cause',
  rootCause: 'incidents.detail.rootCause',
  origin: 'incidents.detail.origin',
  actions: 'incidents.detail.actions',
  recommendations: 'incidents.detail.recommendations',
  lessonsLearned: 'incidents.detail.lessons',
};

/** The two reports at the end of a case: the operator's closing report (with its deadline) and the response team's own. */
export function ClosingTab({ d }: { d: IncidentDetail }) {
  return (
    <Stack>
      <OperatorClosingReport d={d} />
      <ResponseReport d={d} />
    </Stack>
  );
}

/** Circular 20/2017 Art. 9(2)(b): to the owner and the national coordinator, within 5 days after the response ends. */
function OperatorClosingReport({ d }: { d: IncidentDetail }) {
  const { t } = useTranslation();
  const r = d.closingReport;
  const due = d.closingTimeliness;
  const [v, setV] = useState<Record<ClosingReportField, string>>({
    damage: r.damage ?? '',
    cause: r.cause ?? '',
    actions: r.actions ?? '',
    recommendations: r.recommendations ?? '',
    lessonsLearned: r.lessonsLearned ?? '',
  });
  const [orgs, setOrgs] = useState<Organization[]>(r.supportingOrganizations.map((o) => ({ name: o.name, result: o.result ?? '' })));
  const save = useCaseChange(d.id);
  const editable = d.can.writeClosingReport;
  return (
    <Paper withBorder p="md" data-testid="closing-report">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={5}>{t('incidents.detail.closingReport')}</Title>
          <Text size="xs" c="dimmed">
            {t('incidents.detail.closingTo')} · {due.source}
          </Text>
        </div>
        <Group gap={6} data-testid="closing-deadline">
          {!due.required && (
            <Text size="xs" c="dimmed">
              {t('incidents.detail.closingOptional')}
            </Text>
          )}
          {due.required && !due.filedAt && (
            <Text size="sm">{due.dueAt ? t('incidents.detail.closingDue', { time: fmtDateTime(due.dueAt) }) : t('incidents.detail.closingPending')}</Text>
          )}
          {due.filedAt && <Text size="sm">{t('incidents.detail.closingFiled', { time: fmtDateTime(due.filedAt) })}</Text>}
          {due.overdue && (
            <Tag color="red" variant="light">
              {t('incidents.detail.closingOverdue')}
            </Tag>
          )}
          {due.late && (
            <Tag color="orange" variant="light">
              {t('incidents.detail.closingLate')}
            </Tag>
          )}
        </Group>
      </Group>
      <Stack>
        {editable && d.closingReportGaps.length > 0 && (
          <Alert color="orange" data-testid="closing-gaps">
            {t('incidents.detail.closingMissing')} ({d.closingReportGaps.map((g) => t(LABELS[g as ClosingReportField])).join(', ')})
          </Alert>
        )}
        {CLOSING_REPORT_FIELDS.map((f) =>
          editable ? (
            <Textarea
              key={f}
              label={t(LABELS[f])}
              autosize
              minRows={2}
              value={v[f]}
              error={fieldError(save.error, f)}
              onChange={(e) => setV({ ...v, [f]: e.currentTarget.value })}
              data-testid={`closing-${f}`}
            />
          ) : (
            <div key={f}>
              <Text size="xs" c="dimmed">
                {t(LABELS[f])}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {r[f] ?? '—'}
              </Text>
            </div>
          ),
        )}
        {editable ? (
          <OrganizationsField label={t('incidents.detail.organizations')} value={orgs} onChange={setOrgs} fieldError={(f) => fieldError(save.error, f)} />
        ) : (
          <div>
            <Text size="xs" c="dimmed">
              {t('incidents.detail.organizations')}
            </Text>
            {r.supportingOrganizations.length ? (
              r.supportingOrganizations.map((o) => (
                <Text key={o.name} size="sm">
                  • {o.name}
                  {o.result ? `: ${o.result}` : ''}
                </Text>
              ))
            ) : (
              <Text size="sm">—</Text>
            )}
          </div>
        )}
        {save.isError && <ErrorAlert error={save.error} />}
        {editable && (
          <Group justify="flex-end">
            <Button
              loading={save.isPending}
              onClick={() =>
                save.mutate(() =>
                  data(client.PUT('/api/incidents/{id}/closing-report', { params: { path: { id: d.id } }, body: { ...v, supportingOrganizations: orgs } })),
                )
              }
              data-testid="closing-save"
            >
              {t('incidents.detail.saveClosing')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** The team's report: every part is needed before the case can close. */
function ResponseReport({ d }: { d: IncidentDetail }) {
  const { t } = useTranslation();
  const r = d.responseReport;
  const [v, setV] = useState<Record<ResponseReportField, string>>({
    damage: r.damage ?? '',
    rootCause: r.rootCause ?? '',
    origin: r.origin ?? '',
    actions: r.actions ?? '',
    lessonsLearned: r.lessonsLearned ?? '',
  });
  const save = useCaseChange(d.id);
  const editable = d.can.work && d.status !== 'received';
  return (
    <Paper withBorder p="md" data-testid="response-report">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('incidents.detail.responseReport')}</Title>
        {r.updatedAt && (
          <Text size="xs" c="dimmed">
            {fmtDateTime(r.updatedAt)}
          </Text>
        )}
      </Group>
      <Stack>
        {d.responseReportGaps.length > 0 && d.status !== 'rejected' && d.status !== 'merged' && (
          <Alert color="orange" data-testid="response-gaps">
            {t('incidents.detail.responseMissing')} ({d.responseReportGaps.map((g) => t(LABELS[g as ResponseReportField])).join(', ')})
          </Alert>
        )}
        {RESPONSE_REPORT_FIELDS.map((f) =>
          editable ? (
            <Textarea
              key={f}
              label={t(LABELS[f])}
              autosize
              minRows={2}
              value={v[f]}
              onChange={(e) => setV({ ...v, [f]: e.currentTarget.value })}
              data-testid={`response-${f}`}
            />
          ) : (
            <div key={f}>
              <Text size="xs" c="dimmed">
                {t(LABELS[f])}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {r[f] ?? '—'}
              </Text>
            </div>
          ),
        )}
        {save.isError && <ErrorAlert error={save.error} />}
        {editable && (
          <Group justify="flex-end">
            <Button
              loading={save.isPending}
              onClick={() => save.mutate(() => data(client.PUT('/api/incidents/{id}/response-report', { params: { path: { id: d.id } }, body: v })))}
              data-testid="response-save"
            >
              {t('incidents.detail.saveResponse')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
