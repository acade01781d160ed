import { useState } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data, multipart } from '../../api/client.ts';
import { fmtDate, fmtDateTime } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, Loading, notifySaved } from '../../components/ui.tsx';
import { Field } from '../../components/Field.tsx';
import { ANSWERS, type Answer } from '../../../shared/warnings/remediation.ts';
import type { ItemDetail } from '../../../shared/warnings/schemas.ts';
import { Attachments, ItemStatusBadge, SeverityBadge } from './ui.tsx';

/** One remediation item: what matched, and the owner's answer with evidence. */
export function ItemModal({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const item = useQuery({ queryKey: ['remediation-item', id], queryFn: () => data(client.GET('/api/remediation-items/{id}', { params: { path: { id } } })) });
  return (
    <Modal opened onClose={onClose} title={t('warnings.item.title')} size="lg">
      {item.isPending ? (
        <Loading />
      ) : item.isError ? (
        <ErrorAlert error={item.error} />
      ) : (
        <ItemBody
          item={item.data}
          onDone={async () => {
            await qc.invalidateQueries({ queryKey: ['remediation-item', id] });
            await qc.invalidateQueries({ queryKey: ['warning', item.data.warningId] });
            await qc.invalidateQueries({ queryKey: ['warnings'] });
            await qc.invalidateQueries({ queryKey: ['remediation-items'] });
          }}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}

function ItemBody({ item, onDone, onClose }: { item: ItemDetail; onDone: () => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    // The answer states a fact (patched, not affected…): an open item starts with none chosen.
    status: (item.status === 'open' ? '' : item.status) as Answer | '',
    response: item.response ?? '',
    approvedBy: item.approvedBy ?? '',
    resolvedOn: item.resolvedOn ?? '',
  });
  const [statusMissing, setStatusMissing] = useState(false);
  const save = useMutation({
    mutationFn: ({ status }: { status: Answer }) =>
      data(client.POST('/api/remediation-items/{id}/response', { params: { path: { id: item.id } }, body: { ...v, status } })),
    onSuccess: async () => {
      await onDone();
      notifySaved();
      onClose();
    },
  });
  const err = (f: string) => fieldError(save.error, f);
  const responseLabel =
    v.status === ''
      ? t('warnings.item.details')
      : {
          patched: t('warnings.item.whatPatched'),
          mitigated: t('warnings.item.how'),
          not_affected: t('warnings.item.why'),
          accepted_risk: t('warnings.item.whyRisk'),
        }[v.status];
  return (
    <Stack>
      <div>
        <Group gap="xs">
          <SeverityBadge severity={item.severity} />
          <Text fw={600}>{item.warningNumber}</Text>
          <ItemStatusBadge status={item.status} overdue={item.overdue} />
        </Group>
        <Text size="sm">{item.warningTitle}</Text>
      </div>
      <SimpleGrid cols={2}>
        <Field label={t('warnings.facts.system')} value={`${item.systemName} (${item.systemCode})`} />
        <Field label={t('common.agency')} value={item.agencyName} />
        <Field label={t('warnings.field.dueOn')} value={fmtDate(item.dueOn)} />
        <Field label={t('warnings.item.notified')} value={fmtDateTime(item.notifiedAt)} />
      </SimpleGrid>
      <Field
        label={t('warnings.detail.matched')}
        value={item.matchedSoftware
          .map((s) => `${[s.vendor, s.product, s.version].filter(Boolean).join(' ')} — ${t(`warnings.certainty.${s.certainty}`)}`)
          .join('; ')}
      />
      {item.recommendedAction && (
        <Alert color="blue" title={t('warnings.field.recommendedAction')}>
          {item.recommendedAction}
        </Alert>
      )}
      {item.status !== 'open' && (
        <SimpleGrid cols={2}>
          <Field label={t('warnings.item.respondedBy')} value={`${item.respondedByName ?? '—'} · ${fmtDate(item.resolvedOn)}`} />
          {item.approvedBy && <Field label={t('warnings.item.approvedBy')} value={item.approvedBy} />}
          {item.response && <Field label={t('warnings.item.why')} value={item.response} />}
        </SimpleGrid>
      )}
      {item.can.answer ? (
        <>
          <NativeSelect
            label={t('warnings.item.answer')}
            required
            value={v.status}
            error={statusMissing && !v.status ? t('warnings.item.answerRequired') : err('status')}
            onChange={(e) => setV({ ...v, status: e.currentTarget.value as Answer })}
            data-testid="item-answer"
            data={[
              { value: '', label: t('warnings.item.answerPlaceholder'), disabled: true },
              ...ANSWERS.map((a) => ({ value: a, label: t(`warnings.status.${a}`) })),
            ]}
          />
          <Textarea
            label={responseLabel}
            autosize
            minRows={2}
            value={v.response}
            error={err('response')}
            onChange={(e) => setV({ ...v, response: e.currentTarget.value })}
            data-testid="item-response"
          />
          {v.status === 'accepted_risk' && (
            <TextInput
              label={t('warnings.item.approvedBy')}
              value={v.approvedBy}
              error={err('approvedBy')}
              onChange={(e) => setV({ ...v, approvedBy: e.currentTarget.value })}
              data-testid="item-approved-by"
            />
          )}
          <TextInput
            type="date"
            label={t('warnings.item.resolvedOn')}
            value={v.resolvedOn}
            error={err('resolvedOn')}
            onChange={(e) => setV({ ...v, resolvedOn: e.currentTarget.value })}
            w={200}
          />
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('warnings.item.readOnly')}
        </Text>
      )}
      <div>
        <Text size="sm" fw={500}>
          {t('warnings.item.evidence')}
        </Text>
        <Attachments
          files={item.evidence}
          upload={(file) => data(client.POST('/api/remediation-items/{id}/evidence', { params: { path: { id: item.id } }, body: multipart(file) }))}
          canUpload={item.can.answer}
          onUploaded={onDone}
          testid="item-evidence"
        />
      </div>
      {save.isError && !['status', 'response', 'approvedBy', 'resolvedOn'].some((f) => err(f)) && <ErrorAlert error={save.error} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.close')}
        </Button>
        {item.can.answer && (
          <Button
            loading={save.isPending}
            onClick={() => {
              const { status } = v;
              if (status) save.mutate({ status });
              else setStatusMissing(true);
            }}
            data-testid="item-save"
          >
            {t('common.save')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
