import { useState } from 'react';
import { Alert, Anchor, Button, Group, Pagination, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { client, data, type Answer } from '../../api/client.ts';
import { fmtDate, fmtDateTime, fmtPercent } from '../../i18n/index.ts';
import { ErrorAlert, Loading, notifyError, notifySaved } from '../../components/ui.tsx';
import { Field } from '../../components/Field.tsx';
import { parseCpe } from '../../../shared/warnings/matching.ts';
import { WarningForm } from './WarningForm.tsx';
import { ItemsTable } from './ItemsPage.tsx';
import { DueDate, KnownExploitedBadge, SeverityBadge } from './ui.tsx';

/** A warning: what it says, which systems it hits, and how far each agency has got. */
export function WarningPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const warning = useQuery({
    queryKey: ['warning', id],
    queryFn: () => data(client.GET('/api/warnings/{id}', { params: { path: { id } } })),
    enabled: Number.isInteger(id),
  });
  const rematch = useMutation({
    mutationFn: () => data(client.POST('/api/warnings/{id}/rematch', { params: { path: { id } } })),
    onSuccess: async (r) => {
      qc.setQueryData(['warning', id], r.warning);
      await qc.invalidateQueries({ queryKey: ['warnings'] });
      notifySaved(t('warnings.detail.rematched', { count: r.created }));
    },
    onError: notifyError,
  });
  if (warning.isPending) return <Loading />;
  if (warning.isError) return <ErrorAlert error={warning.error} />;
  const w = warning.data;
  return (
    <Stack>
      <div>
        <Anchor component={Link} to="/warnings" size="sm">
          ← {t('warnings.detail.back')}
        </Anchor>
        <Group gap="sm" mt={4}>
          <SeverityBadge severity={w.severity} />
          {w.knownExploited.length > 0 && <KnownExploitedBadge />}
          <Title order={3} data-testid="warning-title">
            {w.title}
          </Title>
        </Group>
        <Text c="dimmed" size="sm">
          {w.source} · {w.number} · {fmtDate(w.issuedOn)}
        </Text>
        {w.provenance && (
          <Text c="dimmed" size="xs" data-testid="warning-provenance">
            {t('warnings.feed.provenance')}: {t(`warnings.feed.formats.${w.provenance.feed}`)} · {w.provenance.feedId} ·{' '}
            {t('warnings.feed.fetchedAt', { at: fmtDateTime(w.provenance.fetchedAt) })}
          </Text>
        )}
      </div>
      {w.can.edit && (
        <Group>
          <Button variant="default" onClick={() => setEditing(true)} data-testid="warning-edit">
            {t('warnings.detail.edit')}
          </Button>
          <Button variant="light" loading={rematch.isPending} onClick={() => rematch.mutate()} data-testid="warning-rematch">
            {t('warnings.detail.rematch')}
          </Button>
        </Group>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Field label={t('warnings.field.cveIds')} value={w.cveIds.join(', ')} />
          <Field label={t('warnings.field.dueOn')} value={<DueDate date={w.dueOn} owed={w.progress.open > 0} />} />
          <Field label={t('warnings.detail.matchedAt')} value={fmtDateTime(w.matchedAt)} />
          <Field label={t('warnings.list.progress')} value={`${w.progress.answered}/${w.progress.total} · ${fmtPercent(w.progress.answeredPercent)}`} />
        </SimpleGrid>
        {w.description && (
          <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {w.description}
          </Text>
        )}
        {w.exploited.length > 0 && (
          <Alert color="red" mt="sm" title={t('warnings.kev.title')} data-testid="warning-exploited">
            {w.exploited.map((e) => (
              <Text key={e.cveId} size="sm">
                {e.cveId}: {t('warnings.kev.added', { date: fmtDate(e.dateAdded) })}
                {e.knownRansomware ? `, ${t('warnings.kev.ransomware')}` : ''}
                {e.dueDate && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    — {t('warnings.kev.due', { date: fmtDate(e.dueDate) })}
                  </Text>
                )}
              </Text>
            ))}
          </Alert>
        )}
        {w.recommendedAction && (
          <Alert color="blue" mt="sm" title={t('warnings.field.recommendedAction')}>
            {w.recommendedAction}
          </Alert>
        )}
        <Text size="sm" fw={500} mt="sm">
          {t('warnings.field.products')} ({w.products.length})
        </Text>
        <ProductsTable products={w.products} />
      </Paper>
      <Paper withBorder p="md">
        <Title order={5} mb="xs">
          {t('warnings.detail.byAgency')}
        </Title>
        <Table data-testid="warning-progress">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.agency')}</Table.Th>
              <Table.Th>{t('warnings.detail.total')}</Table.Th>
              <Table.Th>{t('warnings.detail.answered')}</Table.Th>
              <Table.Th>{t('warnings.detail.open')}</Table.Th>
              <Table.Th>{t('warnings.detail.overdue')}</Table.Th>
              <Table.Th w={200} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {w.byAgency.map((a) => (
              <Table.Tr key={a.agencyId} data-testid={`progress-${a.agencyId}`}>
                <Table.Td>{a.agencyName}</Table.Td>
                <Table.Td>{a.total}</Table.Td>
                <Table.Td data-testid="progress-answered">{a.answered}</Table.Td>
                <Table.Td>{a.open}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={a.overdue ? 'red' : undefined} fw={a.overdue ? 600 : undefined}>
                    {a.overdue}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Progress value={a.answeredPercent ?? 0} color={a.overdue ? 'orange' : 'green'} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md">
        <Title order={5} mb="xs">
          {t('warnings.detail.items')} ({w.items.length})
        </Title>
        {w.items.length ? (
          <ItemsTable items={w.items} testid="warning-items" showWarning={false} />
        ) : (
          <Text c="dimmed" size="sm">
            {t('warnings.detail.noItems')}
          </Text>
        )}
      </Paper>
      {editing && <WarningForm warning={w} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

const PRODUCTS_PAGE = 20;

/** The versions a product covers: its range, else its CPE's version and update ("22.6 r2"), else every version. */
function versionsOf(p: Answer<'/api/warnings/{id}'>['products'][number]) {
  if (p.versionRange) return p.versionRange;
  const cpe = parseCpe(p.cpe);
  const given = (v: string | undefined) => (v && v !== '*' && v !== '-' ? v : null);
  return [given(cpe?.version), given(cpe?.update)].filter(Boolean).join(' ') || '*';
}

/** A warning's products a page at a time: an NVD record may name hundreds of CPEs. */
function ProductsTable({ products }: { products: Answer<'/api/warnings/{id}'>['products'] }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const shown = products.slice((page - 1) * PRODUCTS_PAGE, page * PRODUCTS_PAGE);
  return (
    <>
      <Table data-testid="warning-products">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('warnings.field.vendor')}</Table.Th>
            <Table.Th>{t('warnings.field.product')}</Table.Th>
            <Table.Th>{t('warnings.field.versionRange')}</Table.Th>
            <Table.Th>{t('warnings.field.cpe')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.vendor ?? '—'}</Table.Td>
              <Table.Td>{p.product}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {versionsOf(p)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {p.cpe ?? '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {products.length > PRODUCTS_PAGE && (
        <Pagination mt="xs" size="sm" total={Math.ceil(products.length / PRODUCTS_PAGE)} value={page} onChange={setPage} data-testid="warning-products-pages" />
      )}
    </>
  );
}
