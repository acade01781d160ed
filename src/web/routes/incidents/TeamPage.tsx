import { useState } from 'react';
import { ActionIcon, Alert, Button, Group, Modal, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EMPLOYMENTS } from '../../../shared/incidents/vocabulary.ts';
import { client, data } from '../../api/client.ts';
import { useAgencies } from '../../api/agencies.ts';
import { fmtDate } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, FormButtons, Loading, notifySaved } from '../../components/ui.tsx';
import type { RosterData } from './types.ts';
import { Tag } from './badges.tsx';

type Member = RosterData['members'][number];

/** The provincial response team: at least five qualified experts, in-house or hired, with certificates and their expiry. */
export function TeamPage() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<{ member?: Member; certificates?: boolean } | null>(null);
  const roster = useQuery({ queryKey: ['response-team'], queryFn: () => data(client.GET('/api/response-team')) });
  const toggle = useRoster();
  if (roster.isPending) return <Loading />;
  if (roster.isError) return <ErrorAlert error={roster.error} />;
  const { members, strength, can } = roster.data;
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{t('incidents.team.title')}</Title>
          <Text size="sm" c="dimmed" data-testid="team-strength">
            {t('incidents.team.strength', strength)}
          </Text>
          <Text size="xs" c="dimmed" data-testid="team-strength-source">
            {t('incidents.team.source', { source: strength.requiredSource })}
          </Text>
        </div>
        {can.edit && (
          <Button onClick={() => setEditing({})} data-testid="team-add">
            {t('incidents.team.add')}
          </Button>
        )}
      </Group>
      {strength.underStrength && (
        <Alert color="red" data-testid="team-under-strength">
          {t('incidents.team.underStrength', strength)}
        </Alert>
      )}
      {!strength.underStrength && strength.atRisk && <Alert color="orange">{t('incidents.team.atRisk')}</Alert>}
      <Paper withBorder>
        <Table striped data-testid="team-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('incidents.team.name')}</Table.Th>
              <Table.Th>{t('incidents.team.organization')}</Table.Th>
              <Table.Th>{t('incidents.team.employmentLabel')}</Table.Th>
              <Table.Th>{t('incidents.team.expertise')}</Table.Th>
              <Table.Th>{t('incidents.team.certificates')}</Table.Th>
              <Table.Th>{t('common.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((m) => (
              <Table.Tr key={m.id} style={{ opacity: m.active ? 1 : 0.55 }}>
                <Table.Td>
                  <Text size="sm">{m.fullName}</Text>
                  <Text size="xs" c="dimmed">
                    {[m.position, m.phone, m.email].filter(Boolean).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{m.agencyName ?? '—'}</Text>
                </Table.Td>
                <Table.Td>{t(`incidents.team.employment.${m.employment}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{m.expertise ?? ''}</Text>
                </Table.Td>
                <Table.Td>
                  {m.certificates.map((c) => (
                    <Text key={c.id} size="xs">
                      {c.name} — {c.expiresOn ? `${t('incidents.team.expires')} ${fmtDate(c.expiresOn)}` : t('incidents.team.noExpiry')}{' '}
                      {!c.valid && (
                        <Tag color="red" size="xs">
                          {t('incidents.team.expired')}
                        </Tag>
                      )}
                      {c.expiringSoon && (
                        <Tag color="orange" size="xs">
                          {t('incidents.team.expiringSoon')}
                        </Tag>
                      )}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td miw={130}>
                  {!m.active ? (
                    <Tag color="gray" variant="light">
                      {t('incidents.team.inactive')}
                    </Tag>
                  ) : (
                    <Tag color={m.qualified ? 'green' : 'orange'} variant="light">
                      {m.qualified ? t('incidents.team.qualified') : t('incidents.team.notQualified')}
                    </Tag>
                  )}
                </Table.Td>
                <Table.Td>
                  {can.edit && (
                    <Stack gap={0} align="flex-start">
                      <Button size="xs" variant="subtle" onClick={() => setEditing({ member: m })}>
                        {t('common.edit')}
                      </Button>
                      <Button size="xs" variant="subtle" onClick={() => setEditing({ member: m, certificates: true })}>
                        {t('incidents.team.editCertificates')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color={m.active ? 'gray' : 'green'}
                        onClick={() =>
                          toggle.mutate(() => data(client.PATCH('/api/response-team/{id}', { params: { path: { id: m.id } }, body: { active: !m.active } })))
                        }
                      >
                        {m.active ? t('incidents.team.deactivate') : t('incidents.team.reactivate')}
                      </Button>
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {editing && !editing.certificates && <MemberForm member={editing.member} onClose={() => setEditing(null)} />}
      {editing?.certificates && editing.member && <CertificatesForm member={editing.member} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

/** Every roster route answers with the whole roster. */
function useRoster(onDone?: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: () => Promise<RosterData>) => change(),
    onSuccess: (r) => {
      qc.setQueryData(['response-team'], r);
      void qc.invalidateQueries({ queryKey: ['incident-readiness'] });
      notifySaved();
      onDone?.();
    },
  });
}

function MemberForm({ member, onClose }: { member?: Member; onClose: () => void }) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const [v, setV] = useState({
    fullName: member?.fullName ?? '',
    agencyId: member?.agencyId ? String(member.agencyId) : (null as string | null),
    employment: member?.employment ?? 'in_house',
    position: member?.position ?? '',
    phone: member?.phone ?? '',
    email: member?.email ?? '',
    expertise: member?.expertise ?? '',
  });
  const save = useRoster(onClose);
  const body = { ...v, agencyId: v.agencyId ? Number(v.agencyId) : null };
  return (
    <Modal opened onClose={onClose} title={member?.fullName ?? t('incidents.team.add')}>
      <Stack>
        <TextInput
          label={t('incidents.team.name')}
          value={v.fullName}
          error={fieldError(save.error, 'fullName')}
          onChange={(e) => setV({ ...v, fullName: e.currentTarget.value })}
          data-testid="member-name"
        />
        <Select
          label={t('incidents.team.organization')}
          searchable
          clearable
          value={v.agencyId}
          onChange={(a) => setV({ ...v, agencyId: a })}
          data={(agencies.data ?? []).map((a) => ({ value: String(a.id), label: a.name }))}
        />
        <Select
          label={t('incidents.team.employmentLabel')}
          value={v.employment}
          onChange={(x) => x && setV({ ...v, employment: x as typeof v.employment })}
          data={EMPLOYMENTS.map((e) => ({ value: e, label: t(`incidents.team.employment.${e}`) }))}
        />
        <TextInput label={t('incidents.team.position')} value={v.position} onChange={(e) => setV({ ...v, position: e.currentTarget.value })} />
        <Group grow>
          <TextInput label={t('incidents.form.phone')} value={v.phone} onChange={(e) => setV({ ...v, phone: e.currentTarget.value })} />
          <TextInput label={t('incidents.form.email')} value={v.email} onChange={(e) => setV({ ...v, email: e.currentTarget.value })} />
        </Group>
        <TextInput label={t('incidents.team.expertise')} value={v.expertise} onChange={(e) => setV({ ...v, expertise: e.currentTarget.value })} />
        {save.isError && <ErrorAlert error={save.error} />}
        <FormButtons
          onCancel={onClose}
          saving={save.isPending}
          testid="member-save"
          onSave={() =>
            save.mutate(() =>
              data(
                member ? client.PATCH('/api/response-team/{id}', { params: { path: { id: member.id } }, body }) : client.POST('/api/response-team', { body }),
              ),
            )
          }
        />
      </Stack>
    </Modal>
  );
}

function CertificatesForm({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState(
    member.certificates.map((c) => ({ name: c.name, issuer: c.issuer ?? '', issuedOn: c.issuedOn ?? '', expiresOn: c.expiresOn ?? '' })),
  );
  const save = useRoster(onClose);
  const set = (i: number, patch: Partial<(typeof rows)[number]>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <Modal opened onClose={onClose} title={`${t('incidents.team.certificates')}: ${member.fullName}`} size="xl">
      <Stack>
        {rows.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: controlled inputs: each value follows its row index, rows are only appended or removed
          <Group key={i} align="flex-end" wrap="nowrap">
            <TextInput label={t('incidents.team.certName')} value={r.name} onChange={(e) => set(i, { name: e.currentTarget.value })} style={{ flex: 2 }} />
            <TextInput label={t('incidents.team.issuer')} value={r.issuer} onChange={(e) => set(i, { issuer: e.currentTarget.value })} style={{ flex: 1 }} />
            <TextInput type="date" label={t('incidents.team.issuedOn')} value={r.issuedOn} onChange={(e) => set(i, { issuedOn: e.currentTarget.value })} />
            <TextInput type="date" label={t('incidents.team.expires')} value={r.expiresOn} onChange={(e) => set(i, { expiresOn: e.currentTarget.value })} />
            <ActionIcon variant="subtle" color="red" mb={6} aria-label={t('incidents.detail.remove')} onClick={() => setRows(rows.filter((_, k) => k !== i))}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Button variant="light" size="xs" onClick={() => setRows([...rows, { name: '', issuer: '', issuedOn: '', expiresOn: '' }])}>
          {t('incidents.team.addCertificate')}
        </Button>
        {save.isError && <ErrorAlert error={save.error} />}
        <FormButtons
          onCancel={onClose}
          saving={save.isPending}
          onSave={() => save.mutate(() => data(client.PUT('/api/response-team/{id}/certificates', { params: { path: { id: member.id } }, body: rows })))}
        />
      </Stack>
    </Modal>
  );
}
