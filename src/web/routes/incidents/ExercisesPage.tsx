import { useState } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, Paper, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EXERCISE_KINDS, EXERCISE_OUTCOMES } from '../../../shared/incidents/vocabulary.ts';
import { client, data } from '../../api/client.ts';
import { useAgencies } from '../../api/agencies.ts';
import { useReadiness } from '../../api/incidents.ts';
import { useMe } from '../../auth.ts';
import { fmtDate } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, FormButtons, Loading, notifySaved } from '../../components/ui.tsx';
import type { ExerciseRow } from './types.ts';
import { Tag } from './badges.tsx';

const OUTCOME_COLORS = { achieved: 'green', partially: 'orange', not_achieved: 'red' } as const;

/** Exercises (diễn tập) with their systems; level 3+ systems must take part every 12 months. */
export function ExercisesPage() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<ExerciseRow | 'new' | null>(null);
  const exercises = useQuery({ queryKey: ['response-exercises'], queryFn: () => data(client.GET('/api/response-exercises')) });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('incidents.exercises.title')}</Title>
        <Button onClick={() => setEditing('new')} data-testid="exercise-add">
          {t('incidents.exercises.add')}
        </Button>
      </Group>
      <Alert color="blue">{t('incidents.exercises.rule')}</Alert>
      {exercises.isPending ? (
        <Loading />
      ) : exercises.isError ? (
        <ErrorAlert error={exercises.error} />
      ) : (
        <Paper withBorder>
          <Table striped data-testid="exercises-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('incidents.exercises.heldOn')}</Table.Th>
                <Table.Th>{t('incidents.exercises.name')}</Table.Th>
                <Table.Th>{t('incidents.exercises.organizer')}</Table.Th>
                <Table.Th>{t('incidents.exercises.systems')}</Table.Th>
                <Table.Th>{t('incidents.exercises.outcomeLabel')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {exercises.data.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{fmtDate(e.heldOn)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.title}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`incidents.exercises.kind.${e.kind}`)} · {e.scenario}
                    </Text>
                    {e.findings && (
                      <Text size="xs">
                        {t('incidents.exercises.findings')}: {e.findings}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.agencyName}</Text>
                  </Table.Td>
                  <Table.Td>
                    {e.systems.map((s) => (
                      <Text key={s.id} size="xs">
                        • {s.name}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    <Tag color={OUTCOME_COLORS[e.outcome]} variant="light">
                      {t(`incidents.exercises.outcome.${e.outcome}`)}
                    </Tag>
                  </Table.Td>
                  <Table.Td>
                    {e.can.edit && (
                      <Button size="xs" variant="subtle" onClick={() => setEditing(e)}>
                        {t('common.edit')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && <ExerciseForm exercise={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function ExerciseForm({ exercise, onClose }: { exercise?: ExerciseRow; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const qc = useQueryClient();
  const agencies = useAgencies();
  const readiness = useReadiness();
  const [v, setV] = useState({
    agencyId: String(exercise?.agencyId ?? me.agencyId),
    title: exercise?.title ?? '',
    heldOn: exercise?.heldOn ?? '',
    kind: exercise?.kind ?? 'live_fire',
    scenario: exercise?.scenario ?? '',
    participants: exercise?.participants ?? '',
    outcome: exercise?.outcome ?? 'achieved',
    findings: exercise?.findings ?? '',
    systemIds: (exercise?.systemIds ?? []).map(String),
  });
  const save = useMutation({
    mutationFn: () => {
      const body = { ...v, agencyId: Number(v.agencyId), systemIds: v.systemIds.map(Number) };
      if (!exercise) return data(client.POST('/api/response-exercises', { body }));
      const { agencyId: _a, ...patch } = body;
      return data(client.PATCH('/api/response-exercises/{id}', { params: { path: { id: exercise.id } }, body: patch }));
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['response-exercises'] });
      await qc.invalidateQueries({ queryKey: ['incident-readiness'] });
      notifySaved();
      onClose();
    },
  });
  const err = (f: string) => fieldError(save.error, f);
  return (
    <Modal opened onClose={onClose} title={exercise ? exercise.title : t('incidents.exercises.add')} size="xl">
      <Stack>
        <Group grow>
          <Select
            label={t('incidents.exercises.organizer')}
            searchable
            disabled={!!exercise}
            value={v.agencyId}
            onChange={(a) => a && setV({ ...v, agencyId: a })}
            data={(agencies.data ?? []).filter((a) => !a.external && a.can.recordExercises).map((a) => ({ value: String(a.id), label: a.name }))}
          />
          <TextInput
            type="date"
            label={t('incidents.exercises.heldOn')}
            value={v.heldOn}
            error={err('heldOn')}
            onChange={(e) => setV({ ...v, heldOn: e.currentTarget.value })}
            data-testid="exercise-date"
          />
        </Group>
        <TextInput
          label={t('incidents.exercises.name')}
          value={v.title}
          error={err('title')}
          onChange={(e) => setV({ ...v, title: e.currentTarget.value })}
          data-testid="exercise-title"
        />
        <Group grow>
          <Select
            label={`${t('incidents.exercises.kind.live_fire')} / ${t('incidents.exercises.kind.tabletop')}`}
            value={v.kind}
            onChange={(k) => k && setV({ ...v, kind: k as typeof v.kind })}
            data={EXERCISE_KINDS.map((k) => ({ value: k, label: t(`incidents.exercises.kind.${k}`) }))}
          />
          <Select
            label={t('incidents.exercises.outcomeLabel')}
            value={v.outcome}
            onChange={(o) => o && setV({ ...v, outcome: o as typeof v.outcome })}
            data={EXERCISE_OUTCOMES.map((o) => ({ value: o, label: t(`incidents.exercises.outcome.${o}`) }))}
          />
        </Group>
        <Textarea
          label={t('incidents.exercises.scenario')}
          autosize
          minRows={2}
          value={v.scenario}
          error={err('scenario')}
          onChange={(e) => setV({ ...v, scenario: e.currentTarget.value })}
          data-testid="exercise-scenario"
        />
        <Textarea
          label={t('incidents.exercises.participants')}
          autosize
          minRows={2}
          value={v.participants}
          error={err('participants')}
          onChange={(e) => setV({ ...v, participants: e.currentTarget.value })}
          data-testid="exercise-participants"
        />
        <MultiSelect
          label={t('incidents.exercises.systems')}
          searchable
          value={v.systemIds}
          error={err('systemIds')}
          onChange={(ids) => setV({ ...v, systemIds: ids })}
          data={(readiness.data?.systems ?? []).map((s) => ({ value: String(s.systemId), label: `${s.name} (${s.code})` }))}
          data-testid="exercise-systems"
        />
        <Textarea
          label={t('incidents.exercises.findings')}
          autosize
          minRows={2}
          value={v.findings}
          onChange={(e) => setV({ ...v, findings: e.currentTarget.value })}
        />
        {save.isError && !['heldOn', 'title', 'scenario', 'participants', 'systemIds'].some((f) => err(f)) && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} saving={save.isPending} onSave={() => save.mutate()} testid="exercise-save" />
      </Stack>
    </Modal>
  );
}
