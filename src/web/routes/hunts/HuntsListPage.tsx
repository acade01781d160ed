import { useState } from 'react';
import { Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { HUNT_RESULTS, HUNT_STATUSES, type HuntResult, type HuntStatus } from '../../../shared/hunts/rules.ts';
import { client, data } from '../../api/client.ts';
import { fmtDate } from '../../i18n/index.ts';
import { ErrorAlert, Loading } from '../../components/ui.tsx';
import { HuntResultBadge, HuntStatusBadge } from './badges.tsx';

/** The hunts of the agencies in reach, latest period first. */
export function HuntsListPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<HuntStatus | null>(null);
  const [result, setResult] = useState<HuntResult | null>(null);
  const list = useQuery({
    queryKey: ['hunts', status, result],
    queryFn: () => data(client.GET('/api/hunts', { params: { query: { ...(status && { status }), ...(result && { result }) } } })),
  });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const d = list.data;
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{t('hunts.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('hunts.basis', { source: d.citations.map((c) => c[lang]).join('; ') })}
          </Text>
        </div>
        {d.can.create && (
          <Button component={Link} to="/hunts/new" data-testid="hunt-add">
            {t('hunts.add')}
          </Button>
        )}
      </Group>
      <Group>
        <Select
          placeholder={t('hunts.status')}
          clearable
          value={status}
          onChange={(v) => setStatus(v as HuntStatus | null)}
          data={HUNT_STATUSES.map((s) => ({ value: s, label: t(`hunts.statuses.${s}`) }))}
          data-testid="hunts-filter-status"
        />
        <Select
          placeholder={t('hunts.result')}
          clearable
          value={result}
          onChange={(v) => setResult(v as HuntResult | null)}
          data={HUNT_RESULTS.map((r) => ({ value: r, label: t(`hunts.results.${r}`) }))}
          data-testid="hunts-filter-result"
        />
      </Group>
      <Table striped data-testid="hunt-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('hunts.name')}</Table.Th>
            <Table.Th>{t('hunts.agency')}</Table.Th>
            <Table.Th>{t('hunts.period')}</Table.Th>
            <Table.Th>{t('hunts.status')}</Table.Th>
            <Table.Th>{t('hunts.result')}</Table.Th>
            <Table.Th>{t('hunts.incident')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.items.map((h) => (
            <Table.Tr key={h.id} data-testid={`hunt-row-${h.id}`}>
              <Table.Td>
                <Anchor component={Link} to={`/hunts/${h.id}`}>
                  {h.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {h.wholeAgency ? t('hunts.wholeAgency') : h.systems.map((s) => s.name).join(', ')}
                </Text>
              </Table.Td>
              <Table.Td>{h.agencyName}</Table.Td>
              <Table.Td>
                {fmtDate(h.periodFrom)} – {fmtDate(h.periodTo)}
              </Table.Td>
              <Table.Td>
                <HuntStatusBadge status={h.status} />
              </Table.Td>
              <Table.Td>
                <HuntResultBadge result={h.result} />
              </Table.Td>
              <Table.Td>
                {h.incident && (
                  <Anchor component={Link} to={`/incidents/${h.incident.id}`}>
                    {h.incident.code}
                  </Anchor>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!d.items.length && <Text c="dimmed">{t('hunts.empty')}</Text>}
    </Stack>
  );
}
