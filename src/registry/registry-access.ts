/** Who may edit a capability, and the audit entry every registry mutation appends. */
import { isVisibleTo } from '../capabilities/invocation.service.js';
import { ForbiddenError, NotFoundError } from '../errors/app-error.js';
import { hasRole } from '../governance/auth/principal.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { CapabilityInfo } from './registry.types.js';

export async function auditRegistry(
  context: GraphQLContext,
  action: string,
  target: string,
  summary: Record<string, unknown>,
): Promise<void> {
  await context.services.audit?.append({
    orgId: context.principal.orgId,
    actorKeyId: context.principal.id,
    actorTeamId: context.principal.teamId,
    action,
    target,
    summary,
    requestId: context.requestId,
  });
}

/**
 * Only an ADMIN shares across teams. Anyone else may leave `teams` empty (the whole organization,
 * as before) or name their own team only: a MAINTAINER of team B cannot publish a capability to
 * team A alone (which they then could not see or manage either).
 */
export function assertMayShareWith(
  context: GraphQLContext,
  teams: readonly string[] | null | undefined,
): void {
  const { principal } = context;
  if (!teams || teams.length === 0 || hasRole(principal, 'ADMIN')) return;
  if (teams.some((team) => team.trim() !== principal.teamName)) {
    throw new ForbiddenError('Only an ADMIN may make a capability visible to teams other than your own.');
  }
}

export function assertMayEdit(context: GraphQLContext, capability: CapabilityInfo): void {
  const { principal } = context;
  // A capability the caller cannot see does not exist for them: no FORBIDDEN that names its owner.
  if (!isVisibleTo(capability, principal))
    throw new NotFoundError(`Unknown capability "${capability.name}".`);
  if (hasRole(principal, 'ADMIN')) return;
  if (hasRole(principal, 'MAINTAINER') && capability.ownerTeamId === principal.teamId) return;
  throw new ForbiddenError(
    `Only an ADMIN or a MAINTAINER of the owning team may change "${capability.name}".`,
  );
}
