import { useState } from 'react';
import { ActionIcon, Anchor, Badge, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { SystemDetail } from '../../shared/systems/schemas.ts';
import { vietnameseOf, vietnameseVendor } from '../../shared/systems/domestic.ts';
import { client, data } from '../api/client.ts';
import { fmtDate, fmtNumber, fmtPercent } from '../i18n/index.ts';
import { DossierBadge, ErrorAlert, LevelBadge, Loading, notifyError, notifySaved } from '../components/ui.tsx';
import { Field } from '../components/Field.tsx';
import { fmtDateTime } from '../i18n/index.ts';
import { SystemForm } from './SystemsPage.tsx';
import { ClassificationWizard } from '../components/ClassificationWizard.tsx';
import { RequirementsTab } from '../components/RequirementsTab.tsx';
import { SystemSecuritySummary } from './warnings/SystemSecuritySummary.tsx';
import { SystemReadinessSummary } from './incidents/SystemReadinessSummary.tsx';

export function SystemPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const system = useQuery({ queryKey: ['system', id], queryFn: () => data(client.GET('/api/systems/{id}', { params: { path: { id } } })) });
  if (system.isPending) return <Loading />;
  if (system.isError) return <ErrorAlert error={system.error} />;
  const s = system.data;
  const tab = params.get('tab') ?? 'info';
  return (
    <Stack>
      <div>
        <Anchor component={Link} to="/systems" size="sm">
          ← {t('systems.title')}
        </Anchor>
        <Group gap="sm" mt={4}>
          <Title order={2}>{s.name}</Title>
          <LevelBadge level={s.approvedLevel ?? s.proposedLevel} approved={!!s.approvedLevel} />
          {s.dossierState && <DossierBadge state={s.dossierState} />}
        </Group>
        <Text c="dimmed" size="sm">
          {s.code} ·{' '}
          <Anchor component={Link} to={`/agencies/${s.agencyId}`} size="sm">
            {s.agencyName}
          </Anchor>
        </Text>
        <SystemSecuritySummary systemId={s.id} />
        <SystemReadinessSummary systemId={s.id} agencyId={s.agencyId} />
      </div>
      <Tabs value={tab} onChange={(v) => setParams({ tab: v ?? 'info' }, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {(['info', 'software', 'links', 'classification', 'dossiers', 'requirements', 'history'] as const).map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`tab-${k}`}>
              {t(`systems.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="info" pt="md">
          <InfoTab s={s} />
        </Tabs.Panel>
        <Tabs.Panel value="software" pt="md">
          <SoftwareTab s={s} />
        </Tabs.Panel>
        <Tabs.Panel value="links" pt="md">
          <LinksTab s={s} />
        </Tabs.Panel>
        <Tabs.Panel value="classification" pt="md">
          <ClassificationWizard system={s} />
        </Tabs.Panel>
        <Tabs.Panel value="dossiers" pt="md">
          <DossiersTab s={s} />
        </Tabs.Panel>
        <Tabs.Panel value="requirements" pt="md">
          <RequirementsTab system={s} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryTab id={s.id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function InfoTab({ s }: { s: SystemDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const served = [
    s.servesInternal && t('systems.servesInternal'),
    s.servesOtherAgencies && t('systems.servesOtherAgencies'),
    s.servesPublic && t('systems.servesPublic'),
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Paper withBorder p="md">
      <Group justify="flex-end">
        {s.can.edit && (
          <Button variant="default" onClick={() => setEditing(true)} data-testid="system-edit">
            {t('common.edit')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        <Field label={t('systems.purpose')} value={s.purpose} />
        <Field label={t('systems.owner')} value={s.agencyName} />
        <Field label={t('systems.operator')} value={s.operatorAgencyName} />
        <Field label={t('common.status')} value={t(`status.${s.status}`)} />
        <Field label={t('systems.goLive')} value={fmtDate(s.goLiveOn)} />
        <Field label={t('systems.hosting')} value={t(`hosting.${s.hosting}`) + (s.cloudProvider ? ` (${s.cloudProvider})` : '')} />
        <Field label={t('systems.served')} value={served} />
        <Field label={t('systems.internalUsers')} value={fmtNumber(s.internalUsers)} />
        <Field label={t('systems.publicUsers')} value={fmtNumber(s.publicUsers)} />
        <Field label={t('systems.dataKinds')} value={s.dataKinds.map((k) => t(`dataKind.${k}`)).join(', ')} />
        <Field label={t('systems.onlineService')} value={t(`online.${s.onlinePublicService}`)} />
        <Field label={t('systems.environment')} value={t(`environment.${s.environment}`)} />
        <Field label={t('systems.proposed')} value={s.proposedLevel} />
        <Field label={t('systems.approved')} value={s.approvedLevel} />
        <Field label={t('systems.approvalDecision')} value={s.approvalDecision && `${s.approvalDecision} (${fmtDate(s.approvedOn)})`} />
        <Field label={t('systems.compliance')} value={`${s.met}/${s.applicable} · ${fmtPercent(s.compliancePercent)}`} />
        <Field label={t('systems.planDeployed')} value={s.planDeployed ? t('common.yes') : t('common.no')} />
      </SimpleGrid>
      {editing && <SystemForm system={s} onClose={() => setEditing(false)} />}
    </Paper>
  );
}

function useReplace(s: SystemDetail) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (replace: () => Promise<SystemDetail>) => replace(),
    onSuccess: (d) => {
      qc.setQueryData(['system', s.id], d);
      notifySaved();
    },
    onError: notifyError,
  });
}

function SoftwareTab({ s }: { s: SystemDetail }) {
  const { t } = useTranslation();
  // `vietnamese` null: not said, the vendor table decides (Thanh Hóa letter 1.d).
  const [rows, setRows] = useState<{ vendor: string; product: string; version: string; cpe: string; vietnamese: boolean | null; vietnameseBasis: string }[]>(
    s.software.map(({ vendor, product, version, cpe, vietnamese, vietnameseBasis }) => ({
      vendor: vendor ?? '',
      product,
      version: version ?? '',
      cpe: cpe ?? '',
      vietnamese,
      vietnameseBasis: vietnameseBasis ?? '',
    })),
  );
  const save = useReplace(s);
  const edit = (i: number, change: Partial<(typeof rows)[number]>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const cell = (i: number, k: 'vendor' | 'product' | 'version' | 'cpe' | 'vietnameseBasis') => (
    <TextInput
      size="xs"
      value={rows[i]![k]}
      readOnly={!s.can.edit}
      placeholder={
        k === 'vietnameseBasis' && vietnameseVendor(rows[i]!.vendor)
          ? t('systems.software.vendorTable', { vendor: vietnameseVendor(rows[i]!.vendor) })
          : undefined
      }
      onChange={(e) => edit(i, { [k]: e.currentTarget.value })}
      data-testid={`software-${k}-${i}`}
    />
  );
  return (
    <Paper withBorder p="md">
      <Table data-testid="software-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('systems.software.vendor')}</Table.Th>
            <Table.Th>{t('systems.software.product')}</Table.Th>
            <Table.Th>{t('systems.software.version')}</Table.Th>
            <Table.Th>{t('systems.software.cpe')}</Table.Th>
            <Table.Th>{t('systems.software.vietnamese')}</Table.Th>
            <Table.Th>{t('systems.software.vietnameseBasis')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: controlled inputs: each value follows its row index, rows are only appended or removed
            <Table.Tr key={i}>
              <Table.Td>{cell(i, 'vendor')}</Table.Td>
              <Table.Td>{cell(i, 'product')}</Table.Td>
              <Table.Td>{cell(i, 'version')}</Table.Td>
              <Table.Td>{cell(i, 'cpe')}</Table.Td>
              <Table.Td>
                <Checkbox
                  checked={vietnameseOf(rows[i]!).vietnamese}
                  disabled={!s.can.edit}
                  onChange={(e) => edit(i, { vietnamese: e.currentTarget.checked })}
                  aria-label={t('systems.software.vietnamese')}
                  data-testid={`software-vietnamese-${i}`}
                />
              </Table.Td>
              <Table.Td>{cell(i, 'vietnameseBasis')}</Table.Td>
              <Table.Td>
                {s.can.edit && (
                  <ActionIcon variant="subtle" color="red" onClick={() => setRows(rows.filter((__, j) => j !== i))}>
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {s.can.edit && (
        <Group justify="space-between" mt="sm">
          <Button
            variant="light"
            size="xs"
            data-testid="software-add"
            onClick={() => setRows([...rows, { vendor: '', product: '', version: '', cpe: '', vietnamese: null, vietnameseBasis: '' }])}
          >
            {t('systems.software.add')}
          </Button>
          <Button
            size="xs"
            loading={save.isPending}
            data-testid="software-save"
            onClick={() => save.mutate(() => data(client.PUT('/api/systems/{id}/software', { params: { path: { id: s.id } }, body: rows })))}
          >
            {t('common.save')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}

function LinksTab({ s }: { s: SystemDetail }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState(
    s.links.map((l) => ({ targetSystemId: l.targetSystemId, targetName: l.targetName ?? l.targetSystemName ?? '', description: l.description ?? '' })),
  );
  const save = useReplace(s);
  return (
    <Paper withBorder p="md">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('systems.links.target')}</Table.Th>
            <Table.Th>{t('systems.links.description')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: controlled inputs: each value follows its row index, rows are only appended or removed
            <Table.Tr key={i}>
              <Table.Td>
                {r.targetSystemId ? (
                  <Anchor component={Link} to={`/systems/${r.targetSystemId}`}>
                    {r.targetName}
                  </Anchor>
                ) : (
                  <TextInput
                    size="xs"
                    value={r.targetName}
                    readOnly={!s.can.edit}
                    onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, targetName: e.currentTarget.value } : x)))}
                  />
                )}
              </Table.Td>
              <Table.Td>
                <TextInput
                  size="xs"
                  value={r.description}
                  readOnly={!s.can.edit}
                  onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, description: e.currentTarget.value } : x)))}
                />
              </Table.Td>
              <Table.Td>
                {s.can.edit && (
                  <ActionIcon variant="subtle" color="red" onClick={() => setRows(rows.filter((__, j) => j !== i))}>
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {s.can.edit && (
        <Group justify="space-between" mt="sm">
          <Button variant="light" size="xs" onClick={() => setRows([...rows, { targetSystemId: null, targetName: '', description: '' }])}>
            {t('systems.links.add')}
          </Button>
          <Button
            size="xs"
            loading={save.isPending}
            onClick={() =>
              save.mutate(() =>
                data(
                  client.PUT('/api/systems/{id}/links', {
                    params: { path: { id: s.id } },
                    body: rows.map((r) => (r.targetSystemId ? { targetSystemId: r.targetSystemId, description: r.description } : r)),
                  }),
                ),
              )
            }
          >
            {t('common.save')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}

function DossiersTab({ s }: { s: SystemDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: ['system-dossiers', s.id],
    queryFn: () => data(client.GET('/api/systems/{id}/dossiers', { params: { path: { id: s.id } } })),
  });
  const open = useMutation({
    mutationFn: () => data(client.POST('/api/systems/{id}/dossiers', { params: { path: { id: s.id } } })),
    onSuccess: (d) => navigate(`/dossiers/${d.id}`),
    onError: notifyError,
  });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const active = list.data.some((d) => d.state !== 'approved');
  return (
    <Paper withBorder p="md">
      {!s.proposedLevel && (
        <Text c="dimmed" mb="sm">
          {t('dossier.needClassification')}
        </Text>
      )}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('common.status')}</Table.Th>
            <Table.Th>{t('systems.proposed')}</Table.Th>
            <Table.Th>{t('dossier.decisionNumber')}</Table.Th>
            <Table.Th>{t('dossier.decisionDate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Anchor component={Link} to={`/dossiers/${d.id}`}>
                  #{d.id}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <DossierBadge state={d.state} />
              </Table.Td>
              <Table.Td>
                <LevelBadge level={d.proposedLevel} />
              </Table.Td>
              <Table.Td>{d.decisionNumber ?? '—'}</Table.Td>
              <Table.Td>{fmtDate(d.decisionDate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {s.can.edit && s.proposedLevel && !active && (
        <Group justify="flex-end" mt="sm">
          <Button onClick={() => open.mutate()} loading={open.isPending} data-testid="dossier-open">
            {t('dossier.open')}
          </Button>
        </Group>
      )}
      {active && (
        <Badge mt="sm" variant="light">
          {t('dossier.title')}: {t(`dossier.state.${list.data.find((d) => d.state !== 'approved')!.state}`)}
        </Badge>
      )}
    </Paper>
  );
}

function HistoryTab({ id }: { id: number }) {
  const { t } = useTranslation();
  const history = useQuery({ queryKey: ['system-history', id], queryFn: () => data(client.GET('/api/systems/{id}/history', { params: { path: { id } } })) });
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorAlert error={history.error} />;
  return (
    <Paper withBorder p="md">
      <Table data-testid="system-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.entity')}</Table.Th>
            <Table.Th>{t('audit.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.data.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{fmtDateTime(e.at)}</Table.Td>
              <Table.Td>{e.actorName ?? '—'}</Table.Td>
              <Table.Td>{e.action}</Table.Td>
              <Table.Td>
                {e.entity} #{e.entityId}
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace" lineClamp={2}>
                  {JSON.stringify(e.after)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
