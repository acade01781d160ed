import { Fragment, useState } from 'react';
import { Badge, Button, Group, Modal, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { INSTRUMENTS } from '../../shared/legal/instruments.ts';
import { instrumentName } from '../../shared/legal/citation.ts';
import { client, data, type Answer } from '../api/client.ts';
import { useProvinceParameters } from '../api/parameters.ts';
import { ErrorAlert, fieldError, FormButtons, Loading, notifySaved } from '../components/ui.tsx';
import { fmtDate } from '../i18n/index.ts';

type Parameter = Answer<'/api/province-parameters'>['parameters'][number];
type Period = Parameter['periods'][number];

/** A value as people read it: dates dd/MM/yyyy, days of the year dd/MM, numbers with their unit. */
function ValueText({ p, unit }: { p: Pick<Period, 'value'>; unit: string }) {
  const { t } = useTranslation();
  if (unit === 'date') return <>{fmtDate(p.value)}</>;
  if (unit === 'day_of_year') return <>{p.value.split('-').reverse().join('/')}</>;
  return <>{`${p.value} ${t(`parameters.units.${unit}`)}`.trim()}</>;
}

/** The province's parameters, each with the period in effect, its basis and its history; a platform admin adds periods. */
export function ParametersPage() {
  const { t, i18n } = useTranslation();
  const list = useProvinceParameters();
  const [editing, setEditing] = useState<Parameter | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const en = i18n.language === 'en';
  return (
    <Stack>
      <Title order={2}>{t('parameters.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('parameters.intro')}
      </Text>
      <Paper withBorder p="md">
        <Table striped data-testid="parameters-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('parameters.parameter')}</Table.Th>
              <Table.Th>{t('parameters.value')}</Table.Th>
              <Table.Th>{t('parameters.from')}</Table.Th>
              <Table.Th>{t('parameters.basis')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.parameters.map((p) => (
              <Fragment key={p.key}>
                <Table.Tr data-testid={`parameter-${p.key}`}>
                  <Table.Td>{en ? p.labelEn : p.labelVi}</Table.Td>
                  <Table.Td fw={600} data-testid="parameter-value">
                    {p.current ? <ValueText p={p.current} unit={p.unit} /> : <Badge color="gray">{t('parameters.none')}</Badge>}
                  </Table.Td>
                  <Table.Td>{p.current ? fmtDate(p.current.effectiveFrom) : ''}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.current?.reference}</Text>
                    {p.current?.note && (
                      <Text size="xs" c="dimmed">
                        {p.current.note}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" variant="subtle" onClick={() => setOpen(open === p.key ? null : p.key)} data-testid="parameter-history">
                        {t('parameters.history')} ({p.periods.length})
                      </Button>
                      {list.data.can.edit && (
                        <Button size="xs" variant="light" onClick={() => setEditing(p)} data-testid="parameter-change">
                          {t('parameters.change')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
                {open === p.key && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <History parameter={p} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {editing && <PeriodForm parameter={editing} today={list.data.today} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function History({ parameter }: { parameter: Parameter }) {
  const { t } = useTranslation();
  return (
    <Table data-testid="parameter-periods">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('parameters.value')}</Table.Th>
          <Table.Th>{t('parameters.from')}</Table.Th>
          <Table.Th>{t('parameters.until')}</Table.Th>
          <Table.Th>{t('parameters.basis')}</Table.Th>
          <Table.Th>{t('parameters.addedBy')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {parameter.periods.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>
              <ValueText p={p} unit={parameter.unit} />
            </Table.Td>
            <Table.Td>{fmtDate(p.effectiveFrom)}</Table.Td>
            <Table.Td>{p.effectiveUntil ? fmtDate(p.effectiveUntil) : '—'}</Table.Td>
            <Table.Td>
              {p.reference}
              {p.note && (
                <Text size="xs" c="dimmed">
                  {p.note}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{p.createdByName ?? t('parameters.seeded')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function PeriodForm({ parameter, today, onClose }: { parameter: Parameter; today: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const en = i18n.language === 'en';
  const c = parameter.current?.citation;
  const [v, setV] = useState({
    value: parameter.current?.value ?? '',
    effectiveFrom: today,
    instrument: c?.instrument ?? '',
    article: c?.article,
    clause: c?.clause,
    point: c?.point ?? '',
    note: '',
  });
  const save = useMutation({
    mutationFn: () =>
      data(
        client.POST('/api/province-parameters/{key}/periods', {
          params: { path: { key: parameter.key } },
          body: { ...v, point: v.point || undefined, note: v.note || undefined },
        }),
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['province-parameters'] });
      notifySaved();
      onClose();
    },
  });
  const number = (n: string | number) => (typeof n === 'number' ? n : undefined);
  return (
    <Modal opened onClose={onClose} title={t('parameters.newPeriod', { name: en ? parameter.labelEn : parameter.labelVi })} size="lg">
      <Stack>
        <Group grow>
          <TextInput
            label={t('parameters.value')}
            value={v.value}
            error={fieldError(save.error, 'value')}
            onChange={(e) => setV({ ...v, value: e.currentTarget.value })}
            data-testid="period-value"
          />
          <TextInput
            type="date"
            label={t('parameters.from')}
            value={v.effectiveFrom}
            min={today}
            error={fieldError(save.error, 'effectiveFrom')}
            onChange={(e) => setV({ ...v, effectiveFrom: e.currentTarget.value })}
            data-testid="period-from"
          />
        </Group>
        <Select
          label={t('parameters.instrument')}
          searchable
          value={v.instrument || null}
          error={fieldError(save.error, 'instrument')}
          onChange={(s) => setV({ ...v, instrument: s ?? '' })}
          data={INSTRUMENTS.map((i) => ({ value: i.id, label: instrumentName(i.id, en ? 'en' : 'vi') }))}
        />
        <Group grow>
          <NumberInput label={t('parameters.article')} min={1} value={v.article ?? ''} onChange={(n) => setV({ ...v, article: number(n) })} />
          <NumberInput label={t('parameters.clause')} min={1} value={v.clause ?? ''} onChange={(n) => setV({ ...v, clause: number(n) })} />
          <TextInput label={t('parameters.point')} value={v.point} onChange={(e) => setV({ ...v, point: e.currentTarget.value })} />
        </Group>
        <Textarea label={t('parameters.note')} value={v.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} />
        {save.isError && !['value', 'effectiveFrom', 'instrument'].some((f) => fieldError(save.error, f)) && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} saving={save.isPending} onSave={() => save.mutate()} testid="period-save" />
      </Stack>
    </Modal>
  );
}
