import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssignmentStatus } from '../../../shared/directives/tasks.ts';
import { daysLeft } from '../../../shared/directives/tasks.ts';
import { deadlineState } from '../../../shared/core/recurrence.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { fmtDate } from '../../i18n/index.ts';

const STATUS_COLORS: Record<AssignmentStatus, string> = {
  not_started: 'gray',
  in_progress: 'blue',
  submitted: 'cyan',
  returned: 'orange',
  completed: 'green',
};

export function StatusBadge({ status }: { status: AssignmentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {t(`directives.status.${status}`)}
    </Badge>
  );
}

/** The due date, and how far it is: overdue tasks are flagged red wherever they appear. */
export function DueDate({ dueOn, overdue, status }: { dueOn: string | null; overdue: boolean; status: AssignmentStatus }) {
  const { t } = useTranslation();
  if (!dueOn) return <Text size="sm">—</Text>;
  const left = daysLeft(dueOn, todayVn());
  const state = deadlineState(dueOn);
  const open = status !== 'completed' && status !== 'submitted';
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c={overdue ? 'red' : undefined} fw={overdue ? 600 : undefined}>
        {fmtDate(dueOn)}
      </Text>
      {overdue && (
        <Badge color="red" size="sm" data-testid="overdue-badge">
          {t('directives.overdue')} · {t('directives.daysLate', { count: -left })}
        </Badge>
      )}
      {open && state === 'due_today' && (
        <Badge color="orange" size="sm">
          {t('directives.dueToday')}
        </Badge>
      )}
      {open && state === 'due_soon' && (
        <Badge color="yellow" size="sm">
          {t('directives.daysLeft', { count: left })}
        </Badge>
      )}
    </Group>
  );
}
