import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentOf, useProvinceParameters } from '../api/parameters.ts';

/** The scan and assessment intervals in effect in the province, each with the instrument it comes from. */
export function ScheduleRules({ show = ['scan', 'assessment'], size = 'sm' }: { show?: ('scan' | 'assessment')[]; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const params = useProvinceParameters();
  if (!params.data) return null;
  const scan = currentOf(params.data, 'scan.intervalMonths');
  const levels = ([1, 2, 3, 4, 5] as const).map((l) => currentOf(params.data, `assessment.intervalMonths.level${l}`));
  const parts = [
    show.includes('scan') && scan && t('warnings.facts.scanRule', { months: scan.value, source: scan.reference }),
    show.includes('assessment') &&
      levels.every(Boolean) &&
      t('warnings.facts.schedule', {
        months: levels.map((p, i) => t('warnings.facts.levelMonths', { level: i + 1, months: p!.value })).join('; '),
        source: levels[0]!.reference,
      }),
  ].filter(Boolean);
  return (
    <Text size={size} c="dimmed" data-testid="schedule-rules">
      {parts.join(' · ')}
    </Text>
  );
}
