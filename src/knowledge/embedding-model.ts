/** A knowledge base's `embeddingModel` must be a registered model whose provider offers embeddings. */
import { BadUserInputError } from '../errors/app-error.js';
import type { RegistryService } from '../registry/registry.service.js';

export function assertEmbeddingModel(registry: RegistryService, name: string | null | undefined): void {
  if (name === undefined || name === null) return;
  const problem = `embeddingModel: "${name.slice(0, 127)}" is not a registered model with embeddings`;
  const model = registry.model(name);
  const provider = model ? registry.provider(model.provider) : undefined;
  if (!model || !provider || provider.kind === 'LOCAL' || !registry.client(model.provider).doEmbed) {
    throw new BadUserInputError(`${problem}.`);
  }
}
