import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { client, data } from '../../api/client.ts';
import { fmtDate, fmtDateTime, fmtNumber } from '../../i18n/index.ts';
import { ErrorAlert, Loading } from '../../components/ui.tsx';
import { Field } from '../../components/Field.tsx';
import { OutgoingNumber } from '../../components/OutgoingNumber.tsx';
import { PdfButton } from '../../components/PdfButton.tsx';

/** A stored report, shown from its snapshot: the figures as they were when it was generated. */
export function ReportPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const report = useQuery({ queryKey: ['report', id], queryFn: () => data(client.GET('/api/reports/{id}', { params: { path: { id } } })) });
  if (report.isPending) return <Loading />;
  if (report.isError) return <ErrorAlert error={report.error} />;
  const r = report.data;
  const s = r.snapshot;
  const value = (v: number | string | null, unit?: string) => (v === null ? '—' : typeof v === 'number' ? `${fmtNumber(v, 1)}${unit ?? ''}` : v);
  return (
    <Stack>
      <div>
        <Anchor component={Link} to="/reports" size="sm">
          ← {t('directives.reports.title')}
        </Anchor>
        <Title order={3} mt={4}>
          {s.title} {s.subject}
        </Title>
      </div>
      <Group>
        <Button component="a" href={`/api/reports/${r.id}/docx`} data-testid="report-docx">
          {t('directives.reports.docx')}
        </Button>
        <Button variant="default" component="a" href={`/api/reports/${r.id}/xlsx`} data-testid="report-xlsx">
          {t('directives.reports.xlsx')}
        </Button>
        <PdfButton href={`/api/reports/${r.id}/pdf`} testid="report-pdf" />
        <OutgoingNumber subjectKind="report" subjectId={r.id} onIssued={() => qc.invalidateQueries({ queryKey: ['report', id] })} />
      </Group>
      <Alert color="blue">{t('directives.reports.snapshot', { at: fmtDateTime(s.builtAt) })}</Alert>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Field label={t('directives.reports.number')} value={<span data-testid="report-number">{r.number ?? t('directives.reports.unnumbered')}</span>} />
          <Field label={t('directives.reports.agency')} value={r.agencyName} />
          <Field label={t('directives.reports.due')} value={fmtDate(r.dueOn)} />
          <Field label={t('directives.reports.createdBy')} value={r.createdByName} />
        </SimpleGrid>
        <Text size="sm" mt="sm">
          {s.intro}
        </Text>
      </Paper>
      {s.sections.map((section, i) => (
        <Paper withBorder p="md" key={section.key} data-testid={`report-section-${section.key}`}>
          <Title order={5} mb="xs">
            {['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'][i] ?? i + 1}. {section.heading}
          </Title>
          {section.paragraphs.map((p, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: read-only rows, never reordered
            <Text key={j} size="sm" mb={4}>
              {p}
            </Text>
          ))}
          {section.figures.length > 0 && (
            <Table mt="xs" withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('directives.reports.figures')}</Table.Th>
                  <Table.Th>{t('directives.reports.value')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {section.figures.map((f) => (
                  <Table.Tr key={f.key}>
                    <Table.Td>{f.label}</Table.Td>
                    <Table.Td data-testid={`figure-${f.key}`}>{value(f.value, f.unit)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {section.tables
            .filter((tb) => tb.rows.length)
            .map((tb) => (
              <div key={tb.title}>
                <Text size="sm" fw={500} mt="sm">
                  {tb.title}
                </Text>
                <Table mt={4} withTableBorder striped>
                  <Table.Thead>
                    <Table.Tr>
                      {tb.headers.map((h) => (
                        <Table.Th key={h}>{h}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {tb.rows.map((row, k) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: read-only rows, never reordered
                      <Table.Tr key={k}>
                        {row.map((c, l) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: read-only rows, never reordered
                          <Table.Td key={l}>{c ?? ''}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </div>
            ))}
        </Paper>
      ))}
      <Paper withBorder p="md">
        <Text size="sm">{s.closing}</Text>
        <Text size="sm" fw={500} mt="sm">
          {t('directives.reports.recipients')}
        </Text>
        {s.recipients.map((x) => (
          <Text key={x} size="sm">
            - {x}
          </Text>
        ))}
      </Paper>
    </Stack>
  );
}
