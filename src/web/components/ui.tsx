import { Alert, Badge, Button, Center, Group, Loader } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n/index.ts';
import { ApiError } from '../api/client.ts';

/** The API's message in the UI language. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return i18n.language === 'vi' ? e.messageVi : e.message;
  return e instanceof Error ? e.message : String(e);
}

export const notifyError = (e: unknown) => notifications.show({ color: 'red', message: errorText(e) });
export const notifySaved = (message?: string) => notifications.show({ color: 'green', message: message ?? i18n.t('common.saved') });

/** Field errors for a Mantine form from a 400 answer naming the field. */
export function fieldError(e: unknown, field: string): string | undefined {
  return e instanceof ApiError && e.field === field ? errorText(e) : undefined;
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center p="xl">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

export function ErrorAlert({ error }: { error: unknown }) {
  return (
    <Alert color="red" title={error instanceof ApiError && error.status === 404 ? i18n.t('common.notFound') : undefined}>
      {errorText(error)}
    </Alert>
  );
}

/** Cancel and Save at the foot of a form. */
export function FormButtons({ onCancel, onSave, saving, testid }: { onCancel: () => void; onSave: () => void; saving: boolean; testid?: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button loading={saving} onClick={onSave} data-testid={testid}>
        {t('common.save')}
      </Button>
    </Group>
  );
}

const LEVEL_COLORS = ['gray', 'teal', 'blue', 'orange', 'red', 'grape'];
export function LevelBadge({ level, approved }: { level: number | null | undefined; approved?: boolean }) {
  const { t } = useTranslation();
  if (!level)
    return (
      <Badge color="gray" variant="outline">
        {t('systems.unclassified')}
      </Badge>
    );
  return <Badge color={LEVEL_COLORS[level]} variant={approved ? 'filled' : 'light'}>{`${t('common.level')} ${level}`}</Badge>;
}

const STATE_COLORS: Record<string, string> = {
  draft: 'gray',
  awaiting_opinion: 'grape',
  submitted: 'blue',
  under_appraisal: 'indigo',
  appraised: 'cyan',
  listed: 'teal',
  returned: 'orange',
  approved: 'green',
};
export function DossierBadge({ state }: { state: string | null }) {
  const { t } = useTranslation();
  if (!state)
    return (
      <Badge color="gray" variant="outline">
        {t('common.none')}
      </Badge>
    );
  return (
    <Badge color={STATE_COLORS[state]} variant="light">
      {t(`dossier.state.${state}`)}
    </Badge>
  );
}
