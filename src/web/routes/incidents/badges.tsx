import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentSeverity, IncidentStatus, Tlp } from '../../../shared/incidents/vocabulary.ts';

/** A badge whose label wraps instead of being cut off in narrow table cells. */
export function Tag(props: BadgeProps & { children?: ReactNode; 'data-testid'?: string }) {
  return <Badge h="auto" py={2} styles={{ label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', lineHeight: 1.3 } }} {...props} />;
}

const STATUS_COLORS: Record<IncidentStatus, string> = {
  received: 'blue',
  triaged: 'indigo',
  responding: 'orange',
  contained: 'yellow',
  recovered: 'teal',
  closed: 'green',
  rejected: 'gray',
  merged: 'gray',
};
export function StatusBadge({ status, size, testid }: { status: IncidentStatus; size?: 'xs' | 'sm'; testid?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} variant="light" size={size} data-testid={testid}>
      {t(`incidents.status.${status}`)}
    </Tag>
  );
}

const SEVERITY_COLORS: Record<IncidentSeverity, string> = { low: 'gray', medium: 'blue', high: 'orange', critical: 'red' };
export function SeverityBadge({ severity, serious }: { severity: IncidentSeverity; serious?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={SEVERITY_COLORS[severity]} variant="outline">
        {t(`incidents.severity.${severity}`)}
      </Tag>
      {serious && (
        <Tag color="red" variant="filled" ml={4}>
          {t('incidents.serious')}
        </Tag>
      )}
    </>
  );
}

const TLP_COLORS: Record<Tlp, string> = { clear: 'gray', green: 'green', amber: 'orange', 'amber+strict': 'orange', red: 'red' };
export function TlpBadge({ tlp }: { tlp: Tlp }) {
  return <Tag color={TLP_COLORS[tlp]} variant={tlp === 'clear' ? 'outline' : 'filled'} size="sm">{`TLP:${tlp.toUpperCase()}`}</Tag>;
}

export function LateBadge() {
  const { t } = useTranslation();
  return (
    <Tag color="red" variant="light">
      {t('incidents.detail.late')}
    </Tag>
  );
}
