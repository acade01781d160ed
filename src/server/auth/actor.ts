import type { Role } from '../../shared/core/roles.ts';
import type { Capability } from '../../shared/core/capabilities.ts';

/** Who is asking: resolved from the session on every request, and the input of every scope decision. */
export type Actor = {
  userId: number;
  username: string;
  fullName: string;
  agencyId: number;
  /** Materialized path of the user's agency, e.g. "/1/5/". */
  agencyPath: string;
  roles: Role[];
  ip: string;
  /** The API token the request came with (access_tokens.id): the audit entry names it. */
  tokenId?: number;
  /** With a token: the capabilities its scopes allow (see `can` in capabilities.ts). */
  tokenCapabilities?: ReadonlySet<Capability>;
};
