/**
 * Builds the workflow feature for the composition root: the catalog (definitions), the run store,
 * the event log, the executor and its step runner (BullMQ over Redis when there is one, else in
 * process), and the service the resolvers use.
 */
import type { InvocationService } from '../capabilities/invocation.service.js';
import type { Logger } from '../infra/logger.js';
import { listen, type AppPubSub } from '../infra/pubsub.js';
import type { RedisConnections } from '../infra/redis.js';
import { redisKeyspace } from '../infra/redis-keyspace.js';
import { Topic } from '../infra/topics.js';
import type { RegistryService } from '../registry/registry.service.js';
import type { Store } from '../store/store.js';
import { BullMqStepRunner } from './bullmq-step-runner.js';
import { InProcessStepRunner } from './in-process-step-runner.js';
import { WorkflowCatalog } from './workflow-catalog.js';
import { InProcessWorkflowEventLog, RedisWorkflowEventLog } from './workflow-event-log.js';
import { WorkflowExecutor } from './workflow-executor.js';
import { WorkflowService } from './workflow.service.js';

export interface Workflows {
  service: WorkflowService;
  catalog: WorkflowCatalog;
  /** Stops taking steps; steps in flight are interrupted (with Redis, another replica resumes them). */
  stop(): Promise<void>;
}

export async function createWorkflows(options: {
  store: Pick<Store, 'workflows' | 'workflowRuns' | 'databaseName'>;
  registry: RegistryService;
  pubSub: AppPubSub;
  redis: RedisConnections | undefined;
  redisUrl: string | undefined;
  invocation: () => InvocationService;
  logger: Logger;
  settings: { lockMs: number; concurrency: number };
}): Promise<Workflows> {
  const { store, pubSub, logger } = options;
  const catalog = new WorkflowCatalog({ workflows: store.workflows, registry: options.registry, logger });
  await catalog.start();
  const keyspace = redisKeyspace();
  const events = options.redis
    ? new RedisWorkflowEventLog(options.redis.command, pubSub, keyspace.workflowRuns)
    : new InProcessWorkflowEventLog(pubSub);
  const runs = store.workflowRuns;
  const executor = new WorkflowExecutor({ runs, events, invocation: options.invocation, logger });
  executor.runner =
    options.redis && options.redisUrl
      ? new BullMqStepRunner(executor, {
          redisUrl: options.redisUrl,
          // One queue per database: deployments (and test databases) sharing a Redis do not meet.
          prefix: `${keyspace.workflowQueue}{${store.databaseName}}`,
          lockMs: options.settings.lockMs,
          concurrency: options.settings.concurrency,
          logger,
        })
      : new InProcessStepRunner(executor, logger);
  const stopCancelListener = listen(
    pubSub,
    Topic.workflowCancelled,
    (runId) => executor.cancelLocal(runId),
    (error) => logger.error({ err: error }, 'workflow cancel listener failed'),
  );
  const service = new WorkflowService({ catalog, runs, events, executor, pubSub, logger });
  // Workflows are capabilities to callers: `invoke`, `invokeStream` and `/v1` find them by name.
  options.registry.useExtraCapabilities({
    get: (name) => catalog.asCapability(name),
    list: () => catalog.allAsCapabilities(),
  });
  return {
    service,
    catalog,
    async stop() {
      stopCancelListener();
      catalog.stop();
      await executor.runner.stop();
    },
  };
}
