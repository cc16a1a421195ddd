/**
 * The one AuthChecker: `@Authorized('ADMIN')` means "ADMIN or above"; `@Authorized()` means any
 * authenticated principal. Authentication itself happened when the context was built.
 */
import type { AuthChecker } from 'type-graphql';
import { ForbiddenError } from '../errors/app-error.js';
import { hasRole, roles as allRoles, type Role } from '../governance/auth/principal.js';
import type { GraphQLContext } from './context.js';

export const authChecker: AuthChecker<GraphQLContext, Role> = ({ context }, requiredRoles) => {
  if (requiredRoles.length === 0) return true;
  for (const role of requiredRoles) {
    if (!allRoles.includes(role)) throw new Error(`Unknown role in @Authorized: ${String(role)}`);
    if (hasRole(context.principal, role)) return true;
  }
  throw new ForbiddenError(`This operation requires the ${requiredRoles.join(' or ')} role.`);
};
