import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CLOSING_FIELDS, type ClosingField } from '../../../shared/incidents/workflow.ts';
import { fmtDateTime } from '../../i18n/index.ts';
import { ErrorAlert } from '../../components/ui.tsx';
import { useCaseChange } from './useCase.ts';
import type { IncidentDetail } from './types.ts';

const LABELS: Record<ClosingField, string> = {
  damage: 'incidents.detail.damage', rootCause: 'incidents.detail.rootCause', origin: 'incidents.detail.origin', actions: 'incidents.detail.actions',
  lessonsLearned: 'incidents.detail.lessons',
};

/** The closing report (báo cáo kết thúc): every part is needed before the case can close. */
export function ClosingTab({ d }: { d: IncidentDetail }) {
  const { t } = useTranslation();
  const r = d.closingReport;
  const [v, setV] = useState<Record<ClosingField, string>>({ damage: r.damage ?? '', rootCause: r.rootCause ?? '', origin: r.origin ?? '',
    actions: r.actions ?? '', lessonsLearned: r.lessonsLearned ?? '' });
  const save = useCaseChange(d.id);
  const editable = d.can.work && !['received'].includes(d.status);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('incidents.detail.closingReport')}</Title>
        {r.updatedAt && <Text size="xs" c="dimmed">{fmtDateTime(r.updatedAt)}</Text>}
      </Group>
      <Stack>
        {d.closingReportGaps.length > 0 && d.status !== 'rejected' && d.status !== 'merged' && (
          <Alert color="orange" data-testid="closing-gaps">{t('incidents.detail.closingMissing')} ({d.closingReportGaps.map((g) => t(LABELS[g as ClosingField])).join(', ')})</Alert>
        )}
        {CLOSING_FIELDS.map((f) => editable ? (
          <Textarea key={f} label={t(LABELS[f])} autosize minRows={2} value={v[f]} onChange={(e) => setV({ ...v, [f]: e.currentTarget.value })} data-testid={`closing-${f}`} />
        ) : (
          <div key={f}><Text size="xs" c="dimmed">{t(LABELS[f])}</Text><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{r[f] ?? '—'}</Text></div>
        ))}
        {save.isError && <ErrorAlert error={save.error} />}
        {editable && (
          <Group justify="flex-end">
            <Button loading={save.isPending} onClick={() => save.mutate({ method: 'PUT', path: '/closing-report', body: v })} data-testid="closing-save">
              {t('incidents.detail.saveClosing')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
