import { Anchor, Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useReadiness } from '../../api/incidents.ts';
import { fmtDate } from '../../i18n/index.ts';

/** One line for a system's page: its response plan, playbooks and last exercise (Directive 18/CT-TTg). */
export function SystemReadinessSummary({ systemId, agencyId }: { systemId: number; agencyId: number }) {
  const { t } = useTranslation();
  const readiness = useReadiness(agencyId);
  const r = readiness.data?.systems.find((s) => s.systemId === systemId);
  if (!r) return null;
  return (
    <Group gap="xs" data-testid="system-readiness-summary">
      <Text size="sm">{t('incidents.plans.title')}:</Text>
      {r.hasResponsePlan ? (
        <Badge size="sm" color={r.planCurrent ? 'green' : 'orange'} variant="light">
          {r.planCurrent ? t('incidents.plans.current') : t('incidents.plans.reviewOverdue')}
        </Badge>
      ) : (
        <Badge size="sm" color="red" variant="light">
          {t('incidents.plans.noPlan')}
        </Badge>
      )}
      <Text size="sm">
        · {t('incidents.plans.playbooks')}: {r.playbooks}
      </Text>
      <Text size="sm">
        · {t('incidents.plans.lastExercise')}: {fmtDate(r.lastExerciseOn)}
      </Text>
      {r.exerciseOverdue && (
        <Badge size="sm" color="red">
          {t('incidents.plans.exerciseOverdue')}
        </Badge>
      )}
      <Anchor component={Link} to="/incidents/plans" size="sm">
        →
      </Anchor>
    </Group>
  );
}
