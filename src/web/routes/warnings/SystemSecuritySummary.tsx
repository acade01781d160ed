import { Anchor, Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSystemSecurity } from '../../api/warnings.ts';
import { fmtDate } from '../../i18n/index.ts';
import { NO_SHRINK } from './ui.tsx';

/** One line for a system's page: last scan, next assessment due (red when overdue), open findings; links to the details. */
export function SystemSecuritySummary({ systemId }: { systemId: number }) {
  const { t } = useTranslation();
  const facts = useSystemSecurity(systemId);
  if (!facts.data) return null;
  const f = facts.data;
  const open = f.openFindings.critical + f.openFindings.high + f.openFindings.medium + f.openFindings.low;
  return (
    <Group gap="xs" data-testid="system-security-summary">
      <Text size="sm">
        {t('warnings.facts.lastScan')}: {f.lastScanOn ? fmtDate(f.lastScanOn) : t('warnings.facts.never')}
      </Text>
      {f.scanOverdue && (
        <Badge color="red" size="sm" style={NO_SHRINK}>
          {t('warnings.facts.scanOverdue')}
        </Badge>
      )}
      <Text size="sm">
        · {t('warnings.facts.nextAssessment')}:{' '}
        <Text span c={f.assessmentOverdue ? 'red' : undefined} fw={f.assessmentOverdue ? 600 : undefined}>
          {fmtDate(f.nextAssessmentDue)}
        </Text>
      </Text>
      <Text size="sm">
        · {t('warnings.facts.openFindings')}: {open}
      </Text>
      <Anchor component={Link} to={`/warnings/systems/${systemId}`} size="sm">
        →
      </Anchor>
    </Group>
  );
}
