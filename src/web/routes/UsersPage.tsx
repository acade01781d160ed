import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, Modal, MultiSelect, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Agency } from '../../shared/agencies/schemas.ts';
import { UserListQuery, type User } from '../../shared/users/schemas.ts';
import { AGENCY_ROLES, ROLES, type Role } from '../../shared/core/roles.ts';
import { client, data } from '../api/client.ts';
import { useAgencies } from '../api/agencies.ts';
import { useUsers } from '../api/users.ts';
import { useUrlFilters } from '../url-filters.ts';
import { useMe } from '../auth.ts';
import { fmtDateTime } from '../i18n/index.ts';
import { ErrorAlert, fieldError, FormButtons, Loading, notifyError, notifySaved } from '../components/ui.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const { filters, value, set } = useUrlFilters(UserListQuery.pick({ agencyId: true, status: true }));
  const [q, setQ] = useState('');
  const status = filters.status ?? 'active';
  const users = useUsers({ agencyId: filters.agencyId, q, status });
  const agencies = useAgencies();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [temp, setTemp] = useState<{ user: User; temporaryPassword: string } | null>(null);
  const qc = useQueryClient();
  const reset = useMutation({
    mutationFn: (u: User) => data(client.POST('/api/users/{id}/reset-password', { params: { path: { id: u.id } } })),
    onSuccess: (r) => setTemp(r),
    onError: notifyError,
  });
  const resetMfa = useMutation({
    mutationFn: (u: User) => data(client.POST('/api/users/{id}/reset-mfa', { params: { path: { id: u.id } } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['users'] });
      notifySaved();
    },
    onError: notifyError,
  });
  const toggle = useMutation({
    mutationFn: (u: User) => data(client.PATCH('/api/users/{id}', { params: { path: { id: u.id } }, body: { active: !u.active } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['users'] });
      notifySaved();
    },
    onError: notifyError,
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('users.title')}</Title>
        {me.can['users.manage'] && (
          <Button onClick={() => setEditing('new')} data-testid="user-add">
            {t('users.add')}
          </Button>
        )}
      </Group>
      <Group align="flex-end">
        <TextInput label={t('common.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <Select
          label={t('common.agency')}
          searchable
          clearable
          w={320}
          value={value('agencyId')}
          onChange={(v) => set('agencyId', v)}
          data={(agencies.data ?? []).map((a) => ({ value: String(a.id), label: a.name }))}
        />
        <SegmentedControl
          aria-label={t('users.statusFilter')}
          value={status}
          onChange={(v) => set('status', v === 'active' ? null : v)}
          data={(['active', 'locked', 'all'] as const).map((s) => ({ value: s, label: t(`users.status.${s}`) }))}
          data-testid="users-status"
        />
      </Group>
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorAlert error={users.error} />
      ) : (
        <Paper withBorder>
          <Table striped data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.username')}</Table.Th>
                <Table.Th>{t('users.fullName')}</Table.Th>
                <Table.Th>{t('common.agency')}</Table.Th>
                <Table.Th>{t('users.roles')}</Table.Th>
                <Table.Th>{t('users.lastLogin')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => (
                <Table.Tr key={u.id} c={u.active ? undefined : 'dimmed'}>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {u.username}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {u.fullName}
                    {!u.active && (
                      <Badge ml={4} color="gray" size="xs" data-testid={`user-locked-${u.username}`}>
                        {t('users.locked')}
                      </Badge>
                    )}
                    {u.mfaEnrolled && (
                      <Badge ml={4} color="teal" size="xs" variant="light">
                        {t('identity.mfaBadge')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{u.agencyName}</Table.Td>
                  <Table.Td>
                    {u.roles.map((r) => (
                      <Badge key={r} size="xs" mr={4} variant="outline">
                        {t(`roles.${r}`)}
                      </Badge>
                    ))}
                  </Table.Td>
                  <Table.Td>{fmtDateTime(u.lastLoginAt)}</Table.Td>
                  <Table.Td>
                    {u.can.manage && u.id !== me.id && (
                      <Group gap={4}>
                        <Button size="compact-xs" variant="default" onClick={() => setEditing(u)}>
                          {t('common.edit')}
                        </Button>
                        <ConfirmButton
                          size="compact-xs"
                          variant="light"
                          color="blue"
                          title={t('users.resetConfirm', { name: u.fullName, username: u.username })}
                          message={t('users.resetEffect')}
                          confirmLabel={t('users.reset')}
                          onConfirm={() => reset.mutate(u)}
                          testid={`user-reset-${u.username}`}
                        >
                          {t('users.reset')}
                        </ConfirmButton>
                        {u.mfaEnrolled && (
                          <ConfirmButton
                            size="compact-xs"
                            variant="light"
                            color="orange"
                            title={t('identity.resetMfaConfirm', { name: u.fullName })}
                            confirmLabel={t('identity.resetMfa')}
                            onConfirm={() => resetMfa.mutate(u)}
                            testid={`user-reset-mfa-${u.username}`}
                          >
                            {t('identity.resetMfa')}
                          </ConfirmButton>
                        )}
                        {u.active ? (
                          <ConfirmButton
                            size="compact-xs"
                            variant="light"
                            color="red"
                            title={t('users.deactivateConfirm', { name: u.fullName, username: u.username })}
                            message={t('users.deactivateEffect')}
                            confirmLabel={t('users.deactivate')}
                            onConfirm={() => toggle.mutate(u)}
                            testid={`user-lock-${u.username}`}
                          >
                            {t('users.deactivate')}
                          </ConfirmButton>
                        ) : (
                          <Button size="compact-xs" variant="light" color="green" onClick={() => toggle.mutate(u)} data-testid={`user-unlock-${u.username}`}>
                            {t('users.reactivate')}
                          </Button>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && (
        <UserForm user={editing === 'new' ? undefined : editing} agencies={agencies.data ?? []} onClose={() => setEditing(null)} onCreated={setTemp} />
      )}
      {temp && (
        <Modal opened onClose={() => setTemp(null)} title={t('users.tempPassword')}>
          <Stack>
            <Text>
              {temp.user.fullName} ({temp.user.username})
            </Text>
            <Code block fz="lg" data-testid="temp-password">
              {temp.temporaryPassword}
            </Code>
            <Alert color="orange">{t('users.tempPasswordHint')}</Alert>
            <Button onClick={() => setTemp(null)}>{t('common.close')}</Button>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}

function UserForm({
  user,
  agencies,
  onClose,
  onCreated,
}: {
  user?: User;
  agencies: Agency[];
  onClose: () => void;
  onCreated: (r: { user: User; temporaryPassword: string }) => void;
}) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const qc = useQueryClient();
  const [v, setV] = useState({
    agencyId: user?.agencyId ?? me.agencyId,
    username: user?.username ?? '',
    fullName: user?.fullName ?? '',
    email: user?.email ?? '',
    phone: user?.phone ?? '',
    position: user?.position ?? '',
    roles: user?.roles ?? (['agency_officer'] as Role[]),
  });
  const save = useMutation({
    mutationFn: async () => {
      if (user) {
        const { username: _, ...rest } = v;
        return { user: await data(client.PATCH('/api/users/{id}', { params: { path: { id: user.id } }, body: rest })) };
      }
      return data(client.POST('/api/users', { body: v }));
    },
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['users'] });
      notifySaved();
      onClose();
      if ('temporaryPassword' in r) onCreated(r as { user: User; temporaryPassword: string });
    },
  });
  // Agency admins hand out the agency roles only, never the province-wide ones.
  const roles: readonly Role[] = me.can['users.grantProvinceRoles'] ? ROLES : AGENCY_ROLES;
  const err = (f: string) => fieldError(save.error, f);
  return (
    <Modal opened onClose={onClose} title={user ? user.fullName : t('users.add')} size="lg">
      <Stack>
        <TextInput
          label={t('users.username')}
          value={v.username}
          disabled={!!user}
          error={err('username')}
          onChange={(e) => setV({ ...v, username: e.currentTarget.value })}
          data-testid="user-username"
        />
        <TextInput
          label={t('users.fullName')}
          value={v.fullName}
          error={err('fullName')}
          onChange={(e) => setV({ ...v, fullName: e.currentTarget.value })}
          data-testid="user-fullname"
        />
        <Select
          label={t('common.agency')}
          searchable
          value={String(v.agencyId)}
          error={err('agencyId')}
          onChange={(a) => a && setV({ ...v, agencyId: Number(a) })}
          data={agencies.filter((a) => a.can.manageUsers).map((a) => ({ value: String(a.id), label: a.name }))}
        />
        <TextInput label={t('users.position')} value={v.position} onChange={(e) => setV({ ...v, position: e.currentTarget.value })} />
        <Group grow>
          <TextInput label={t('agencies.email')} value={v.email} error={err('email')} onChange={(e) => setV({ ...v, email: e.currentTarget.value })} />
          <TextInput label={t('agencies.phone')} value={v.phone} onChange={(e) => setV({ ...v, phone: e.currentTarget.value })} />
        </Group>
        <MultiSelect
          label={t('users.roles')}
          value={v.roles}
          error={err('roles')}
          onChange={(r) => setV({ ...v, roles: r as Role[] })}
          data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          data-testid="user-roles"
        />
        {save.isError && !(save.error as { field?: string }).field && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} saving={save.isPending} onSave={() => save.mutate()} testid="user-save" />
      </Stack>
    </Modal>
  );
}
