import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HuntResult, HuntStatus } from '../../../shared/hunts/rules.ts';

const STATUS_COLORS: Record<HuntStatus, string> = { planned: 'gray', in_progress: 'blue', completed: 'green' };
const RESULT_COLORS: Record<HuntResult, string> = { no_threat: 'teal', threat_found: 'red', inconclusive: 'yellow' };

export function HuntStatusBadge({ status }: { status: HuntStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" data-testid="hunt-status">
      {t(`hunts.statuses.${status}`)}
    </Badge>
  );
}

export function HuntResultBadge({ result }: { result: HuntResult | null }) {
  const { t } = useTranslation();
  if (!result) return null;
  return (
    <Badge color={RESULT_COLORS[result]} data-testid="hunt-result">
      {t(`hunts.results.${result}`)}
    </Badge>
  );
}
