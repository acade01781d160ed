import { useState } from 'react';
import { Anchor, Checkbox, Group, NativeSelect, Pagination, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useRemediationItems } from '../../api/warnings.ts';
import { useUrlFilters } from '../../url-filters.ts';
import { ErrorAlert, Loading } from '../../components/ui.tsx';
import { ITEM_STATUSES } from '../../../shared/warnings/remediation.ts';
import { ItemListQuery, type ItemSummary } from '../../../shared/warnings/schemas.ts';
import { ItemModal } from './ItemModal.tsx';
import { DueDate, ItemStatusBadge, KnownExploitedBadge, SeverityBadge } from './ui.tsx';

const PAGE = 50;
const FILTERS = ItemListQuery.pick({ status: true, overdue: true });

/** Remediation items in the caller's scope: an agency's to-do list, the province's follow-up. */
export function ItemsPage() {
  const { t } = useTranslation();
  const { filters, page, value, set } = useUrlFilters(FILTERS);
  const list = useRemediationItems({ ...filters, limit: PAGE, offset: (page - 1) * PAGE });
  return (
    <Stack>
      <Group align="flex-end">
        <NativeSelect
          label={t('common.status')}
          value={value('status') ?? ''}
          onChange={(e) => set('status', e.currentTarget.value)}
          w={220}
          data={[{ value: '', label: t('common.all') }, ...ITEM_STATUSES.map((s) => ({ value: s, label: t(`warnings.status.${s}`) }))]}
        />
        <Checkbox
          label={t('warnings.items.overdueOnly')}
          checked={filters.overdue === 'true'}
          onChange={(e) => set('overdue', e.currentTarget.checked ? 'true' : null)}
          mb={8}
        />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Paper withBorder>
          {list.data.items.length ? (
            <ItemsTable items={list.data.items} testid="items-table" />
          ) : (
            <Text p="md" c="dimmed">
              {t('warnings.items.empty')}
            </Text>
          )}
          <Group justify="space-between" p="sm">
            <Text size="sm" c="dimmed">
              {t('common.total')}: {list.data.total}
            </Text>
            <Pagination total={Math.ceil(list.data.total / PAGE)} value={page} onChange={(p) => set('page', String(p))} />
          </Group>
        </Paper>
      )}
    </Stack>
  );
}

/** Items with their warning, system, owner, deadline and status; a row opens the item. */
export function ItemsTable({ items, testid, showWarning = true }: { items: ItemSummary[]; testid: string; showWarning?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <>
      <Table striped highlightOnHover data-testid={testid}>
        <Table.Thead>
          <Table.Tr>
            {showWarning && <Table.Th>{t('warnings.tabs.warnings')}</Table.Th>}
            <Table.Th>{t('warnings.facts.system')}</Table.Th>
            <Table.Th>{t('common.agency')}</Table.Th>
            <Table.Th>{t('warnings.detail.matched')}</Table.Th>
            <Table.Th>{t('warnings.field.dueOn')}</Table.Th>
            <Table.Th>{t('common.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.id} style={{ cursor: 'pointer' }} onClick={() => setOpen(i.id)} data-testid={`item-row-${i.systemCode}`}>
              {showWarning && (
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <SeverityBadge severity={i.severity} />
                    {i.knownExploited && <KnownExploitedBadge />}
                    <Anchor component={Link} to={`/warnings/${i.warningId}`} size="sm" onClick={(e) => e.stopPropagation()}>
                      {i.warningNumber}
                    </Anchor>
                  </Group>
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm">{i.systemName}</Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {i.systemCode}
                </Text>
              </Table.Td>
              <Table.Td>{i.agencyName}</Table.Td>
              <Table.Td>
                <Text size="xs">{i.matchedSoftware.map((s) => [s.product, s.version].filter(Boolean).join(' ')).join(', ')}</Text>
              </Table.Td>
              <Table.Td>
                <DueDate date={i.dueOn} owed={i.status === 'open'} />
              </Table.Td>
              <Table.Td>
                <ItemStatusBadge status={i.status} overdue={i.overdue} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open !== null && <ItemModal id={open} onClose={() => setOpen(null)} />}
    </>
  );
}
