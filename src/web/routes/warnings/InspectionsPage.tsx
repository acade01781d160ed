import { useState } from 'react';
import { Anchor, Button, Group, Modal, MultiSelect, NativeSelect, Paper, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { client, data } from '../../api/client.ts';
import { useAgencies } from '../../api/agencies.ts';
import { useMe } from '../../auth.ts';
import { fmtDate } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, FormButtons, Loading, notifySaved } from '../../components/ui.tsx';
import { INSPECTION_STATUSES, type InspectionDetail } from '../../../shared/warnings/schemas.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { InspectionStatusBadge } from './ui.tsx';

/** Compliance inspection rounds: all of them for the security unit, those that inspected the caller's agency otherwise. */
export function InspectionsPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [adding, setAdding] = useState(false);
  const list = useQuery({ queryKey: ['inspections'], queryFn: () => data(client.GET('/api/inspections')) });
  return (
    <Stack>
      {me.can['inspections.manage'] && (
        <Group justify="flex-end">
          <Button onClick={() => setAdding(true)} data-testid="inspection-add">
            {t('warnings.inspections.add')}
          </Button>
        </Group>
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Paper withBorder>
          <Table striped highlightOnHover data-testid="inspections-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('warnings.field.title')}</Table.Th>
                <Table.Th>{t('warnings.inspections.period')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('warnings.inspections.agencies')}</Table.Th>
                <Table.Th>{t('warnings.inspections.tasks')}</Table.Th>
                <Table.Th>{t('warnings.inspections.openTasks')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/warnings/inspections/${r.id}`}>
                      {r.title}
                    </Anchor>
                    {r.decisionNumber && (
                      <Text size="xs" c="dimmed">
                        {r.decisionNumber}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {fmtDate(r.startsOn)} – {fmtDate(r.endsOn)}
                  </Table.Td>
                  <Table.Td>
                    <InspectionStatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>{r.agencyCount}</Table.Td>
                  <Table.Td>{r.taskCount}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c={r.overdueTasks ? 'red' : undefined}>
                      {r.openTasks}
                      {r.overdueTasks ? ` (${r.overdueTasks} ${t('warnings.inspections.overdueTasks').toLowerCase()})` : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {!list.data.length && (
            <Text p="md" c="dimmed">
              {t('warnings.inspections.none')}
            </Text>
          )}
        </Paper>
      )}
      {adding && <InspectionForm onClose={() => setAdding(false)} />}
    </Stack>
  );
}

/** Plan a round (no `round`) or edit one: title, decision, dates, status, plan and the inspected agencies. */
export function InspectionForm({ round, onClose }: { round?: InspectionDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const agencies = useAgencies();
  const [v, setV] = useState({
    title: round?.title ?? '',
    decisionNumber: round?.decisionNumber ?? '',
    startsOn: round?.startsOn ?? todayVn(),
    endsOn: round?.endsOn ?? todayVn(),
    status: round?.status ?? 'planned',
    plan: round?.plan ?? '',
  });
  const [picked, setPicked] = useState<string[]>(round?.agencies.map((a) => String(a.agencyId)) ?? []);
  const save = useMutation({
    mutationFn: () => {
      const kept = new Map(round?.agencies.map((a) => [a.agencyId, a]) ?? []);
      const body = {
        ...v,
        agencies: picked.map((id) => ({
          agencyId: Number(id),
          inspectedOn: kept.get(Number(id))?.inspectedOn ?? null,
          conclusion: kept.get(Number(id))?.conclusion ?? null,
        })),
      };
      return data(round ? client.PATCH('/api/inspections/{id}', { params: { path: { id: round.id } }, body }) : client.POST('/api/inspections', { body }));
    },
    onSuccess: async (r) => {
      qc.setQueryData(['inspection', r.id], r);
      await qc.invalidateQueries({ queryKey: ['inspections'] });
      notifySaved();
      onClose();
      if (!round) await navigate(`/warnings/inspections/${r.id}`);
    },
  });
  const err = (f: string) => fieldError(save.error, f);
  const set = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value });
  return (
    <Modal opened onClose={onClose} title={round ? round.title : t('warnings.inspections.add')} size="lg">
      <Stack>
        <TextInput label={t('warnings.field.title')} value={v.title} error={err('title')} onChange={set('title')} data-testid="inspection-title" />
        <Group grow>
          <TextInput label={t('warnings.inspections.decision')} value={v.decisionNumber} onChange={set('decisionNumber')} />
          <NativeSelect
            label={t('common.status')}
            value={v.status}
            onChange={set('status')}
            data={INSPECTION_STATUSES.map((s) => ({ value: s, label: t(`warnings.inspections.status.${s}`) }))}
          />
        </Group>
        <Group grow>
          <TextInput type="date" label={t('warnings.inspections.startsOn')} value={v.startsOn} error={err('startsOn')} onChange={set('startsOn')} />
          <TextInput type="date" label={t('warnings.inspections.endsOn')} value={v.endsOn} error={err('endsOn')} onChange={set('endsOn')} />
        </Group>
        <MultiSelect
          label={t('warnings.inspections.agencies')}
          placeholder={t('warnings.inspections.pickAgencies')}
          searchable
          value={picked}
          onChange={setPicked}
          error={err('agencies')}
          data={(agencies.data ?? []).filter((a) => !a.external).map((a) => ({ value: String(a.id), label: a.name }))}
          data-testid="inspection-agencies"
        />
        <Textarea label={t('warnings.inspections.plan')} autosize minRows={3} value={v.plan} onChange={set('plan')} />
        {save.isError && !['title', 'startsOn', 'endsOn', 'agencies'].some((f) => err(f)) && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} saving={save.isPending} onSave={() => save.mutate()} testid="inspection-save" />
      </Stack>
    </Modal>
  );
}
