/**
 * All collections of one service instance, bound to its connection. Services query through these
 * models with `.lean()` so that only plain objects leave the store layer.
 */
import type { Connection } from 'mongoose';
import { aiModelModel } from './models/ai-model.model.js';
import { apiKeyModel } from './models/api-key.model.js';
import { capabilityModel, capabilityVersionModel } from './models/capability.model.js';
import { knowledgeModels } from './models/knowledge.model.js';
import { organizationModel } from './models/organization.model.js';
import { providerModel } from './models/provider.model.js';
import { runModel } from './models/run.model.js';
import { settingModel } from './models/setting.model.js';
import { teamModel } from './models/team.model.js';

export function createStore(connection: Connection) {
  return {
    connection,
    organizations: organizationModel(connection),
    teams: teamModel(connection),
    apiKeys: apiKeyModel(connection),
    settings: settingModel(connection),
    providers: providerModel(connection),
    models: aiModelModel(connection),
    capabilities: capabilityModel(connection),
    capabilityVersions: capabilityVersionModel(connection),
    runs: runModel(connection),
    ...knowledgeModels(connection),
  };
}

export type Store = ReturnType<typeof createStore>;

/** Creates the indexes of every collection (idempotent). */
export async function syncIndexes(store: Store): Promise<void> {
  for (const model of Object.values(store)) {
    if (model && typeof model === 'function' && 'createIndexes' in model) await model.createIndexes();
  }
}
