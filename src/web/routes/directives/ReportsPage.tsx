import { useState } from 'react';
import { Anchor, Button, Group, NumberInput, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { REPORT_KINDS, type ReportKind } from '../../../shared/directives/tasks.ts';
import { quarterOf } from '../../../shared/core/recurrence.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { client, data } from '../../api/client.ts';
import { useAgencies } from '../../api/agencies.ts';
import { useDirectives } from '../../api/directives.ts';
import { useMe } from '../../auth.ts';
import { fmtDate, fmtDateTime } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, Loading } from '../../components/ui.tsx';

export function ReportsPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const list = useQuery({ queryKey: ['reports'], queryFn: () => data(client.GET('/api/reports')) });
  return (
    <Stack>
      <Title order={2}>{t('directives.reports.title')}</Title>
      {(me.can['reports.compliance'] || me.can['reports.provincial']) && <GenerateForm />}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Paper withBorder>
          <Table striped highlightOnHover data-testid="reports-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('directives.reports.number')}</Table.Th>
                <Table.Th>{t('directives.reports.kind')}</Table.Th>
                <Table.Th>{t('common.agency')}</Table.Th>
                <Table.Th>{t('directives.reports.due')}</Table.Th>
                <Table.Th>{t('directives.reports.createdAt')}</Table.Th>
                <Table.Th>{t('directives.reports.createdBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/reports/${r.id}`} size="sm" data-testid="report-number">
                      {r.number ?? t('directives.reports.unnumbered')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td maw={420}>
                    <Text size="sm" lineClamp={2}>
                      {r.title}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.agencyName}</Text>
                  </Table.Td>
                  <Table.Td>{fmtDate(r.dueOn)}</Table.Td>
                  <Table.Td>{fmtDateTime(r.createdAt)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.createdByName ?? '—'}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
              {!list.data.length && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text size="sm" c="dimmed">
                      {t('directives.reports.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

function GenerateForm() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const manage = me.can['reports.provincial'];
  const agencies = useAgencies();
  const directives = useDirectives({ enabled: manage });
  const today = todayVn();
  const kinds = manage ? REPORT_KINDS : (['agency_compliance'] as const);
  const root = (agencies.data ?? []).find((a) => !a.external && (manage ? a.parentId === null : a.id === me.agencyId));
  const [v, setV] = useState<{ kind: ReportKind; agencyId: string | null; year: number; quarter: string; directiveId: string | null }>({
    kind: kinds[0],
    agencyId: null,
    year: Number(today.slice(0, 4)),
    quarter: String(quarterOf(today)),
    directiveId: null,
  });
  const agencyId = v.agencyId ?? (root ? String(root.id) : null);
  const run = useMutation({
    mutationFn: () =>
      data(
        client.POST('/api/reports', {
          body: {
            kind: v.kind,
            agencyId: Number(agencyId),
            year: v.year,
            quarter: v.kind === 'quarterly_security' ? Number(v.quarter) : null,
            directiveId: v.kind === 'directive_yearly' && v.directiveId ? Number(v.directiveId) : null,
          },
        }),
      ),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['reports'] });
      await navigate(`/reports/${r.id}`);
    },
  });
  const err = (f: string) => fieldError(run.error, f);
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {t('directives.reports.generate')}
      </Title>
      <Group align="flex-end">
        <Select
          label={t('directives.reports.kind')}
          w={380}
          allowDeselect={false}
          value={v.kind}
          onChange={(k) => k && setV({ ...v, kind: k as ReportKind })}
          data={kinds.map((k) => ({ value: k, label: t(`directives.reports.kinds.${k}`) }))}
          data-testid="report-kind"
        />
        <Select
          label={t('directives.reports.agency')}
          w={280}
          searchable
          allowDeselect={false}
          value={agencyId}
          error={err('agencyId')}
          onChange={(a) => setV({ ...v, agencyId: a })}
          data={(agencies.data ?? []).filter((a) => !a.external).map((a) => ({ value: String(a.id), label: a.name }))}
          data-testid="report-agency"
        />
        <NumberInput
          label={t('directives.reports.year')}
          w={100}
          min={2015}
          max={2100}
          value={v.year}
          onChange={(y) => setV({ ...v, year: Number(y) || v.year })}
          data-testid="report-year"
        />
        {v.kind === 'quarterly_security' && (
          <Select
            label={t('directives.reports.quarter')}
            w={100}
            allowDeselect={false}
            value={v.quarter}
            error={err('quarter')}
            onChange={(q) => q && setV({ ...v, quarter: q })}
            data={['1', '2', '3', '4'].map((q) => ({ value: q, label: ['I', 'II', 'III', 'IV'][Number(q) - 1]! }))}
            data-testid="report-quarter"
          />
        )}
        {v.kind === 'directive_yearly' && (
          <Select
            label={t('directives.reports.directive')}
            w={320}
            searchable
            value={v.directiveId}
            error={err('directiveId')}
            onChange={(d) => setV({ ...v, directiveId: d })}
            data={(directives.data ?? []).map((d) => ({ value: String(d.id), label: `${d.number} — ${d.title}` }))}
            data-testid="report-directive"
          />
        )}
        <Button loading={run.isPending} disabled={!agencyId} onClick={() => run.mutate()} data-testid="report-generate">
          {t('directives.reports.generate')}
        </Button>
      </Group>
      {run.isError && !['agencyId', 'quarter', 'directiveId'].some((f) => err(f)) && <ErrorAlert error={run.error} />}
    </Paper>
  );
}
