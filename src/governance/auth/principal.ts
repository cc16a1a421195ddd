/** Who is calling: resolved once per request (HTTP) or connection (WebSocket) and cached. */
export const roles = ['ADMIN', 'MAINTAINER', 'MEMBER', 'VIEWER'] as const;
export type Role = (typeof roles)[number];

/** Each role includes the ones after it: ADMIN ⊇ MAINTAINER ⊇ MEMBER ⊇ VIEWER. */
const rank: Record<Role, number> = { ADMIN: 4, MAINTAINER: 3, MEMBER: 2, VIEWER: 1 };

export interface Principal {
  kind: 'apiKey' | 'jwt';
  /** API key id, or the JWT subject. */
  id: string;
  name: string;
  orgId: string;
  teamId: string;
  teamName: string;
  roles: Role[];
  expiresAt?: Date;
}

export function highestRank(principal: Pick<Principal, 'roles'>): number {
  return Math.max(0, ...principal.roles.map((role) => rank[role]));
}

/** True when the principal holds `role` or a role above it. */
export function hasRole(principal: Pick<Principal, 'roles'>, role: Role): boolean {
  return highestRank(principal) >= rank[role];
}

export function roleRank(role: Role): number {
  return rank[role];
}
