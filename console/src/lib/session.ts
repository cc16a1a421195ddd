/**
 * The signed-in key and what its roles allow. The key lives in sessionStorage only (this tab, gone when
 * it closes); nothing else is stored.
 */
import type { Role } from '../generated/graphql.js';

const STORAGE_KEY = 'capgate.console.apiKey';

export function storedKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeKey(key: string | null): void {
  if (key === null) sessionStorage.removeItem(STORAGE_KEY);
  else sessionStorage.setItem(STORAGE_KEY, key);
}

const RANK: Record<Role, number> = { VIEWER: 1, MEMBER: 2, MAINTAINER: 3, ADMIN: 4 };

export interface Viewer {
  id: string;
  name: string;
  team: string;
  teamId: string;
  roles: readonly Role[];
}

/** The highest role held (each role includes the ones below it). */
export function rank(roles: readonly Role[]): number {
  return roles.reduce((best, role) => Math.max(best, RANK[role] ?? 0), 0);
}

export const can = {
  invoke: (viewer: Viewer) => rank(viewer.roles) >= RANK.MEMBER,
  /** Register capabilities (for its own team) and manage its team's keys and audit log. */
  maintain: (viewer: Viewer) => rank(viewer.roles) >= RANK.MAINTAINER,
  admin: (viewer: Viewer) => rank(viewer.roles) >= RANK.ADMIN,
  editCapability: (viewer: Viewer, capability: { teams: readonly string[]; kind: string }) =>
    rank(viewer.roles) >= RANK.ADMIN ||
    (rank(viewer.roles) >= RANK.MAINTAINER &&
      capability.kind === 'CUSTOM' &&
      capability.teams.includes(viewer.team)),
};

/** Roles a key may be given by this viewer: none above its own. */
export function grantableRoles(viewer: Viewer): Role[] {
  const own = rank(viewer.roles);
  return (['VIEWER', 'MEMBER', 'MAINTAINER', 'ADMIN'] as const).filter((role) => RANK[role] <= own);
}
