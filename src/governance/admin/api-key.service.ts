/**
 * API keys: issue (the plaintext is returned once; only its HMAC is stored), revoke (every instance
 * drops the key from its auth cache at once) and list (prefix and metadata, never the hash).
 */
import { randomUUID } from 'node:crypto';
import { BadUserInputError, ConflictError, NotFoundError } from '../../errors/app-error.js';
import type { AppPubSub } from '../../infra/pubsub.js';
import type { ApiKeyRecord } from '../../store/models/api-key.model.js';
import type { Store } from '../../store/store.js';
import type { AuditLog } from '../../usage/usage.types.js';
import { displayPrefix, generateApiKey, hashApiKey } from '../auth/api-key-crypto.js';
import { roleRank, roles as knownRoles, type Principal, type Role } from '../auth/principal.js';
import { requireManagerOfNamedTeam, requireRolesWithin, requireTeamManager } from './access.js';
import type { TeamService } from './team.service.js';
import { Topic } from '../../infra/topics.js';

/** The topic `src/app.ts` listens on (`Topic.keyRevoked`) to call `AuthService.forgetKey`; payload: the key id. */
export const KEY_REVOKED_TOPIC = Topic.keyRevoked;
/** Published when a key's validity changed without a revocation (rotation grace): caches drop it. */
export const KEY_CHANGED_TOPIC = Topic.keyChanged;
/** The longest grace period a rotated key may keep working. */
export const MAX_ROTATION_GRACE_SECONDS = 24 * 60 * 60;

export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  teamId: string;
  team: string;
  roles: Role[];
  expiresAt?: Date;
  revokedAt?: Date;
  createdAt: Date;
  createdBy?: string;
  rotatedFrom?: string;
}

export interface CreateApiKeyInput {
  team: string;
  name: string;
  roles: Role[];
  expiresAt?: Date | null;
}

export class ApiKeyService {
  constructor(
    private readonly options: {
      apiKeys: Store['apiKeys'];
      teams: TeamService;
      hmacKey: Buffer;
      pubSub: AppPubSub;
      audit: AuditLog;
      /** This instance's auth cache, told directly so the revoking instance never waits for pub/sub. */
      forgetKey?: (keyId: string) => void;
    },
  ) {}

  async create(
    principal: Principal,
    input: CreateApiKeyInput,
    requestId: string,
  ): Promise<{ key: string; apiKey: ApiKeyInfo }> {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100)
      throw new BadUserInputError('A key name is 1 to 100 characters.');
    const roles = normalizeRoles(input.roles);
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw new BadUserInputError('expiresAt must be in the future.');
    }
    requireManagerOfNamedTeam(principal, input.team, 'create API keys');
    requireRolesWithin(principal, roles, 'create a key');
    const team = await this.options.teams.resolve(principal.orgId, input.team);

    const key = generateApiKey();
    const record: Omit<ApiKeyRecord, 'createdAt'> = {
      _id: `key_${randomUUID()}`,
      orgId: principal.orgId,
      teamId: team.id,
      name,
      prefix: displayPrefix(key),
      hash: hashApiKey(this.options.hmacKey, key),
      roles,
      ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
      createdBy: principal.id,
    };
    const created = await this.options.apiKeys.insert(record);
    await this.options.audit.append({
      orgId: principal.orgId,
      actorKeyId: principal.id,
      actorTeamId: principal.teamId,
      teamId: team.id,
      action: 'createApiKey',
      target: created._id,
      summary: { team: team.name, name, roles, expiresAt: input.expiresAt ?? null, prefix: created.prefix },
      requestId,
    });
    return { key, apiKey: toApiKeyInfo(created, team.name) };
  }

  /** Idempotent: revoking a revoked key answers it unchanged. */
  async revoke(principal: Principal, keyId: string, requestId: string): Promise<ApiKeyInfo> {
    const existing = await this.options.apiKeys.findInOrg(keyId, principal.orgId);
    if (!existing) throw new NotFoundError(`No API key "${keyId}".`);
    requireTeamManager(principal, existing.teamId, 'revoke API keys');
    requireRolesWithin(principal, existing.roles as Role[], 'revoke a key');
    const revoked =
      existing.revokedAt === undefined
        ? ((await this.options.apiKeys.endIfNotRevoked(keyId, { revokedAt: new Date() })) ?? null)
        : null;
    // Not updated here: it was revoked before, or meanwhile elsewhere; answer the stored revocation.
    const record =
      revoked ?? (existing.revokedAt ? existing : await this.options.apiKeys.find(keyId)) ?? existing;
    this.options.forgetKey?.(keyId);
    this.options.pubSub.publish(KEY_REVOKED_TOPIC, keyId);
    const teamName = (await this.options.teams.namesOf([record.teamId])).get(record.teamId) ?? record.teamId;
    await this.options.audit.append({
      orgId: principal.orgId,
      actorKeyId: principal.id,
      actorTeamId: principal.teamId,
      teamId: record.teamId,
      action: 'revokeApiKey',
      target: keyId,
      summary: { team: teamName, name: record.name, prefix: record.prefix, alreadyRevoked: revoked === null },
      requestId,
    });
    return toApiKeyInfo(record, teamName);
  }

  /**
   * Replaces a key by a new secret with the same team, name, roles and expiry. The old secret keeps
   * working for `graceSeconds` (0 to 24 h; 0 revokes it at once), then is refused.
   */
  async rotate(
    principal: Principal,
    keyId: string,
    graceSeconds: number,
    requestId: string,
  ): Promise<{ key: string; apiKey: ApiKeyInfo; previous: ApiKeyInfo }> {
    if (!Number.isSafeInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_ROTATION_GRACE_SECONDS)
      throw new BadUserInputError(
        `gracePeriodSeconds must be a whole number from 0 to ${MAX_ROTATION_GRACE_SECONDS} (24 h).`,
        { extensions: { argument: 'gracePeriodSeconds' } },
      );
    const existing = await this.options.apiKeys.findInOrg(keyId, principal.orgId);
    if (!existing) throw new NotFoundError(`No API key "${keyId}".`);
    requireTeamManager(principal, existing.teamId, 'rotate API keys');
    requireRolesWithin(principal, existing.roles as Role[], 'rotate a key');
    const now = Date.now();
    if (existing.revokedAt)
      throw new ConflictError(`API key "${keyId}" is revoked; create a new one instead.`);
    if (existing.expiresAt && existing.expiresAt.getTime() <= now)
      throw new ConflictError(`API key "${keyId}" has expired; create a new one instead.`);

    const key = generateApiKey();
    const record: Omit<ApiKeyRecord, 'createdAt'> = {
      _id: `key_${randomUUID()}`,
      orgId: existing.orgId,
      teamId: existing.teamId,
      name: existing.name,
      prefix: displayPrefix(key),
      hash: hashApiKey(this.options.hmacKey, key),
      roles: existing.roles,
      ...(existing.expiresAt ? { expiresAt: existing.expiresAt } : {}),
      createdBy: principal.id,
      rotatedFrom: existing._id,
    };
    // The new key first: if anything below fails, the caller still holds a working old key.
    const created = await this.options.apiKeys.insert(record);
    const graceEnd = new Date(now + graceSeconds * 1000);
    const end =
      graceSeconds === 0
        ? { revokedAt: new Date(now) }
        : {
            expiresAt:
              existing.expiresAt && existing.expiresAt.getTime() < graceEnd.getTime()
                ? existing.expiresAt
                : graceEnd,
          };
    const previous = (await this.options.apiKeys.endIfNotRevoked(existing._id, end)) ?? existing;
    this.options.forgetKey?.(existing._id);
    this.options.pubSub.publish(graceSeconds === 0 ? KEY_REVOKED_TOPIC : KEY_CHANGED_TOPIC, existing._id);
    const teamName =
      (await this.options.teams.namesOf([existing.teamId])).get(existing.teamId) ?? existing.teamId;
    await this.options.audit.append({
      orgId: principal.orgId,
      actorKeyId: principal.id,
      actorTeamId: principal.teamId,
      teamId: existing.teamId,
      action: 'rotateApiKey',
      target: existing._id,
      summary: {
        team: teamName,
        name: existing.name,
        newKeyId: created._id,
        prefix: created.prefix,
        gracePeriodSeconds: graceSeconds,
      },
      requestId,
    });
    return { key, apiKey: toApiKeyInfo(created, teamName), previous: toApiKeyInfo(previous, teamName) };
  }

  /**
   * Keys of one team (MAINTAINERs: their own; org ADMINs: any, or the whole org when `team` is
   * omitted). Newest first.
   */
  async list(principal: Principal, team: string | undefined): Promise<ApiKeyInfo[]> {
    const teamId = await this.options.teams.readableTeamId(principal, team, 'API keys');
    if (teamId !== undefined) requireTeamManager(principal, teamId, 'list API keys');
    const records = await this.options.apiKeys.list(principal.orgId, teamId);
    const names = await this.options.teams.namesOf(records.map((record) => record.teamId));
    return records.map((record) => toApiKeyInfo(record, names.get(record.teamId) ?? record.teamId));
  }
}

/** Known roles only, each once, highest first; at least one. */
function normalizeRoles(roles: readonly Role[]): Role[] {
  const unique = [...new Set(roles)];
  if (unique.length === 0) throw new BadUserInputError('A key needs at least one role.');
  for (const role of unique) {
    if (!knownRoles.includes(role)) throw new BadUserInputError(`Unknown role "${String(role)}".`);
  }
  return unique.sort((left, right) => roleRank(right) - roleRank(left));
}

function toApiKeyInfo(record: ApiKeyRecord, teamName: string): ApiKeyInfo {
  return {
    id: record._id,
    name: record.name,
    prefix: record.prefix,
    teamId: record.teamId,
    team: teamName,
    roles: record.roles as Role[],
    ...(record.expiresAt ? { expiresAt: record.expiresAt } : {}),
    ...(record.revokedAt ? { revokedAt: record.revokedAt } : {}),
    createdAt: record.createdAt,
    ...(record.createdBy ? { createdBy: record.createdBy } : {}),
    ...(record.rotatedFrom ? { rotatedFrom: record.rotatedFrom } : {}),
  };
}
