/**
 * OIDC bearer tokens (JWTs from the company's identity provider) as a `TokenVerifier` for
 * `AuthService`. Signatures are checked against the provider's JWKS (fetched, cached and refetched
 * by jose when a token names an unknown key id: key rotation needs no restart), with the configured
 * issuer and audience and asymmetric algorithms only (never `none` or HMAC).
 *
 * Claims → Principal:
 * - team: the `teamClaim` names a team that must already exist in the org (teams are created by
 *   org ADMINs, not by whoever holds a token); an unknown or missing team is UNAUTHENTICATED.
 * - roles: the `rolesClaim` (an array, or a space/comma separated string; a dotted path such as
 *   `realm_access.roles` reaches nested claims) intersected with Capgate's roles, case-insensitive.
 *   A token with none of them gets VIEWER: it may read its team's catalog and usage, nothing more.
 */
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { UnauthenticatedError } from '../../errors/app-error.js';
import type { Logger } from '../../infra/logger.js';
import type { Store } from '../../store/store.js';
import type { TokenVerifier } from './auth.service.js';
import { DEFAULT_ORG_ID } from './bootstrap.js';
import { roleRank, roles as knownRoles, type Principal, type Role } from './principal.js';

export interface OidcSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
  teamClaim: string;
  rolesClaim: string;
  /** Default: RS256/384/512, PS256/384/512, ES256/384/512, EdDSA. */
  algorithms?: string[];
  /** Minimum time between two JWKS fetches for unknown key ids. Default 30 s. */
  jwksCooldownMs?: number;
  /** How long fetched keys are trusted before a refetch. Default 10 minutes. */
  jwksCacheMaxAgeMs?: number;
  clockToleranceSeconds?: number;
  /** The org tokens belong to (Capgate runs one org per deployment). */
  orgId?: string;
}

export type FindTeam = (orgId: string, name: string) => Promise<{ id: string; name: string } | undefined>;

const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
const TEAM_CACHE_TTL_MS = 60_000;
const MISSING_TEAM_TTL_MS = 5_000;

export class OidcTokenVerifier implements TokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly teams = new Map<
    string,
    { team: { id: string; name: string } | undefined; expiresAt: number }
  >();
  private readonly orgId: string;

  constructor(
    private readonly settings: OidcSettings,
    private readonly findTeam: FindTeam,
    private readonly logger?: Logger,
  ) {
    this.jwks = createRemoteJWKSet(new URL(settings.jwksUrl), {
      cooldownDuration: settings.jwksCooldownMs ?? 30_000,
      cacheMaxAge: settings.jwksCacheMaxAgeMs ?? 600_000,
      timeoutDuration: 5_000,
    });
    this.orgId = settings.orgId ?? DEFAULT_ORG_ID;
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: this.settings.algorithms ?? ASYMMETRIC_ALGORITHMS,
        clockTolerance: this.settings.clockToleranceSeconds ?? 5,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw this.rejection(error);
    }
    const teamName = claim(payload, this.settings.teamClaim);
    if (typeof teamName !== 'string' || teamName.length === 0) {
      throw new UnauthenticatedError(`The token has no "${this.settings.teamClaim}" claim naming a team.`);
    }
    const team = await this.teamNamed(teamName);
    if (!team) throw new UnauthenticatedError(`The token's team "${teamName}" does not exist in Capgate.`);
    const name = [payload.name, payload.email, payload.sub].find((value) => typeof value === 'string');
    return {
      kind: 'jwt',
      id: payload.sub as string,
      name: name as string,
      orgId: this.orgId,
      teamId: team.id,
      teamName: team.name,
      roles: rolesFrom(claim(payload, this.settings.rolesClaim)),
      expiresAt: new Date((payload.exp as number) * 1000),
    };
  }

  private async teamNamed(name: string): Promise<{ id: string; name: string } | undefined> {
    const now = Date.now();
    const cached = this.teams.get(name);
    if (cached && cached.expiresAt > now) return cached.team;
    const team = await this.findTeam(this.orgId, name);
    if (this.teams.size > 10_000) this.teams.clear();
    this.teams.set(name, { team, expiresAt: now + (team ? TEAM_CACHE_TTL_MS : MISSING_TEAM_TTL_MS) });
    return team;
  }

  private rejection(error: unknown): UnauthenticatedError {
    if (error instanceof joseErrors.JWTExpired) return new UnauthenticatedError('The token has expired.');
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      return new UnauthenticatedError(
        `The token was not accepted: claim "${error.claim}" is not valid here.`,
      );
    }
    if (error instanceof joseErrors.JWKSNoMatchingKey) {
      return new UnauthenticatedError(
        'The token is signed with a key the identity provider does not publish.',
      );
    }
    if (error instanceof joseErrors.JOSEError && !isFetchProblem(error)) {
      return new UnauthenticatedError('The token is not valid.');
    }
    this.logger?.warn({ err: error }, 'OIDC verification could not complete');
    return new UnauthenticatedError(
      'The token could not be verified now: the identity provider did not answer.',
    );
  }
}

/** A verifier from `config.oidc`, or undefined when OIDC is not configured. */
export function createOidcVerifier(
  settings: OidcSettings | undefined,
  store: Pick<Store, 'teams'>,
  logger?: Logger,
): OidcTokenVerifier | undefined {
  if (!settings) return undefined;
  const findTeam: FindTeam = async (orgId, name) => {
    const team = await store.teams.findByName(orgId, name);
    return team ? { id: team._id, name: team.name } : undefined;
  };
  return new OidcTokenVerifier(settings, findTeam, logger);
}

function isFetchProblem(error: Error): boolean {
  return (
    error instanceof joseErrors.JWKSTimeout ||
    error instanceof joseErrors.JWKSInvalid ||
    (error instanceof joseErrors.JOSEError && error.code === 'ERR_JOSE_GENERIC')
  );
}

/** A claim by name, or by dotted path into nested objects when no claim has that exact name. */
function claim(payload: JWTPayload, name: string): unknown {
  if (name in payload) return payload[name];
  let value: unknown = payload;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function rolesFrom(value: unknown): Role[] {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const found = new Set<Role>();
  for (const name of names) {
    if (typeof name !== 'string') continue;
    const role = name.trim().toUpperCase();
    if ((knownRoles as readonly string[]).includes(role)) found.add(role as Role);
  }
  if (found.size === 0) return ['VIEWER'];
  return [...found].sort((left, right) => roleRank(right) - roleRank(left));
}
