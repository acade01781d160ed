import { useState } from 'react';
import { Button, Group, Menu, Modal, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IncidentAction } from '../../../shared/incidents/workflow.ts';
import { client, data } from '../../api/client.ts';
import { useAgencies } from '../../api/agencies.ts';
import { useIncidents } from '../../api/incidents.ts';
import { fmtDateTime } from '../../i18n/index.ts';
import { ErrorAlert, fieldError } from '../../components/ui.tsx';
import { useCaseChange } from './useCase.ts';
import type { IncidentDetail } from './types.ts';
import { Tag } from './badges.tsx';
import { OutgoingNumber } from '../../components/OutgoingNumber.tsx';
import { PdfButton } from '../../components/PdfButton.tsx';

/** The moves the caller may make, the documents of the case, and the national share-out. */
export function CaseActions({ d }: { d: IncidentDetail }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<IncidentAction | null>(null);
  const share = useCaseChange(d.id);
  const queryClient = useQueryClient();
  // The file is fetched, then saved: the share it records is on the page once the download is done.
  const send = useMutation({
    mutationFn: async (format: 'stix' | 'misp') => {
      const res = await fetch(`/api/incidents/${d.id}/${format}?for=national_coordinator`, { credentials: 'same-origin' });
      if (!res.ok) throw await res.json();
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `${d.code}.${format}.json`;
      a.click();
      URL.revokeObjectURL(url);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['incident', d.id] }),
  });
  return (
    <Group>
      {d.allowedActions.map((a) => (
        <Button
          key={a}
          variant={a === 'reject' || a === 'merge' ? 'light' : 'filled'}
          color={a === 'reject' ? 'gray' : a === 'close' ? 'green' : undefined}
          onClick={() => setAction(a)}
          data-testid={`incident-action-${a}`}
        >
          {t(`incidents.action.${a}`)}
        </Button>
      ))}
      <Button variant="default" component="a" href={`/api/incidents/${d.id}/initial-report.docx`} data-testid="incident-initial-docx">
        {t('incidents.detail.initialDocx')}
      </Button>
      <PdfButton href={`/api/incidents/${d.id}/initial-report.pdf`} testid="incident-initial-pdf" />
      <OutgoingNumber subjectKind="incident_initial" subjectId={d.id} />
      {d.closingReport.updatedAt && (
        <Button variant="default" component="a" href={`/api/incidents/${d.id}/closing-report.docx`} data-testid="incident-closing-docx">
          {t('incidents.detail.closingDocx')}
        </Button>
      )}
      {d.closingReport.updatedAt && <PdfButton href={`/api/incidents/${d.id}/closing-report.pdf`} testid="incident-closing-pdf" />}
      {d.closingReport.updatedAt && <OutgoingNumber subjectKind="incident_closing" subjectId={d.id} />}
      {d.responseReport.updatedAt && (
        <Button variant="default" component="a" href={`/api/incidents/${d.id}/response-report.docx`} data-testid="incident-response-docx">
          {t('incidents.detail.responseDocx')}
        </Button>
      )}
      {d.responseReport.updatedAt && <PdfButton href={`/api/incidents/${d.id}/response-report.pdf`} testid="incident-response-pdf" />}
      {d.responseReport.updatedAt && <OutgoingNumber subjectKind="incident_response" subjectId={d.id} />}
      <Button variant="default" component="a" href={`/api/incidents/${d.id}/stix`} download data-testid="incident-stix">
        {t('incidents.detail.stix')}
      </Button>
      <Button variant="default" component="a" href={`/api/incidents/${d.id}/misp`} download data-testid="incident-misp">
        {t('incidents.detail.misp')}
      </Button>
      {d.can.share && (
        <Menu>
          <Menu.Target>
            <Button variant="light" data-testid="incident-send-coordinator">
              {t('incidents.detail.sendCoordinator')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {(['stix', 'misp'] as const).map((format) => (
              <Menu.Item key={format} onClick={() => send.mutate(format)} data-testid={`incident-send-${format}`}>
                {t(`incidents.detail.sendAs.${format}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
      {d.nationalSharedAt ? (
        <Tag color="teal" variant="light">
          {t('incidents.detail.national')}: {fmtDateTime(d.nationalSharedAt)}
        </Tag>
      ) : (
        d.can.share && (
          <Button
            variant="subtle"
            loading={share.isPending}
            onClick={() => share.mutate(() => data(client.POST('/api/incidents/{id}/national-share', { params: { path: { id: d.id } }, body: {} })))}
            data-testid="incident-national-share"
          >
            {t('incidents.detail.shareNational')}
          </Button>
        )
      )}
      {send.isError && <ErrorAlert error={send.error} />}
      {action && <TransitionModal d={d} action={action} onClose={() => setAction(null)} />}
    </Group>
  );
}

/** What was sent to the national coordinating agency: by which channel, when, by whom, how many objects. */
export function ShareHistory({ d }: { d: IncidentDetail }) {
  const { t } = useTranslation();
  if (!d.shares.length) return null;
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {t('incidents.detail.shares')}
      </Text>
      <Table withTableBorder data-testid="incident-shares">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('incidents.detail.shareAt')}</Table.Th>
            <Table.Th>{t('incidents.detail.shareChannel')}</Table.Th>
            <Table.Th>{t('incidents.detail.shareBy')}</Table.Th>
            <Table.Th>{t('incidents.detail.shareObjects')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.shares.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{fmtDateTime(s.sharedAt)}</Table.Td>
              <Table.Td>{t(`incidents.detail.channel.${s.channel}`)}</Table.Td>
              <Table.Td>{s.sharedBy ?? '—'}</Table.Td>
              <Table.Td title={s.digest ? `SHA-256 ${s.digest}` : s.objectIds.join('\n')}>{s.objectIds.length}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function TransitionModal({ d, action, onClose }: { d: IncidentDetail; action: IncidentAction; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [mergeIntoId, setMergeIntoId] = useState<string | null>(null);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const run = useCaseChange(d.id, onClose);
  const cases = useIncidents({ open: 'true', limit: 200 }, { enabled: action === 'merge' });
  const agencies = useAgencies({ enabled: action === 'accept' && d.source === 'hotline' });
  const err = (f: string) => fieldError(run.error, f);
  return (
    <Modal opened onClose={onClose} title={t(`incidents.action.${action}`)}>
      <Stack>
        {action === 'merge' && (
          <Select
            label={t('incidents.detail.mergeInto')}
            searchable
            value={mergeIntoId}
            onChange={setMergeIntoId}
            error={err('mergeIntoId')}
            data={(cases.data?.items ?? []).filter((c) => c.id !== d.id).map((c) => ({ value: String(c.id), label: `${c.code} — ${c.title}` }))}
            data-testid="transition-merge-into"
          />
        )}
        {action === 'accept' && d.source === 'hotline' && (
          <Select
            label={t('incidents.detail.acceptAgency')}
            searchable
            clearable
            value={agencyId}
            onChange={setAgencyId}
            error={err('agencyId')}
            data={(agencies.data ?? []).filter((a) => !a.external).map((a) => ({ value: String(a.id), label: a.name }))}
          />
        )}
        <Textarea
          label={t('incidents.detail.reason')}
          autosize
          minRows={2}
          value={reason}
          error={err('reason')}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="transition-reason"
        />
        {run.isError && !['reason', 'mergeIntoId', 'agencyId'].some((f) => err(f)) && <ErrorAlert error={run.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={run.isPending}
            data-testid="transition-confirm"
            onClick={() =>
              run.mutate(() =>
                data(
                  client.POST('/api/incidents/{id}/transitions', {
                    params: { path: { id: d.id } },
                    body: { action, reason, mergeIntoId: mergeIntoId ? Number(mergeIntoId) : null, agencyId: agencyId ? Number(agencyId) : null },
                  }),
                ),
              )
            }
          >
            {t(`incidents.action.${action}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
