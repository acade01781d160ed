import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { client, data, multipart, type Answer } from '../../api/client.ts';
import { useAgencies } from '../../api/agencies.ts';
import { useSystemSecurity } from '../../api/warnings.ts';
import { RowErrors } from '../../components/ImportModal.tsx';
import { fmtDate } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, FormButtons, LevelBadge, Loading, notifyError, notifySaved } from '../../components/ui.tsx';
import { Field } from '../../components/Field.tsx';
import { ScheduleRules } from '../../components/ScheduleRules.tsx';
import { todayVn } from '../../../shared/core/dates.ts';
import { SEVERITIES, type Severity } from '../../../shared/scans/findings.ts';
import { ASSESSMENT_RESULTS } from '../../../shared/warnings/schemas.ts';
import { Attachments, DueDate, FindingStatusBadge, KnownExploitedBadge, SeverityBadge, SeverityCounts } from './ui.tsx';

type Security = Answer<'/api/systems/{id}/security'>;
type AssessmentResult = (typeof ASSESSMENT_RESULTS)[number];

/** One system's security follow-up: scan schedule, scans and findings, monitoring provider, assessments. */
export function SystemSecurityPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const security = useSystemSecurity(id);
  if (security.isPending) return <Loading />;
  if (security.isError) return <ErrorAlert error={security.error} />;
  const s = security.data;
  return (
    <Stack>
      <div>
        <Group gap="sm">
          <Title order={3}>{s.name}</Title>
          <LevelBadge level={s.level} />
        </Group>
        <Text c="dimmed" size="sm">
          <Anchor component={Link} to={`/systems/${s.systemId}`} size="sm">
            {s.code}
          </Anchor>{' '}
          · {s.agencyName}
        </Text>
      </div>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Field label={t('warnings.facts.lastScan')} value={s.lastScanOn ? fmtDate(s.lastScanOn) : t('warnings.facts.never')} />
          <Field
            label={t('warnings.facts.nextScan')}
            value={
              s.scanOverdue ? (
                <Badge color="red" data-testid="scan-overdue">
                  {t('warnings.facts.scanOverdue')}
                </Badge>
              ) : (
                <DueDate date={s.nextScanDue} />
              )
            }
          />
          <Field
            label={t('warnings.facts.nextAssessment')}
            value={
              <Group gap={6}>
                <DueDate date={s.nextAssessmentDue} owed={s.status === 'in_operation'} />
                {s.assessmentOverdue && <Badge color="red">{t('warnings.facts.assessmentOverdue')}</Badge>}
              </Group>
            }
          />
          <Field label={t('warnings.facts.openFindings')} value={<SeverityCounts counts={s.openFindings} />} />
        </SimpleGrid>
        <ScheduleRules size="xs" />
      </Paper>
      <ScansSection s={s} />
      <FindingsSection systemId={s.systemId} />
      <AssessmentsSection s={s} />
    </Stack>
  );
}

function useRefresh(systemId: number) {
  const qc = useQueryClient();
  return async () => {
    for (const key of [['security', systemId], ['scans', systemId], ['findings', systemId], ['assessments', systemId], ['system-facts'], ['warnings-stats']]) {
      await qc.invalidateQueries({ queryKey: key });
    }
  };
}

function ScansSection({ s }: { s: Security }) {
  const { t } = useTranslation();
  const scans = useQuery({
    queryKey: ['scans', s.systemId],
    queryFn: () => data(client.GET('/api/systems/{id}/scans', { params: { path: { id: s.systemId } } })),
  });
  const [mode, setMode] = useState<'record' | 'import' | null>(null);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('warnings.scans.title')}</Title>
        {s.can.record && (
          <Group>
            <Button size="xs" variant="light" onClick={() => setMode('record')} data-testid="scan-record">
              {t('warnings.scans.record')}
            </Button>
            <Button size="xs" onClick={() => setMode('import')} data-testid="scan-import">
              {t('warnings.scans.import')}
            </Button>
          </Group>
        )}
      </Group>
      {scans.data &&
        (scans.data.length ? (
          <Table data-testid="scans-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('warnings.scans.scannedOn')}</Table.Th>
                <Table.Th>{t('warnings.scans.tool')}</Table.Th>
                <Table.Th>{t('warnings.scans.scope')}</Table.Th>
                <Table.Th>{t('warnings.scans.performedBy')}</Table.Th>
                <Table.Th>{t('warnings.scans.reported')}</Table.Th>
                <Table.Th>{t('warnings.scans.opened')}</Table.Th>
                <Table.Th>{t('warnings.scans.closed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {scans.data.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>{fmtDate(x.scannedOn)}</Table.Td>
                  <Table.Td>
                    {x.tool}
                    {x.fileName && (
                      <Text size="xs" c="dimmed">
                        {x.fileName}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{x.scope ?? '—'}</Table.Td>
                  <Table.Td>{x.performedBy ?? '—'}</Table.Td>
                  <Table.Td>{x.source === 'manual' ? '—' : x.reported}</Table.Td>
                  <Table.Td>{x.source === 'manual' ? '—' : x.opened}</Table.Td>
                  <Table.Td>{x.source === 'manual' ? '—' : x.closed}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            {t('warnings.scans.noScans')}
          </Text>
        ))}
      {mode && <ScanModal systemId={s.systemId} mode={mode} onClose={() => setMode(null)} />}
    </Paper>
  );
}

function ScanModal({ systemId, mode, onClose }: { systemId: number; mode: 'record' | 'import'; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh(systemId);
  const [v, setV] = useState({ scannedOn: mode === 'record' ? todayVn() : '', tool: '', scope: '', performedBy: '', hosts: '' });
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: async () => {
      const path = { path: { id: systemId } };
      if (mode === 'record') return data(client.POST('/api/systems/{id}/scans', { params: path, body: { ...v, hosts: undefined } }));
      const fields = Object.fromEntries(Object.entries(v).filter(([, value]) => value));
      return data(client.POST('/api/systems/{id}/scans/import', { params: path, body: multipart(file!, fields) }));
    },
    onSuccess: async (r) => {
      await refresh();
      notifySaved(mode === 'import' ? t('warnings.scans.imported', r as { created: number; seenAgain: number; closed: number }) : undefined);
      onClose();
    },
  });
  const err = (f: string) => fieldError(run.error, f);
  const set = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value });
  return (
    <Modal opened onClose={onClose} title={mode === 'record' ? t('warnings.scans.record') : t('warnings.scans.import')} size="lg">
      <Stack>
        {mode === 'import' && <Text size="sm">{t('warnings.scans.importHint')}</Text>}
        {mode === 'import' && (
          <FileInput label={t('common.file')} accept=".xml,.nessus,.csv,.json,.jsonl" value={file} onChange={setFile} data-testid="scan-file" />
        )}
        <Group grow>
          <TextInput
            type="date"
            label={t('warnings.scans.scannedOn')}
            value={v.scannedOn}
            error={err('scannedOn')}
            onChange={set('scannedOn')}
            data-testid="scan-date"
          />
          <TextInput label={t('warnings.scans.tool')} value={v.tool} error={err('tool')} onChange={set('tool')} data-testid="scan-tool" />
        </Group>
        <TextInput label={t('warnings.scans.scope')} value={v.scope} onChange={set('scope')} />
        <TextInput label={t('warnings.scans.performedBy')} value={v.performedBy} onChange={set('performedBy')} />
        {mode === 'import' && <TextInput label={t('warnings.scans.hosts')} value={v.hosts} onChange={set('hosts')} />}
        {run.isError && !err('scannedOn') && !err('tool') && <ErrorAlert error={run.error} />}
        <RowErrors error={run.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={mode === 'import' && !file} loading={run.isPending} onClick={() => run.mutate()} data-testid="scan-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function FindingsSection({ systemId }: { systemId: number }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const findings = useQuery({
    queryKey: ['findings', systemId, all],
    queryFn: () => data(client.GET('/api/systems/{id}/findings', { params: { path: { id: systemId }, query: { status: all ? 'all' : 'unresolved' } } })),
  });
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('warnings.scans.findings')}</Title>
        <Group>
          <Anchor component={Link} to={`/warnings/findings?systemId=${systemId}`} size="sm" data-testid="work-findings">
            {t('warnings.findings.workOnSystem')}
          </Anchor>
          <Checkbox label={t('warnings.scans.showClosed')} checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
        </Group>
      </Group>
      {findings.data &&
        (findings.data.length ? (
          <Table striped data-testid="findings-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('warnings.field.severity')}</Table.Th>
                <Table.Th>{t('warnings.field.title')}</Table.Th>
                <Table.Th>{t('warnings.scans.host')}</Table.Th>
                <Table.Th>CVE</Table.Th>
                <Table.Th>{t('warnings.scans.firstSeen')}</Table.Th>
                <Table.Th>{t('warnings.scans.lastSeen')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {findings.data.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>
                    <SeverityBadge severity={f.severity} />
                    {f.cvss !== null && (
                      <Text size="xs" c="dimmed">
                        CVSS {f.cvss}
                      </Text>
                    )}
                    {f.knownExploited && <KnownExploitedBadge />}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{f.title}</Text>
                    {f.solution && (
                      <Text size="xs" c="dimmed">
                        {f.solution}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {f.host}:{f.port}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{f.cveIds.join(', ') || '—'}</Text>
                  </Table.Td>
                  <Table.Td>{fmtDate(f.firstSeenOn)}</Table.Td>
                  <Table.Td>{fmtDate(f.lastSeenOn)}</Table.Td>
                  <Table.Td>
                    <FindingStatusBadge status={f.status} overdue={f.overdue} />
                    {f.closedOn && (
                      <Text size="xs" c="dimmed">
                        {fmtDate(f.closedOn)}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            {t('warnings.scans.noFindings')}
          </Text>
        ))}
    </Paper>
  );
}

function AssessmentsSection({ s }: { s: Security }) {
  const { t } = useTranslation();
  const refresh = useRefresh(s.systemId);
  const assessments = useQuery({
    queryKey: ['assessments', s.systemId],
    queryFn: () => data(client.GET('/api/systems/{id}/assessments', { params: { path: { id: s.systemId } } })),
  });
  const agencies = useAgencies();
  const outside = (agencies.data ?? []).filter((a) => a.external).map((a) => ({ value: String(a.id), label: a.name }));
  const [adding, setAdding] = useState(false);
  const provider = useMutation({
    mutationFn: (value: string | null) =>
      data(
        client.PUT('/api/systems/{id}/monitoring-provider', {
          params: { path: { id: s.systemId } },
          body: { monitoringProviderAgencyId: value ? Number(value) : null },
        }),
      ),
    onSuccess: async () => {
      await refresh();
      notifySaved();
    },
    onError: notifyError,
  });
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('warnings.assessments.title')}</Title>
        {s.can.record && (
          <Button size="xs" onClick={() => setAdding(true)} data-testid="assessment-add">
            {t('warnings.assessments.add')}
          </Button>
        )}
      </Group>
      <Group align="flex-end" mb="sm">
        <Select
          label={t('warnings.facts.monitoring')}
          clearable
          searchable
          w={380}
          data={outside}
          value={s.monitoringProviderAgencyId ? String(s.monitoringProviderAgencyId) : null}
          readOnly={!s.can.record}
          onChange={(v) => provider.mutate(v)}
          data-testid="monitoring-provider"
        />
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {t('warnings.assessments.independence')}
      </Text>
      {assessments.data &&
        (assessments.data.length ? (
          <Stack gap="sm" data-testid="assessments-list">
            {assessments.data.map((a) => (
              <Paper key={a.id} withBorder p="sm">
                <Group justify="space-between">
                  <Text fw={600}>
                    {fmtDate(a.assessedOn)} · {a.assessorName}
                  </Text>
                  <Badge color={a.result === 'failed' ? 'red' : a.result === 'passed' ? 'green' : 'yellow'}>
                    {t(`warnings.assessments.results.${a.result}`)}
                  </Badge>
                </Group>
                <Text size="sm">{a.scope}</Text>
                {a.summary && (
                  <Text size="sm" c="dimmed">
                    {a.summary}
                  </Text>
                )}
                {a.findings.map((f, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: read-only rows, never reordered
                  <Group key={i} gap={6} mt={4}>
                    <SeverityBadge severity={f.severity} />
                    <Text size="sm">{f.title}</Text>
                    {f.recommendation && (
                      <Text size="xs" c="dimmed">
                        — {f.recommendation}
                      </Text>
                    )}
                  </Group>
                ))}
                <Text size="sm" fw={500} mt="xs">
                  {t('warnings.assessments.report')}
                </Text>
                <Attachments
                  files={a.reports}
                  upload={(file) => data(client.POST('/api/assessments/{id}/report', { params: { path: { id: a.id } }, body: multipart(file) }))}
                  canUpload={s.can.record}
                  onUploaded={refresh}
                />
              </Paper>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('warnings.assessments.none')}
          </Text>
        ))}
      {adding && <AssessmentModal systemId={s.systemId} assessors={outside} onClose={() => setAdding(false)} />}
    </Paper>
  );
}

function AssessmentModal({ systemId, assessors, onClose }: { systemId: number; assessors: { value: string; label: string }[]; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh(systemId);
  const [v, setV] = useState({ assessorAgencyId: '', assessedOn: todayVn(), scope: '', result: 'passed' as AssessmentResult, summary: '' });
  const [findings, setFindings] = useState<{ title: string; severity: Severity; recommendation: string }[]>([]);
  const save = useMutation({
    mutationFn: () =>
      data(
        client.POST('/api/systems/{id}/assessments', {
          params: { path: { id: systemId } },
          body: { ...v, assessorAgencyId: Number(v.assessorAgencyId) || 0, findings },
        }),
      ),
    onSuccess: async () => {
      await refresh();
      notifySaved();
      onClose();
    },
  });
  const err = (f: string) => fieldError(save.error, f);
  return (
    <Modal opened onClose={onClose} title={t('warnings.assessments.add')} size="lg">
      <Stack>
        <Alert color="gray">{t('warnings.assessments.independence')}</Alert>
        <Select
          label={t('warnings.assessments.assessor')}
          searchable
          data={assessors}
          value={v.assessorAgencyId || null}
          error={err('assessorAgencyId')}
          onChange={(a) => setV({ ...v, assessorAgencyId: a ?? '' })}
          data-testid="assessment-assessor"
        />
        <Group grow>
          <TextInput
            type="date"
            label={t('warnings.assessments.assessedOn')}
            value={v.assessedOn}
            error={err('assessedOn')}
            onChange={(e) => setV({ ...v, assessedOn: e.currentTarget.value })}
          />
          <NativeSelect
            label={t('warnings.assessments.result')}
            value={v.result}
            onChange={(e) => setV({ ...v, result: e.currentTarget.value as AssessmentResult })}
            data={ASSESSMENT_RESULTS.map((r) => ({ value: r, label: t(`warnings.assessments.results.${r}`) }))}
          />
        </Group>
        <Textarea
          label={t('warnings.assessments.scope')}
          autosize
          minRows={2}
          value={v.scope}
          error={err('scope')}
          onChange={(e) => setV({ ...v, scope: e.currentTarget.value })}
          data-testid="assessment-scope"
        />
        <Textarea
          label={t('warnings.assessments.summary')}
          autosize
          minRows={2}
          value={v.summary}
          onChange={(e) => setV({ ...v, summary: e.currentTarget.value })}
        />
        <Text size="sm" fw={500}>
          {t('warnings.assessments.findings')}
        </Text>
        {findings.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: controlled inputs: each value follows its row index, rows are only appended or removed
          <Group key={i} align="flex-end" wrap="nowrap">
            <TextInput
              label={t('warnings.field.title')}
              value={f.title}
              style={{ flex: 2 }}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setFindings(findings.map((x, j) => (j === i ? { ...x, title: value } : x)));
              }}
            />
            <NativeSelect
              label={t('warnings.field.severity')}
              value={f.severity}
              data={SEVERITIES.map((x) => ({ value: x, label: t(`warnings.severity.${x}`) }))}
              onChange={(e) => {
                const value = e.currentTarget.value as Severity;
                setFindings(findings.map((x, j) => (j === i ? { ...x, severity: value } : x)));
              }}
            />
            <TextInput
              label={t('warnings.assessments.recommendation')}
              value={f.recommendation}
              style={{ flex: 2 }}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setFindings(findings.map((x, j) => (j === i ? { ...x, recommendation: value } : x)));
              }}
            />
            <ActionIcon variant="subtle" color="red" mb={4} onClick={() => setFindings(findings.filter((_, j) => j !== i))}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Button variant="light" size="xs" w="fit-content" onClick={() => setFindings([...findings, { title: '', severity: 'medium', recommendation: '' }])}>
          {t('warnings.assessments.addFinding')}
        </Button>
        {save.isError && !['assessorAgencyId', 'assessedOn', 'scope'].some((f) => err(f)) && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} saving={save.isPending} onSave={() => save.mutate()} testid="assessment-save" />
      </Stack>
    </Modal>
  );
}
