/**
 * The composition root: config → infrastructure → services → schema → HTTP/WS server. Nothing else
 * wires things together. `startApp` returns a handle whose `stop()` shuts everything down in order.
 */
import type { Config } from './config/config.js';
import { AuthService } from './governance/auth/auth.service.js';
import { KeyRevocations } from './governance/auth/key-revocations.js';
import { bootstrapIdentity, type BootstrapResult } from './governance/auth/bootstrap.js';
import { buildAppSchema } from './graphql/schema.js';
import { superviseEmbeddedEngine, type SupervisedEngine } from './infra/engine-supervisor.js';
import { fastRoute } from './infra/fast-routes.js';
import { withDeadline } from './infra/with-deadline.js';
import { createLogger, type Logger } from './infra/logger.js';
import { Metrics } from './infra/metrics.js';
import { Counter } from 'prom-client';
import { createTracing } from './infra/tracing.js';
import { ModelCalls } from './calls/model-calls.js';
import { createAppPubSub, listen } from './infra/pubsub.js';
import { Topic } from './infra/topics.js';
import { REDIS_ROOT, redisKeyspace } from './infra/redis-keyspace.js';
import { connectRedis, type RedisConnections } from './infra/redis.js';
import { loadMasterKey, SecretBox } from './infra/secret-box.js';
import { InvocationService } from './capabilities/invocation.service.js';
import { MemoryBudgetStore, RedisBudgetStore } from './governance/budget/index.js';
import { MemoryResponseCache, RedisResponseCache } from './governance/cache/index.js';
import { BudgetRebuild, storedUsageSpend } from './governance/budget/budget-rebuild.js';
import { GovernanceGate } from './governance/gate.js';
import { RedisAdmission } from './governance/redis-admission.js';
import { createRateLimiter } from './governance/rate-limit/index.js';
import { degradedCounter, failClosedBudgets, failOpenRateLimiter } from './governance/redis-outage-policy.js';
import { createGovernanceServices } from './governance/admin/index.js';
import { createOidcVerifier } from './governance/auth/oidc.js';
import { KnowledgeService } from './knowledge/knowledge.service.js';
import { RegistryAdmin } from './registry/registry.admin.js';
import { seedRegistry } from './registry/registry.seed.js';
import { RegistryService } from './registry/registry.service.js';
import { ProviderKinds, type ProviderKindMap } from './providers/provider-kinds.js';
import { InProcessModelHealth } from './routing/model-health.js';
import { RedisModelHealth } from './routing/redis-model-health.js';
import { Router } from './routing/router.js';
import { DetachedRuns } from './runs/detached-runs.js';
import { InProcessRunEventLog, RedisRunEventLog } from './runs/run-event-log.js';
import { OrphanedRunSweeper } from './runs/orphaned-run-sweeper.js';
import { RunLeases } from './runs/run-leases.js';
import { RunQueryService } from './runs/run-query.service.js';
import { RunRecorder } from './runs/run-recorder.js';
import { RunRetention } from './runs/run-retention.js';
import { ConversationRetention } from './conversations/conversation-retention.js';
import { ConversationService } from './conversations/conversation.service.js';
import { TrustedDocumentRegistry } from './graphql/persisted-queries/trusted-document-registry.js';
import { RunTracker } from './runs/run-tracker.js';
import { createCorsMiddleware, startServer, type RunningServer } from './server.js';
import type { Services } from './services.js';
import { createV1Handler } from './v1/v1.router.js';
import { ResponseStore } from './v1/responses/response-store.js';
import { McpGateway } from './mcp/mcp-server.js';
import { openStore } from './store/store.js';
import { configureLocalWork } from './capabilities/local-work/local-work.js';
import { createWorkflows } from './workflows/workflows.js';
import { localModelsState, warmUpLocalModels } from './capabilities/local-work/warm-up.js';
import { configureWordVectors } from './capabilities/classify/word-vectors.js';

export interface App {
  readonly url: string;
  readonly port: number;
  readonly services: Services;
  readonly bootstrap: BootstrapResult;
  readonly mode: { mongo: 'embedded' | 'external'; redis: 'redis' | 'in-process' };
  /** The supervised embedded engine, when there is no MONGODB_URI. */
  readonly engine: SupervisedEngine | undefined;
  stop(): Promise<void>;
}

export interface StartAppOptions {
  logger?: Logger;
  /** Embedded engine supervision: the first wait before a restart (tests lengthen it to observe the outage). */
  engineRestartBackoffMs?: number;
  /**
   * The provider-kind map (default: `builtinProviderKinds`). Adding a kind is a folder plus one line
   * in that map; an embedding application may also pass `{ ...builtinProviderKinds, MINE: mineKind }`.
   */
  providerKinds?: ProviderKindMap;
}

const READINESS_DEADLINE_MS = 800;

export async function startApp(config: Config, options: StartAppOptions = {}): Promise<App> {
  const providerKinds = new ProviderKinds(options.providerKinds);
  const logger = options.logger ?? createLogger(config.logLevel);
  configureLocalWork(config.localWork);
  configureWordVectors({ cacheDir: config.localModels.wordVectorsCacheDir });
  const cleanups: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | undefined;
  // Idempotent: a second stop() waits for the first instead of running every step again.
  const stopAll = () =>
    (stopping ??= (async () => {
      for (const cleanup of cleanups.reverse()) {
        await cleanup().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
      }
    })());
  try {
    let engine: SupervisedEngine | undefined;
    let mongoUri = config.mongo.uri;
    if (!mongoUri) {
      engine = await superviseEmbeddedEngine({
        dataDir: config.dataDir,
        onProgress: (message) => process.stderr.write(`${message}\n`),
        logger: logger.child({ component: 'embedded-engine' }),
        ...(options.engineRestartBackoffMs ? { initialBackoffMs: options.engineRestartBackoffMs } : {}),
      });
      cleanups.push(() => engine!.stop());
      mongoUri = `${engine.baseUri}capgate`;
    }
    const store = await openStore(
      mongoUri,
      engine ? { serverSelectionTimeoutMs: 1000, heartbeatFrequencyMs: 500 } : {},
    );
    cleanups.push(() => store.close());
    // The one index sync: every collection of every aggregate, before anything reads or writes.
    await store.syncIndexes();

    let redis: RedisConnections | undefined;
    if (config.redisUrl) {
      redis = await connectRedis(config.redisUrl, {
        onOutage: (connection, error) =>
          logger.warn({ connection, err: error.message }, 'Redis unreachable; reconnecting'),
      });
      cleanups.push(() => redis!.close());
    }
    const pubSub = createAppPubSub(redis);

    const masterKey = await loadMasterKey(config.secrets.masterKey, config.dataDir);
    const secretBox = new SecretBox(masterKey);
    const auth = new AuthService({
      store,
      hmacKey: secretBox.hmacKey,
      jwtVerifier: createOidcVerifier(config.oidc, store, logger),
    });
    const revocations = new KeyRevocations();
    const stopRevocations = listen(
      pubSub,
      Topic.keyRevoked,
      (keyId) => {
        auth.forgetKey(keyId);
        revocations.revoked(keyId, (error) => logger.error({ err: error }, 'revocation handler failed'));
      },
      (error) => logger.error({ err: error }, 'revocation listener failed'),
    );
    cleanups.push(async () => stopRevocations());
    const stopKeyChanges = listen(
      pubSub,
      Topic.keyChanged,
      (payload) => auth.forgetKey(String(payload)),
      (error) => logger.error({ err: error }, 'key change listener failed'),
    );
    cleanups.push(async () => stopKeyChanges());

    const bootstrap = await bootstrapIdentity({
      store,
      hmacKey: secretBox.hmacKey,
      configuredAdminKey: config.secrets.bootstrapAdminKey,
      dataDir: engine ? config.dataDir : undefined,
    });

    const registry = new RegistryService({ store, pubSub, secretBox, logger, providerKinds });
    await registry.start();
    cleanups.push(() => registry.stop());
    await seedRegistry(store, registry);
    const registryAdmin = new RegistryAdmin(registry, store, secretBox);
    const health = redis
      ? new RedisModelHealth({ redis: redis.command, pubSub, logger, keyPrefix: redisKeyspace().health })
      : new InProcessModelHealth();
    cleanups.push(() => health.close());
    const tracing = createTracing(config.tracing);
    cleanups.push(() => tracing.shutdown());
    const metrics = new Metrics({
      token: config.metricsToken,
      models: () => registry.models().map((model) => model.name),
      health,
      dependencies: async () => ({
        mongo: await store.ping().then(
          () => true,
          () => false,
        ),
        ...(redis
          ? {
              redis: await redis.command.ping().then(
                () => true,
                () => false,
              ),
            }
          : {}),
      }),
    });
    // Every run, whatever its front door, is observed into the metrics on its way to the usage recorder.
    const observedUsage = metrics.observingUsage(() => services.usage);

    const keyspace = redisKeyspace();
    // One budget store for the pipeline and the `budgets` query (they must agree in memory mode).
    // With Redis: budget counters Redis lost (restarted empty) are rebuilt from the usage records.
    const budgetRebuild = redis
      ? new BudgetRebuild({
          redis: redis.command,
          keyPrefix: keyspace.budget,
          database: store.databaseName,
          rules: () => governance.settings.allBudgetRules(),
          usageSpend: storedUsageSpend(store.usage),
          logger,
        })
      : undefined;
    const storedBudgets = redis
      ? new RedisBudgetStore({ redis: redis.command, keyPrefix: keyspace.budget, rebuild: budgetRebuild })
      : new MemoryBudgetStore();
    // Redis outage policy (README): budgets fail closed, rate limits fail open, both counted.
    const degraded = degradedCounter(metrics.registry);
    const budgetStore = redis ? failClosedBudgets(storedBudgets, { logger, degraded }) : storedBudgets;
    const governance = await createGovernanceServices({
      store,
      redis,
      pubSub,
      logger,
      config,
      hmacKey: secretBox.hmacKey,
      auth,
      budgetStore,
      redisKeyPrefix: REDIS_ROOT,
    });
    // Stops after the server drained and before MongoDB closes: flushes buffered usage.
    cleanups.push(() => governance.stop());
    await budgetRebuild?.start();
    const gate = new GovernanceGate({
      budgets: budgetStore,
      rateLimiter: redis
        ? failOpenRateLimiter(createRateLimiter({ redis: redis.command, keyPrefix: keyspace.rateLimit }), {
            logger,
            degraded,
          })
        : createRateLimiter({ keyPrefix: keyspace.rateLimit }),
      rules: () => (principal) => governance.rulesFor(principal),
      onRateLimited: (principal, error, capability) =>
        governance.rateLimitHits.record(principal, error, capability),
      ...(redis
        ? {
            combined: new RedisAdmission({
              redis: redis.command,
              rateKeyPrefix: keyspace.rateLimit,
              budgetKeyPrefix: keyspace.budget,
              rebuild: budgetRebuild,
            }),
          }
        : {}),
    });
    // The governed seam: every model call (invocations, /v1 embeddings, knowledge bases) passes here.
    const calls = new ModelCalls({
      gate,
      registry,
      observers: { metrics, tracer: tracing.tracer },
      usage: () => observedUsage,
      onBudgetSoftExceeded: (principal, rules, runId, capability) =>
        governance.raiseBudgetAlert(principal, rules, { runId, capability }),
      logger,
    });
    const knowledge = new KnowledgeService({
      store,
      pubSub,
      logger,
      embed: async ({ model: modelName, texts, caller, operation, signal }) => {
        const model = registry.model(modelName);
        if (!model) throw new Error(`Unknown embedding model "${modelName}"`);
        const result = await calls.embed({ caller, operation, model, texts, signal });
        return result.embeddings;
      },
    });
    knowledge.start();
    cleanups.push(async () => knowledge.stop());
    const cache = redis
      ? new RedisResponseCache({ redis: redis.command, keyPrefix: keyspace.responseCache })
      : new MemoryResponseCache();
    const runEvents = redis
      ? new RedisRunEventLog(redis.command, pubSub, keyspace.runs)
      : new InProcessRunEventLog(pubSub);
    const detachedRuns = new DetachedRuns();
    const runRepository = store.runs;
    const runRecorder = new RunRecorder(runRepository, logger, config.usage.flushIntervalMs);
    // Last to stop before MongoDB closes (cleanups run in reverse): every run's record is written.
    cleanups.push(() => runRecorder.stop());
    const runRetention = new RunRetention({
      runs: runRepository,
      logger,
      retentionDays: config.runs.retentionDays,
    });
    runRetention.start();
    cleanups.push(() => runRetention.stop());
    const conversationRepository = store.conversations;
    const conversations = new ConversationService({
      repository: conversationRepository,
      // Condensing old turns is a `summarize` run of its own: routed, metered, usage-recorded.
      summarizeFor:
        ({ caller, requestId }) =>
        async (text, maxWords, signal) => {
          const { output } = await invocation.invoke({
            capability: 'summarize',
            input: { text, maxWords },
            principal: caller.principal,
            requestId,
            frontDoor: caller.frontDoor,
            ...(signal ? { signal } : {}),
          });
          return (output as { summary: string }).summary;
        },
      bounds: config.conversations,
      audit: governance.audit,
      logger,
    });
    const conversationRetention = new ConversationRetention({
      repository: conversationRepository,
      logger,
      retentionDays: config.conversations.retentionDays,
    });
    conversationRetention.start();
    cleanups.push(() => conversationRetention.stop());
    // Leases need shared state: without Redis there is one instance, whose death ends its runs' followers too.
    const runLeases = redis
      ? new RunLeases({
          redis: redis.command,
          keyPrefix: `${keyspace.runLeases}${store.databaseName}:`,
          leaseMs: config.runs.leaseMs,
          logger,
        })
      : undefined;
    if (runLeases) {
      runLeases.start();
      const sweeper = new OrphanedRunSweeper({
        leases: runLeases,
        runEvents,
        budgets: budgetStore,
        runs: runRepository,
        logger,
      });
      sweeper.start();
      cleanups.push(async () => {
        runLeases.stop();
        await sweeper.stop();
      });
    }
    const runTracker = new RunTracker({
      recorder: runRecorder,
      leases: runLeases,
      defaultMaskingPolicy: (orgId) => registry.orgMaskingPolicy(orgId),
    });
    // Runs after the server drained and before governance flushes usage: startRun's runs are aborted
    // and awaited, so each still records its usage, releases its budget and appends its FAILED event.
    cleanups.push(() => detachedRuns.close());

    // Trusted documents registered at run time (admin mutations), beside the manifest files.
    const trustedDocuments = new TrustedDocumentRegistry({
      repository: store.trustedDocuments,
      pubSub,
      fileDocuments: config.graphql.trustedDocuments.documents,
      audit: governance.audit,
      logger,
    });
    await trustedDocuments.start();
    cleanups.push(async () => trustedDocuments.stop());

    const base: Omit<Services, 'invocation' | 'workflows'> = {
      config,
      logger,
      store,
      pubSub,
      redis,
      secretBox,
      auth,
      registry,
      registryAdmin,
      health,
      knowledge,
      calls,
      runEvents,
      detachedRuns,
      runTracker,
      runQueries: new RunQueryService(runRepository),
      governance,
      usage: governance.usage,
      audit: governance.audit,
      conversations,
      trustedDocuments,
    };
    const invocation: InvocationService = new InvocationService({
      registry,
      router: new Router(registry, health, { maxInFlightPerProvider: config.providerMaxInFlight }),
      health,
      calls,
      cache,
      knowledge,
      publishRunEvent: (event) => runEvents.append(event),
      runs: runTracker,
      // Called at invocation time, once the workflows below exist.
      workflows: () => workflows.service,
      conversations,
      logger,
    });
    // Steps run through the invocation pipeline; stopped after the server drained, before usage is flushed.
    const workflows = await createWorkflows({
      store,
      registry,
      pubSub,
      redis,
      redisUrl: config.redisUrl,
      invocation: () => invocation,
      logger,
      settings: config.workflows,
    });
    cleanups.push(() => workflows.stop());
    const services: Services = { ...base, invocation, workflows };
    if (redis) {
      // Pub/sub messages sent while Redis was unreachable are lost: after a reconnect, forget what
      // they might have invalidated (cached keys, registry, governance rules) and load it again.
      const stopResync = redis.onReconnected(() => {
        logger.warn('Redis reconnected: resynchronizing caches');
        auth.forgetAll();
        void registry
          .reload()
          .catch((error: unknown) => logger.error({ err: error }, 'registry resync failed'));
        void governance.settings
          .reload()
          .catch((error: unknown) => logger.error({ err: error }, 'governance rules resync failed'));
        void trustedDocuments
          .reload()
          .catch((error: unknown) => logger.error({ err: error }, 'trusted documents resync failed'));
      });
      cleanups.push(async () => stopResync());
    }
    // `/v1/responses` storage: kept as long as runs are.
    const responses = new ResponseStore(store.responses, {
      retentionDays: config.runs.retentionDays,
      logger,
    });
    responses.start();
    cleanups.push(() => responses.stop());
    const schema = await buildAppSchema(pubSub, providerKinds);
    // MCP at `/mcp`: the capabilities as tools, knowledge bases as resources (src/mcp/).
    const mcp = new McpGateway(services, schema);
    const mode = { mongo: engine ? 'embedded' : 'external', redis: redis ? 'redis' : 'in-process' } as const;

    const untrustedDocuments = new Counter({
      name: 'capgate_graphql_untrusted_documents_total',
      help: 'GraphQL documents outside the trusted documents manifests that ran (log mode, exempt admin keys).',
      labelNames: ['exempt'],
      registers: [metrics.registry],
    });
    const server: RunningServer = await startServer({
      services,
      schema,
      revocations,
      onUntrustedDocument: ({ exempt }) => untrustedDocuments.inc({ exempt: String(exempt) }),
      mountRoutes: (http) => {
        if (tracing.middleware) http.use(tracing.middleware);
        http.use(metrics.middleware);
        http.get('/metrics', metrics.handler);
        http.use('/mcp', createCorsMiddleware(config.allowedOrigins), mcp.handle);
      },
      // `/v1` skips the express stack (its handler works on bare node:http objects).
      fastRoutes: fastRoute('/v1/', [
        createCorsMiddleware(config.allowedOrigins),
        tracing.middleware,
        metrics.middleware,
        createV1Handler({ services, gate, usage: () => observedUsage, responses }),
      ]),
      readiness: async () => {
        const checks: Record<string, string> = {};
        let ready = true;
        // Each check answers within its deadline, so /readyz answers within about a second.
        const [mongoOk, redisOk] = await Promise.all([
          engine && !engine.isUp()
            ? false
            : withDeadline(store.ping(), READINESS_DEADLINE_MS).then(
                () => true,
                () => false,
              ),
          redis
            ? withDeadline(redis.command.ping(), READINESS_DEADLINE_MS).then(
                () => true,
                () => false,
              )
            : undefined,
        ]);
        checks.mongo = mongoOk ? 'ok' : 'unreachable';
        if (!mongoOk) ready = false;
        if (redisOk !== undefined) {
          checks.redis = redisOk ? 'ok' : 'unreachable';
          if (!redisOk) ready = false;
        }
        // An orchestrator waits for the local models too: the first call after ready is a normal one.
        const models = localModelsState();
        if (models === 'loading') ready = false;
        return { ready, body: { mongo: mode.mongo, redis: mode.redis, models, checks } };
      },
    });
    cleanups.push(() => server.stop());
    if (config.localModels.warmStart) {
      void warmUpLocalModels((error) =>
        logger.warn({ err: error }, 'local models warm-up failed; they load on first use'),
      );
    }
    // Runs before the server stops (cleanups run in reverse): open MCP event streams end first.
    cleanups.push(() => mcp.close());

    return {
      url: server.url,
      port: server.port,
      services,
      bootstrap,
      mode,
      engine,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
