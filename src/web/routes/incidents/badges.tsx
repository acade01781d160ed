import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IncidentSeverity, IncidentStatus, Tlp } from '../../../shared/incidents.ts';

const STATUS_COLORS: Record<IncidentStatus, string> = {
  received: 'blue', triaged: 'indigo', responding: 'orange', contained: 'yellow', recovered: 'teal', closed: 'green', rejected: 'gray', merged: 'gray',
};
export function StatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLORS[status]} variant="light" data-testid="incident-status">{t(`incidents.status.${status}`)}</Badge>;
}

const SEVERITY_COLORS: Record<IncidentSeverity, string> = { low: 'gray', medium: 'blue', high: 'orange', critical: 'red' };
export function SeverityBadge({ severity, serious }: { severity: IncidentSeverity; serious?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Badge color={SEVERITY_COLORS[severity]} variant="outline">{t(`incidents.severity.${severity}`)}</Badge>
      {serious && <Badge color="red" variant="filled" ml={4}>{t('incidents.severityClass.serious')}</Badge>}
    </>
  );
}

const TLP_COLORS: Record<Tlp, string> = { clear: 'gray', green: 'green', amber: 'orange', 'amber+strict': 'orange', red: 'red' };
export function TlpBadge({ tlp }: { tlp: Tlp }) {
  return <Badge color={TLP_COLORS[tlp]} variant={tlp === 'clear' ? 'outline' : 'filled'} size="sm">{`TLP:${tlp.toUpperCase()}`}</Badge>;
}

export function LateBadge() {
  const { t } = useTranslation();
  return <Badge color="red" variant="light">{t('incidents.detail.late')}</Badge>;
}
