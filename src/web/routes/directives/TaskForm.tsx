import { useMemo, useState } from 'react';
import { Group, Modal, MultiSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { resolveAssignees } from '../../../shared/directives/tasks.ts';
import type { DeadlineRule } from '../../../shared/core/recurrence.ts';
import { client, data } from '../../api/client.ts';
import { useAgencies, useAgencyKinds } from '../../api/agencies.ts';
import { ErrorAlert, fieldError, FormButtons, notifySaved } from '../../components/ui.tsx';
import { DeadlineInput } from './DeadlineInput.tsx';
import type { DirectiveT } from './types.ts';

type Task = DirectiveT['tasks'][number];

/** Add a task to a directive (no `task`) or edit one: text, clause, agencies by kind or by name, deadline rule, evidence. */
export function TaskForm({ directiveId, task, onClose }: { directiveId: number; task?: Task; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const kinds = useAgencyKinds();
  const agencies = useAgencies();
  const [v, setV] = useState({
    code: task?.code ?? '',
    text: task?.text ?? '',
    legalClause: task?.legalClause ?? '',
    assigneesText: task?.assigneesText ?? '',
    expectedEvidence: task?.expectedEvidence ?? '',
    assignKinds: task?.assignKinds ?? [],
    assignAgencyIds: task?.assignAgencyIds ?? [],
    deadline: (task?.deadline as DeadlineRule | undefined) ?? ({ kind: 'once', date: '' } as DeadlineRule),
  });
  // The same rule as the server, so the count shown is the count assigned.
  const count = useMemo(
    () => resolveAssignees(agencies.data ?? [], { kinds: v.assignKinds, agencyIds: v.assignAgencyIds }).length,
    [agencies.data, v.assignKinds, v.assignAgencyIds],
  );
  const save = useMutation({
    mutationFn: () =>
      data(
        task
          ? client.PATCH('/api/tasks/{id}', { params: { path: { id: task.id } }, body: v })
          : client.POST('/api/directives/{id}/tasks', { params: { path: { id: directiveId } }, body: v }),
      ),
    onSuccess: async (d) => {
      qc.setQueryData(['directive', directiveId], d);
      await qc.invalidateQueries({ queryKey: ['tasks'] });
      await qc.invalidateQueries({ queryKey: ['directives'] });
      notifySaved();
      onClose();
    },
  });
  const err = (f: string) => fieldError(save.error, f);
  const en = i18n.language === 'en';
  return (
    <Modal opened onClose={onClose} title={task ? t('directives.task.edit') : t('directives.task.add')} size="xl">
      <Stack>
        <Group grow align="flex-start">
          <TextInput label={t('directives.task.code')} maw={120} value={v.code} onChange={(e) => setV({ ...v, code: e.currentTarget.value })} />
          <TextInput
            label={t('directives.task.clause')}
            value={v.legalClause}
            onChange={(e) => setV({ ...v, legalClause: e.currentTarget.value })}
            data-testid="task-clause"
          />
        </Group>
        <Textarea
          label={t('directives.task.text')}
          autosize
          minRows={3}
          value={v.text}
          error={err('text')}
          onChange={(e) => setV({ ...v, text: e.currentTarget.value })}
          data-testid="task-text"
        />
        <TextInput
          label={t('directives.task.addressed')}
          description={t('directives.task.addressedHint')}
          value={v.assigneesText}
          error={err('assigneesText')}
          onChange={(e) => setV({ ...v, assigneesText: e.currentTarget.value })}
        />
        <Text size="sm" fw={500}>
          {t('directives.task.assignees')}
        </Text>
        <MultiSelect
          label={t('directives.task.byKind')}
          searchable
          value={v.assignKinds}
          error={err('assignKinds')}
          onChange={(k) => setV({ ...v, assignKinds: k })}
          data={(kinds.data ?? []).map((k) => ({ value: k.code, label: en ? k.nameEn : k.nameVi }))}
          data-testid="task-kinds"
        />
        <MultiSelect
          label={t('directives.task.byName')}
          searchable
          value={v.assignAgencyIds.map(String)}
          error={err('assignAgencyIds')}
          onChange={(ids) => setV({ ...v, assignAgencyIds: ids.map(Number) })}
          data={(agencies.data ?? []).filter((a) => a.active).map((a) => ({ value: String(a.id), label: a.name }))}
          data-testid="task-agencies"
        />
        <Text size="sm" c={count ? 'blue' : 'dimmed'} data-testid="task-assignee-count">
          {t('directives.task.willAssign', { count })}
        </Text>
        <DeadlineInput value={v.deadline} onChange={(deadline) => setV({ ...v, deadline })} error={err('deadline') ?? err('deadline.date')} />
        <Textarea
          label={t('directives.task.evidence')}
          autosize
          minRows={2}
          value={v.expectedEvidence}
          onChange={(e) => setV({ ...v, expectedEvidence: e.currentTarget.value })}
          data-testid="task-evidence"
        />
        {save.isError && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} saving={save.isPending} onSave={() => save.mutate()} testid="task-save" />
      </Stack>
    </Modal>
  );
}
