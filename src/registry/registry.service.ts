/**
 * The registry: providers, models and capabilities. Reads come from an in-memory snapshot; every
 * write goes to MongoDB (atomic single-document updates, optimistic version checks), appends a
 * capability version snapshot, reloads this instance's snapshot and publishes `registry.changed` so
 * every other instance reloads too (and a periodic refresh catches a missed message).
 */
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import type { Logger } from '../infra/logger.js';
import { listen, type AppPubSub } from '../infra/pubsub.js';
import type { SecretBox } from '../infra/secret-box.js';
import { defaultProviderKinds, type ProviderKinds } from '../providers/provider-kinds.js';
import type { ModelProvider } from '../providers/provider.types.js';
import { encodeJson } from '../store/json-codec.js';
import type { CapabilityRecord } from '../store/models/capability.model.js';
import type { Store } from '../store/store.js';
import { loadSnapshot, toCapabilityInfo, type RegistrySnapshot } from './registry.snapshot.js';
import type { CapabilityInfo, ModelInfo, ProviderInfo } from './registry.types.js';
import { Topic } from '../infra/topics.js';

export const REGISTRY_CHANGED = Topic.registryChanged;

/** Capabilities another component serves (see `useExtraCapabilities`). */
export interface CapabilitySource {
  get(name: string): CapabilityInfo | undefined;
  list(): CapabilityInfo[];
}

export class RegistryService {
  private snapshot: RegistrySnapshot | undefined;
  private readonly clients = new Map<string, { client: ModelProvider; version: number }>();
  private stopListening: (() => void) | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> | undefined;
  private readonly changeListeners = new Set<() => void>();
  private extraCapabilities: CapabilitySource | undefined;

  constructor(
    private readonly options: {
      store: Store;
      pubSub: AppPubSub;
      secretBox: SecretBox;
      logger: Logger;
      refreshIntervalMs?: number;
      /** The provider kinds this app knows (default: the built-in ones). */
      providerKinds?: ProviderKinds;
    },
  ) {
    this.providerKinds = options.providerKinds ?? defaultProviderKinds;
  }

  /** The kinds providers may have, and how their clients are built. */
  readonly providerKinds: ProviderKinds;

  async start(): Promise<void> {
    await this.reload();
    this.stopListening = listen(
      this.options.pubSub,
      REGISTRY_CHANGED,
      () => this.reload(),
      (error) => this.options.logger.error({ err: error }, 'registry reload failed'),
    );
    this.refreshTimer = setInterval(() => {
      this.reload().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'registry refresh failed'),
      );
    }, this.options.refreshIntervalMs ?? 30_000);
    this.refreshTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopListening?.();
    clearInterval(this.refreshTimer);
    await Promise.allSettled([...this.clients.values()].map(({ client }) => client.close()));
    this.clients.clear();
  }

  /** Called after every reload (other caches keyed on the registry use it). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  async reload(): Promise<void> {
    // Coalesce bursts of invalidations into one load at a time, and always load after the last one.
    const previous = this.reloading;
    const next = (async () => {
      await previous?.catch(() => {});
      this.snapshot = await loadSnapshot(this.options.store);
      for (const listener of this.changeListeners) listener();
    })();
    this.reloading = next;
    await next;
  }

  /** After a write: reload here, tell the other instances. */
  async changed(): Promise<void> {
    await this.reload();
    this.options.pubSub.publish(REGISTRY_CHANGED, Date.now());
  }

  private get current(): RegistrySnapshot {
    if (!this.snapshot) throw new Error('Registry used before start()');
    return this.snapshot;
  }

  capability(name: string): CapabilityInfo | undefined {
    return this.current.capabilities.get(name) ?? this.extraCapabilities?.get(name);
  }

  /**
   * Capabilities served by another component, looked up after the registry's own (workflows, kind
   * `workflow`): callers of `invoke`, `invokeStream` and `/v1` reach them by name like any other.
   */
  useExtraCapabilities(source: CapabilitySource): void {
    this.extraCapabilities = source;
  }

  requireCapability(name: string): CapabilityInfo {
    const capability = this.capability(name);
    if (!capability) throw new NotFoundError(`Unknown capability "${name}".`);
    return capability;
  }

  capabilities(): CapabilityInfo[] {
    const own = [...this.current.capabilities.values()];
    const extra = (this.extraCapabilities?.list() ?? []).filter(
      (capability) => !this.current.capabilities.has(capability.name),
    );
    return [...own, ...extra].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The org-wide default masking policy, applied where a capability has none. */
  orgMaskingPolicy(orgId: string): CapabilityInfo['maskingPolicy'] {
    return this.current.orgMaskingPolicies.get(orgId);
  }

  model(name: string): ModelInfo | undefined {
    return this.current.models.get(name);
  }

  models(): ModelInfo[] {
    return [...this.current.models.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  provider(name: string): ProviderInfo | undefined {
    const provider = this.current.providers.get(name);
    if (!provider) return undefined;
    return {
      name: provider.name,
      kind: provider.kind,
      baseUrl: provider.baseUrl,
      hasApiKey: provider.hasApiKey,
    };
  }

  providers(): ProviderInfo[] {
    return [...this.current.providers.keys()].sort().map((name) => this.provider(name)!);
  }

  /** The network client of a remote provider, built once per provider version and reused (keep-alive pools). */
  client(providerName: string): ModelProvider {
    const provider = this.current.providers.get(providerName);
    if (!provider) throw new NotFoundError(`Unknown provider "${providerName}".`);
    if (!this.providerKinds.remote(provider.kind))
      throw new Error(`Provider "${providerName}" is not a remote provider`);
    const version = provider.updatedAt.getTime();
    const cached = this.clients.get(providerName);
    if (cached && cached.version === version) return cached.client;
    if (cached) void cached.client.close();
    const { secretBox } = this.options;
    const client = this.providerKinds.createProvider(provider.kind, {
      name: provider.name,
      baseUrl: provider.baseUrl,
      apiKey: provider.apiKeySealed ? secretBox.open(provider.apiKeySealed) : undefined,
      headers: provider.headersSealed
        ? (JSON.parse(secretBox.open(provider.headersSealed)) as Record<string, string>)
        : undefined,
    });
    this.clients.set(providerName, { client, version });
    return client;
  }

  /**
   * Applies `update` to the capability's current version atomically (the stored version must still be
   * the one we read), records the new version's snapshot, and publishes the change.
   */
  async updateCapabilityRecord(
    name: string,
    update: (current: CapabilityInfo) => Partial<CapabilityRecord>,
    actor: string | undefined,
  ): Promise<CapabilityInfo> {
    const { store } = this.options;
    const record = await store.registry.findCapability(name);
    if (!record) throw new NotFoundError(`Unknown capability "${name}".`);
    const changes = update(toCapabilityInfo(record));
    if (!(await store.registry.changeCapabilityIfVersion(name, record.version, changes))) {
      throw new ConflictError(`Capability "${name}" was changed concurrently; read it again and retry.`);
    }
    const updated = await store.registry.findCapability(name);
    await this.recordVersion(updated!, actor);
    await this.changed();
    return toCapabilityInfo(updated!);
  }

  async recordVersion(record: CapabilityRecord, actor: string | undefined): Promise<void> {
    await this.options.store.registry.saveCapabilityVersion(
      record._id,
      record.version,
      encodeJson(toCapabilityInfo(record))!,
      actor,
    );
  }

  async capabilityVersion(name: string, version: number): Promise<CapabilityInfo | undefined> {
    const record = await this.options.store.registry.findCapabilityVersion(name, version);
    if (!record) return undefined;
    const info = JSON.parse(record.snapshot) as CapabilityInfo;
    return { ...info, updatedAt: new Date(info.updatedAt) };
  }
}
