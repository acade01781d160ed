import { useState } from 'react';
import { Badge, Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/client.ts';
import { useMe } from '../auth.ts';
import { fmtDate } from '../i18n/index.ts';
import type { Signer } from '../../shared/documents/signature.ts';
import type { DocumentSubject } from '../../shared/documents/schemas.ts';
import { fieldError, FormButtons, notifyError, notifySaved } from './ui.tsx';
import { signerLabel, useDocumentSettings } from './DocumentSettingsCard.tsx';

type Props = {
  subjectKind: DocumentSubject;
  subjectId: number;
  /** After issue, for a page that shows the document's number itself. */
  onIssued?: () => void;
};

const registerKey = (p: Pick<Props, 'subjectKind' | 'subjectId'>) => ['outgoing-documents', p.subjectKind, p.subjectId];

/**
 * The number of an official document in its issuer's register (sổ đăng ký văn bản đi): take one, correct it and
 * choose the signer before issue, then issue it. The DOCX prints what is shown here.
 */
export function OutgoingNumber(props: Props) {
  const { t } = useTranslation();
  const me = useMe().data;
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const entries = useQuery({
    queryKey: registerKey(props),
    queryFn: () => data(client.GET('/api/outgoing-documents', { params: { query: { subjectKind: props.subjectKind, subjectId: props.subjectId } } })),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: registerKey(props) });
  const reserve = useMutation({
    mutationFn: () => data(client.POST('/api/outgoing-documents', { body: { subjectKind: props.subjectKind, subjectId: props.subjectId } })),
    onSuccess: () => refresh(),
    onError: notifyError,
  });
  const issue = useMutation({
    mutationFn: (id: number) => data(client.POST('/api/outgoing-documents/{id}/issue', { params: { path: { id } } })),
    onSuccess: () => {
      notifySaved();
      void refresh();
      props.onIssued?.();
    },
    onError: notifyError,
  });
  const entry = entries.data?.[0];
  return (
    <Group gap="xs" data-testid={`outgoing-${props.subjectKind}`}>
      <Text size="sm">{t('documents.number')}:</Text>
      {entry ? (
        <>
          <Badge variant="light" color={entry.status === 'issued' ? 'green' : 'blue'} data-testid="outgoing-reference">
            {entry.reference}
          </Badge>
          <Text size="xs" c="dimmed">
            {entry.status === 'issued' ? t('documents.issued', { day: fmtDate(entry.issuedOn) }) : t('documents.reserved')}
          </Text>
          {entry.can.edit && (
            <Button size="xs" variant="subtle" onClick={() => setEditing(true)}>
              {t('documents.editNumber')}
            </Button>
          )}
          {entry.can.issue && (
            <Button
              size="xs"
              variant="light"
              loading={issue.isPending}
              onClick={() => window.confirm(t('documents.issueConfirm')) && issue.mutate(entry.id)}
              data-testid="outgoing-issue"
            >
              {t('documents.issue')}
            </Button>
          )}
        </>
      ) : (
        <>
          <Text size="xs" c="dimmed">
            {t('documents.notNumbered')}
          </Text>
          {me?.can['documents.register'] && (
            <Button size="xs" variant="light" loading={reserve.isPending} onClick={() => reserve.mutate()} data-testid="outgoing-reserve">
              {t('documents.reserve')}
            </Button>
          )}
        </>
      )}
      {editing && entry && <EditNumber entry={entry} onClose={() => setEditing(false)} onSaved={refresh} />}
    </Group>
  );
}

type Entry = { id: number; agencyId: number; number: number; symbol: string; issuedOn: string | null; signer: Signer | null };

function EditNumber({ entry, onClose, onSaved }: { entry: Entry; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const settings = useDocumentSettings(entry.agencyId);
  const signers = (settings.data?.signers ?? []) as Signer[];
  const current = signers.findIndex((s) => entry.signer && s.name === entry.signer.name && s.title === entry.signer.title);
  const [v, setV] = useState({
    number: entry.number,
    symbol: entry.symbol,
    issuedOn: entry.issuedOn ?? '',
    signerIndex: current >= 0 ? String(current) : null,
  });
  const save = useMutation({
    mutationFn: () =>
      data(
        client.PATCH('/api/outgoing-documents/{id}', {
          params: { path: { id: entry.id } },
          body: {
            number: v.number,
            symbol: v.symbol,
            ...(v.issuedOn ? { issuedOn: v.issuedOn } : {}),
            ...(v.signerIndex !== null ? { signerIndex: Number(v.signerIndex) } : {}),
          },
        }),
      ),
    onSuccess: () => {
      notifySaved();
      onSaved();
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('documents.editNumber')}>
      <Stack>
        <NumberInput
          label={t('documents.numberValue')}
          min={1}
          max={99999}
          value={v.number}
          onChange={(n) => setV({ ...v, number: Number(n) })}
          error={fieldError(save.error, 'number')}
        />
        <TextInput
          label={t('documents.symbol')}
          value={v.symbol}
          onChange={(e) => setV({ ...v, symbol: e.currentTarget.value })}
          error={fieldError(save.error, 'symbol')}
        />
        <TextInput
          label={t('documents.issuedOn')}
          type="date"
          value={v.issuedOn}
          onChange={(e) => setV({ ...v, issuedOn: e.currentTarget.value })}
          error={fieldError(save.error, 'issuedOn')}
        />
        <Select
          label={t('documents.signer')}
          data={signers.map((s, i) => ({ value: String(i), label: signerLabel(s) }))}
          value={v.signerIndex}
          onChange={(s) => setV({ ...v, signerIndex: s })}
          error={fieldError(save.error, 'signerIndex')}
        />
        <FormButtons onCancel={onClose} onSave={() => save.mutate()} saving={save.isPending} testid="outgoing-save" />
      </Stack>
    </Modal>
  );
}
