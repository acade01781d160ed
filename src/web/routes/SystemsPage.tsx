import { useState } from 'react';
import { Anchor, Button, Checkbox, Group, Modal, Pagination, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { DOSSIER_STATES } from '../../shared/dossiers/workflow.ts';
import { DATA_KINDS, ENVIRONMENTS, SYSTEM_STATUSES, SystemListQuery, type SystemDetail } from '../../shared/systems/schemas.ts';
import { client, data, multipart, qs } from '../api/client.ts';
import { useAgencies } from '../api/agencies.ts';
import { useSystems } from '../api/systems.ts';
import { useUrlFilters } from '../url-filters.ts';
import { useMe } from '../auth.ts';
import { fmtPercent } from '../i18n/index.ts';
import { DossierBadge, ErrorAlert, fieldError, FormButtons, LevelBadge, Loading, notifySaved } from '../components/ui.tsx';
import { ImportModal } from '../components/ImportModal.tsx';

const PAGE = 50;
const FILTERS = SystemListQuery.pick({ q: true, agencyId: true, level: true, status: true, dossierState: true, unapproved: true, overdue: true });

export function SystemsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { filters, page, value, set } = useUrlFilters(FILTERS);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const list = useSystems({ ...filters, limit: PAGE, offset: (page - 1) * PAGE });
  const agencies = useAgencies();

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('systems.title')}</Title>
        <Group>
          <Button variant="default" component="a" href={`/api/systems/export${qs({ format: 'xlsx', agencyId: filters.agencyId })}`}>
            {t('systems.export')} (XLSX)
          </Button>
          <Button variant="default" component="a" href={`/api/systems/export${qs({ format: 'csv', agencyId: filters.agencyId })}`}>
            CSV
          </Button>
          {list.data?.can.import && (
            <Button variant="light" onClick={() => setImporting(true)} data-testid="system-import">
              {t('systems.import')}
            </Button>
          )}
          {list.data?.can.create && (
            <Button onClick={() => setCreating(true)} data-testid="system-add">
              {t('systems.add')}
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder p="sm">
        <Group align="flex-end">
          <TextInput
            label={t('common.search')}
            defaultValue={value('q') ?? ''}
            onKeyDown={(e) => e.key === 'Enter' && set('q', e.currentTarget.value)}
            onBlur={(e) => set('q', e.currentTarget.value)}
            data-testid="systems-search"
          />
          <Select
            label={t('common.agency')}
            searchable
            clearable
            value={value('agencyId')}
            onChange={(v) => set('agencyId', v)}
            w={280}
            data={(agencies.data ?? []).filter((a) => !a.external).map((a) => ({ value: String(a.id), label: a.name }))}
          />
          <Select
            label={t('common.level')}
            clearable
            value={value('level')}
            onChange={(v) => set('level', v)}
            w={120}
            data={['1', '2', '3', '4', '5'].map((l) => ({ value: l, label: `${t('common.level')} ${l}` }))}
          />
          <Select
            label={t('common.status')}
            clearable
            value={value('status')}
            onChange={(v) => set('status', v)}
            w={170}
            data={SYSTEM_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
          <Select
            label={t('systems.dossier')}
            clearable
            value={value('dossierState')}
            onChange={(v) => set('dossierState', v)}
            w={170}
            data={[...DOSSIER_STATES.map((s) => ({ value: s, label: t(`dossier.state.${s}`) })), { value: 'none', label: t('common.none') }]}
          />
          <Checkbox
            label={t('systems.unapprovedOnly')}
            checked={filters.unapproved === 'true'}
            onChange={(e) => set('unapproved', e.currentTarget.checked ? 'true' : null)}
            mb={8}
          />
          <Checkbox
            label={t('systems.overdueOnly')}
            checked={filters.overdue === 'true'}
            onChange={(e) => set('overdue', e.currentTarget.checked ? 'true' : null)}
            mb={8}
          />
        </Group>
      </Paper>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Paper withBorder>
          <Table striped highlightOnHover data-testid="systems-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('systems.code')}</Table.Th>
                <Table.Th>{t('common.name')}</Table.Th>
                <Table.Th>{t('systems.owner')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('common.level')}</Table.Th>
                <Table.Th>{t('systems.dossier')}</Table.Th>
                <Table.Th>{t('systems.compliance')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Text size="xs" ff="monospace">
                      {s.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/systems/${s.id}`}>
                      {s.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{s.agencyName}</Table.Td>
                  <Table.Td>{t(`status.${s.status}`)}</Table.Td>
                  <Table.Td>
                    <LevelBadge level={s.approvedLevel ?? s.proposedLevel} approved={!!s.approvedLevel} />
                  </Table.Td>
                  <Table.Td>
                    <DossierBadge state={s.dossierState} />
                  </Table.Td>
                  <Table.Td>{fmtPercent(s.compliancePercent)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between" p="sm">
            <Text size="sm" c="dimmed" data-testid="systems-total">
              {t('common.total')}: {list.data.total}
            </Text>
            <Pagination total={Math.ceil(list.data.total / PAGE)} value={page} onChange={(p) => set('page', String(p))} />
          </Group>
        </Paper>
      )}
      {creating && <SystemForm onClose={() => setCreating(false)} />}
      {importing && (
        <ImportModal
          title={t('systems.import')}
          hint={t('systems.importHint')}
          accept=".xlsx,.ods,.csv"
          testid="import-file"
          onClose={() => setImporting(false)}
          upload={(file) => data(client.POST('/api/systems/import', { body: multipart(file) }))}
          onDone={async (r) => {
            await qc.invalidateQueries({ queryKey: ['systems'] });
            const ignored = r.ignoredColumns.length ? ` ${t('systems.importIgnored', { columns: r.ignoredColumns.join(', ') })}` : '';
            const shown = r.skippedRows.slice(0, 10).map((s) => s.row);
            const skipped = r.skipped
              ? ` ${t('systems.importSkipped', { count: r.skipped, rows: shown.join(', ') + (r.skipped > shown.length ? ', …' : '') })}`
              : '';
            notifySaved(t('systems.importDone', r) + ignored + skipped);
          }}
        >
          <Anchor href="/api/systems/import-template" size="sm" data-testid="import-template">
            {t('systems.importTemplate')}
          </Anchor>
        </ImportModal>
      )}
    </Stack>
  );
}

/** Register a system (no id) or edit one. */
export function SystemForm({ system, onClose }: { system?: SystemDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const agencies = useAgencies();
  const [v, setV] = useState({
    agencyId: system?.agencyId ?? me.agencyId,
    operatorAgencyId: system?.operatorAgencyId ?? null,
    code: system?.code ?? '',
    name: system?.name ?? '',
    purpose: system?.purpose ?? '',
    status: system?.status ?? 'in_operation',
    goLiveOn: system?.goLiveOn ?? '',
    hosting: system?.hosting ?? 'agency_premises',
    cloudProvider: system?.cloudProvider ?? '',
    servesInternal: system?.servesInternal ?? true,
    servesOtherAgencies: system?.servesOtherAgencies ?? false,
    servesPublic: system?.servesPublic ?? false,
    internalUsers: system?.internalUsers ?? '',
    publicUsers: system?.publicUsers ?? '',
    dataKinds: system?.dataKinds ?? ['internal'],
    onlinePublicService: system?.onlinePublicService ?? 'none',
    environment: system?.environment ?? 'production',
  });
  const save = useMutation({
    mutationFn: () => {
      // The user counts are typed text: the server reads digits ('' as none) and names the field when it cannot.
      const body = { ...v, internalUsers: v.internalUsers as number | null, publicUsers: v.publicUsers as number | null };
      return data(system ? client.PATCH('/api/systems/{id}', { params: { path: { id: system.id } }, body }) : client.POST('/api/systems', { body }));
    },
    onSuccess: async (s) => {
      await qc.invalidateQueries({ queryKey: ['systems'] });
      await qc.invalidateQueries({ queryKey: ['system', s.id] });
      // The environment and data kinds decide which requirements apply.
      await qc.invalidateQueries({ queryKey: ['requirements', s.id] });
      notifySaved();
      onClose();
      if (!system) await navigate(`/systems/${s.id}`);
    },
  });
  const err = (f: string) => fieldError(save.error, f);
  const agencyOptions = (agencies.data ?? []).filter((a) => a.can.registerSystems && !a.external).map((a) => ({ value: String(a.id), label: a.name }));
  const operatorOptions = (agencies.data ?? []).map((a) => ({ value: String(a.id), label: a.name }));
  return (
    <Modal opened onClose={onClose} title={system ? system.name : t('systems.add')} size="xl">
      <Stack>
        <Group grow>
          <TextInput
            label={t('systems.code')}
            value={v.code}
            error={err('code')}
            onChange={(e) => setV({ ...v, code: e.currentTarget.value })}
            data-testid="system-code"
          />
          <Select
            label={t('common.status')}
            value={v.status}
            onChange={(s) => setV({ ...v, status: (s ?? 'in_operation') as typeof v.status })}
            data={SYSTEM_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
        </Group>
        <TextInput
          label={t('common.name')}
          value={v.name}
          error={err('name')}
          onChange={(e) => setV({ ...v, name: e.currentTarget.value })}
          data-testid="system-name"
        />
        <TextInput label={t('systems.purpose')} value={v.purpose} error={err('purpose')} onChange={(e) => setV({ ...v, purpose: e.currentTarget.value })} />
        <Group grow>
          <Select
            label={t('systems.owner')}
            searchable
            value={String(v.agencyId)}
            error={err('agencyId')}
            onChange={(a) => a && setV({ ...v, agencyId: Number(a) })}
            data={agencyOptions}
          />
          <Select
            label={t('systems.operator')}
            searchable
            clearable
            value={v.operatorAgencyId ? String(v.operatorAgencyId) : null}
            onChange={(a) => setV({ ...v, operatorAgencyId: a ? Number(a) : null })}
            data={operatorOptions}
          />
        </Group>
        <Group grow>
          <TextInput
            type="date"
            label={t('systems.goLive')}
            value={v.goLiveOn}
            error={err('goLiveOn')}
            onChange={(e) => setV({ ...v, goLiveOn: e.currentTarget.value })}
          />
          <Select
            label={t('systems.hosting')}
            value={v.hosting}
            onChange={(h) => setV({ ...v, hosting: (h ?? 'agency_premises') as typeof v.hosting })}
            data={(['provincial_dc', 'agency_premises', 'cloud'] as const).map((h) => ({ value: h, label: t(`hosting.${h}`) }))}
          />
          {v.hosting === 'cloud' && (
            <TextInput label={t('systems.cloudProvider')} value={v.cloudProvider} onChange={(e) => setV({ ...v, cloudProvider: e.currentTarget.value })} />
          )}
        </Group>
        <Text size="sm" fw={500}>
          {t('systems.served')}
        </Text>
        <Group>
          <Checkbox label={t('systems.servesInternal')} checked={v.servesInternal} onChange={(e) => setV({ ...v, servesInternal: e.currentTarget.checked })} />
          <Checkbox
            label={t('systems.servesOtherAgencies')}
            checked={v.servesOtherAgencies}
            onChange={(e) => setV({ ...v, servesOtherAgencies: e.currentTarget.checked })}
          />
          <Checkbox label={t('systems.servesPublic')} checked={v.servesPublic} onChange={(e) => setV({ ...v, servesPublic: e.currentTarget.checked })} />
        </Group>
        <Group grow>
          <TextInput
            type="number"
            label={t('systems.internalUsers')}
            value={String(v.internalUsers ?? '')}
            error={err('internalUsers')}
            onChange={(e) => setV({ ...v, internalUsers: e.currentTarget.value })}
          />
          <TextInput
            type="number"
            label={t('systems.publicUsers')}
            value={String(v.publicUsers ?? '')}
            error={err('publicUsers')}
            onChange={(e) => setV({ ...v, publicUsers: e.currentTarget.value })}
          />
          <Select
            label={t('systems.onlineService')}
            value={v.onlinePublicService}
            onChange={(o) => setV({ ...v, onlinePublicService: (o ?? 'none') as typeof v.onlinePublicService })}
            data={(['none', 'information', 'partial', 'full'] as const).map((o) => ({ value: o, label: t(`online.${o}`) }))}
          />
        </Group>
        <Checkbox.Group label={t('systems.dataKinds')} value={v.dataKinds as string[]} onChange={(d) => setV({ ...v, dataKinds: d as typeof v.dataKinds })}>
          <Group mt={4}>
            {DATA_KINDS.map((k) => (
              <Checkbox key={k} value={k} label={t(`dataKind.${k}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Select
          label={t('systems.environment')}
          description={t('systems.environmentHint')}
          value={v.environment}
          onChange={(o) => setV({ ...v, environment: (o ?? 'production') as typeof v.environment })}
          data={ENVIRONMENTS.map((o) => ({ value: o, label: t(`environment.${o}`) }))}
          data-testid="system-environment"
        />
        {save.isError && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} saving={save.isPending} onSave={() => save.mutate()} testid="system-save" />
      </Stack>
    </Modal>
  );
}
