import type { Role } from '../../shared/core/roles.ts';

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
};
