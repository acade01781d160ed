import { useState } from 'react';
import { Badge, Button, Group, Modal, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data, type Answer } from '../api/client.ts';
import { useAgencies } from '../api/agencies.ts';
import { fmtCitations, fmtDate } from '../i18n/index.ts';
import { ErrorAlert, fieldError, FormButtons, Loading, notifySaved } from '../components/ui.tsx';
import { EXPIRY_NOTICE_DAYS, SIGNATURE_TOKEN_CITATIONS, TOKEN_STATES, type TokenState } from '../../shared/signatures/validity.ts';

type Token = Answer<'/api/signature-tokens'>['items'][number];
const COLORS: Record<TokenState, string> = { valid: 'green', expiring: 'yellow', expired: 'red', revoked: 'gray', lost: 'grape' };

/** The register of special-use signature tokens of the agencies in reach: states, expiry, revocation and loss reports. */
export function SignatureTokensPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<TokenState | 'all'>('all');
  const [adding, setAdding] = useState(false);
  const [acting, setActing] = useState<{ token: Token; action: 'revoke' | 'loss' } | null>(null);
  const list = useQuery({
    queryKey: ['signature-tokens', state],
    queryFn: () => data(client.GET('/api/signature-tokens', { params: { query: state === 'all' ? {} : { state } } })),
  });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const d = list.data;
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{t('signatures.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('signatures.basis', { source: fmtCitations(SIGNATURE_TOKEN_CITATIONS), days: EXPIRY_NOTICE_DAYS })}
          </Text>
        </div>
        {d.can.create && (
          <Button onClick={() => setAdding(true)} data-testid="token-add">
            {t('signatures.add')}
          </Button>
        )}
      </Group>
      <SegmentedControl
        value={state}
        onChange={(v) => setState(v as TokenState | 'all')}
        data={[
          { value: 'all', label: t('signatures.all') },
          ...TOKEN_STATES.map((s) => ({ value: s, label: `${t(`signatures.states.${s}`)} (${d.counts[s]})` })),
        ]}
        data-testid="token-states"
      />
      <Table striped data-testid="token-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('signatures.agency')}</Table.Th>
            <Table.Th>{t('signatures.holderName')}</Table.Th>
            <Table.Th>{t('signatures.serial')}</Table.Th>
            <Table.Th>{t('signatures.validTo')}</Table.Th>
            <Table.Th>{t('signatures.state')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.items.map((tk) => (
            <Table.Tr key={tk.id} data-testid={`token-${tk.serial}`}>
              <Table.Td>{tk.agencyName}</Table.Td>
              <Table.Td>
                {tk.holderName}
                {tk.holderPosition && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    · {tk.holderPosition}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {t(`signatures.subjects.${tk.subject}`)} · {tk.issuer}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text ff="monospace" size="sm">
                  {tk.serial}
                </Text>
              </Table.Td>
              <Table.Td>
                {fmtDate(tk.validFrom)} – {fmtDate(tk.validTo)}
              </Table.Td>
              <Table.Td>
                <Badge color={COLORS[tk.state]} data-testid="token-state">
                  {t(`signatures.states.${tk.state}`)}
                </Badge>
                {tk.revokedOn && (
                  <Text size="xs" c="dimmed">
                    {t('signatures.revokedText', { date: fmtDate(tk.revokedOn), reason: tk.revocationReason })}
                  </Text>
                )}
                {tk.lostOn && (
                  <Text size="xs" c="dimmed">
                    {t('signatures.lossReported', { lost: fmtDate(tk.lostOn), reported: fmtDate(tk.lossReportedOn) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {tk.can.edit && !tk.lostOn && (
                  <Group gap={4} wrap="nowrap">
                    {!tk.revokedOn && (
                      <Button size="compact-xs" variant="subtle" onClick={() => setActing({ token: tk, action: 'revoke' })} data-testid="token-revoke">
                        {t('signatures.revoke')}
                      </Button>
                    )}
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => setActing({ token: tk, action: 'loss' })} data-testid="token-loss">
                      {t('signatures.reportLoss')}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!d.items.length && <Text c="dimmed">{t('signatures.empty')}</Text>}
      {adding && <AddToken onClose={() => setAdding(false)} />}
      {acting && <TokenAction {...acting} onClose={() => setActing(null)} />}
    </Stack>
  );
}

function AddToken({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const agencies = useAgencies();
  const [v, setV] = useState({
    agencyId: 0,
    subject: 'person' as 'person' | 'organization',
    holderName: '',
    holderPosition: '',
    serial: '',
    issuer: t('signatures.issuerDefault'),
    validFrom: '',
    validTo: '',
    note: '',
  });
  const save = useMutation({
    mutationFn: () => data(client.POST('/api/signature-tokens', { body: v })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['signature-tokens'] });
      notifySaved();
      onClose();
    },
  });
  const text = (k: 'holderName' | 'holderPosition' | 'serial' | 'issuer' | 'validFrom' | 'validTo', type = 'text') => (
    <TextInput
      type={type}
      label={t(`signatures.${k}`)}
      value={v[k]}
      error={fieldError(save.error, k)}
      onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })}
      data-testid={`token-f-${k}`}
    />
  );
  return (
    <Modal opened onClose={onClose} title={t('signatures.add')} size="lg">
      <Stack gap="xs">
        <Select
          label={t('signatures.agency')}
          searchable
          value={v.agencyId ? String(v.agencyId) : null}
          error={fieldError(save.error, 'agencyId')}
          onChange={(x) => setV({ ...v, agencyId: Number(x) })}
          data={(agencies.data ?? []).filter((a) => a.can.keepSignatureTokens).map((a) => ({ value: String(a.id), label: a.name }))}
          data-testid="token-f-agency"
        />
        <Select
          label={t('signatures.subject')}
          value={v.subject}
          onChange={(x) => x && setV({ ...v, subject: x as 'person' | 'organization' })}
          data={(['person', 'organization'] as const).map((s) => ({ value: s, label: t(`signatures.subjects.${s}`) }))}
        />
        {text('holderName')}
        {text('holderPosition')}
        {text('serial')}
        {text('issuer')}
        <Group grow>
          {text('validFrom', 'date')}
          {text('validTo', 'date')}
        </Group>
        <TextInput label={t('signatures.note')} value={v.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} />
        {save.isError && !Object.keys(v).some((k) => fieldError(save.error, k)) && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} onSave={() => save.mutate()} saving={save.isPending} testid="token-save" />
      </Stack>
    </Modal>
  );
}

function TokenAction({ token, action, onClose }: { token: Token; action: 'revoke' | 'loss'; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({ on: '', text: '', reportedOn: '' });
  const path = { path: { id: token.id } };
  const save = useMutation({
    mutationFn: () =>
      action === 'revoke'
        ? data(client.POST('/api/signature-tokens/{id}/revocation', { params: path, body: { revokedOn: v.on, reason: v.text } }))
        : data(
            client.POST('/api/signature-tokens/{id}/loss-report', { params: path, body: { lostOn: v.on, circumstances: v.text, reportedOn: v.reportedOn } }),
          ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['signature-tokens'] });
      notifySaved();
      onClose();
    },
  });
  const [onField, textField] = action === 'revoke' ? ['revokedOn', 'reason'] : ['lostOn', 'circumstances'];
  return (
    <Modal opened onClose={onClose} title={`${t(action === 'revoke' ? 'signatures.revoke' : 'signatures.reportLoss')}: ${token.holderName} (${token.serial})`}>
      <Stack gap="xs">
        <TextInput
          type="date"
          label={t(`signatures.${onField}`)}
          value={v.on}
          error={fieldError(save.error, onField!)}
          onChange={(e) => setV({ ...v, on: e.currentTarget.value })}
          data-testid="token-a-on"
        />
        <Textarea
          label={t(`signatures.${textField}`)}
          value={v.text}
          error={fieldError(save.error, textField!)}
          onChange={(e) => setV({ ...v, text: e.currentTarget.value })}
          data-testid="token-a-text"
        />
        {action === 'loss' && (
          <TextInput
            type="date"
            label={t('signatures.reportedOn')}
            value={v.reportedOn}
            error={fieldError(save.error, 'reportedOn')}
            onChange={(e) => setV({ ...v, reportedOn: e.currentTarget.value })}
            data-testid="token-a-reportedOn"
          />
        )}
        {save.isError && ![onField!, textField!, 'reportedOn'].some((k) => fieldError(save.error, k)) && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} onSave={() => save.mutate()} saving={save.isPending} testid="token-a-save" />
      </Stack>
    </Modal>
  );
}
