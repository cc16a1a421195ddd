/**
 * The registry (collections `providers`, `models`, `capabilities`, `capabilityVersions`): read whole
 * into the in-memory snapshot, written one document at a time. Capability changes are conditional on
 * the version read (a concurrent change is detected, not overwritten), and every version keeps a
 * snapshot. Seeding only inserts: an admin's changes are never overwritten.
 */
import type { Model } from 'mongoose';
import type { AiModelRecord } from '../models/ai-model.model.js';
import type { CapabilityRecord, CapabilityVersionRecord } from '../models/capability.model.js';
import type { ProviderRecord } from '../models/provider.model.js';
import { isDuplicateKey } from './duplicate-key.js';

/** The fields a provider registration writes; those in `remove` are removed. */
export interface ProviderWrite {
  set: Partial<Omit<ProviderRecord, '_id' | 'createdAt' | 'updatedAt'>>;
  remove: ReadonlyArray<'baseUrl' | 'apiKeySealed' | 'headersSealed'>;
}

/** A new capability: its identity and state; the other fields as validated (defaults from the schema). */
export type NewCapabilityRecord = Pick<CapabilityRecord, '_id' | 'version' | 'kind' | 'status'> &
  Partial<Omit<CapabilityRecord, 'createdAt' | 'updatedAt'>>;

export class RegistryRepository {
  constructor(
    private readonly models: {
      providers: Model<ProviderRecord>;
      models: Model<AiModelRecord>;
      capabilities: Model<CapabilityRecord>;
      capabilityVersions: Model<CapabilityVersionRecord>;
    },
  ) {}

  /** Everything the registry snapshot holds, read at once. */
  async loadAll(): Promise<{
    providers: ProviderRecord[];
    models: AiModelRecord[];
    capabilities: CapabilityRecord[];
  }> {
    const [providers, models, capabilities] = await Promise.all([
      this.models.providers.find().lean<ProviderRecord[]>(),
      this.models.models.find().lean<AiModelRecord[]>(),
      this.models.capabilities.find().lean<CapabilityRecord[]>(),
    ]);
    return { providers, models, capabilities };
  }

  /** Creates or replaces the provider's registration. */
  async saveProvider(name: string, write: ProviderWrite): Promise<void> {
    const unset = Object.fromEntries(write.remove.map((field) => [field, 1]));
    await this.models.providers.updateOne(
      { _id: name },
      { $set: { ...write.set, updatedAt: new Date() }, ...(write.remove.length ? { $unset: unset } : {}) },
      { upsert: true },
    );
  }

  /** Creates the provider unless it exists (seeding). */
  async ensureProvider(name: string, kind: string): Promise<void> {
    await this.models.providers.updateOne(
      { _id: name },
      { $setOnInsert: { _id: name, kind } },
      { upsert: true },
    );
  }

  async deleteProvider(name: string): Promise<void> {
    await this.models.providers.deleteOne({ _id: name });
  }

  /**
   * Creates or replaces the model's registration: a field left out of `fields` keeps its stored
   * value, except `maxTokensParam`, which a registration without it removes.
   */
  async saveModel(
    name: string,
    fields: Partial<Omit<AiModelRecord, '_id' | 'createdAt' | 'updatedAt'>>,
  ): Promise<void> {
    await this.models.models.updateOne(
      { _id: name },
      {
        $set: { ...fields, updatedAt: new Date() },
        ...(fields.maxTokensParam == null ? { $unset: { maxTokensParam: '' } } : {}),
      },
      { upsert: true },
    );
  }

  /** Creates the model unless it exists (seeding). */
  async ensureModel(record: Omit<AiModelRecord, 'createdAt' | 'updatedAt'>): Promise<void> {
    await this.models.models.updateOne({ _id: record._id }, { $setOnInsert: record }, { upsert: true });
  }

  async deleteModel(name: string): Promise<void> {
    await this.models.models.deleteOne({ _id: name });
  }

  async findCapability(name: string): Promise<CapabilityRecord | undefined> {
    return (await this.models.capabilities.findById(name).lean<CapabilityRecord>()) ?? undefined;
  }

  /** Inserts the capability; false when the name is taken. */
  async insertCapability(record: NewCapabilityRecord): Promise<boolean> {
    try {
      await this.models.capabilities.create(record);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Creates the capability unless it exists (seeding); true when this call created it. */
  async ensureCapability(record: NewCapabilityRecord): Promise<boolean> {
    const result = await this.models.capabilities.updateOne(
      { _id: record._id },
      { $setOnInsert: record },
      { upsert: true },
    );
    return result.upsertedCount > 0;
  }

  /**
   * Applies `changes` as version `version + 1` if the capability is still at `version`; false when
   * it was changed meanwhile.
   */
  async changeCapabilityIfVersion(
    name: string,
    version: number,
    changes: Partial<CapabilityRecord>,
  ): Promise<boolean> {
    const result = await this.models.capabilities.updateOne(
      { _id: name, version },
      { $set: { ...changes, version: version + 1, updatedAt: new Date() } },
    );
    return result.matchedCount > 0;
  }

  /** Replaces the teams that may invoke the capability (a team rename), without a new version. */
  async setCapabilityTeams(name: string, teams: string[]): Promise<void> {
    await this.models.capabilities.updateOne({ _id: name }, { $set: { teams } });
  }

  /** Keeps the snapshot of `name@version` (the first one written wins). */
  async saveCapabilityVersion(
    name: string,
    version: number,
    snapshot: string,
    actor: string | undefined,
  ): Promise<void> {
    await this.models.capabilityVersions.updateOne(
      { _id: `${name}@${version}` },
      { $setOnInsert: { capability: name, version, snapshot, actor } },
      { upsert: true },
    );
  }

  async findCapabilityVersion(name: string, version: number): Promise<CapabilityVersionRecord | undefined> {
    return (
      (await this.models.capabilityVersions.findById(`${name}@${version}`).lean<CapabilityVersionRecord>()) ??
      undefined
    );
  }
}
