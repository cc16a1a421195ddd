/**
 * Seeds, idempotently, the built-in `local` provider, the local models (price 0) and the built-in
 * capabilities of `builtinCapabilities`. Existing documents are never overwritten: admins may have swapped implementations.
 */
import { builtinCapabilities } from '../capabilities/builtin-capabilities.js';
import type { Store } from '../store/store.js';
import type { RegistryService } from './registry.service.js';

export const LOCAL_PROVIDER = 'local';

/** Every local model of every built-in capability, from the descriptors. */
export const localModels = Object.values(builtinCapabilities).flatMap((descriptor) =>
  descriptor.localModels.map((model) => ({ ...model, capability: descriptor.name })),
);

export async function seedRegistry(store: Store, registry: RegistryService): Promise<void> {
  await store.registry.ensureProvider(LOCAL_PROVIDER, 'LOCAL');
  for (const model of localModels) {
    await store.registry.ensureModel({
      _id: model.name,
      provider: LOCAL_PROVIDER,
      upstreamModel: model.name.slice(LOCAL_PROVIDER.length + 1),
      pricing: { inputPer1M: 0, outputPer1M: 0 },
      qualityTier: 1,
      tags: [...model.tags],
    });
  }
  for (const descriptor of Object.values(builtinCapabilities)) {
    const created = await store.registry.ensureCapability({
      _id: descriptor.name,
      version: 1,
      kind: 'builtin',
      description: descriptor.description,
      implementations: descriptor.localModels.map((model, priority) => ({
        model: model.name,
        priority,
        weight: 1,
      })),
      routing: { strategy: 'FALLBACK' },
      teams: [],
      status: 'active',
    });
    if (created) {
      const record = await store.registry.findCapability(descriptor.name);
      await registry.recordVersion(record!, 'seed');
    }
  }
  await registry.reload();
}
