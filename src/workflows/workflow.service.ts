/**
 * Workflow runs: start (returns at once; the steps run on the step runner), read, list, cancel and
 * follow. A run is visible to the team that started it and to org admins; to anyone else it does not
 * exist (NOT_FOUND).
 */
import { randomUUID } from 'node:crypto';
import {
  AppError,
  BadUserInputError,
  ErrorCode,
  ForbiddenError,
  InternalError,
  NotFoundError,
} from '../errors/app-error.js';
import type {
  InvocationRequest,
  InvocationResult,
  RunEventPayload,
} from '../capabilities/capability.types.js';
import type { WorkflowInvoker } from '../capabilities/invocation.service.js';
import { validateAgainst } from '../capabilities/json-schema.js';
import { assertJsonWithinLimits } from '../capabilities/input-limits.js';
import { hasRole, type Principal } from '../governance/auth/principal.js';
import type { AppPubSub } from '../infra/pubsub.js';
import { Topic } from '../infra/topics.js';
import type { Logger } from '../infra/logger.js';
import type { WorkflowCatalog } from './workflow-catalog.js';
import type { WorkflowEventLog } from './workflow-event-log.js';
import type { WorkflowExecutor } from './workflow-executor.js';
import { followWorkflowRun } from './workflow-follower.js';
import type {
  StoredWorkflowRun,
  WorkflowRunPage,
  WorkflowRunPageRequest,
  WorkflowRunRepository,
} from '../store/repos/workflow-run.repo.js';
import type { SequencedWorkflowEvent, WorkflowRunOptions, WorkflowRunStatus } from './workflow.types.js';

export class WorkflowService implements WorkflowInvoker {
  constructor(
    private readonly options: {
      catalog: WorkflowCatalog;
      runs: WorkflowRunRepository;
      events: WorkflowEventLog;
      executor: WorkflowExecutor;
      pubSub: AppPubSub;
      logger: Logger;
    },
  ) {}

  get catalog(): WorkflowCatalog {
    return this.options.catalog;
  }

  /** Validates, stores the run, emits STARTED and hands the first steps to the runner. */
  async start(
    name: string,
    input: unknown,
    runOptions: WorkflowRunOptions,
    principal: Principal,
  ): Promise<StoredWorkflowRun> {
    if (!hasRole(principal, 'MEMBER'))
      throw new ForbiddenError('Running workflows requires the MEMBER role.');
    const workflow = this.options.catalog.visible(name, principal);
    if (workflow.status === 'deprecated')
      throw new BadUserInputError(`Workflow "${name}" is deprecated and can no longer be run.`);
    assertJsonWithinLimits(input, 'input');
    const problem = validateAgainst(workflow.inputSchema, input);
    if (problem) throw new BadUserInputError(`Input does not match the workflow's inputSchema: ${problem}.`);
    const { maxCostUsd } = runOptions;
    if (maxCostUsd !== undefined && !(Number.isFinite(maxCostUsd) && maxCostUsd >= 0))
      throw new BadUserInputError('options.maxCostUsd must be a number ≥ 0.');
    const runId = `wfrun_${randomUUID()}`;
    await this.options.runs.create({
      runId,
      workflow: workflow.name,
      workflowVersion: workflow.version,
      definition: { inputSchema: workflow.inputSchema, steps: workflow.steps, output: workflow.output },
      principal,
      input,
      maxCostUsd,
    });
    await this.options.executor.emit({ runId, type: 'STARTED' });
    await this.options.executor.advance(runId);
    return (await this.options.runs.get(runId))!;
  }

  /** The run as the principal may see it, or NOT_FOUND. */
  async get(runId: string, principal: Principal): Promise<StoredWorkflowRun> {
    const run = await this.options.runs.get(runId);
    if (!run || !mayRead(run, principal)) throw new NotFoundError(`Unknown workflow run "${runId}".`);
    return run;
  }

  async page(
    principal: Principal,
    filter: { workflow?: string; status?: WorkflowRunStatus },
    request: WorkflowRunPageRequest,
  ): Promise<WorkflowRunPage> {
    return this.options.runs.page(
      {
        orgId: principal.orgId,
        ...(hasRole(principal, 'ADMIN') ? {} : { teamId: principal.teamId }),
        ...filter,
      },
      request,
    );
  }

  /** Ends the run CANCELLED (its stream ends FAILED with errorCode CANCELLED) and aborts its steps. */
  async cancel(runId: string, principal: Principal): Promise<StoredWorkflowRun> {
    const run = await this.get(runId, principal);
    if (!hasRole(principal, 'MEMBER'))
      throw new ForbiddenError('Cancelling workflow runs requires the MEMBER role.');
    if (run.status === 'RUNNING') {
      await this.options.executor.end(run, 'CANCELLED', {
        errorCode: 'CANCELLED',
        errorMessage: 'The run was cancelled.',
      });
      this.options.executor.cancelLocal(runId);
      this.options.pubSub.publish(Topic.workflowCancelled, runId);
    }
    return (await this.options.runs.get(runId))!;
  }

  /**
   * A workflow invoked as a capability (`invoke`, `invokeStream`, `/v1`): starts a run, relays its
   * text deltas, and returns its output when it completes (or throws its error). The caller going
   * away cancels the run.
   */
  async invoke(
    request: InvocationRequest,
    runId: string,
    emit: (event: Omit<RunEventPayload, 'runId' | 'at'>) => void,
  ): Promise<InvocationResult> {
    const started = Date.now();
    const run = await this.start(
      request.capability,
      request.input,
      { maxCostUsd: request.options?.maxCostUsd },
      request.principal,
    );
    const events = followWorkflowRun(run.runId, this.options.events, this.options.pubSub, {
      pollIntervalMs: 500,
      onError: (error) =>
        this.options.logger.warn({ err: error, runId: run.runId }, 'following a workflow run failed'),
    });
    const onAbort = () => void this.cancel(run.runId, request.principal).catch(() => undefined);
    if (request.signal?.aborted) onAbort();
    else request.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const event of events) {
        if (event.type === 'DELTA' && event.delta) emit({ type: 'DELTA', delta: event.delta });
        else if (event.type === 'STEP_STARTED')
          emit({ type: 'ROUTED', model: `${run.workflow}/${event.step}` });
        else if (event.type === 'COMPLETED') {
          const steps = run.definition.steps.length;
          return {
            output: event.output ?? null,
            meta: {
              runId,
              capability: run.workflow,
              model: run.workflow,
              provider: 'workflow',
              cached: false,
              usage: {
                ...(event.usage ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 }),
                latencyMs: Date.now() - started,
              },
              attempts: [],
              reason: `workflow "${run.workflow}" v${run.workflowVersion} (${steps} steps), run ${run.runId}`,
            },
          };
        } else if (event.type === 'FAILED') {
          const code = Object.values(ErrorCode).includes(event.errorCode as ErrorCode)
            ? (event.errorCode as ErrorCode)
            : ErrorCode.TIMEOUT;
          throw new AppError(
            code,
            `Workflow "${run.workflow}" failed (run ${run.runId}): ${event.message ?? ''}`.trim(),
          );
        }
      }
      throw new InternalError();
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
      await events.return?.();
    }
  }

  /** Replays the run's events, then follows them live until COMPLETED or FAILED. */
  async follow(runId: string, principal: Principal): Promise<AsyncIterableIterator<SequencedWorkflowEvent>> {
    await this.get(runId, principal);
    return followWorkflowRun(runId, this.options.events, this.options.pubSub, {
      onError: (error) => this.options.logger.warn({ err: error, runId }, 'following a workflow run failed'),
    });
  }
}

function mayRead(run: StoredWorkflowRun, principal: Principal): boolean {
  if (run.orgId !== principal.orgId) return false;
  return run.teamId === principal.teamId || hasRole(principal, 'ADMIN');
}
