import { useState } from 'react';
import { Anchor, Button, Checkbox, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { APPRAISER_KINDS, APPROVER_KINDS } from '../../shared/dossiers/matrix.ts';
import { client, data, type Answer, type Body } from '../api/client.ts';
import { useAgencies } from '../api/agencies.ts';
import { useMe } from '../auth.ts';
import { ROLES, type Role } from '../../shared/core/roles.ts';
import { ErrorAlert, FormButtons, Loading, notifySaved } from '../components/ui.tsx';
import { showsLegalRegistry } from './LegalPage.tsx';

type Rule = Answer<'/api/approval-matrix'>[number];
type RuleChange = Body<'/api/approval-matrix/{level}', 'put'>;

export function AdminPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  return (
    <Stack>
      <Title order={2}>{t('admin.title')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 5 }}>
        <Paper withBorder p="md">
          <Anchor component={Link} to="/admin/users" data-testid="admin-users">
            {t('users.title')}
          </Anchor>
        </Paper>
        <Paper withBorder p="md">
          <Anchor component={Link} to="/admin/audit" data-testid="admin-audit">
            {t('audit.title')}
          </Anchor>
        </Paper>
        <Paper withBorder p="md">
          <Anchor component={Link} to="/agencies">
            {t('agencies.title')}
          </Anchor>
        </Paper>
        {me.can['outbox.read'] && (
          <Paper withBorder p="md">
            <Anchor component={Link} to="/tasks/outbox" data-testid="admin-outbox">
              {t('admin.outbox')}
            </Anchor>
          </Paper>
        )}
        <Paper withBorder p="md">
          <Anchor component={Link} to="/admin/parameters" data-testid="admin-parameters">
            {t('parameters.link')}
          </Anchor>
        </Paper>
        {me.can['webhooks.read'] && (
          <Paper withBorder p="md">
            <Anchor component={Link} to="/admin/webhooks" data-testid="admin-webhooks">
              {t('webhooks.link')}
            </Anchor>
          </Paper>
        )}
        {showsLegalRegistry(me) && (
          <Paper withBorder p="md">
            <Anchor component={Link} to="/admin/legal" data-testid="admin-legal">
              {t('legal.link')}
            </Anchor>
          </Paper>
        )}
      </SimpleGrid>
      {me.can['mfa.policy'] && <MfaPolicy />}
      <Designations editable={me.can['designations.edit']} />
      <ApprovalMatrix editable={me.can['approvalMatrix.edit']} />
    </Stack>
  );
}

/** Which roles must sign in with a second factor. */
function MfaPolicy() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const policy = useQuery({ queryKey: ['mfa-policy'], queryFn: () => data(client.GET('/api/mfa-policy')) });
  const save = useMutation({
    mutationFn: (requiredRoles: Role[]) => data(client.PUT('/api/mfa-policy', { body: { requiredRoles } })),
    onSuccess: (r) => {
      qc.setQueryData(['mfa-policy'], r);
      notifySaved();
    },
  });
  if (policy.isPending) return <Loading />;
  if (policy.isError) return <ErrorAlert error={policy.error} />;
  const required = policy.data.requiredRoles;
  return (
    <Paper withBorder p="md" data-testid="mfa-policy">
      <Title order={5}>{t('identity.policyTitle')}</Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('identity.policyHint')}
      </Text>
      <Group>
        {ROLES.map((role) => (
          <Checkbox
            key={role}
            label={t(`roles.${role}`)}
            checked={required.includes(role)}
            disabled={save.isPending}
            onChange={(e) => save.mutate(e.currentTarget.checked ? [...required, role] : required.filter((r) => r !== role))}
            data-testid={`mfa-role-${role}`}
          />
        ))}
      </Group>
      {save.isError && <ErrorAlert error={save.error} />}
    </Paper>
  );
}

function Designations({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['designations'], queryFn: () => data(client.GET('/api/designations')) });
  const agencies = useAgencies();
  const assign = useMutation({
    mutationFn: (d: { code: string; agencyId: number | null; titleVi: string; titleEn: string }) =>
      data(
        client.PUT('/api/designations/{code}', { params: { path: { code: d.code } }, body: { agencyId: d.agencyId, titleVi: d.titleVi, titleEn: d.titleEn } }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['designations'] });
      notifySaved();
    },
  });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {t('admin.designations')}
      </Title>
      {assign.isError && <ErrorAlert error={assign.error} />}
      <Table data-testid="designations-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.function')}</Table.Th>
            <Table.Th>{t('admin.holder')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.map((d) => (
            <Table.Tr key={d.code}>
              <Table.Td>{i18n.language === 'vi' ? d.titleVi : d.titleEn}</Table.Td>
              <Table.Td>
                {editable ? (
                  <Select
                    searchable
                    clearable
                    value={d.agencyId ? String(d.agencyId) : null}
                    data={(agencies.data ?? []).map((a) => ({ value: String(a.id), label: a.name }))}
                    onChange={(v) => assign.mutate({ code: d.code, agencyId: v ? Number(v) : null, titleVi: d.titleVi, titleEn: d.titleEn })}
                  />
                ) : (
                  <Text size="sm">{d.agencyName ?? '—'}</Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function ApprovalMatrix({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation();
  const rules = useQuery({ queryKey: ['approval-matrix'], queryFn: () => data(client.GET('/api/approval-matrix')) });
  const [editing, setEditing] = useState<Rule | null>(null);
  if (rules.isPending) return <Loading />;
  if (rules.isError) return <ErrorAlert error={rules.error} />;
  const en = i18n.language === 'en';
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {t('admin.matrix')}
      </Title>
      <Table data-testid="approval-matrix">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.level')}</Table.Th>
            <Table.Th>{t('dossier.appraiser')}</Table.Th>
            <Table.Th>{t('dossier.approver')}</Table.Th>
            <Table.Th />
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.data.map((r) => (
            <Table.Tr key={r.level}>
              <Table.Td>{r.level}</Table.Td>
              <Table.Td>{en ? r.appraiserNameEn : r.appraiserNameVi}</Table.Td>
              <Table.Td>
                {en ? r.approverNameEn : r.approverNameVi}
                {r.listApproverNameVi && (
                  <Text size="xs">
                    {t('dossier.listApprover')}: {en ? r.listApproverNameEn : r.listApproverNameVi}
                  </Text>
                )}
                {r.opinionRequired && (
                  <Text size="xs" c="dimmed">
                    {t('dossier.opinionRequired')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {r.reference}
                </Text>
              </Table.Td>
              <Table.Td>
                {editable && (
                  <Button size="compact-xs" variant="default" onClick={() => setEditing(r)}>
                    {t('common.edit')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing && <RuleForm rule={editing} onClose={() => setEditing(null)} />}
    </Paper>
  );
}

function RuleForm({ rule, onClose }: { rule: Rule; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // The matrix answers the kinds as text; they are always one of those the body takes.
  const { level: _, ...initial } = rule;
  const [v, setV] = useState(initial as RuleChange);
  const save = useMutation({
    mutationFn: () => data(client.PUT('/api/approval-matrix/{level}', { params: { path: { level: rule.level } }, body: v })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['approval-matrix'] });
      notifySaved();
      onClose();
    },
  });
  const text = (
    k:
      | 'appraiserDesignation'
      | 'appraiserNameVi'
      | 'appraiserNameEn'
      | 'approverNameVi'
      | 'approverNameEn'
      | 'listApproverNameVi'
      | 'listApproverNameEn'
      | 'reference',
  ) => <TextInput label={k} value={v[k] ?? ''} onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })} />;
  return (
    <Modal opened onClose={onClose} title={`${t('common.level')} ${rule.level}`} size="lg">
      <Stack>
        <Select
          label="appraiserKind"
          value={v.appraiserKind}
          onChange={(k) => setV({ ...v, appraiserKind: (k ?? 'internal') as RuleChange['appraiserKind'] })}
          data={[...APPRAISER_KINDS]}
        />
        {text('appraiserDesignation')}
        {text('appraiserNameVi')}
        {text('appraiserNameEn')}
        <Select
          label="approverKind"
          value={v.approverKind}
          onChange={(k) => setV({ ...v, approverKind: (k ?? 'owner') as RuleChange['approverKind'] })}
          data={[...APPROVER_KINDS]}
        />
        {text('approverNameVi')}
        {text('approverNameEn')}
        <Checkbox label={t('dossier.opinionRequired')} checked={v.opinionRequired} onChange={(e) => setV({ ...v, opinionRequired: e.currentTarget.checked })} />
        {text('listApproverNameVi')}
        {text('listApproverNameEn')}
        {text('reference')}
        {save.isError && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} saving={save.isPending} onSave={() => save.mutate()} />
      </Stack>
    </Modal>
  );
}
