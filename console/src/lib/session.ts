/**
 * The signed-in key (or SSO token) and what its roles allow. Either lives in sessionStorage only (this
 * tab, gone when it closes); nothing else is stored.
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

const SSO_KEY = 'capgate.console.ssoToken';

/** What the console sends as its bearer: an API key, or an access token from "Sign in with SSO". */
export type Credential = { kind: 'key'; token: string } | { kind: 'sso'; token: string; expiresAt: number };

/**
 * The credential of this tab, if any. An SSO token past its expiry is forgotten and reported as
 * `expired` (the sign-in page says so).
 */
export function storedCredential(now: number = Date.now()): {
  credential: Credential | null;
  expired: boolean;
} {
  try {
    const raw = sessionStorage.getItem(SSO_KEY);
    if (raw) {
      const parsed = JSON.parse(raw) as { token?: unknown; expiresAt?: unknown };
      if (typeof parsed.token === 'string' && typeof parsed.expiresAt === 'number') {
        if (parsed.expiresAt > now)
          return {
            credential: { kind: 'sso', token: parsed.token, expiresAt: parsed.expiresAt },
            expired: false,
          };
        sessionStorage.removeItem(SSO_KEY);
        return { credential: null, expired: true };
      }
      sessionStorage.removeItem(SSO_KEY);
    }
    const key = sessionStorage.getItem(STORAGE_KEY);
    return { credential: key ? { kind: 'key', token: key } : null, expired: false };
  } catch {
    return { credential: null, expired: false };
  }
}

export function storeCredential(credential: Credential | null): void {
  sessionStorage.removeItem(SSO_KEY);
  sessionStorage.removeItem(STORAGE_KEY);
  if (credential?.kind === 'sso')
    sessionStorage.setItem(
      SSO_KEY,
      JSON.stringify({ token: credential.token, expiresAt: credential.expiresAt }),
    );
  else if (credential) sessionStorage.setItem(STORAGE_KEY, credential.token);
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
