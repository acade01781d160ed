import { useEffect, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { client, data, type Answer } from '../../api/client.ts';
import { useAgencies, useAgency } from '../../api/agencies.ts';
import { fmtCitations, fmtDate, fmtDateTime, fmtNumber, fmtPercent } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, Loading, notifyError, notifySaved } from '../../components/ui.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { INDICATORS, previousPeriods, periodOf } from '../../../shared/indicators/rules.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { Agency } from '../../../shared/agencies/schemas.ts';
import { SocConnectionCard } from './SocConnection.tsx';

type Report = Answer<'/api/agencies/{id}/indicators'>[number];
const EMPTY: Omit<Report, 'id' | 'agencyId' | 'period' | 'endpointsSource' | 'updatedAt' | 'updatedBy'> = {
  servers: 0,
  workstations: 0,
  protectedEndpoints: 0,
  antimalwareProduct: '',
  antimalwareConsole: '',
  staffTotal: 0,
  staffTrained: 0,
  trainingSessions: 0,
  layerOnsite: false,
  layerOnsiteTeam: '',
  layerMonitoring: false,
  layerMonitoringProviderId: null,
  layerAssessor: false,
  layerAssessorId: null,
  layerNational: false,
  layerNationalConnectedOn: '',
  cleanCyberspace: false,
  pdpSelfAssessment: false,
  note: '',
};

/** An agency's quarterly indicator report, its IT budgets and the API tokens of its anti-malware console. */
export function AgencyIndicatorsPage() {
  const { t } = useTranslation();
  const id = Number(useParams().agencyId);
  const agency = useAgency(id);
  if (agency.isPending) return <Loading />;
  if (agency.isError) return <ErrorAlert error={agency.error} />;
  const a = agency.data;
  return (
    <Stack>
      <div>
        <Anchor component={Link} to={`/?agencyId=${id}`} size="sm">
          ← {t('indicators.dashboard')}
        </Anchor>
        <Title order={2}>
          {t('indicators.report')}: {a.name}
        </Title>
      </div>
      <ReportForm agency={a} />
      {!a.external && <SocConnectionCard agencyId={a.id} />}
      <Budgets agency={a} />
      {a.can.manageTokens && <Tokens agency={a} />}
    </Stack>
  );
}

function ReportForm({ agency }: { agency: Agency }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const current = periodOf(todayVn());
  const [period, setPeriod] = useState(current);
  const history = useQuery({
    queryKey: ['agency-indicators', agency.id],
    queryFn: () => data(client.GET('/api/agencies/{id}/indicators', { params: { path: { id: agency.id } } })),
  });
  const orgs = useAgencies();
  const [v, setV] = useState(EMPTY);
  const saved = history.data?.find((r) => r.period === period);
  // Start from the quarter's report, else the latest earlier one (figures carry forward).
  useEffect(() => {
    const base = saved ?? history.data?.find((r) => r.period < period);
    if (!base) {
      setV(EMPTY);
      return;
    }
    const { period: _p, endpointsSource: _s, updatedAt: _u, ...rest } = base;
    setV({ ...EMPTY, ...Object.fromEntries(Object.entries(rest).filter(([k]) => k in EMPTY)) } as typeof EMPTY);
  }, [history.data, period, saved]);
  const save = useMutation({
    mutationFn: () => data(client.PUT('/api/agencies/{id}/indicators/{period}', { params: { path: { id: agency.id, period } }, body: v })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['agency-indicators', agency.id] });
      await qc.invalidateQueries({ queryKey: ['dashboard'] });
      notifySaved();
    },
  });
  const ro = !agency.can.reportIndicators;
  const num = (k: 'servers' | 'workstations' | 'protectedEndpoints' | 'staffTotal' | 'staffTrained' | 'trainingSessions') => (
    <NumberInput
      label={t(`indicators.form.${k}`)}
      value={v[k]}
      min={0}
      readOnly={ro}
      error={fieldError(save.error, k)}
      data-testid={`f-${k}`}
      onChange={(n) => setV({ ...v, [k]: typeof n === 'number' ? n : 0 })}
      thousandSeparator="."
      decimalSeparator=","
    />
  );
  const flag = (k: 'layerOnsite' | 'layerMonitoring' | 'layerAssessor' | 'layerNational' | 'cleanCyberspace' | 'pdpSelfAssessment') => (
    <Checkbox
      label={t(`indicators.form.${k}`, { source: fmtCitations(INDICATORS.pdp.citations) })}
      checked={v[k]}
      disabled={ro}
      onChange={(e) => setV({ ...v, [k]: e.currentTarget.checked })}
      data-testid={`f-${k}`}
    />
  );
  const orgSelect = (k: 'layerMonitoringProviderId' | 'layerAssessorId', kind: string) => (
    <Select
      label={t(`indicators.form.${k}`)}
      clearable
      searchable
      disabled={ro}
      value={v[k] ? String(v[k]) : null}
      error={fieldError(save.error, k)}
      onChange={(x) => setV({ ...v, [k]: x ? Number(x) : null })}
      data={(orgs.data ?? []).filter((o) => o.kind === kind).map((o) => ({ value: String(o.id), label: o.name }))}
    />
  );
  const total = v.servers + v.workstations;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Group>
          <Select w={130} value={period} onChange={(p) => p && setPeriod(p)} data={previousPeriods(current, 8).reverse()} data-testid="report-period" />
          {saved ? (
            <Text size="sm" c="dimmed">
              {t(`indicators.form.source.${saved.endpointsSource}`)} · {fmtDateTime(saved.updatedAt)}
            </Text>
          ) : (
            <Badge color="gray">{t('indicators.notReported')}</Badge>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Stack gap="xs">
          <Title order={6}>{t('indicators.form.endpoints')}</Title>
          {num('servers')}
          {num('workstations')}
          {num('protectedEndpoints')}
          <Text size="sm" c="dimmed">
            {fmtPercent(total ? Math.round((v.protectedEndpoints / total) * 1000) / 10 : null)}
          </Text>
          <TextInput
            label={t('indicators.form.antimalwareProduct')}
            value={v.antimalwareProduct ?? ''}
            readOnly={ro}
            onChange={(e) => setV({ ...v, antimalwareProduct: e.currentTarget.value })}
          />
          <TextInput
            label={t('indicators.form.antimalwareConsole')}
            value={v.antimalwareConsole ?? ''}
            readOnly={ro}
            onChange={(e) => setV({ ...v, antimalwareConsole: e.currentTarget.value })}
          />
        </Stack>
        <Stack gap="xs">
          <Title order={6}>{t('indicators.form.staff')}</Title>
          {num('staffTotal')}
          {num('staffTrained')}
          {num('trainingSessions')}
          <Title order={6} mt="sm">
            {t('indicators.form.other')}
          </Title>
          {flag('cleanCyberspace')}
          {flag('pdpSelfAssessment')}
        </Stack>
        <Stack gap="xs">
          <Title order={6}>{t('indicators.form.layers')}</Title>
          {flag('layerOnsite')}
          {v.layerOnsite && (
            <TextInput
              label={t('indicators.form.layerOnsiteTeam')}
              value={v.layerOnsiteTeam ?? ''}
              readOnly={ro}
              onChange={(e) => setV({ ...v, layerOnsiteTeam: e.currentTarget.value })}
            />
          )}
          {flag('layerMonitoring')}
          {v.layerMonitoring && orgSelect('layerMonitoringProviderId', 'security_firm')}
          {flag('layerAssessor')}
          {v.layerAssessor && orgSelect('layerAssessorId', 'assessor')}
          {flag('layerNational')}
          {v.layerNational && (
            <TextInput
              type="date"
              label={t('indicators.form.layerNationalConnectedOn')}
              value={v.layerNationalConnectedOn ?? ''}
              readOnly={ro}
              onChange={(e) => setV({ ...v, layerNationalConnectedOn: e.currentTarget.value })}
            />
          )}
        </Stack>
      </SimpleGrid>
      {save.isError && !['protectedEndpoints', 'staffTrained', 'layerMonitoringProviderId', 'layerAssessorId'].some((f) => fieldError(save.error, f)) && (
        <ErrorAlert error={save.error} />
      )}
      {!ro && (
        <Group justify="flex-end" mt="md">
          <Button loading={save.isPending} onClick={() => save.mutate()} data-testid="report-save">
            {t('common.save')}
          </Button>
        </Group>
      )}
      {!!history.data?.length && (
        <>
          <Title order={6} mt="md">
            {t('indicators.history')}
          </Title>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('indicators.period')}</Table.Th>
                <Table.Th>{t('indicators.form.protectedEndpoints')}</Table.Th>
                <Table.Th>{t('indicators.form.staffTrained')}</Table.Th>
                <Table.Th>{t('indicators.form.layers')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.map((r) => (
                <Table.Tr key={r.period}>
                  <Table.Td>
                    <Anchor onClick={() => setPeriod(r.period)}>{r.period}</Anchor>
                  </Table.Td>
                  <Table.Td>
                    {r.protectedEndpoints}/{r.servers + r.workstations}
                  </Table.Td>
                  <Table.Td>
                    {r.staffTrained}/{r.staffTotal}
                  </Table.Td>
                  <Table.Td>{[r.layerOnsite, r.layerMonitoring, r.layerAssessor, r.layerNational].filter(Boolean).length}/4</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {fmtDateTime(r.updatedAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  );
}

function Budgets({ agency }: { agency: Agency }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['budgets', agency.id],
    queryFn: () => data(client.GET('/api/agencies/{id}/budgets', { params: { path: { id: agency.id } } })),
  });
  const [adding, setAdding] = useState(false);
  const [v, setV] = useState({ year: Number(todayVn().slice(0, 4)), name: '', kind: 'project' as 'plan' | 'project', totalAmount: 0, securityAmount: 0 });
  const add = useMutation({
    mutationFn: () => data(client.POST('/api/agencies/{id}/budgets', { params: { path: { id: agency.id } }, body: v })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['budgets', agency.id] });
      setAdding(false);
      notifySaved();
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => data(client.DELETE('/api/budgets/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['budgets', agency.id] }),
    onError: notifyError,
  });
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('indicators.budgets')}</Title>
        {agency.can.reportIndicators && (
          <Button size="xs" variant="light" onClick={() => setAdding(true)}>
            {t('indicators.budget.add')}
          </Button>
        )}
      </Group>
      <Table striped data-testid="budgets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('indicators.budget.year')}</Table.Th>
            <Table.Th>{t('indicators.budget.name')}</Table.Th>
            <Table.Th>{t('indicators.budget.total')}</Table.Th>
            <Table.Th>{t('indicators.budget.security')}</Table.Th>
            <Table.Th>{t('indicators.budget.share')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Td>{b.year}</Table.Td>
              <Table.Td>
                {b.name}{' '}
                <Text span size="xs" c="dimmed">
                  ({t(`indicators.budget.${b.kind}`)})
                </Text>
              </Table.Td>
              <Table.Td>{fmtNumber(b.totalAmount)}</Table.Td>
              <Table.Td>{fmtNumber(b.securityAmount)}</Table.Td>
              <Table.Td>
                <Badge color={b.underTarget ? 'red' : 'green'} variant="light">
                  {fmtPercent(b.securityShare)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {agency.can.reportIndicators && (
                  <ConfirmButton
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label={t('indicators.budget.remove')}
                    title={t('indicators.budget.removeConfirm', { name: b.name, year: b.year })}
                    message={t('indicators.budget.removeEffect', { total: fmtNumber(b.totalAmount), security: fmtNumber(b.securityAmount) })}
                    confirmLabel={t('indicators.budget.remove')}
                    onConfirm={() => remove.mutate(b.id)}
                    testid={`budget-remove-${b.id}`}
                  >
                    ✕
                  </ConfirmButton>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {adding && (
        <Modal opened onClose={() => setAdding(false)} title={t('indicators.budget.add')}>
          <Stack>
            <NumberInput label={t('indicators.budget.year')} value={v.year} onChange={(n) => setV({ ...v, year: Number(n) })} />
            <TextInput
              label={t('indicators.budget.name')}
              value={v.name}
              error={fieldError(add.error, 'name')}
              onChange={(e) => setV({ ...v, name: e.currentTarget.value })}
            />
            <Select
              label={t('indicators.budget.kind')}
              value={v.kind}
              onChange={(k) => setV({ ...v, kind: (k ?? 'project') as 'plan' | 'project' })}
              data={[
                { value: 'plan', label: t('indicators.budget.plan') },
                { value: 'project', label: t('indicators.budget.project') },
              ]}
            />
            <NumberInput
              label={t('indicators.budget.total')}
              value={v.totalAmount}
              thousandSeparator="."
              decimalSeparator=","
              error={fieldError(add.error, 'totalAmount')}
              onChange={(n) => setV({ ...v, totalAmount: Number(n) || 0 })}
            />
            <NumberInput
              label={t('indicators.budget.security')}
              value={v.securityAmount}
              thousandSeparator="."
              decimalSeparator=","
              error={fieldError(add.error, 'securityAmount')}
              onChange={(n) => setV({ ...v, securityAmount: Number(n) || 0 })}
            />
            {add.isError && !fieldError(add.error, (add.error as { field?: string }).field ?? '') && <ErrorAlert error={add.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </Button>
              <Button loading={add.isPending} onClick={() => add.mutate()}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Paper>
  );
}

function Tokens({ agency }: { agency: Agency }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['tokens', agency.id],
    queryFn: () => data(client.GET('/api/agencies/{id}/api-tokens', { params: { path: { id: agency.id } } })),
  });
  const [name, setName] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const issue = useMutation({
    mutationFn: () => data(client.POST('/api/agencies/{id}/api-tokens', { params: { path: { id: agency.id } }, body: { name } })),
    onSuccess: async (r) => {
      setShown(r.token);
      setName('');
      await qc.invalidateQueries({ queryKey: ['tokens', agency.id] });
    },
    onError: notifyError,
  });
  const revoke = useMutation({
    mutationFn: (id: number) => data(client.DELETE('/api/api-tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens', agency.id] }),
    onError: notifyError,
  });
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {t('indicators.tokens')}
      </Title>
      <Table>
        <Table.Tbody>
          {list.data?.map((k) => (
            <Table.Tr key={k.id}>
              <Table.Td>{k.name}</Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {fmtDate(k.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">
                  {t('indicators.token.lastUsed')}: {fmtDateTime(k.lastUsedAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                {k.revokedAt ? (
                  <Badge color="gray">{t('indicators.token.revoked')}</Badge>
                ) : (
                  <Button size="compact-xs" color="red" variant="light" onClick={() => revoke.mutate(k.id)}>
                    {t('indicators.token.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group mt="sm" align="flex-end">
        <TextInput label={t('indicators.token.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} placeholder="Kaspersky Security Center" />
        <Button disabled={name.trim().length < 2} loading={issue.isPending} onClick={() => issue.mutate()}>
          {t('indicators.token.issue')}
        </Button>
      </Group>
      {shown && (
        <Alert mt="sm" color="orange" withCloseButton onClose={() => setShown(null)}>
          <Text size="sm">{t('indicators.token.shown')}</Text>
          <Code block mt="xs">
            {shown}
          </Code>
        </Alert>
      )}
    </Paper>
  );
}
