/**
 * The persistence layer of one service instance, bound to its connection: one repository per
 * aggregate (intention-revealing methods, plain typed records in and out), and ONE index sync for
 * every collection (`syncIndexes`, run once at start). Mongoose is imported only under `src/store`
 * (test/architecture.test.ts checks).
 *
 * The knowledge collections (`knowledgeBases`, `documents`, `chunks`) are still exposed as their
 * models: the knowledge services query them with `.lean()` (plain objects out) and have not moved to
 * a repository yet.
 */
import type { Connection, Model } from 'mongoose';
import { connectMongo, type MongoConnectionOptions } from './connection.js';
import { aiModelModel } from './models/ai-model.model.js';
import { apiKeyModel } from './models/api-key.model.js';
import { auditEntryModel } from './models/audit-entry.model.js';
import { budgetModel } from './models/budget.model.js';
import { capabilityModel, capabilityVersionModel } from './models/capability.model.js';
import { conversationModels } from './models/conversation.model.js';
import { knowledgeModels } from './models/knowledge.model.js';
import { organizationModel } from './models/organization.model.js';
import { providerModel } from './models/provider.model.js';
import { rateLimitHitModel } from './models/rate-limit-hit.model.js';
import { rateLimitModel } from './models/rate-limit.model.js';
import { runModel } from './models/run.model.js';
import { settingModel } from './models/setting.model.js';
import { storedResponseModel } from './models/stored-response.model.js';
import { teamModel } from './models/team.model.js';
import { trustedDocumentModel } from './models/trusted-document.model.js';
import { usageEventModel } from './models/usage-event.model.js';
import { usageRollupModel } from './models/usage-rollup.model.js';
import { workflowModels } from './models/workflow.model.js';
import { ApiKeyRepository } from './repos/api-key.repo.js';
import { AuditRepository } from './repos/audit.repo.js';
import { BudgetRepository } from './repos/budget.repo.js';
import { ConversationRepository } from './repos/conversation.repo.js';
import { RateLimitHitRepository } from './repos/rate-limit-hit.repo.js';
import { RateLimitRepository } from './repos/rate-limit.repo.js';
import { OrganizationRepository } from './repos/organization.repo.js';
import { RegistryRepository } from './repos/registry.repo.js';
import { ResponseRepository } from './repos/response.repo.js';
import { RunRepository } from './repos/run.repo.js';
import { TeamRepository } from './repos/team.repo.js';
import { TrustedDocumentRepository } from './repos/trusted-document.repo.js';
import { UsageRepository } from './repos/usage.repo.js';
import { WorkflowRepository } from './repos/workflow.repo.js';
import { WorkflowRunRepository } from './repos/workflow-run.repo.js';

export function createStore(connection: Connection) {
  const knowledge = {
    ...knowledgeModels(connection),
  };
  const registry = {
    providers: providerModel(connection),
    models: aiModelModel(connection),
    capabilities: capabilityModel(connection),
    capabilityVersions: capabilityVersionModel(connection),
  };
  const identity = {
    organizations: organizationModel(connection),
    settings: settingModel(connection),
    teams: teamModel(connection),
    apiKeys: apiKeyModel(connection),
  };
  const runs = runModel(connection);
  const conversations = conversationModels(connection);
  const workflows = workflowModels(connection);
  const responses = storedResponseModel(connection);
  const budgets = budgetModel(connection);
  const rateLimits = rateLimitModel(connection);
  const rateLimitHits = rateLimitHitModel(connection);
  const auditLog = auditEntryModel(connection);
  const trustedDocuments = trustedDocumentModel(connection);
  const usage = { usageEvents: usageEventModel(connection), usageRollups: usageRollupModel(connection) };
  // Every collection of the service, for the one index sync.
  const everyModel: Array<Model<never>> = [
    ...Object.values(knowledge),
    ...Object.values(identity),
    ...Object.values(registry),
    runs,
    ...Object.values(conversations),
    ...Object.values(workflows),
    responses,
    budgets,
    rateLimits,
    rateLimitHits,
    auditLog,
    trustedDocuments,
    ...Object.values(usage),
  ] as unknown as Array<Model<never>>;

  return {
    /** The raw connection: for tests and tools only; services use the repositories. */
    connection,
    /** The database name (part of Redis keys that must not be shared between databases). */
    databaseName: connection.name,
    ...knowledge,
    registry: new RegistryRepository(registry),
    organizations: new OrganizationRepository(identity),
    teams: new TeamRepository(identity.teams),
    apiKeys: new ApiKeyRepository(identity.apiKeys),
    runs: new RunRepository(runs),
    conversations: new ConversationRepository(conversations),
    workflows: new WorkflowRepository(workflows),
    workflowRuns: new WorkflowRunRepository(workflows),
    responses: new ResponseRepository(responses),
    budgets: new BudgetRepository(budgets),
    rateLimits: new RateLimitRepository(rateLimits),
    rateLimitHits: new RateLimitHitRepository(rateLimitHits),
    audit: new AuditRepository(auditLog),
    trustedDocuments: new TrustedDocumentRepository(trustedDocuments),
    usage: new UsageRepository(usage),

    /** Creates the indexes of every collection (idempotent); run once at start. */
    async syncIndexes(): Promise<void> {
      for (const model of everyModel) await model.createIndexes();
    },

    /** Resolves when the database answers. */
    async ping(): Promise<void> {
      await connection.db!.admin().ping();
    },

    close(): Promise<void> {
      return connection.close();
    },
  };
}

export type Store = ReturnType<typeof createStore>;

/** Connects and binds the store (indexes are not created: `syncIndexes`). */
export async function openStore(uri: string, options: MongoConnectionOptions = {}): Promise<Store> {
  return createStore(await connectMongo(uri, options));
}
