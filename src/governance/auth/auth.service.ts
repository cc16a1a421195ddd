/**
 * Turns an `Authorization` value into a Principal. API keys are looked up by their HMAC, cached in
 * memory (positive and negative) by the presented key, so a cache hit neither reads MongoDB nor
 * computes the HMAC; revocations are published
 * so every instance drops the key from its cache at once.
 */
import { UnauthenticatedError } from '../../errors/app-error.js';
import type { Store } from '../../store/store.js';
import { API_KEY_PREFIX, hashApiKey } from './api-key-crypto.js';
import type { Principal, Role } from './principal.js';

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export interface AuthServiceOptions {
  store: Store;
  hmacKey: Buffer;
  /** OIDC JWT verification, when configured. */
  jwtVerifier?: TokenVerifier;
  cacheTtlMs?: number;
}

interface CacheEntry {
  principal: Principal | undefined;
  expiresAt: number;
}

const MAX_CACHE_ENTRIES = 50_000;
const NEGATIVE_TTL_MS = 5_000;

export class AuthService {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly cacheTtlMs: number;

  constructor(private readonly options: AuthServiceOptions) {
    this.cacheTtlMs = options.cacheTtlMs ?? 60_000;
  }

  /** Resolves `Bearer <key or JWT>`; throws UnauthenticatedError on anything else. */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    const token = parseBearer(authorization);
    if (!token) throw new UnauthenticatedError('Missing API key: send `Authorization: Bearer <key>`.');
    if (token.startsWith(API_KEY_PREFIX)) return this.authenticateApiKey(token);
    if (this.options.jwtVerifier && token.split('.').length === 3)
      return this.options.jwtVerifier.verify(token);
    throw new UnauthenticatedError('Invalid API key.');
  }

  private async authenticateApiKey(key: string): Promise<Principal> {
    const now = Date.now();
    // Keyed by the presented key itself, so a hit costs a map lookup and no HMAC.
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > now) {
      if (!cached.principal) throw new UnauthenticatedError('Invalid API key.');
      if (cached.principal.expiresAt && cached.principal.expiresAt.getTime() <= now) {
        throw new UnauthenticatedError('This API key has expired.');
      }
      return cached.principal;
    }
    const hash = hashApiKey(this.options.hmacKey, key);
    const record = await this.options.store.apiKeys.findByHash(hash);
    if (!record || record.revokedAt) {
      this.remember(key, undefined, now + NEGATIVE_TTL_MS);
      throw new UnauthenticatedError(record ? 'This API key has been revoked.' : 'Invalid API key.');
    }
    if (record.expiresAt && record.expiresAt.getTime() <= now) {
      throw new UnauthenticatedError('This API key has expired.');
    }
    const team = await this.options.store.teams.find(record.teamId);
    const principal: Principal = {
      kind: 'apiKey',
      id: record._id,
      name: record.name,
      orgId: record.orgId,
      teamId: record.teamId,
      teamName: team?.name ?? record.teamId,
      roles: record.roles as Role[],
      expiresAt: record.expiresAt,
    };
    this.remember(key, principal, now + this.cacheTtlMs);
    return principal;
  }

  private remember(key: string, principal: Principal | undefined, expiresAt: number): void {
    if (this.cache.size >= MAX_CACHE_ENTRIES) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(key, { principal, expiresAt });
  }

  /** Drops a key from this instance's cache (called for revocations from any instance). */
  /** Drops every cached principal (after missed revocations, e.g. a pub/sub outage). */
  forgetAll(): void {
    this.cache.clear();
  }

  forgetKey(keyId: string): void {
    for (const [key, entry] of this.cache) {
      if (entry.principal?.id === keyId) this.cache.delete(key);
    }
  }
}

export function parseBearer(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  return match?.[1];
}
