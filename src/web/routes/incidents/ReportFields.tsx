import { ActionIcon, Button, Checkbox, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { HANDLING_CAPACITIES, INCIDENT_EFFECTS, type HandlingCapacity, type IncidentEffect } from '../../../shared/incidents/vocabulary.ts';
import { REPORT_RECIPIENTS } from '../../../shared/incidents/recipients.ts';

/** The effects of Decision 05/2017 Art. 9(1) a–đ: what the reporter ticks instead of a "serious" box. */
export function EffectsField({ value, onChange, error }: { value: IncidentEffect[]; onChange: (v: IncidentEffect[]) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      label={t('incidents.form.effects')}
      description={t('incidents.form.seriousHint')}
      value={value}
      error={error}
      onChange={(v) => onChange(v as IncidentEffect[])}
      data-testid="report-effects"
    >
      <Stack gap={4} mt={4}>
        {INCIDENT_EFFECTS.map((e) => (
          <Checkbox key={e} value={e} label={t(`incidents.effect.${e}`)} data-testid={`report-effect-${e}`} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

export function CapacityField({ value, onChange, error }: { value: HandlingCapacity; onChange: (v: HandlingCapacity) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={t('incidents.form.capacity')}
      value={value}
      error={error}
      onChange={(v) => onChange(v as HandlingCapacity)}
      data-testid="report-capacity"
    >
      <Stack gap={4} mt={4}>
        {HANDLING_CAPACITIES.map((c) => (
          <Radio key={c} value={c} label={t(`incidents.capacity.${c}`)} data-testid={`report-capacity-${c}`} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

export type Organization = { name: string; result: string };

/** Organisations supporting the response and their results, one row each. */
export function OrganizationsField({
  label,
  value,
  onChange,
  fieldError,
}: {
  label: string;
  value: Organization[];
  onChange: (v: Organization[]) => void;
  fieldError: (f: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const set = (i: number, part: Partial<Organization>) => onChange(value.map((o, k) => (k === i ? { ...o, ...part } : o)));
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {value.map((o, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; they are edited in place.
        <Group key={i} align="flex-start" grow>
          <TextInput
            placeholder={t('incidents.form.orgName')}
            value={o.name}
            error={fieldError(`supportingOrganizations.${i}.name`)}
            onChange={(e) => set(i, { name: e.currentTarget.value })}
            data-testid={`org-name-${i}`}
          />
          <TextInput
            placeholder={t('incidents.form.orgResult')}
            value={o.result}
            error={fieldError(`supportingOrganizations.${i}.result`)}
            onChange={(e) => set(i, { result: e.currentTarget.value })}
            data-testid={`org-result-${i}`}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            style={{ flexGrow: 0 }}
            aria-label={t('incidents.form.removeOrg')}
            onClick={() => onChange(value.filter((_, k) => k !== i))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="light" onClick={() => onChange([...value, { name: '', result: '' }])} data-testid="org-add">
          {t('incidents.form.addOrg')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Every recipient the texts name, shown ticked and fixed: none can be left out. */
export function FixedRecipients() {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="report-recipients">
      <Text size="sm" fw={500}>
        {t('incidents.form.recipients')}
      </Text>
      {REPORT_RECIPIENTS.map((r) => (
        <Checkbox key={r} checked disabled readOnly label={t(`incidents.recipient.${r}`)} data-testid={`report-recipient-${r}`} />
      ))}
    </Stack>
  );
}
