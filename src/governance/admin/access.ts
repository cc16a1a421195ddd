/**
 * Who may do what across teams. `@Authorized(role)` on the resolvers checks the role; these checks,
 * made in the services, add the team: an org ADMIN acts anywhere in their org, everyone else only
 * on their own team, and nobody grants or acts on a role above their own.
 */
import { ForbiddenError } from '../../errors/app-error.js';
import { hasRole, highestRank, roleRank, type Principal, type Role } from '../auth/principal.js';

export function isOrgAdmin(principal: Principal): boolean {
  return hasRole(principal, 'ADMIN');
}

export function requireRole(principal: Principal, role: Role, action: string): void {
  if (!hasRole(principal, role)) throw new ForbiddenError(`Only ${role} or above may ${action}.`);
}

/** Team-scoped management: an org ADMIN for any team; a MAINTAINER for their own team only. */
export function requireTeamManager(principal: Principal, teamId: string, action: string): void {
  if (isOrgAdmin(principal)) return;
  requireRole(principal, 'MAINTAINER', action);
  if (principal.teamId !== teamId)
    throw new ForbiddenError(`Only an org ADMIN may ${action} for another team.`);
}

/**
 * As `requireTeamManager`, for a team the client named (name or id), checked before any lookup so
 * that non-admins cannot probe which other teams exist.
 */
export function requireManagerOfNamedTeam(principal: Principal, team: string, action: string): void {
  if (isOrgAdmin(principal)) return;
  requireRole(principal, 'MAINTAINER', action);
  if (team !== principal.teamName && team !== principal.teamId) {
    throw new ForbiddenError(`Only an org ADMIN may ${action} for another team.`);
  }
}

/** Nobody grants (or acts on holders of) a role above their own. */
export function requireRolesWithin(principal: Principal, roles: readonly Role[], action: string): void {
  const own = highestRank(principal);
  const above = roles.filter((role) => roleRank(role) > own);
  if (above.length > 0) {
    throw new ForbiddenError(`You may not ${action} with ${above.join(', ')}: it is above your own role.`);
  }
}

/**
 * The team a read is limited to. Org ADMINs: the requested team, or the whole org (undefined).
 * Everyone else: their own team; asking for another one is FORBIDDEN (decided before any lookup,
 * so the answer does not tell whether that team exists).
 */
export function readableTeam(
  principal: Principal,
  requestedTeam: string | undefined,
  what: string,
): { own: true; teamId: string } | { own: false; requestedTeam: string | undefined } {
  if (isOrgAdmin(principal)) return { own: false, requestedTeam };
  if (
    requestedTeam !== undefined &&
    requestedTeam !== principal.teamName &&
    requestedTeam !== principal.teamId
  ) {
    throw new ForbiddenError(`Only an org ADMIN may read ${what} of another team.`);
  }
  return { own: true, teamId: principal.teamId };
}
