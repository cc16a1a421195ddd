/**
 * Seeds, idempotently, the built-in `local` provider, its four models (price 0) and the four built-in
 * capabilities. Existing documents are never overwritten: admins may have swapped implementations.
 */
import type { Store } from '../store/store.js';
import type { RegistryService } from './registry.service.js';

export const LOCAL_PROVIDER = 'local';

export const localModels = [
  { name: 'local/extractive-summarizer', capability: 'summarize', tags: ['summarize', 'streaming'] },
  { name: 'local/bm25', capability: 'retrieve', tags: ['retrieve'] },
  { name: 'local/text-analyzer', capability: 'analyze', tags: ['analyze'] },
  { name: 'local/zero-shot-classifier', capability: 'classify', tags: ['classify'] },
] as const;

const descriptions: Record<string, string> = {
  summarize: 'Summarize a text: extractive (graph-based) offline, or abstractive on a remote model.',
  retrieve:
    'Retrieve the passages of a knowledge base that best answer a query (BM25, hybrid with embeddings).',
  analyze: 'Analyze a text: sentiment, entities with offsets, keywords, language and statistics.',
  classify: 'Classify a text into given labels: zero-shot, or few-shot from examples.',
};

export async function seedRegistry(store: Store, registry: RegistryService): Promise<void> {
  await store.providers.updateOne(
    { _id: LOCAL_PROVIDER },
    { $setOnInsert: { _id: LOCAL_PROVIDER, kind: 'LOCAL' } },
    { upsert: true },
  );
  for (const model of localModels) {
    await store.models.updateOne(
      { _id: model.name },
      {
        $setOnInsert: {
          _id: model.name,
          provider: LOCAL_PROVIDER,
          upstreamModel: model.name.slice(LOCAL_PROVIDER.length + 1),
          pricing: { inputPer1M: 0, outputPer1M: 0 },
          qualityTier: 1,
          tags: [...model.tags],
        },
      },
      { upsert: true },
    );
  }
  for (const model of localModels) {
    const result = await store.capabilities.updateOne(
      { _id: model.capability },
      {
        $setOnInsert: {
          _id: model.capability,
          version: 1,
          kind: 'builtin',
          description: descriptions[model.capability],
          implementations: [{ model: model.name, priority: 0, weight: 1 }],
          routing: { strategy: 'FALLBACK' },
          teams: [],
          status: 'active',
        },
      },
      { upsert: true },
    );
    if (result.upsertedCount > 0) {
      const record = await store.capabilities.findById(model.capability).lean();
      await registry.recordVersion(record!, 'seed');
    }
  }
  await registry.reload();
}
