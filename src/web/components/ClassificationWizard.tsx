import { useState, type ReactNode } from 'react';
import {
  Accordion,
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  NumberInput,
  Paper,
  Radio,
  Select,
  Stack,
  Stepper,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ClassificationAnswersSchema,
  classificationProblem,
  classifySystem,
  DEFENCE_SECURITY_HARM,
  EMPTY_ANSWERS,
  INFORMATION_KINDS,
  INFRASTRUCTURE_SCOPES,
  MAX_COMPONENTS,
  ONLINE_PUBLIC_SERVICE_LEVELS,
  questionBasis,
  SYSTEM_FUNCTIONS,
  WORKS_GRADES,
  type ClassificationAnswers,
  type SystemAnswers,
} from '../../shared/systems/levels.ts';
import { formatCitation } from '../../shared/legal/citation.ts';
import type { SystemDetail } from '../../shared/systems/schemas.ts';
import { client, data } from '../api/client.ts';
import { ErrorAlert, fieldError, LevelBadge, notifySaved } from './ui.tsx';

type Step = 'kind' | 'citizens' | 'infrastructure' | 'national';
const STEPS: Step[] = ['kind', 'citizens', 'infrastructure', 'national'];

/** Answers the inventory already suggests, for a system not classified yet. */
function fromInventory(s: SystemDetail): ClassificationAnswers {
  const citizens = s.servesPublic || s.onlinePublicService !== 'none';
  const functions: SystemAnswers['functions'] = [...(s.servesInternal ? ['internal' as const] : []), ...(citizens ? ['citizens_businesses' as const] : [])];
  const kinds = new Set(s.dataKinds);
  const information = INFORMATION_KINDS.filter((k) =>
    k === 'private'
      ? kinds.has('internal') || kinds.has('important')
      : k === 'personal'
        ? kinds.has('personal') || kinds.has('sensitive_personal')
        : kinds.has(k),
  );
  const personal = information.some((k) => k === 'private' || k === 'personal');
  return {
    ...EMPTY_ANSWERS,
    functions: functions.length ? functions : ['other'],
    information: information.length ? information : ['public'],
    onlinePublicServiceLevel: s.onlinePublicService === 'none' ? 'none' : s.onlinePublicService === 'information' ? 'up_to_2' : '3_or_above',
    onlineServiceUsersWithPersonalData: citizens && personal ? s.publicUsers : null,
  };
}

/** Clears the answers a function or an information kind no longer asks for, so no contradiction is left behind. */
function tidy(a: SystemAnswers): SystemAnswers {
  const has = (f: SystemAnswers['functions'][number]) => a.functions.includes(f);
  const personal = a.information.some((k) => k === 'private' || k === 'personal');
  return {
    ...a,
    onlinePublicServiceLevel: has('citizens_businesses') ? a.onlinePublicServiceLevel : 'none',
    conditionalBusinessService: has('citizens_businesses') && a.conditionalBusinessService,
    onlineServiceUsersWithPersonalData: has('citizens_businesses') && personal ? a.onlineServiceUsersWithPersonalData : null,
    infrastructureScope: has('infrastructure') ? a.infrastructureScope : 'none',
    industrialControlWorksGrade: has('industrial_control') ? a.industrialControlWorksGrade : 'none',
  };
}

/** The questions of one step for one set of answers (the system's or a component's); `at` prefixes test ids. */
function Questions({ step, a, onChange, ro, at }: { step: Step; a: SystemAnswers; onChange: (a: SystemAnswers) => void; ro: boolean; at: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'vi' ? 'vi' : 'en';
  const problem = classificationProblem(a);
  const set = <K extends keyof SystemAnswers>(k: K, v: SystemAnswers[K]) => onChange(tidy({ ...a, [k]: v }));
  const q = (k: keyof SystemAnswers, input: ReactNode) => (
    <Stack gap={2} key={k}>
      {input}
      {problem?.field === k && (
        <Text size="xs" c="red" data-testid={`${at}problem-${k}`}>
          {locale === 'vi' ? problem.vi : problem.en}
        </Text>
      )}
      <Text size="xs" c="dimmed" data-testid={`${at}basis-${k}`}>{`${t('classify.basis')}: ${questionBasis(k)
        .map((c) => formatCitation(c, locale))
        .join('; ')}`}</Text>
    </Stack>
  );
  const radios = <K extends keyof SystemAnswers>(k: K, options: readonly string[], label: (o: string) => string, disabled = false) =>
    q(
      k,
      <Radio.Group label={t(`classify.${k}`)} value={String(a[k])} onChange={(v) => set(k, v as SystemAnswers[K])}>
        <Stack mt="xs" gap="xs">
          {options.map((o) => (
            <Radio key={o} value={o} label={label(o)} disabled={ro || disabled} data-testid={`${at}q-${k}-${o}`} />
          ))}
        </Stack>
      </Radio.Group>,
    );
  const flag = (
    k: 'conditionalBusinessService' | 'nationalEGovernmentSystem24x7' | 'centralStorageOfEspeciallyImportantNationalData' | 'primeMinisterDesignated',
    disabled = false,
  ) =>
    q(
      k,
      <Checkbox
        label={t(`classify.${k}`)}
        checked={a[k]}
        disabled={ro || disabled}
        onChange={(e) => set(k, e.currentTarget.checked)}
        data-testid={`${at}q-${k}`}
      />,
    );
  const citizens = a.functions.includes('citizens_businesses');

  switch (step) {
    case 'kind':
      return (
        <Stack gap="md">
          {q(
            'functions',
            <Checkbox.Group label={t('classify.functions')} value={a.functions} onChange={(v) => v.length && set('functions', v as SystemAnswers['functions'])}>
              <Stack mt="xs" gap="xs">
                {SYSTEM_FUNCTIONS.map((f) => (
                  <Checkbox key={f} value={f} label={t(`classify.function.${f}`)} disabled={ro} data-testid={`${at}q-functions-${f}`} />
                ))}
              </Stack>
            </Checkbox.Group>,
          )}
          {q(
            'information',
            <Checkbox.Group
              label={t('classify.information')}
              value={a.information}
              onChange={(v) => v.length && set('information', v as SystemAnswers['information'])}
            >
              <Stack mt="xs" gap="xs">
                {INFORMATION_KINDS.map((k) => (
                  <Checkbox key={k} value={k} label={t(`classify.info.${k}`)} disabled={ro} data-testid={`${at}q-information-${k}`} />
                ))}
              </Stack>
            </Checkbox.Group>,
          )}
        </Stack>
      );
    case 'citizens':
      return (
        <Stack gap="md">
          {!citizens && (
            <Text size="sm" c="dimmed">
              {t('classify.onlyCitizens')}
            </Text>
          )}
          {radios('onlinePublicServiceLevel', ONLINE_PUBLIC_SERVICE_LEVELS, (o) => t(`classify.onlineLevel.${o}`), !citizens)}
          {flag('conditionalBusinessService', !citizens)}
          {q(
            'onlineServiceUsersWithPersonalData',
            <NumberInput
              label={t('classify.onlineServiceUsersWithPersonalData')}
              description={t('classify.usersHint')}
              value={a.onlineServiceUsersWithPersonalData ?? ''}
              min={0}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator={locale === 'vi' ? '.' : ','}
              decimalSeparator={locale === 'vi' ? ',' : '.'}
              disabled={ro || !citizens}
              data-testid={`${at}q-onlineServiceUsersWithPersonalData`}
              onChange={(v) => set('onlineServiceUsersWithPersonalData', v === '' ? null : Number(v))}
            />,
          )}
        </Stack>
      );
    case 'infrastructure':
      return (
        <Stack gap="md">
          {q(
            'infrastructureScope',
            <Select
              label={t('classify.infrastructureScope')}
              value={a.infrastructureScope}
              disabled={ro || !a.functions.includes('infrastructure')}
              allowDeselect={false}
              data-testid={`${at}q-infrastructureScope`}
              onChange={(v) => v && set('infrastructureScope', v as SystemAnswers['infrastructureScope'])}
              data={INFRASTRUCTURE_SCOPES.map((o) => ({ value: o, label: t(`classify.scope.${o}`) }))}
            />,
          )}
          {q(
            'industrialControlWorksGrade',
            <Select
              label={t('classify.industrialControlWorksGrade')}
              value={a.industrialControlWorksGrade}
              disabled={ro || !a.functions.includes('industrial_control')}
              allowDeselect={false}
              data-testid={`${at}q-industrialControlWorksGrade`}
              onChange={(v) => v && set('industrialControlWorksGrade', v as SystemAnswers['industrialControlWorksGrade'])}
              data={WORKS_GRADES.map((o) => ({ value: o, label: t(`classify.grade.${o}`) }))}
            />,
          )}
        </Stack>
      );
    case 'national':
      return (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('classify.harmHint')}
          </Text>
          {radios('defenceSecurityHarm', DEFENCE_SECURITY_HARM, (o) => t(`classify.harm.${o}`))}
          {flag('nationalEGovernmentSystem24x7')}
          {flag('centralStorageOfEspeciallyImportantNationalData')}
          {flag('primeMinisterDesignated')}
        </Stack>
      );
  }
}

/** Art. 5(2): the components, each answering every question. */
function Components({
  list,
  onChange,
  ro,
}: {
  list: NonNullable<ClassificationAnswers['components']>;
  onChange: (l: NonNullable<ClassificationAnswers['components']>) => void;
  ro: boolean;
}) {
  const { t } = useTranslation();
  const update = (i: number, c: (typeof list)[number]) => onChange(list.map((x, j) => (j === i ? c : x)));
  return (
    <Stack gap="sm">
      <Text size="sm">{t('classify.components')}</Text>
      <Text size="xs" c="dimmed">{`${t('classify.basis')}: ${formatCitation({ instrument: 'decree-85-2016', article: 5, clause: 2 })}`}</Text>
      {!list.length && (
        <Text size="sm" c="dimmed">
          {t('classify.componentsNone')}
        </Text>
      )}
      <Accordion variant="separated">
        {list.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: components have no id; the position is their identity while editing.
          <Accordion.Item key={i} value={String(i)}>
            <Accordion.Control data-testid={`component-${i}`}>
              <Group gap="xs">
                {c.name || `${t('classify.component')} ${i + 1}`}
                <LevelBadge level={classifySystem(c.answers).level} />
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="md">
                <TextInput
                  label={t('classify.componentName')}
                  value={c.name}
                  disabled={ro}
                  data-testid={`component-${i}-name`}
                  onChange={(e) => update(i, { ...c, name: e.currentTarget.value })}
                />
                {STEPS.map((s) => (
                  <Questions key={s} step={s} a={c.answers} ro={ro} at={`component-${i}-`} onChange={(answers) => update(i, { ...c, answers })} />
                ))}
                {!ro && (
                  <Button variant="subtle" color="red" onClick={() => onChange(list.filter((_, j) => j !== i))}>
                    {t('classify.componentRemove')}
                  </Button>
                )}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      {!ro && list.length < MAX_COMPONENTS && (
        <Button variant="default" onClick={() => onChange([...list, { name: '', answers: EMPTY_ANSWERS }])} data-testid="component-add">
          {t('classify.componentAdd')}
        </Button>
      )}
    </Stack>
  );
}

/**
 * The Decree 85/2016 questions step by step, each with the clauses it decides. The rules run here as they do on the
 * server (one shared function), so the result and its grounds show as the user answers.
 */
export function ClassificationWizard({ system }: { system: SystemDetail }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'vi' ? 'vi' : 'en';
  const qc = useQueryClient();
  const stored = ClassificationAnswersSchema.safeParse(system.classification);
  const [a, setA] = useState<ClassificationAnswers>(stored.success ? stored.data : fromInventory(system));
  const [step, setStep] = useState(0);
  const result = classifySystem(a);
  // The proposal follows the computed level until the user deliberately proposes another one.
  const [override, setOverride] = useState<number | null>(system.proposedLevel !== system.computedLevel ? system.proposedLevel : null);
  const proposed = override ?? result.level;
  const [justification, setJustification] = useState(system.levelJustification ?? '');
  const save = useMutation({
    mutationFn: () =>
      data(
        client.PUT('/api/systems/{id}/classification', { params: { path: { id: system.id } }, body: { answers: a, proposedLevel: proposed, justification } }),
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['system', system.id] });
      await qc.invalidateQueries({ queryKey: ['systems'] });
      notifySaved();
    },
  });
  const ro = !system.can.edit;
  const problem = classificationProblem(a);
  const { components, ...own } = a;
  const setOwn = (answers: SystemAnswers) => setA({ ...answers, ...(components ? { components } : {}) });

  return (
    <Paper withBorder p="md">
      <Title order={4} mb="md">
        {t('classify.title')}
      </Title>
      <Stepper active={step} onStepClick={setStep} size="sm">
        {STEPS.map((s) => (
          <Stepper.Step key={s} label={t(`classify.step.${s}`)}>
            <Questions step={s} a={own} onChange={setOwn} ro={ro} at="" />
          </Stepper.Step>
        ))}
        <Stepper.Step label={t('classify.step.components')}>
          <Components list={components ?? []} ro={ro} onChange={(l) => setA({ ...own, ...(l.length ? { components: l } : {}) })} />
        </Stepper.Step>
      </Stepper>

      <Alert mt="md" color="blue" data-testid="classification-result">
        <Group gap="xs">
          <Text>{t('classify.result')}</Text>
          <LevelBadge level={result.level} />
        </Group>
        <Text size="sm" mt="xs" fw={500}>
          {t('classify.reasons')}:
        </Text>
        <List size="sm">
          {result.reasons.map((r) => (
            <List.Item key={`${r.ruleId}-${r.component ?? ''}`}>
              {r.component && r.ruleId !== '5.2' ? `${t('classify.component')} “${r.component}”: ` : ''}
              {locale === 'vi' ? r.vi : r.en} — <i>{formatCitation(r.citation, locale)}</i>
            </List.Item>
          ))}
        </List>
      </Alert>

      {!ro && (
        <Stack mt="md">
          <Select
            label={t('classify.propose')}
            w={200}
            value={String(proposed)}
            onChange={(v) => setOverride(v && Number(v) !== result.level ? Number(v) : null)}
            data-testid="proposed-level"
            data={[1, 2, 3, 4, 5].map((l) => ({ value: String(l), label: `${t('common.level')} ${l}` }))}
          />
          {proposed !== result.level && (
            <Textarea
              label={t('classify.justification')}
              description={t('classify.justificationHint')}
              value={justification}
              autosize
              minRows={3}
              error={fieldError(save.error, 'justification')}
              onChange={(e) => setJustification(e.currentTarget.value)}
              data-testid="justification"
            />
          )}
          {problem && (
            <Text size="sm" c="red" data-testid="classification-problem">
              {locale === 'vi' ? problem.vi : problem.en}
            </Text>
          )}
          {save.isError && !fieldError(save.error, 'justification') && <ErrorAlert error={save.error} />}
          <Group justify="space-between">
            <Group>
              <Button variant="default" disabled={step === 0} onClick={() => setStep(step - 1)}>
                {t('classify.prev')}
              </Button>
              <Button variant="default" disabled={step >= STEPS.length} onClick={() => setStep(step + 1)}>
                {t('classify.next')}
              </Button>
            </Group>
            <Button loading={save.isPending} disabled={!!problem} onClick={() => save.mutate()} data-testid="classification-save">
              {t('classify.save')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
