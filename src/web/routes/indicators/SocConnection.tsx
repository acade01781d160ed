import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, FileButton, Group, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, data, multipart } from '../../api/client.ts';
import { fmtCitations, fmtDate, fmtDateTime } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, Loading, notifyError, notifySaved } from '../../components/ui.tsx';
import { SOC_LINK_CITATIONS, socConnected } from '../../../shared/indicators/rules.ts';
import { todayVn } from '../../../shared/core/dates.ts';

const EMPTY = { connectedOn: '', scope: '', disconnectedOn: '', note: '' };

function StatusBadge({ link }: { link: { connectedOn: string; disconnectedOn: string | null } | null }) {
  const { t } = useTranslation();
  if (!link) return <Badge color="gray">{t('soc.none')}</Badge>;
  return socConnected(link, todayVn()) ? <Badge color="green">{t('soc.connected')}</Badge> : <Badge color="red">{t('soc.disconnected')}</Badge>;
}

/** An agency's link to the provincial operations centre, beside its 4-layer report: the record, its evidence, the form. */
export function SocConnectionCard({ agencyId }: { agencyId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = ['soc-connection', agencyId];
  const q = useQuery({ queryKey: key, queryFn: () => data(client.GET('/api/agencies/{id}/soc-connection', { params: { path: { id: agencyId } } })) });
  const [v, setV] = useState(EMPTY);
  const [editing, setEditing] = useState(false);
  const link = q.data?.connection ?? null;
  useEffect(() => {
    if (link) setV({ connectedOn: link.connectedOn, scope: link.scope, disconnectedOn: link.disconnectedOn ?? '', note: link.note ?? '' });
  }, [link]);
  const done = async () => {
    await qc.invalidateQueries({ queryKey: key });
    await qc.invalidateQueries({ queryKey: ['soc-connections'] });
  };
  const save = useMutation({
    mutationFn: () => data(client.PUT('/api/agencies/{id}/soc-connection', { params: { path: { id: agencyId } }, body: v })),
    onSuccess: async () => {
      await done();
      setEditing(false);
      notifySaved();
    },
  });
  const upload = useMutation({
    mutationFn: (file: File) => data(client.POST('/api/agencies/{id}/soc-connection/evidence', { params: { path: { id: agencyId } }, body: multipart(file) })),
    onSuccess: done,
    onError: notifyError,
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const may = q.data.can.record;
  return (
    <Paper withBorder p="md" data-testid="soc-connection">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={5}>{t('soc.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('soc.layerEvidence')} · {t('soc.basis', { source: fmtCitations(SOC_LINK_CITATIONS) })}
          </Text>
        </div>
        <StatusBadge link={link} />
      </Group>
      {link && !editing && (
        <Stack gap={4}>
          <Text size="sm">
            {t('soc.connectedOn')}: <b data-testid="soc-connected-on">{fmtDate(link.connectedOn)}</b>
            {link.disconnectedOn && ` · ${t('soc.disconnectedOn')}: ${fmtDate(link.disconnectedOn)}`}
          </Text>
          <Text size="sm">
            {t('soc.scope')}: {link.scope}
          </Text>
          {link.note && (
            <Text size="sm" c="dimmed">
              {link.note}
            </Text>
          )}
          <Text size="sm" fw={500} mt="xs">
            {t('soc.evidence')}
          </Text>
          {link.evidence.map((f) => (
            <div key={f.id}>
              <Anchor href={`/api/files/${f.id}`} size="sm">
                {f.name}
              </Anchor>{' '}
              <Text span size="xs" c="dimmed">
                {fmtDateTime(f.uploadedAt)}
              </Text>
            </div>
          ))}
          {may && (
            <Group mt="xs">
              <FileButton onChange={(f) => f && upload.mutate(f)} accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg">
                {(props) => (
                  <Button {...props} size="xs" variant="light" loading={upload.isPending} data-testid="soc-upload">
                    {t('common.upload')}
                  </Button>
                )}
              </FileButton>
              <Button size="xs" variant="subtle" onClick={() => setEditing(true)}>
                {t('soc.edit')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
      {!link && !editing && may && (
        <Button size="xs" variant="light" onClick={() => setEditing(true)} data-testid="soc-record">
          {t('soc.record')}
        </Button>
      )}
      {editing && (
        <Stack gap="xs">
          <Group grow>
            <TextInput
              type="date"
              label={t('soc.connectedOn')}
              value={v.connectedOn}
              error={fieldError(save.error, 'connectedOn')}
              onChange={(e) => setV({ ...v, connectedOn: e.currentTarget.value })}
              data-testid="soc-f-connectedOn"
            />
            <TextInput
              type="date"
              label={t('soc.disconnectedOn')}
              value={v.disconnectedOn}
              error={fieldError(save.error, 'disconnectedOn')}
              onChange={(e) => setV({ ...v, disconnectedOn: e.currentTarget.value })}
              data-testid="soc-f-disconnectedOn"
            />
          </Group>
          <Textarea
            label={t('soc.scope')}
            description={t('soc.scopeHelp')}
            value={v.scope}
            error={fieldError(save.error, 'scope')}
            onChange={(e) => setV({ ...v, scope: e.currentTarget.value })}
            data-testid="soc-f-scope"
          />
          <TextInput label={t('soc.note')} value={v.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} />
          {save.isError && !['connectedOn', 'disconnectedOn', 'scope'].some((f) => fieldError(save.error, f)) && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </Button>
            <Button loading={save.isPending} onClick={() => save.mutate()} data-testid="soc-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

/** The province's view: each state agency in reach and its link, with the count connected. */
export function SocConnectionsPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['soc-connections'], queryFn: () => data(client.GET('/api/soc-connections')) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  return (
    <Stack>
      <div>
        <Title order={2}>{t('soc.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('soc.basis', { source: fmtCitations(SOC_LINK_CITATIONS) })}
        </Text>
      </div>
      <Text data-testid="soc-summary">{t('soc.summary', { connected: q.data.connected, total: q.data.total })}</Text>
      <Table striped data-testid="soc-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('soc.agency')}</Table.Th>
            <Table.Th>{t('soc.status')}</Table.Th>
            <Table.Th>{t('soc.connectedOn')}</Table.Th>
            <Table.Th>{t('soc.disconnectedOn')}</Table.Th>
            <Table.Th>{t('soc.evidence')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {q.data.items.map((r) => (
            <Table.Tr key={r.agency.id}>
              <Table.Td>
                <Anchor component={Link} to={`/indicators/${r.agency.id}`}>
                  {r.agency.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <StatusBadge link={r.connectedOn ? { connectedOn: r.connectedOn, disconnectedOn: r.disconnectedOn } : null} />
              </Table.Td>
              <Table.Td>{fmtDate(r.connectedOn)}</Table.Td>
              <Table.Td>{fmtDate(r.disconnectedOn)}</Table.Td>
              <Table.Td>{t('soc.files', { count: r.evidenceCount })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
