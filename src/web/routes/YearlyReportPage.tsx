import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { client, data, multipart, type Answer } from '../api/client.ts';
import { useAgencies, useAgencyKinds } from '../api/agencies.ts';
import { useMe } from '../auth.ts';
import { fmtCitations, fmtDate, fmtDateTime, fmtNumber, fmtPercent } from '../i18n/index.ts';
import { ErrorAlert, fieldError, Loading, notifyError, notifySaved } from '../components/ui.tsx';
import { Field } from '../components/Field.tsx';
import { CONTRIBUTION_NOTICE_DAYS, YEARLY_REPORT_CITATIONS, type ContributionState } from '../../shared/contributions/due.ts';
import { todayVn } from '../../shared/core/dates.ts';

type Call = Answer<'/api/contribution-calls'>[number];
type Contribution = Answer<'/api/contributions/{id}'>;
const COLORS: Record<ContributionState, string> = { awaited: 'gray', late: 'red', submitted: 'green', submitted_late: 'yellow' };
/** The kinds Thanh Hóa 1.d addresses (departments, provincial public units, district committees), offered when opening a call. */
const ADDRESSED_KINDS = ['department', 'public_unit', 'district_committee'];

function StateBadge({ state }: { state: ContributionState }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[state]} data-testid="contribution-state">
      {t(`yearly.states.${state}`)}
    </Badge>
  );
}

/**
 * The yearly report screen: the security unit opens the year's call, follows who has sent and who is late, reads each
 * contribution and generates its yearly report; an asked agency sends and revises its own contribution.
 */
export function YearlyReportPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const thisYear = Number(todayVn().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const calls = useQuery({
    queryKey: ['contribution-calls', year],
    queryFn: () => data(client.GET('/api/contribution-calls', { params: { query: { year } } })),
  });
  const call = calls.data?.[0];
  return (
    <Stack>
      <div>
        <Title order={2}>{t('yearly.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('yearly.basis', { source: fmtCitations(YEARLY_REPORT_CITATIONS), days: CONTRIBUTION_NOTICE_DAYS })}
        </Text>
      </div>
      <Select
        label={t('yearly.year')}
        w={140}
        allowDeselect={false}
        value={String(year)}
        onChange={(v) => v && setYear(Number(v))}
        data={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => String(y))}
        data-testid="yearly-year"
      />
      {calls.isPending && <Loading />}
      {calls.isError && <ErrorAlert error={calls.error} />}
      {calls.isSuccess &&
        (me.can['yearlyReport.manage'] ? (
          call ? (
            <UnitView callId={call.id} />
          ) : (
            <OpenCall year={year} />
          )
        ) : call?.ownContributionId ? (
          <OwnContribution id={call.ownContributionId} call={call} />
        ) : (
          <Text c="dimmed" data-testid="yearly-not-asked">
            {t('yearly.notAsked', { year })}
          </Text>
        ))}
    </Stack>
  );
}

function OpenCall({ year }: { year: number }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const kinds = useAgencyKinds();
  const [chosen, setChosen] = useState<string[]>(ADDRESSED_KINDS);
  const open = useMutation({
    mutationFn: () => data(client.POST('/api/contribution-calls', { body: { year, agencyKinds: chosen } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['contribution-calls'] }),
  });
  const available = (kinds.data ?? []).filter((k) => !k.external);
  return (
    <Paper withBorder p="md">
      <Text mb="sm" data-testid="yearly-no-call">
        {t('yearly.noCall', { year })}
      </Text>
      <Group align="flex-end">
        <MultiSelect
          label={t('yearly.kinds')}
          w={520}
          value={chosen.filter((k) => available.some((a) => a.code === k))}
          onChange={setChosen}
          error={fieldError(open.error, 'agencyKinds')}
          data={available.map((k) => ({ value: k.code, label: i18n.language === 'en' ? k.nameEn : k.nameVi }))}
          data-testid="yearly-kinds"
        />
        <Button onClick={() => open.mutate()} loading={open.isPending} data-testid="yearly-open">
          {t('yearly.open')}
        </Button>
      </Group>
      {open.isError && !fieldError(open.error, 'agencyKinds') && <ErrorAlert error={open.error} />}
    </Paper>
  );
}

function UnitView({ callId }: { callId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const agencies = useAgencies();
  const [reading, setReading] = useState<Contribution | null>(null);
  const detail = useQuery({
    queryKey: ['contribution-call', callId],
    queryFn: () => data(client.GET('/api/contribution-calls/{id}', { params: { path: { id: callId } } })),
  });
  const close = useMutation({
    mutationFn: () => data(client.POST('/api/contribution-calls/{id}/close', { params: { path: { id: callId } } })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['contribution-call', callId] });
      await qc.invalidateQueries({ queryKey: ['contribution-calls'] });
    },
    onError: notifyError,
  });
  const root = (agencies.data ?? []).find((a) => !a.external && a.parentId === null);
  const generate = useMutation({
    mutationFn: () => data(client.POST('/api/reports', { body: { kind: 'yearly_security', agencyId: root!.id, year: detail.data!.year } })),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['reports'] });
      await navigate(`/reports/${r.id}`);
    },
    onError: notifyError,
  });
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorAlert error={detail.error} />;
  const c = detail.data;
  return (
    <Stack>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Field label={t('yearly.contributionsDue')} value={fmtDate(c.contributionsDueOn)} />
          <Field label={t('yearly.reportDue')} value={fmtDate(c.reportDueOn)} />
          <Field
            label={t('yearly.state')}
            value={
              <Badge color={c.state === 'open' ? 'green' : 'gray'} data-testid="yearly-call-state">
                {t(`yearly.callState.${c.state}`)}
              </Badge>
            }
          />
        </SimpleGrid>
        <Group mt="sm" gap="xs" data-testid="yearly-counts">
          {(['submitted', 'submitted_late', 'awaited', 'late'] as const).map((s) => (
            <Badge key={s} variant="light" color={COLORS[s]}>
              {t(`yearly.states.${s}`)}: {c.counts[s]}
            </Badge>
          ))}
        </Group>
        <Group mt="sm">
          <Button onClick={() => generate.mutate()} loading={generate.isPending} disabled={!root} data-testid="yearly-generate">
            {t('yearly.generate')}
          </Button>
          {c.can.close && (
            <Button
              variant="light"
              color="red"
              onClick={() => window.confirm(t('yearly.closeConfirm')) && close.mutate()}
              loading={close.isPending}
              data-testid="yearly-close"
            >
              {t('yearly.close')}
            </Button>
          )}
        </Group>
      </Paper>
      <Table striped data-testid="yearly-contributions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('yearly.agency')}</Table.Th>
            <Table.Th>{t('yearly.state')}</Table.Th>
            <Table.Th>{t('yearly.submittedAt')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.contributions.map((x) => (
            <Table.Tr key={x.id} data-testid={`contribution-${x.agencyId}`}>
              <Table.Td>{x.agencyName}</Table.Td>
              <Table.Td>
                <StateBadge state={x.state} />
              </Table.Td>
              <Table.Td>{x.submittedAt ? fmtDateTime(x.submittedAt) : '—'}</Table.Td>
              <Table.Td>
                {x.submittedAt && (
                  <Button size="compact-xs" variant="subtle" onClick={() => setReading(x)} data-testid="contribution-view">
                    {t('yearly.view')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {reading && (
        <Modal opened onClose={() => setReading(null)} title={reading.agencyName} size="lg">
          <ContributionText c={reading} />
        </Modal>
      )}
    </Stack>
  );
}

function ContributionText({ c }: { c: Contribution }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="contribution-text">
      <Group gap="xs">
        <StateBadge state={c.state} />
        {c.submittedAt && (
          <Text size="sm" c="dimmed">
            {fmtDateTime(c.submittedAt)} · {c.submittedByName}
            {c.revisions > 0 && ` · ${t('yearly.revisions', { count: c.revisions })}`}
          </Text>
        )}
      </Group>
      <Field label={t('yearly.results')} value={c.results} />
      <Field label={t('yearly.difficulties')} value={c.difficulties} />
      <Field label={t('yearly.proposals')} value={c.proposals} />
      <Figures c={c} />
      <Files c={c} />
    </Stack>
  );
}

function Figures({ c }: { c: Contribution }) {
  const { t } = useTranslation();
  if (!c.figures.length) return null;
  return (
    <div>
      <Text size="sm" fw={500}>
        {t('yearly.figures')}
      </Text>
      <Table data-testid="contribution-figures">
        <Table.Tbody>
          {c.figures.map((f) => (
            <Table.Tr key={f.key}>
              <Table.Td>{f.label}</Table.Td>
              <Table.Td>{f.unit === '%' ? fmtPercent(f.value) : fmtNumber(f.value)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function Files({ c }: { c: Contribution }) {
  const { t } = useTranslation();
  if (!c.files.length) return null;
  return (
    <Field
      label={t('yearly.files')}
      value={
        <Stack gap={2}>
          {c.files.map((f) => (
            <Anchor key={f.id} href={`/api/files/${f.id}`} size="sm">
              {f.name}
            </Anchor>
          ))}
        </Stack>
      }
    />
  );
}

function OwnContribution({ id, call }: { id: number; call: Call }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const own = useQuery({ queryKey: ['contribution', id], queryFn: () => data(client.GET('/api/contributions/{id}', { params: { path: { id } } })) });
  const [v, setV] = useState<{ results: string; difficulties: string; proposals: string } | null>(null);
  const save = useMutation({
    mutationFn: () => data(client.PUT('/api/contributions/{id}', { params: { path: { id } }, body: v! })),
    onSuccess: (c) => {
      qc.setQueryData(['contribution', id], c);
      setV(null);
      notifySaved(t('yearly.sent'));
    },
  });
  const attach = useMutation({
    mutationFn: (file: File) => data(client.POST('/api/contributions/{id}/file', { params: { path: { id } }, body: multipart(file) })),
    onSuccess: (c) => qc.setQueryData(['contribution', id], c),
    onError: notifyError,
  });
  if (own.isPending) return <Loading />;
  if (own.isError) return <ErrorAlert error={own.error} />;
  const c = own.data;
  const form = v ?? { results: c.results ?? '', difficulties: c.difficulties ?? '', proposals: c.proposals ?? '' };
  const area = (k: 'results' | 'difficulties' | 'proposals', rows: number) => (
    <Textarea
      label={t(`yearly.${k}`)}
      autosize
      minRows={rows}
      value={form[k]}
      error={fieldError(save.error, k)}
      onChange={(e) => setV({ ...form, [k]: e.currentTarget.value })}
      data-testid={`contribution-f-${k}`}
    />
  );
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {t('yearly.own', { agency: c.agencyName })}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="sm">
        <Field label={t('yearly.contributionsDue')} value={fmtDate(call.contributionsDueOn)} />
        <Field label={t('yearly.state')} value={<StateBadge state={c.state} />} />
      </SimpleGrid>
      {c.can.edit ? (
        <Stack gap="xs">
          {area('results', 4)}
          {area('difficulties', 2)}
          {area('proposals', 2)}
          {save.isError && !['results', 'difficulties', 'proposals'].some((k) => fieldError(save.error, k)) && <ErrorAlert error={save.error} />}
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="contribution-send">
              {c.submittedAt ? t('yearly.revise') : t('yearly.send')}
            </Button>
            <FileButton onChange={(f) => f && attach.mutate(f)} accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg">
              {(props) => (
                <Button {...props} variant="light" loading={attach.isPending} data-testid="contribution-attach">
                  {t('yearly.attach')}
                </Button>
              )}
            </FileButton>
          </Group>
          <Figures c={c} />
          <Files c={c} />
        </Stack>
      ) : (
        <Stack gap="xs">
          {c.callState === 'closed' && <Alert color="gray">{t('yearly.closedNote')}</Alert>}
          <ContributionText c={c} />
        </Stack>
      )}
    </Paper>
  );
}
