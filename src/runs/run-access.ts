/** Who may follow a run with `runEvents`. */
import { hasRole, type Principal } from '../governance/auth/principal.js';
import type { RunOwner } from './run-event-log.js';

/**
 * The team that started the run, and the admins of its organization. A run whose owner is not
 * known (never recorded, or lost) is shown to org admins only: its events do not say whose it is.
 */
export function mayFollowRun(
  owner: RunOwner | undefined,
  principal: Pick<Principal, 'orgId' | 'teamId' | 'roles'>,
): boolean {
  const admin = hasRole(principal, 'ADMIN');
  if (!owner) return admin;
  if (owner.teamId === principal.teamId) return true;
  // Owners recorded before `orgId` was kept have none: their team alone may follow them.
  return admin && owner.orgId !== undefined && owner.orgId === principal.orgId;
}
