/**
 * API keys (collection `apiKeys`): only the HMAC of a key is stored (unique), never the key. A key
 * is revoked or shortened at most once (updates conditional on "not revoked").
 */
import type { Model } from 'mongoose';
import type { ApiKeyRecord } from '../models/api-key.model.js';

export type NewApiKeyRecord = Omit<ApiKeyRecord, 'createdAt'>;

export class ApiKeyRepository {
  constructor(private readonly apiKeys: Model<ApiKeyRecord>) {}

  async insert(record: NewApiKeyRecord): Promise<ApiKeyRecord> {
    return (await this.apiKeys.create(record)).toObject();
  }

  /** Inserts the key unless one with its hash exists (a configured key, at every start). */
  async ensure(record: NewApiKeyRecord): Promise<void> {
    const { hash, ...created } = record;
    await this.apiKeys.updateOne({ hash }, { $setOnInsert: created }, { upsert: true });
  }

  async find(id: string): Promise<ApiKeyRecord | undefined> {
    return (await this.apiKeys.findOne({ _id: id }).lean<ApiKeyRecord>()) ?? undefined;
  }

  async findInOrg(id: string, orgId: string): Promise<ApiKeyRecord | undefined> {
    return (await this.apiKeys.findOne({ _id: id, orgId }).lean<ApiKeyRecord>()) ?? undefined;
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    return (await this.apiKeys.findOne({ hash }).lean<ApiKeyRecord>()) ?? undefined;
  }

  /**
   * Revokes the key at `at`, or (`expiresAt`) shortens its life, unless it is revoked already;
   * returns it as updated, or undefined when it was revoked before.
   */
  async endIfNotRevoked(
    id: string,
    change: { revokedAt: Date } | { expiresAt: Date },
  ): Promise<ApiKeyRecord | undefined> {
    return (
      (await this.apiKeys
        .findOneAndUpdate({ _id: id, revokedAt: { $exists: false } }, { $set: change }, { new: true })
        .lean<ApiKeyRecord>()) ?? undefined
    );
  }

  /** The org's keys (one team's when `teamId` is given), newest first. */
  list(orgId: string, teamId?: string): Promise<ApiKeyRecord[]> {
    return this.apiKeys
      .find(teamId === undefined ? { orgId } : { orgId, teamId })
      .sort({ createdAt: -1, _id: -1 })
      .lean<ApiKeyRecord[]>();
  }

  /** The team's keys that are not revoked (expired ones included). */
  notRevokedOfTeam(orgId: string, teamId: string): Promise<ApiKeyRecord[]> {
    return this.apiKeys.find({ orgId, teamId, revokedAt: { $exists: false } }).lean<ApiKeyRecord[]>();
  }
}
