/** Small pieces the warnings screens share: badges, the sub-navigation, due dates, attachments. */
import { Anchor, Badge, Button, FileButton, Group, Tabs, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { fmtDate, fmtDateTime } from '../../i18n/index.ts';
import { notifyError } from '../../components/ui.tsx';
import { todayVn } from '../../../shared/core/dates.ts';

/** Badges in table cells keep their whole label instead of an ellipsis. */
export const NO_SHRINK = { minWidth: 'max-content' } as const;

const SEVERITY_COLORS: Record<string, string> = { critical: 'red', high: 'orange', medium: 'yellow', low: 'gray' };
export function SeverityBadge({ severity }: { severity: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLORS[severity]} variant="filled" style={NO_SHRINK}>
      {t(`warnings.severity.${severity}`)}
    </Badge>
  );
}

/** The CISA KEV mark: a CVE of the warning or finding is exploited in the wild. */
export function KnownExploitedBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="outline" style={NO_SHRINK} title={t('warnings.kev.hint')} data-testid="known-exploited">
      {t('warnings.kev.badge')}
    </Badge>
  );
}

const STATUS_COLORS: Record<string, string> = { open: 'gray', patched: 'green', mitigated: 'teal', not_affected: 'blue', accepted_risk: 'grape' };
export function ItemStatusBadge({ status, overdue }: { status: string; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={STATUS_COLORS[status]} variant="light" style={NO_SHRINK} data-testid="item-status">
        {t(`warnings.status.${status}`)}
      </Badge>
      {overdue && (
        <Badge color="red" variant="outline" style={NO_SHRINK}>
          {t('warnings.detail.overdue')}
        </Badge>
      )}
    </Group>
  );
}

const FINDING_COLORS: Record<string, string> = {
  open: 'orange',
  confirmed: 'yellow',
  in_remediation: 'blue',
  fixed: 'green',
  false_positive: 'gray',
  accepted_risk: 'grape',
};
/** A finding's state, with "overdue" while it is owed past its due date. */
export function FindingStatusBadge({ status, overdue }: { status: string; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={FINDING_COLORS[status]} variant="light" style={NO_SHRINK} data-testid="finding-status">
        {t(`warnings.scans.findingStatus.${status}`)}
      </Badge>
      {overdue && (
        <Badge color="red" variant="outline" style={NO_SHRINK}>
          {t('warnings.findings.overdue')}
        </Badge>
      )}
    </Group>
  );
}

const INSPECTION_COLORS: Record<string, string> = { planned: 'gray', in_progress: 'blue', completed: 'green' };
export function InspectionStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={INSPECTION_COLORS[status]} variant="light" style={NO_SHRINK}>
      {t(`warnings.inspections.status.${status}`)}
    </Badge>
  );
}

/** A date, red when it has passed (and the thing is still owed). */
export function DueDate({ date, owed = true }: { date: string | null; owed?: boolean }) {
  const late = owed && !!date && date < todayVn();
  return (
    <Text size="sm" c={late ? 'red' : undefined} fw={late ? 600 : undefined}>
      {fmtDate(date)}
    </Text>
  );
}

/** Counts of open findings as four small badges. */
export function SeverityCounts({ counts }: { counts: { critical: number; high: number; medium: number; low: number } }) {
  return (
    <Group gap={4} wrap="nowrap">
      {(['critical', 'high', 'medium', 'low'] as const).map((s) => (
        <Badge key={s} size="sm" color={SEVERITY_COLORS[s]} variant={counts[s] ? 'filled' : 'outline'} title={s}>
          {counts[s]}
        </Badge>
      ))}
    </Group>
  );
}

const TABS = ['warnings', 'items', 'findings', 'scans', 'assessments', 'inspections'] as const;
const PATHS: Record<(typeof TABS)[number], string> = {
  warnings: '/warnings',
  items: '/warnings/items',
  findings: '/warnings/findings',
  scans: '/warnings/scans',
  assessments: '/warnings/assessments',
  inspections: '/warnings/inspections',
};

/** The module's sub-navigation under "Cảnh báo". */
export function SubNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const active = TABS.find((k) => k !== 'warnings' && pathname.startsWith(PATHS[k])) ?? (pathname.startsWith('/warnings/systems') ? 'scans' : 'warnings');
  return (
    <Tabs value={active} onChange={(v) => v && navigate(PATHS[v as (typeof TABS)[number]])} mb="md">
      <Tabs.List>
        {TABS.map((k) => (
          <Tabs.Tab key={k} value={k} data-testid={`warnings-tab-${k}`}>
            {t(`warnings.tabs.${k}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}

export type Attachment = { id: number; name: string; uploadedAt: string };

/** Attached files with an upload button when allowed; `upload` sends one file. */
export function Attachments({
  files,
  upload: send,
  canUpload,
  onUploaded,
  testid,
}: {
  files: Attachment[];
  upload: (file: File) => Promise<unknown>;
  canUpload: boolean;
  onUploaded: () => void;
  testid?: string;
}) {
  const { t } = useTranslation();
  const upload = useMutation({
    mutationFn: send,
    onSuccess: onUploaded,
    onError: notifyError,
  });
  return (
    <div data-testid={testid}>
      {files.map((f) => (
        <div key={f.id}>
          <Anchor href={`/api/files/${f.id}`} size="sm">
            {f.name}
          </Anchor>{' '}
          <Text span size="xs" c="dimmed">
            {fmtDateTime(f.uploadedAt)}
          </Text>
        </div>
      ))}
      {canUpload && (
        <FileButton onChange={(f) => f && upload.mutate(f)} accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg">
          {(props) => (
            <Button {...props} size="xs" variant="light" mt={4} loading={upload.isPending}>
              {t('common.upload')}
            </Button>
          )}
        </FileButton>
      )}
    </div>
  );
}
