import { useState } from 'react';
import { Alert, Badge, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { quarterLabel } from '../../../shared/hunts/rules.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { client, data } from '../../api/client.ts';
import { fmtDate } from '../../i18n/index.ts';
import { ErrorAlert, Loading } from '../../components/ui.tsx';

type Counts = { total: number; completed: number; threatFound: number; incidents: number };

/** Hunts per agency per quarter ("Quý IV/2026") for the agencies in reach, and the security unit's shared-systems schedule. */
export function HuntQuartersPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const thisYear = Number(todayVn().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const q = useQuery({
    queryKey: ['hunt-quarters', year],
    queryFn: () => data(client.GET('/api/hunts/by-quarter', { params: { query: { year } } })),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const d = q.data;
  const cell = (c: Counts, testid: string) => (
    <Table.Td key={testid} data-testid={testid}>
      {c.total ? (
        <>
          <Text size="sm" fw={500}>
            {t('hunts.quarters.cell', { total: c.total })}
          </Text>
          <Text size="xs" c={c.threatFound ? 'red' : 'dimmed'}>
            {t('hunts.quarters.cellDetail', { completed: c.completed, threats: c.threatFound, incidents: c.incidents })}
          </Text>
        </>
      ) : (
        <Text c="dimmed">0</Text>
      )}
    </Table.Td>
  );
  const s = d.sharedSystems;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('hunts.quarters.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('hunts.quarters.note')}
          </Text>
        </div>
        <Select
          label={t('hunts.quarters.year')}
          w={120}
          value={String(year)}
          onChange={(y) => y && setYear(Number(y))}
          data={[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => String(y))}
          data-testid="hunt-quarters-year"
        />
      </Group>
      {s && (
        <Alert color={s.overdue ? 'red' : 'blue'} title={t('hunts.quarters.shared')} data-testid="hunt-shared">
          <Group gap="xs">
            <Badge color={s.overdue ? 'red' : 'green'}>{t(s.overdue ? 'hunts.quarters.overdue' : 'hunts.quarters.onTime')}</Badge>
            <Text size="sm">
              {t('hunts.quarters.sharedText', {
                unit: s.unit.name,
                months: s.intervalMonths,
                source: s.citation[lang],
                last: s.lastCompletedOn ? fmtDate(s.lastCompletedOn) : t('hunts.quarters.never'),
                due: s.dueOn ? fmtDate(s.dueOn) : '—',
              })}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            {t('hunts.quarters.sharedNote')}
          </Text>
        </Alert>
      )}
      <Table striped withTableBorder data-testid="hunt-quarters">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('hunts.agency')}</Table.Th>
            {d.quarters.map((quarter) => (
              <Table.Th key={quarter}>{quarterLabel(quarter, lang)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr fw={600}>
            <Table.Td>{t('hunts.quarters.total')}</Table.Td>
            {d.totals.map((c, i) => cell(c, `hunt-total-${i + 1}`))}
          </Table.Tr>
          {d.rows.map((r) => (
            <Table.Tr key={r.agencyId} data-testid={`hunt-q-${r.agencyId}`}>
              <Table.Td>{r.agencyName}</Table.Td>
              {r.byQuarter.map((c, i) => cell(c, `hunt-q-${r.agencyId}-${i + 1}`))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {d.citations.map((c) => c[lang]).join('; ')}
      </Text>
    </Stack>
  );
}
