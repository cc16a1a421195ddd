/**
 * Removing models and providers. A thing still in use is not removed: CONFLICT names what uses it
 * (capabilities whose implementations name the model, knowledge bases that embed with it, models
 * of the provider), so the caller knows what to change first. Built-in local models stay.
 */
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import type { Store } from '../store/store.js';
import type { RegistryService } from './registry.service.js';

const LIST_LIMIT = 20;

function listed(names: string[]): string {
  const shown = names.slice(0, LIST_LIMIT).map((name) => `"${name}"`);
  return names.length > LIST_LIMIT
    ? `${shown.join(', ')} and ${names.length - LIST_LIMIT} more`
    : shown.join(', ');
}

export class RegistryRemoval {
  constructor(
    private readonly registry: RegistryService,
    private readonly store: Store,
  ) {}

  /** Capability names whose current implementations use one of `models`. */
  capabilitiesUsing(models: readonly string[]): string[] {
    return this.registry
      .capabilities()
      .filter((capability) => capability.implementations.some((entry) => models.includes(entry.model)))
      .map((capability) => capability.name)
      .sort();
  }

  async removeModel(name: string): Promise<void> {
    const model = this.registry.model(name);
    if (!model) throw new NotFoundError(`Unknown model "${name}".`);
    if (model.provider === 'local')
      throw new ConflictError(`Model "${name}" is built in and cannot be removed.`, {
        extensions: { capabilities: this.capabilitiesUsing([name]) },
      });
    const capabilities = this.capabilitiesUsing([name]);
    if (capabilities.length > 0)
      throw new ConflictError(
        `Model "${name}" is still used by capabilities ${listed(capabilities)}: change their implementations first.`,
        { extensions: { capabilities } },
      );
    const knowledgeBases = (
      await this.store.knowledgeBases.find({ embeddingModel: name }, { _id: 1 }).lean()
    ).map((record) => record._id);
    if (knowledgeBases.length > 0)
      throw new ConflictError(
        `Model "${name}" is still the embedding model of knowledge bases ${listed(knowledgeBases)}.`,
        { extensions: { knowledgeBases } },
      );
    await this.store.registry.deleteModel(name);
    await this.registry.changed();
  }

  async removeProvider(name: string): Promise<void> {
    const provider = this.registry.provider(name);
    if (!provider) throw new NotFoundError(`Unknown provider "${name}".`);
    if (name === 'local' || provider.kind === 'LOCAL')
      throw new ConflictError(`Provider "${name}" is built in and cannot be removed.`);
    const models = this.registry
      .models()
      .filter((model) => model.provider === name)
      .map((model) => model.name)
      .sort();
    const capabilities = this.capabilitiesUsing(models);
    if (models.length > 0)
      throw new ConflictError(
        `Provider "${name}" still has models ${listed(models)}` +
          (capabilities.length > 0 ? `, used by capabilities ${listed(capabilities)}` : '') +
          ': remove them first.',
        { extensions: { models, capabilities } },
      );
    await this.store.registry.deleteProvider(name);
    await this.registry.changed();
  }
}
