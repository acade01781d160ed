/** Who generates which report (src/shared/core/capabilities.ts). */
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../../shared/core/capabilities.ts';
import type { ReportKind } from '../../../shared/directives/tasks.ts';

/**
 * An agency's compliance report: the agency's editors, or the specialized security unit. The province's own reports
 * (quarterly security report, yearly directive report, the unit's yearly report): the security unit.
 */
export const mayGenerate = (actor: Actor, kind: ReportKind, agency: { id: number; path: string }) =>
  kind === 'agency_compliance' ? can(actor, 'reports.compliance', { agencyId: agency.id, agencyPath: agency.path }) : can(actor, 'reports.provincial');
