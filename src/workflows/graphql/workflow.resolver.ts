/**
 * Workflows over GraphQL: registration (MAINTAINER; audited), catalog queries (VIEWER), runs
 * (`runWorkflow` returns at once; `workflowRun`, `workflowRuns`, `cancelWorkflowRun`), and the
 * `workflowEvents` subscription, which replays a run's events and follows it from any instance.
 */
import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { BadUserInputError, isAppError } from '../../errors/app-error.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { ConnectionArgs } from '../../graphql/relay/connection-args.js';
import { connectionFromArray } from '../../graphql/relay/connection-from-array.js';
import type { Connection } from '../../graphql/relay/connection.type.js';
import { decodeCursor, encodeCursor } from '../../graphql/relay/cursor.js';
import { keyOfGlobalId, toGlobalId } from '../../graphql/relay/global-id.js';
import { registerNodeType } from '../../graphql/relay/node-registry.js';
import { DEFAULT_PAGE_SIZE, validatePageRequest } from '../../graphql/relay/page-request.js';
import type { StoredWorkflowRun } from '../../store/repos/workflow-run.repo.js';
import type { SequencedWorkflowEvent, WorkflowInfo } from '../workflow.types.js';
import { totalUsage } from '../workflow-executor.js';
import type { WorkflowDraft } from '../workflow-validation.js';
import {
  CancelWorkflowRunInput,
  CancelWorkflowRunPayload,
  DeprecateWorkflowInput,
  DeprecateWorkflowPayload,
  RegisterWorkflowInput,
  RegisterWorkflowPayload,
  RunWorkflowInput,
  RunWorkflowPayload,
  UpdateWorkflowInput,
  UpdateWorkflowPayload,
  WorkflowConnectionType,
  WorkflowEventType,
  WorkflowEventTypeEnum,
  WorkflowRunConnectionType,
  WorkflowRunFilter,
  WorkflowRunStatusEnum,
  WorkflowRunType,
  WorkflowStatusEnum,
  WorkflowStepStatusEnum,
  WorkflowType,
} from './workflow.graphql-types.js';

const WORKFLOW = 'Workflow';
const WORKFLOW_RUN = 'WorkflowRun';

// `node(id:)` sees what `workflow(name:)` and `workflowRun(id:)` see: null for anything else.
registerNodeType(WORKFLOW, (name, context) => visibleWorkflow(context, name));
registerNodeType(WORKFLOW_RUN, async (runId, context) => {
  try {
    return toWorkflowRun(await context.services.workflows.service.get(runId, context.principal));
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
});

@Resolver()
export class WorkflowResolver {
  @Authorized('VIEWER')
  @Query(() => WorkflowType, {
    nullable: true,
    description: 'A workflow by name; null when unknown or not visible to you.',
  })
  workflow(
    @Arg('name', () => String, { description: 'The workflow name.' }) name: string,
    @Ctx() context: GraphQLContext,
  ): WorkflowType | null {
    return visibleWorkflow(context, name);
  }

  @Authorized('VIEWER')
  @Query(() => WorkflowConnectionType, { description: 'The workflows you may see, by name.' })
  workflows(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() context: GraphQLContext,
  ): Connection<WorkflowType> {
    const all = context.services.workflows.catalog.list(context.principal);
    const page = connectionFromArray(all, args, (workflow) => workflow.name);
    return {
      ...page,
      edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toWorkflow(edge.node) })),
    };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => RegisterWorkflowPayload, {
    description:
      'Registers a workflow (MAINTAINER; your team owns it). Validated whole: BAD_USER_INPUT lists every problem in `extensions.problems`, and nothing is stored.',
  })
  async registerWorkflow(
    @Arg('input', () => RegisterWorkflowInput, { description: 'The workflow definition.' })
    input: RegisterWorkflowInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RegisterWorkflowPayload> {
    const workflow = await context.services.workflows.catalog.register(
      draftOf(input),
      context.principal,
      context.principal.id,
    );
    await audit(context, 'registerWorkflow', workflow.name, {
      version: workflow.version,
      steps: workflow.steps.length,
      teams: workflow.teams,
    });
    return { workflow: toWorkflow(workflow) };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => UpdateWorkflowPayload, {
    description:
      'Replaces a workflow definition (ADMIN, or a MAINTAINER of the owning team); bumps its version. Runs in flight keep their version.',
  })
  async updateWorkflow(
    @Arg('input', () => UpdateWorkflowInput, {
      description: 'The new definition (the name says which workflow).',
    })
    input: UpdateWorkflowInput,
    @Ctx() context: GraphQLContext,
  ): Promise<UpdateWorkflowPayload> {
    const workflow = await context.services.workflows.catalog.update(
      draftOf(input),
      context.principal,
      context.principal.id,
    );
    await audit(context, 'updateWorkflow', workflow.name, {
      version: workflow.version,
      steps: workflow.steps.length,
    });
    return { workflow: toWorkflow(workflow) };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => DeprecateWorkflowPayload, {
    description:
      'Deprecates a workflow: it can no longer be run (ADMIN, or a MAINTAINER of the owning team).',
  })
  async deprecateWorkflow(
    @Arg('input', () => DeprecateWorkflowInput, { description: 'Which workflow.' })
    input: DeprecateWorkflowInput,
    @Ctx() context: GraphQLContext,
  ): Promise<DeprecateWorkflowPayload> {
    const workflow = await context.services.workflows.catalog.deprecate(
      input.name,
      context.principal,
      context.principal.id,
    );
    await audit(context, 'deprecateWorkflow', workflow.name, { version: workflow.version });
    return { workflow: toWorkflow(workflow) };
  }

  @Authorized('MEMBER')
  @Mutation(() => RunWorkflowPayload, {
    description:
      'Starts a workflow run and returns at once; follow it with `workflowEvents(runId: run.id)`. Each step is governed, admitted, budgeted and metered like an invocation.',
  })
  async runWorkflow(
    @Arg('input', () => RunWorkflowInput, { description: 'The workflow, its input and the run options.' })
    input: RunWorkflowInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RunWorkflowPayload> {
    const run = await context.services.workflows.service.start(
      input.name,
      input.input,
      { maxCostUsd: input.options?.maxCostUsd ?? undefined },
      context.principal,
    );
    return { run: toWorkflowRun(run) };
  }

  @Authorized('MEMBER')
  @Mutation(() => CancelWorkflowRunPayload, {
    description:
      'Cancels a run: its stream ends FAILED with errorCode CANCELLED, steps in flight are aborted.',
  })
  async cancelWorkflowRun(
    @Arg('input', () => CancelWorkflowRunInput, { description: 'Which run.' }) input: CancelWorkflowRunInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CancelWorkflowRunPayload> {
    const run = await context.services.workflows.service.cancel(
      workflowRunKeyOf(input.id, 'input.id'),
      context.principal,
    );
    return { run: toWorkflowRun(run) };
  }

  @Authorized('VIEWER')
  @Query(() => WorkflowRunType, {
    description: 'A workflow run with the status of each step; NOT_FOUND when unknown or not visible to you.',
  })
  async workflowRun(
    @Arg('id', () => ID, {
      description:
        'The run: its global `id`, or its `internalId` (`wfrun_…`, as usage records and logs name it).',
    })
    id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<WorkflowRunType> {
    return toWorkflowRun(
      await context.services.workflows.service.get(workflowRunKeyOf(id, 'id'), context.principal),
    );
  }

  @Authorized('VIEWER')
  @Query(() => WorkflowRunConnectionType, {
    description: "Workflow runs, newest first: your team's (an org admin's: every team's).",
  })
  async workflowRuns(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => WorkflowRunFilter, { nullable: true, description: 'Narrows the list.' })
    filter: WorkflowRunFilter | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<Connection<WorkflowRunType>> {
    validatePageRequest(args);
    const backward = args.last != null;
    const size = backward ? args.last! : (args.first ?? DEFAULT_PAGE_SIZE);
    const after = args.after == null ? undefined : runPositionOf(args.after, 'after');
    const before = args.before == null ? undefined : runPositionOf(args.before, 'before');
    const page = await context.services.workflows.service.page(
      context.principal,
      { workflow: filter?.workflow ?? undefined, status: filter?.status ?? undefined },
      { size, backward, ...(after ? { after } : {}), ...(before ? { before } : {}) },
    );
    const edges = page.runs.map((run) => ({
      cursor: encodeCursor(`${run.createdAt.toISOString()}|${run.runId}`),
      node: toWorkflowRun(run),
    }));
    return {
      edges,
      pageInfo: {
        // Newest first: `after` pages to older runs, `before` (with `last`) to newer ones.
        hasNextPage: backward ? before !== undefined : page.hasMore,
        hasPreviousPage: backward ? page.hasMore : after !== undefined,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount: page.totalCount,
    };
  }

  @Authorized('MEMBER')
  @Subscription(() => WorkflowEventType, {
    description:
      "Replays a workflow run's events, then follows it live, from any instance: STARTED, STEP_STARTED, DELTA, STEP_COMPLETED / STEP_SKIPPED / STEP_FAILED, and exactly one COMPLETED or FAILED.",
    subscribe: async ({ args, context }: { args: { runId: string }; context: GraphQLContext }) =>
      context.services.workflows.service.follow(workflowRunKeyOf(args.runId, 'runId'), context.principal),
  })
  workflowEvents(
    @Arg('runId', () => ID, { description: 'The run: its global `id`, or its `internalId` (`wfrun_…`).' })
    _runId: string,
    @Root() event: SequencedWorkflowEvent,
  ): WorkflowEventType {
    return {
      ...event,
      runId: toGlobalId(WORKFLOW_RUN, event.runId),
      type: event.type as WorkflowEventTypeEnum,
      at: new Date(event.at),
    };
  }
}

function visibleWorkflow(context: GraphQLContext, name: string): WorkflowType | null {
  const { catalog } = context.services.workflows;
  return catalog.list(context.principal).some((workflow) => workflow.name === name)
    ? toWorkflow(catalog.get(name)!)
    : null;
}

/** A workflow run's key from its global id or its internal id (`wfrun_…`, never a global id's start). */
function workflowRunKeyOf(id: string, argument: string): string {
  if (id.startsWith('wfrun_')) return id;
  try {
    return keyOfGlobalId(id, WORKFLOW_RUN);
  } catch (error) {
    if (error instanceof BadUserInputError && argument !== 'id')
      throw new BadUserInputError(error.message.replace('Invalid id', `Invalid id in \`${argument}\``), {
        extensions: { argument },
      });
    throw error;
  }
}

/** A run cursor: `<createdAt ISO>|<runId>`, the list's sort key (newest first). */
function runPositionOf(cursor: string, argument: 'after' | 'before'): { createdAt: Date; runId: string } {
  const position = decodeCursor(cursor, argument);
  const separator = position.indexOf('|');
  const createdAt = new Date(position.slice(0, separator));
  const runId = position.slice(separator + 1);
  if (separator <= 0 || Number.isNaN(createdAt.getTime()) || runId.length === 0)
    throw new BadUserInputError(`Invalid cursor in \`${argument}\`: pass a cursor of a previous page.`, {
      extensions: { argument },
    });
  return { createdAt, runId };
}

function draftOf(input: RegisterWorkflowInput): WorkflowDraft {
  return {
    name: input.name,
    description: input.description,
    inputSchema: input.inputSchema,
    steps: input.steps.map((step) => ({ ...step })),
    output: input.output,
    teams: input.teams,
  };
}

async function audit(
  context: GraphQLContext,
  action: string,
  target: string,
  summary: Record<string, unknown>,
) {
  await context.services.audit?.append({
    orgId: context.principal.orgId,
    actorKeyId: context.principal.id,
    actorTeamId: context.principal.teamId,
    action,
    target,
    summary,
    requestId: context.requestId,
  });
}

export function toWorkflow(workflow: WorkflowInfo): WorkflowType {
  return {
    id: toGlobalId(WORKFLOW, workflow.name),
    name: workflow.name,
    version: workflow.version,
    description: workflow.description,
    status: workflow.status === 'deprecated' ? WorkflowStatusEnum.DEPRECATED : WorkflowStatusEnum.ACTIVE,
    builtin: workflow.builtin,
    inputSchema: workflow.inputSchema,
    steps: workflow.steps.map((step) => ({
      ...step,
      dependsOn: step.dependsOn ?? [],
      retries: step.retries ?? 0,
    })),
    output: workflow.output,
    teams: workflow.teams,
    createdAt: workflow.createdAt,
    updatedAt: workflow.updatedAt,
  };
}

export function toWorkflowRun(run: StoredWorkflowRun): WorkflowRunType {
  return {
    id: toGlobalId(WORKFLOW_RUN, run.runId),
    internalId: run.runId,
    workflow: run.workflow,
    workflowVersion: run.workflowVersion,
    status: run.status as WorkflowRunStatusEnum,
    steps: run.definition.steps.map((step) => {
      const state = run.steps[step.name];
      return {
        name: step.name,
        capability: step.capability,
        status: (state?.status ?? 'PENDING') as WorkflowStepStatusEnum,
        attempts: state?.attempts ?? 0,
        output: state?.output,
        usage: state?.usage,
        errorCode: state?.errorCode,
        errorMessage: state?.errorMessage,
        startedAt: state?.startedAt,
        endedAt: state?.endedAt,
      };
    }),
    output: run.output,
    errorCode: run.errorCode,
    errorMessage: run.errorMessage,
    usage: totalUsage(run),
    maxCostUsd: run.options.maxCostUsd,
    createdAt: run.createdAt,
    endedAt: run.endedAt,
  };
}
