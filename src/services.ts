/**
 * The service container built by the composition root (`src/app.ts`) and handed to resolvers and
 * front doors through the context. Nothing else constructs services.
 */
import type { ModelCalls } from './calls/model-calls.js';
import type { InvocationService } from './capabilities/invocation.service.js';
import type { Config } from './config/config.js';
import type { ConversationService } from './conversations/conversation.service.js';
import type { Governance } from './governance/admin/index.js';
import type { AuthService } from './governance/auth/auth.service.js';
import type { Logger } from './infra/logger.js';
import type { AppPubSub } from './infra/pubsub.js';
import type { RedisConnections } from './infra/redis.js';
import type { SecretBox } from './infra/secret-box.js';
import type { KnowledgeService } from './knowledge/knowledge.service.js';
import type { TrustedDocumentRegistry } from './graphql/persisted-queries/trusted-document-registry.js';
import type { RegistryAdmin } from './registry/registry.admin.js';
import type { RegistryService } from './registry/registry.service.js';
import type { ModelHealth } from './routing/model-health.js';
import type { DetachedRuns } from './runs/detached-runs.js';
import type { RunEventLog } from './runs/run-event-log.js';
import type { RunQueryService } from './runs/run-query.service.js';
import type { RunTracker } from './runs/run-tracker.js';
import type { Store } from './store/store.js';
import type { AuditLog, UsageRecorder } from './usage/usage.types.js';
import type { Workflows } from './workflows/workflows.js';

export interface Services {
  config: Config;
  logger: Logger;
  store: Store;
  pubSub: AppPubSub;
  redis: RedisConnections | undefined;
  secretBox: SecretBox;
  auth: AuthService;
  registry: RegistryService;
  registryAdmin: RegistryAdmin;
  health: ModelHealth;
  knowledge: KnowledgeService;
  /** The governed seam every model call passes through (admission, masking, observed client, usage). */
  calls: ModelCalls;
  invocation: InvocationService;
  runEvents: RunEventLog;
  detachedRuns: DetachedRuns;
  /** Run records and leases; the pipeline reports to it. */
  runTracker: RunTracker;
  runQueries: RunQueryService;
  governance: Governance;
  usage?: UsageRecorder;
  audit?: AuditLog;
  /** Registered workflows and their runs (src/workflows/). */
  workflows: Workflows;
  /** Conversations (context persistence); the invocation pipeline opens them for runs. */
  conversations?: ConversationService;
  /** Trusted documents registered at run time (`registerTrustedDocuments`), kept in MongoDB. */
  trustedDocuments?: TrustedDocumentRegistry;
}
