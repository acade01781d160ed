import { useState } from 'react';
import { Alert, Button, Checkbox, Group, List, Paper, Radio, Select, Stack, Stepper, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { classifySystem, DATA_KINDS, EMPTY_ANSWERS, type ClassificationAnswers } from '../../shared/systems/levels.ts';
import type { SystemDetail } from '../../shared/systems/schemas.ts';
import { put } from '../api/client.ts';
import { ErrorAlert, fieldError, LevelBadge, notifySaved } from './ui.tsx';

/**
 * The Decree 85/2016 questions step by step. The rules run here as they do on the server (one shared
 * function), so the result and its grounds show as the user answers.
 */
export function ClassificationWizard({ system }: { system: SystemDetail }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const initial = (system.classification as ClassificationAnswers | null) ?? {
    ...EMPTY_ANSWERS, dataKinds: system.dataKinds.length ? system.dataKinds : EMPTY_ANSWERS.dataKinds, onlinePublicService: system.onlinePublicService,
    usersServed: { internal: system.servesInternal, otherAgencies: system.servesOtherAgencies, public: system.servesPublic },
  };
  const [a, setA] = useState<ClassificationAnswers>(initial);
  const [step, setStep] = useState(0);
  const result = classifySystem(a);
  // The proposal follows the computed level until the user deliberately proposes another one.
  const [override, setOverride] = useState<number | null>(system.proposedLevel !== system.computedLevel ? system.proposedLevel : null);
  const proposed = override ?? result.level;
  const [justification, setJustification] = useState(system.levelJustification ?? '');
  const save = useMutation({
    mutationFn: () => put(`/api/systems/${system.id}/classification`, { answers: a, proposedLevel: proposed, justification }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['system', system.id] });
      await qc.invalidateQueries({ queryKey: ['systems'] });
      notifySaved();
    },
  });
  const ro = !system.can.edit;
  const flag = (k: 'sectorWide' | 'nationalDatabase' | 'nationalSecurityImpact' | 'nationalImportantList') => (
    <Checkbox label={t(`classify.${k}`)} checked={a[k]} disabled={ro} onChange={(e) => setA({ ...a, [k]: e.currentTarget.checked })} data-testid={`q-${k}`} />
  );

  return (
    <Paper withBorder p="md">
      <Title order={4} mb="md">{t('classify.title')}</Title>
      <Stepper active={step} onStepClick={setStep} size="sm">
        <Stepper.Step label={t('classify.step1')}>
          <Checkbox.Group label={t('systems.dataKinds')} value={a.dataKinds} onChange={(d) => setA({ ...a, dataKinds: d as ClassificationAnswers['dataKinds'] })}>
            <Stack mt="xs" gap="xs">{DATA_KINDS.map((k) => <Checkbox key={k} value={k} label={t(`dataKind.${k}`)} disabled={ro} data-testid={`q-data-${k}`} />)}</Stack>
          </Checkbox.Group>
        </Stepper.Step>
        <Stepper.Step label={t('classify.step2')}>
          <Stack gap="xs">
            <Text size="sm" fw={500}>{t('systems.served')}</Text>
            {(['internal', 'otherAgencies', 'public'] as const).map((k) => (
              <Checkbox key={k} disabled={ro} label={t(`systems.serves${k[0]!.toUpperCase()}${k.slice(1)}`)} checked={a.usersServed[k]}
                onChange={(e) => setA({ ...a, usersServed: { ...a.usersServed, [k]: e.currentTarget.checked } })} />
            ))}
            <Radio.Group label={t('systems.onlineService')} value={a.onlinePublicService} onChange={(v) => setA({ ...a, onlinePublicService: v as ClassificationAnswers['onlinePublicService'] })}>
              <Group mt="xs">{(['none', 'information', 'partial', 'full'] as const).map((o) => <Radio key={o} value={o} label={t(`online.${o}`)} disabled={ro} data-testid={`q-online-${o}`} />)}</Group>
            </Radio.Group>
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t('classify.step3')}>
          <Stack gap="xs">
            <Select label={t('classify.shared')} value={a.sharedInfrastructure} disabled={ro} data-testid="q-shared"
              onChange={(v) => setA({ ...a, sharedInfrastructure: (v ?? 'none') as ClassificationAnswers['sharedInfrastructure'] })}
              data={(['none', 'agency', 'provincial', 'national'] as const).map((o) => ({ value: o, label: t(`classify.sharedOpt.${o}`) }))} />
            <Select label={t('classify.control')} value={a.industrialControl} disabled={ro}
              onChange={(v) => setA({ ...a, industrialControl: (v ?? 'none') as ClassificationAnswers['industrialControl'] })}
              data={(['none', 'local', 'critical'] as const).map((o) => ({ value: o, label: t(`classify.controlOpt.${o}`) }))} />
            {flag('sectorWide')}
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t('classify.step4')}>
          <Stack gap="xs">{flag('nationalDatabase')}{flag('nationalSecurityImpact')}{flag('nationalImportantList')}</Stack>
        </Stepper.Step>
        <Stepper.Completed>{null}</Stepper.Completed>
      </Stepper>

      <Alert mt="md" color="blue" data-testid="classification-result">
        <Group gap="xs"><Text>{t('classify.result')}</Text><LevelBadge level={result.level} /></Group>
        <Text size="sm" mt="xs" fw={500}>{t('classify.reasons')}:</Text>
        <List size="sm">{result.reasons.map((r) => <List.Item key={r.ruleId}>{i18n.language === 'vi' ? r.vi : r.en} — <i>{r.article}</i></List.Item>)}</List>
      </Alert>

      {!ro && (
        <Stack mt="md">
          <Select label={t('classify.propose')} w={200} value={String(proposed)} onChange={(v) => setOverride(v && Number(v) !== result.level ? Number(v) : null)} data-testid="proposed-level"
            data={[1, 2, 3, 4, 5].map((l) => ({ value: String(l), label: `${t('common.level')} ${l}` }))} />
          {proposed !== result.level && (
            <Textarea label={t('classify.justification')} description={t('classify.justificationHint')} value={justification} autosize minRows={3}
              error={fieldError(save.error, 'justification')} onChange={(e) => setJustification(e.currentTarget.value)} data-testid="justification" />
          )}
          {save.isError && !fieldError(save.error, 'justification') && <ErrorAlert error={save.error} />}
          <Group justify="space-between">
            <Group>
              <Button variant="default" disabled={step === 0} onClick={() => setStep(step - 1)}>{t('classify.prev')}</Button>
              <Button variant="default" disabled={step >= 4} onClick={() => setStep(step + 1)}>{t('classify.next')}</Button>
            </Group>
            <Button loading={save.isPending} onClick={() => save.mutate()} data-testid="classification-save">{t('classify.save')}</Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
