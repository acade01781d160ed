import { Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DEADLINE_KINDS, describeRule, nextOccurrence, type DeadlineRule } from '../../../shared/core/recurrence.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { fmtDate } from '../../i18n/index.ts';

const DEFAULTS: Record<DeadlineRule['kind'], DeadlineRule> = {
  once: { kind: 'once', date: '' },
  yearly: { kind: 'yearly', month: 12, day: 15 },
  quarterly: { kind: 'quarterly', day: 20, monthOfQuarter: 3 },
  every_months: { kind: 'every_months', months: 6, from: '' },
  standing: { kind: 'standing' },
};

/** Edits a deadline rule and shows it in words with its next due date (the same shared rules as the server). */
export function DeadlineInput({ value, onChange, error }: { value: DeadlineRule; onChange: (rule: DeadlineRule) => void; error?: string }) {
  const { t, i18n } = useTranslation();
  const num = (v: string | number) => (typeof v === 'number' ? v : Number(v) || 1);
  const complete = value.kind === 'once' ? !!value.date : value.kind === 'every_months' ? !!value.from : true;
  const next = complete ? nextOccurrence(value, todayVn()) : null;
  const until = value.kind !== 'once' && value.kind !== 'standing' && (
    <TextInput
      type="date"
      label={t('directives.deadline.until')}
      value={value.until ?? ''}
      onChange={(e) => onChange({ ...value, until: e.currentTarget.value || null })}
    />
  );
  return (
    <Stack gap={6}>
      <Group grow align="flex-start">
        <Select
          label={t('directives.task.deadline')}
          value={value.kind}
          allowDeselect={false}
          onChange={(k) => k && onChange(DEFAULTS[k as DeadlineRule['kind']])}
          data={DEADLINE_KINDS.map((k) => ({ value: k, label: t(`directives.deadline.${k}`) }))}
          data-testid="deadline-kind"
          error={error}
        />
        {value.kind === 'once' && (
          <TextInput
            type="date"
            label={t('directives.deadline.date')}
            value={value.date}
            onChange={(e) => onChange({ ...value, date: e.currentTarget.value })}
            data-testid="deadline-date"
          />
        )}
        {value.kind === 'yearly' && (
          <>
            <NumberInput
              label={t('directives.deadline.day')}
              min={1}
              max={31}
              value={value.day}
              onChange={(d) => onChange({ ...value, day: num(d) })}
              data-testid="deadline-day"
            />
            <NumberInput
              label={t('directives.deadline.month')}
              min={1}
              max={12}
              value={value.month}
              onChange={(m) => onChange({ ...value, month: num(m) })}
              data-testid="deadline-month"
            />
          </>
        )}
        {value.kind === 'quarterly' && (
          <>
            <NumberInput
              label={t('directives.deadline.day')}
              min={1}
              max={31}
              value={value.day}
              onChange={(d) => onChange({ ...value, day: num(d) })}
              data-testid="deadline-day"
            />
            <Select
              label={t('directives.deadline.monthOfQuarter')}
              allowDeselect={false}
              value={String(value.monthOfQuarter)}
              onChange={(m) => m && onChange({ ...value, monthOfQuarter: Number(m) })}
              data={[1, 2, 3].map((m) => ({ value: String(m), label: t(`directives.deadline.monthsOfQuarter.${m}`) }))}
            />
          </>
        )}
        {value.kind === 'every_months' && (
          <>
            <NumberInput
              label={t('directives.deadline.months')}
              min={1}
              max={60}
              value={value.months}
              onChange={(m) => onChange({ ...value, months: num(m) })}
              data-testid="deadline-months"
            />
            <TextInput
              type="date"
              label={t('directives.deadline.from')}
              value={value.from}
              onChange={(e) => onChange({ ...value, from: e.currentTarget.value })}
              data-testid="deadline-from"
            />
          </>
        )}
        {until}
      </Group>
      {complete && (
        <Text size="sm" c="dimmed" data-testid="deadline-preview">
          {describeRule(value, i18n.language === 'en' ? 'en' : 'vi')}
          {value.kind !== 'standing' && ` · ${next ? t('directives.deadline.next', { date: fmtDate(next) }) : t('directives.deadline.noNext')}`}
        </Text>
      )}
    </Stack>
  );
}
