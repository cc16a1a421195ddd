/**
 * The composition root: config → infrastructure → services → schema → HTTP/WS server. Nothing else
 * wires things together. `startApp` returns a handle whose `stop()` shuts everything down in order.
 */
import type { Connection } from 'mongoose';
import type { Config } from './config/config.js';
import { AuthService } from './governance/auth/auth.service.js';
import { bootstrapIdentity, type BootstrapResult } from './governance/auth/bootstrap.js';
import { buildAppSchema } from './graphql/schema.js';
import { startEmbeddedEngine, type EmbeddedEngine } from './infra/embedded-engine.js';
import { createLogger, type Logger } from './infra/logger.js';
import { Metrics } from './infra/metrics.js';
import { createTracing, observedClients } from './infra/tracing.js';
import { createAppPubSub, listen } from './infra/pubsub.js';
import { connectRedis, type RedisConnections } from './infra/redis.js';
import { loadMasterKey, SecretBox } from './infra/secret-box.js';
import { InvocationService } from './capabilities/invocation.service.js';
import { MemoryBudgetStore, RedisBudgetStore } from './governance/budget/index.js';
import { MemoryResponseCache, RedisResponseCache } from './governance/cache/index.js';
import { GovernanceGate } from './governance/gate.js';
import { createRateLimiter } from './governance/rate-limit/index.js';
import { createGovernanceServices } from './governance/admin/index.js';
import { createOidcVerifier } from './governance/auth/oidc.js';
import { KnowledgeService } from './knowledge/knowledge.service.js';
import { RegistryAdmin } from './registry/registry.admin.js';
import { seedRegistry } from './registry/registry.seed.js';
import { RegistryService } from './registry/registry.service.js';
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
import { RunTracker } from './runs/run-tracker.js';
import { RunRepository } from './store/repos/run.repo.js';
import { startServer, type RunningServer } from './server.js';
import type { Services } from './services.js';
import { connectMongo } from './store/connection.js';
import { createV1Handler } from './v1/v1.router.js';
import { createStore, syncIndexes } from './store/store.js';
import { configureLocalWork } from './capabilities/local-work/local-work.js';

export interface App {
  readonly url: string;
  readonly port: number;
  readonly services: Services;
  readonly bootstrap: BootstrapResult;
  readonly mode: { mongo: 'embedded' | 'external'; redis: 'redis' | 'in-process' };
  stop(): Promise<void>;
}

export const Topic = {
  keyRevoked: 'auth.keyRevoked',
  /** A key's expiry changed (rotation grace): caches drop it, live connections stay. */
  keyChanged: 'auth.keyChanged',
} as const;

export async function startApp(config: Config, options: { logger?: Logger } = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  configureLocalWork(config.localWork);
  const cleanups: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
    }
  };
  try {
    let engine: EmbeddedEngine | undefined;
    let mongoUri = config.mongo.uri;
    if (!mongoUri) {
      engine = await startEmbeddedEngine({
        dataDir: config.dataDir,
        onProgress: (message) => process.stderr.write(`${message}\n`),
      });
      cleanups.push(() => engine!.stop());
      mongoUri = `${engine.baseUri}capgate`;
    }
    const connection: Connection = await connectMongo(mongoUri);
    cleanups.push(() => connection.close());
    const store = createStore(connection);
    await syncIndexes(store);

    let redis: RedisConnections | undefined;
    if (config.redisUrl) {
      redis = await connectRedis(config.redisUrl);
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
    const stopRevocations = listen(
      pubSub,
      Topic.keyRevoked,
      (payload) => auth.forgetKey(String(payload)),
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

    const registry = new RegistryService({ store, pubSub, secretBox, logger });
    await registry.start();
    cleanups.push(() => registry.stop());
    await seedRegistry(store, registry);
    const registryAdmin = new RegistryAdmin(registry, store, secretBox);
    const health = redis
      ? new RedisModelHealth({ redis: redis.command, pubSub, logger })
      : new InProcessModelHealth();
    cleanups.push(() => health.close());
    const tracing = createTracing(config.tracing);
    cleanups.push(() => tracing.shutdown());
    const metrics = new Metrics({
      token: config.metricsToken,
      models: () => registry.models().map((model) => model.name),
      health,
      dependencies: async () => ({
        mongo: await connection
          .db!.admin()
          .ping()
          .then(
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

    const knowledge = new KnowledgeService({
      store,
      pubSub,
      logger,
      embed: async (modelName, texts, signal) => {
        const model = registry.model(modelName);
        if (!model) throw new Error(`Unknown embedding model "${modelName}"`);
        const client = registry.client(model.provider);
        if (!client.doEmbed) throw new Error(`Provider "${model.provider}" offers no embeddings`);
        const result = await client.doEmbed({ model: model.upstreamModel, input: texts, signal });
        return result.embeddings;
      },
    });
    knowledge.start();
    cleanups.push(async () => knowledge.stop());

    const redisPrefix = 'capgate:';
    // One budget store for the pipeline and the `budgets` query (they must agree in memory mode).
    const budgetStore = redis
      ? new RedisBudgetStore({ redis: redis.command, keyPrefix: `${redisPrefix}{budget}:` })
      : new MemoryBudgetStore();
    const governance = await createGovernanceServices({
      store,
      connection,
      redis,
      pubSub,
      logger,
      config,
      hmacKey: secretBox.hmacKey,
      auth,
      budgetStore,
      redisKeyPrefix: redisPrefix,
    });
    // Stops after the server drained and before MongoDB closes: flushes buffered usage.
    cleanups.push(() => governance.stop());
    const gate = new GovernanceGate({
      budgets: budgetStore,
      rateLimiter: createRateLimiter({ redis: redis?.command, keyPrefix: `${redisPrefix}rl:` }),
      rules: () => (principal) => governance.rulesFor(principal),
    });
    const cache = redis
      ? new RedisResponseCache({ redis: redis.command, keyPrefix: `${redisPrefix}cache:` })
      : new MemoryResponseCache();
    const runEvents = redis ? new RedisRunEventLog(redis.command, pubSub) : new InProcessRunEventLog(pubSub);
    const detachedRuns = new DetachedRuns();
    const runRepository = new RunRepository(store.runs);
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
    // Leases need shared state: without Redis there is one instance, whose death ends its runs' followers too.
    const runLeases = redis
      ? new RunLeases({
          redis: redis.command,
          keyPrefix: `${redisPrefix}{runs}:${connection.name}:`,
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

    const base: Omit<Services, 'invocation'> = {
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
      runEvents,
      detachedRuns,
      runTracker,
      runQueries: new RunQueryService(runRepository),
      governance,
      usage: governance.usage,
      audit: governance.audit,
    };
    const invocation: InvocationService = new InvocationService({
      registry,
      router: new Router(registry, health, { maxInFlightPerProvider: config.providerMaxInFlight }),
      health,
      gate,
      cache,
      knowledge,
      usage: () => observedUsage,
      clientFor: observedClients((name) => registry.client(name), { metrics, tracer: tracing.tracer }),
      publishRunEvent: (event) => runEvents.append(event),
      defaultMaskingPolicy: (orgId) => registry.orgMaskingPolicy(orgId),
      runs: runTracker,
      onBudgetSoftExceeded: (principal, rules, runId, capability) =>
        governance.raiseBudgetAlert(principal, rules, { runId, capability }),
      logger,
    });
    const services: Services = { ...base, invocation };
    const schema = await buildAppSchema(pubSub);
    const mode = { mongo: engine ? 'embedded' : 'external', redis: redis ? 'redis' : 'in-process' } as const;

    const server: RunningServer = await startServer({
      services,
      schema,
      mountRoutes: (http) => {
        if (tracing.middleware) http.use(tracing.middleware);
        http.use(metrics.middleware);
        http.get('/metrics', metrics.handler);
        http.use(createV1Handler({ services, gate, usage: () => observedUsage }));
      },
      readiness: async () => {
        const checks: Record<string, string> = {};
        let ready = true;
        try {
          await connection.db!.admin().ping();
          checks.mongo = 'ok';
        } catch {
          checks.mongo = 'unreachable';
          ready = false;
        }
        if (redis) {
          try {
            await redis.command.ping();
            checks.redis = 'ok';
          } catch {
            checks.redis = 'unreachable';
            ready = false;
          }
        }
        return { ready, body: { mongo: mode.mongo, redis: mode.redis, checks } };
      },
    });
    cleanups.push(() => server.stop());

    return {
      url: server.url,
      port: server.port,
      services,
      bootstrap,
      mode,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
