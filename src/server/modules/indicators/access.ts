/** Who reports an agency's indicators and manages its API tokens (src/shared/core/capabilities.ts). */
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../../shared/core/capabilities.ts';

type Place = { id: number; path: string; external: boolean };
const target = (a: Place) => ({ agencyId: a.id, agencyPath: a.path });

/** Quarterly indicators and IT budgets of a state agency: its editors. */
export const mayReportIndicators = (actor: Actor, agency: Place) => !agency.external && can(actor, 'indicators.report', target(agency));

/** Tokens for an agency's console: its managers (issuing one only for a state agency). */
export const mayManageTokens = (actor: Actor, agency: Place) => can(actor, 'apiTokens.manage', target(agency));

/** The link of a state agency to the provincial security operations centre: its editors, or the security unit. */
export const mayRecordSocConnection = (actor: Actor, agency: Place) => !agency.external && can(actor, 'socConnections.record', target(agency));
