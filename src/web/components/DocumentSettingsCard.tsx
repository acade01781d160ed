import { useState } from 'react';
import { Badge, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/client.ts';
import { signatureLines, type Signer } from '../../shared/documents/signature.ts';
import { ErrorAlert, fieldError, FormButtons, Loading, notifySaved } from './ui.tsx';
import { Field } from './Field.tsx';

const settingsQuery = (id: number) => ({
  queryKey: ['document-settings', id],
  queryFn: () => data(client.GET('/api/agencies/{id}/document-settings', { params: { path: { id } } })),
});
export const useDocumentSettings = (id: number | undefined) => useQuery({ ...settingsQuery(id ?? 0), enabled: !!id });

/** One signer on one line: "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC — Đinh Thị Hoa". */
export const signerLabel = (s: Signer) => `${signatureLines(s).join(' / ')} — ${s.name}`;

/** The agency's document settings (Decree 30/2020 Appendix I), edited by its admins. */
export function DocumentSettingsCard({ agencyId }: { agencyId: number }) {
  const { t } = useTranslation();
  const settings = useDocumentSettings(agencyId);
  const [editing, setEditing] = useState(false);
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorAlert error={settings.error} />;
  const s = settings.data;
  return (
    <Paper withBorder p="md" data-testid="document-settings">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('documents.settings.title')}</Title>
        {s.can.edit && (
          <Button size="xs" variant="light" onClick={() => setEditing(true)} data-testid="document-settings-edit">
            {t('common.edit')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Field label={t('documents.settings.abbreviation')} value={s.abbreviation} />
        <Field label={t('documents.settings.place')} value={s.place ?? s.defaultPlace} />
        <Field label={t('documents.settings.governingBody')} value={s.governingBody ?? t('documents.settings.none')} />
        <Field label={t('documents.settings.draftingUnit')} value={s.draftingUnit} />
      </SimpleGrid>
      <Text size="sm" fw={500} mt="sm">
        {t('documents.settings.signers')}
      </Text>
      {s.signers.length ? (
        s.signers.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list's order is its identity (signerIndex)
          <Text size="sm" key={i}>
            {signerLabel(x as Signer)}
          </Text>
        ))
      ) : (
        <Badge color="orange" variant="light">
          {t('documents.settings.noSigner')}
        </Badge>
      )}
      {editing && <SettingsForm settings={s} onClose={() => setEditing(false)} />}
    </Paper>
  );
}

type Settings = NonNullable<ReturnType<typeof useDocumentSettings>['data']>;
const EMPTY_SIGNER: Signer = { collective: null, authority: null, head: null, title: '', name: '' };

function SettingsForm({ settings, onClose }: { settings: Settings; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({
    abbreviation: settings.abbreviation,
    place: settings.place ?? '',
    governingBody: settings.governingBody ?? '',
    draftingUnit: settings.draftingUnit ?? '',
    signers: settings.signers as Signer[],
  });
  const save = useMutation({
    mutationFn: () =>
      data(
        client.PUT('/api/agencies/{id}/document-settings', {
          params: { path: { id: settings.agencyId } },
          body: { ...v, place: v.place || null, governingBody: v.governingBody || null, draftingUnit: v.draftingUnit || null },
        }),
      ),
    onSuccess: (saved) => {
      qc.setQueryData(['document-settings', settings.agencyId], saved);
      notifySaved();
      onClose();
    },
  });
  const setSigner = (i: number, patch: Partial<Signer>) => setV({ ...v, signers: v.signers.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const err = (f: string) => fieldError(save.error, f);
  return (
    <Modal opened onClose={onClose} title={t('documents.settings.title')} size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('documents.settings.intro')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('documents.settings.abbreviation')}
            value={v.abbreviation}
            onChange={(e) => setV({ ...v, abbreviation: e.currentTarget.value })}
            error={err('abbreviation')}
            data-testid="settings-abbreviation"
          />
          <TextInput
            label={t('documents.settings.place')}
            description={t('documents.settings.placeHint', { place: settings.defaultPlace })}
            value={v.place}
            onChange={(e) => setV({ ...v, place: e.currentTarget.value })}
            error={err('place')}
          />
          <TextInput
            label={t('documents.settings.governingBody')}
            description={t('documents.settings.governingBodyHint')}
            value={v.governingBody}
            onChange={(e) => setV({ ...v, governingBody: e.currentTarget.value })}
            error={err('governingBody')}
          />
          <TextInput
            label={t('documents.settings.draftingUnit')}
            value={v.draftingUnit}
            onChange={(e) => setV({ ...v, draftingUnit: e.currentTarget.value })}
            error={err('draftingUnit')}
          />
        </SimpleGrid>
        <Title order={6}>{t('documents.settings.signers')}</Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('documents.settings.collective')}</Table.Th>
              <Table.Th>{t('documents.settings.authority')}</Table.Th>
              <Table.Th>{t('documents.settings.head')}</Table.Th>
              <Table.Th>{t('documents.settings.signerTitle')}</Table.Th>
              <Table.Th>{t('documents.settings.name')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {v.signers.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, by position
              <Table.Tr key={i}>
                <Table.Td>
                  <TextInput
                    size="xs"
                    value={s.collective ?? ''}
                    onChange={(e) => setSigner(i, { collective: e.currentTarget.value || null })}
                    error={err(`signers.${i}.collective`)}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    clearable
                    data={['KT', 'TL', 'TUQ'].map((a) => ({ value: a, label: `${a}.` }))}
                    value={s.authority}
                    onChange={(a) => setSigner(i, { authority: a as Signer['authority'] })}
                    error={err(`signers.${i}.authority`)}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    value={s.head ?? ''}
                    onChange={(e) => setSigner(i, { head: e.currentTarget.value || null })}
                    error={err(`signers.${i}.head`)}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput size="xs" value={s.title} onChange={(e) => setSigner(i, { title: e.currentTarget.value })} error={err(`signers.${i}.title`)} />
                </Table.Td>
                <Table.Td>
                  <TextInput size="xs" value={s.name} onChange={(e) => setSigner(i, { name: e.currentTarget.value })} error={err(`signers.${i}.name`)} />
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={() => setV({ ...v, signers: v.signers.filter((_, j) => j !== i) })}>
                    {t('documents.settings.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group>
          <Button size="xs" variant="light" onClick={() => setV({ ...v, signers: [...v.signers, EMPTY_SIGNER] })}>
            {t('documents.settings.addSigner')}
          </Button>
        </Group>
        {save.error && !['abbreviation', 'place', 'governingBody', 'draftingUnit'].some((f) => err(f)) && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} onSave={() => save.mutate()} saving={save.isPending} testid="document-settings-save" />
      </Stack>
    </Modal>
  );
}
