import { Alert, Badge, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { instrumentName } from '../../shared/legal/citation.ts';
import { client, data, type Answer } from '../api/client.ts';
import type { Me } from '../../shared/auth/schemas.ts';
import { useMe } from '../auth.ts';
import { ErrorAlert, Loading } from '../components/ui.tsx';
import { fmtDate } from '../i18n/index.ts';
import { NO_SHRINK } from './warnings/ui.tsx';

type Row = Answer<'/api/legal/instruments'>['instruments'][number];

const STATUS_COLORS: Record<Row['status'], string> = { in_force: 'green', replaced: 'gray', expired: 'gray', to_confirm: 'orange' };

/** "2023-06" → "06/2023"; a year stays as it is. */
const partial = (v: string) => v.split('-').reverse().join('/');
const issued = (i: Row) => (i.issuedOn ? fmtDate(i.issuedOn) : i.issuedIn ? partial(i.issuedIn) : '—');

/**
 * Who the registry page is for: whoever keeps the province's rules that cite it (the approval matrix, designations,
 * reporting deadlines), the platform admin. Anyone signed in may read the instruments themselves.
 */
export const showsLegalRegistry = (me: Me | null | undefined) => !!me?.can['approvalMatrix.edit'];

/** The legal registry for the platform admin: instruments, their dates and status, what cites them, and rules to revisit. */
export function LegalPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const overview = useQuery({ queryKey: ['legal-instruments'], queryFn: () => data(client.GET('/api/legal/instruments')), enabled: showsLegalRegistry(me) });
  if (!showsLegalRegistry(me)) return <Navigate to="/admin" replace />;
  if (overview.isPending) return <Loading />;
  if (overview.isError) return <ErrorAlert error={overview.error} />;
  const en = i18n.language === 'en';
  const { asOf, instruments, flags } = overview.data;
  const name = (id: string) => instrumentName(id, en ? 'en' : 'vi');
  return (
    <Stack>
      <Title order={2}>{t('legal.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('legal.intro', { day: fmtDate(asOf) })}
      </Text>
      <Paper withBorder p="md">
        <Title order={5} mb="xs">
          {t('legal.flags', { count: flags.length })}
        </Title>
        {flags.length === 0 ? (
          <Alert color="green">{t('legal.noFlags')}</Alert>
        ) : (
          <Table data-testid="legal-flags">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('legal.rule')}</Table.Th>
                <Table.Th>{t('legal.citation')}</Table.Th>
                <Table.Th>{t('legal.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {flags.map((f) => (
                <Table.Tr key={`${f.ruleId} ${f.citationVi}`} data-testid={`flag-${f.ruleId}`}>
                  <Table.Td>{en ? f.labelEn : f.labelVi}</Table.Td>
                  <Table.Td>{en ? f.citationEn : f.citationVi}</Table.Td>
                  <Table.Td>
                    <Badge color={f.standing === 'to_confirm' ? 'orange' : 'red'} variant="light" style={NO_SHRINK}>
                      {t(`legal.standings.${f.standing}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Table data-testid="legal-instruments" verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('legal.instrument')}</Table.Th>
              <Table.Th>{t('legal.issuer')}</Table.Th>
              <Table.Th>{t('legal.issuedOn')}</Table.Th>
              <Table.Th>{t('legal.inForceFrom')}</Table.Th>
              <Table.Th>{t('legal.inForceUntil')}</Table.Th>
              <Table.Th>{t('legal.status')}</Table.Th>
              <Table.Th>{t('legal.citedBy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {instruments.map((i) => (
              <Table.Tr key={i.id} data-testid={`instrument-${i.id}`}>
                <Table.Td maw={420}>
                  <Text fw={600} size="sm">
                    {name(i.id)}
                  </Text>
                  <Text size="sm">{en ? i.titleEn : i.titleVi}</Text>
                  {(en ? i.noteEn : i.noteVi) && (
                    <Text size="xs" c="dimmed" mt={4}>
                      {en ? i.noteEn : i.noteVi}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed" mt={4} title={i.sources.map((s) => `${s.ref}: ${s.read}`).join('\n')} data-testid="sources">
                    {t('legal.sources')}: {[...new Set(i.sources.map((s) => t(`legal.sourceKinds.${s.kind}`)))].join(', ')} · {t('legal.checkedOn')}{' '}
                    {fmtDate(i.checkedOn)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{en ? i.issuerEn : i.issuerVi}</Text>
                </Table.Td>
                <Table.Td data-testid="issued">{issued(i)}</Table.Td>
                <Table.Td data-testid="from">{fmtDate(i.inForceFrom)}</Table.Td>
                <Table.Td data-testid="until">
                  {fmtDate(i.inForceUntil)}
                  {i.replacedBy && (
                    <Text size="xs" c="dimmed">
                      {t('legal.replacedBy')} {name(i.replacedBy)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[i.status]} variant="light" style={NO_SHRINK} data-testid="status">
                    {t(`legal.statuses.${i.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td maw={360}>
                  {i.citedBy.length === 0 ? (
                    <Text size="xs" c="dimmed">
                      {t('legal.notCited')}
                    </Text>
                  ) : (
                    <List size="xs" spacing={2} data-testid="cited-by">
                      {i.citedBy.map((c) => (
                        <List.Item key={`${c.ruleId} ${c.citationVi}`}>
                          {en ? c.labelEn : c.labelVi} — {en ? c.citationEn : c.citationVi}
                        </List.Item>
                      ))}
                    </List>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
