import { useState } from 'react';
import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/client.ts';
import { fmtCitations, fmtDate, fmtDateTime } from '../i18n/index.ts';
import { EXCHANGE_PLATFORMS, PLATFORM_OF, type ExchangeSubject } from '../../shared/exchange/platforms.ts';
import { todayVn } from '../../shared/core/dates.ts';
import { fieldError, FormButtons, notifySaved } from './ui.tsx';

const path = { dossier: '/api/dossiers/{id}/exchange-submissions', incident: '/api/incidents/{id}/exchange-submissions' } as const;
const packageUrl = (subject: ExchangeSubject, id: number) => `/api/${subject === 'dossier' ? 'dossiers' : 'incidents'}/${id}/exchange-package`;

/**
 * The record's package for the Ministry's platform (which has no API): download it, upload it there by hand, then
 * record the reference the platform gave; each upload says whether the record changed since.
 */
export function ExchangeSubmissions({ subject, id }: { subject: ExchangeSubject; id: number }) {
  const { t, i18n } = useTranslation();
  const [recording, setRecording] = useState(false);
  const list = useQuery({ queryKey: ['exchange', subject, id], queryFn: () => data(client.GET(path[subject], { params: { path: { id } } })) });
  const platform = EXCHANGE_PLATFORMS[PLATFORM_OF[subject]];
  return (
    <Paper withBorder p="md" data-testid={`exchange-${subject}`}>
      <Stack gap="xs">
        <Title order={4}>{t('exchange.title')}</Title>
        <Text size="sm" fw={500}>
          {i18n.language === 'en' ? platform.nameEn : platform.nameVi}
        </Text>
        <Text size="xs" c="dimmed">
          {platform.address ? t('exchange.address', { address: platform.address }) : t('exchange.noAddress')}{' '}
          {t('exchange.basis', { source: fmtCitations(platform.basis) })}
        </Text>
        <Text size="sm">{t('exchange.packageHint')}</Text>
        <Group>
          <Button variant="default" component="a" href={packageUrl(subject, id)} data-testid="exchange-download">
            {t('exchange.download')}
          </Button>
          {list.data?.can.record && (
            <Button variant="light" onClick={() => setRecording(true)} data-testid="exchange-record">
              {t('exchange.record')}
            </Button>
          )}
        </Group>
        {list.data && list.data.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('exchange.none')}
          </Text>
        )}
        {list.data && list.data.items.length > 0 && (
          <Table data-testid="exchange-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('exchange.reference')}</Table.Th>
                <Table.Th>{t('exchange.submittedOn')}</Table.Th>
                <Table.Th>{t('exchange.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {s.reference}
                    </Text>
                    <Badge size="sm" variant="light" color={s.current ? 'green' : 'orange'} data-testid="exchange-current">
                      {s.current ? t('exchange.current') : t('exchange.outdated')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{fmtDate(s.submittedOn)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.note ?? ''}</Text>
                    <Text size="xs" c="dimmed">
                      {t('exchange.by', { name: s.recordedByName ?? '—', at: fmtDateTime(s.recordedAt) })}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {recording && <RecordSubmission subject={subject} id={id} onClose={() => setRecording(false)} />}
    </Paper>
  );
}

function RecordSubmission({ subject, id, onClose }: { subject: ExchangeSubject; id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({ reference: '', submittedOn: todayVn(), note: '' });
  const save = useMutation({
    mutationFn: () => data(client.POST(path[subject], { params: { path: { id } }, body: { ...v, note: v.note || null } })),
    onSuccess: (list) => {
      qc.setQueryData(['exchange', subject, id], list);
      notifySaved();
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('exchange.record')}>
      <Stack>
        <TextInput
          label={t('exchange.reference')}
          required
          value={v.reference}
          onChange={(e) => setV({ ...v, reference: e.currentTarget.value })}
          error={fieldError(save.error, 'reference')}
          data-testid="exchange-reference"
        />
        <TextInput
          label={t('exchange.submittedOn')}
          type="date"
          required
          max={todayVn()}
          value={v.submittedOn}
          onChange={(e) => setV({ ...v, submittedOn: e.currentTarget.value })}
          error={fieldError(save.error, 'submittedOn')}
        />
        <Textarea label={t('exchange.note')} autosize minRows={2} value={v.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} />
        <FormButtons onCancel={onClose} onSave={() => save.mutate()} saving={save.isPending} testid="exchange-save" />
      </Stack>
    </Modal>
  );
}
