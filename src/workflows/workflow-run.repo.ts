/**
 * Workflow run documents: created when a run starts; each step's state under `steps.<name>`, written
 * with conditional single-document updates so that a step ends once and a run ends once, whichever
 * instance gets there first (the others' updates match nothing).
 */
import type { Principal } from '../governance/auth/principal.js';
import type { RunUsage } from '../capabilities/capability.types.js';
import type { WorkflowModels, WorkflowRunRecord, WorkflowStepRecord } from './workflow.model.js';
import type {
  WorkflowDefinition,
  WorkflowRunInfo,
  WorkflowRunStatus,
  WorkflowStepState,
  WorkflowStepStatus,
} from './workflow.types.js';

const ENDED_STEP: WorkflowStepStatus[] = ['COMPLETED', 'FAILED', 'SKIPPED'];

export interface StoredWorkflowRun extends WorkflowRunInfo {
  principal: Principal;
}

export interface WorkflowRunPage {
  /** Newest first, whichever way the page was read. */
  runs: StoredWorkflowRun[];
  /** More runs lie beyond the page in the direction it was read (older forward, newer backward). */
  hasMore: boolean;
  totalCount: number;
}

/** A position in the newest-first list: (createdAt, run id). */
export interface WorkflowRunPosition {
  createdAt: Date;
  runId: string;
}

export interface WorkflowRunPageRequest {
  size: number;
  /** `last`: read from `before` towards the newest runs (the page is still given newest first). */
  backward: boolean;
  /** Only runs older than this. */
  after?: WorkflowRunPosition;
  /** Only runs newer than this. */
  before?: WorkflowRunPosition;
}

export class WorkflowRunRepository {
  /**
   * Writes to one run's document from this instance, one at a time: the embedded FerretDB engine
   * applies concurrent updates of one document as read-modify-write, so two parallel steps' updates
   * (or forEach items' `$inc`) could otherwise lose one another. MongoDB needs no such care.
   */
  private readonly writing = new Map<string, Promise<unknown>>();

  constructor(private readonly models: WorkflowModels) {}

  private serially<T>(runId: string, write: () => Promise<T>): Promise<T> {
    const previous = this.writing.get(runId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(write);
    this.writing.set(runId, next);
    void next
      .catch(() => undefined)
      .finally(() => {
        if (this.writing.get(runId) === next) this.writing.delete(runId);
      });
    return next;
  }

  async create(run: {
    runId: string;
    workflow: string;
    workflowVersion: number;
    definition: WorkflowDefinition;
    principal: Principal;
    input: unknown;
    maxCostUsd?: number;
  }): Promise<void> {
    await this.models.workflowRuns.create({
      _id: run.runId,
      workflow: run.workflow,
      workflowVersion: run.workflowVersion,
      definition: JSON.stringify(run.definition),
      orgId: run.principal.orgId,
      teamId: run.principal.teamId,
      keyId: run.principal.id,
      principal: JSON.stringify(run.principal),
      input: JSON.stringify(run.input ?? null),
      ...(run.maxCostUsd !== undefined ? { maxCostUsd: run.maxCostUsd } : {}),
      status: 'RUNNING',
      steps: {},
      costUsd: 0,
      createdAt: new Date(),
    });
  }

  async get(runId: string): Promise<StoredWorkflowRun | undefined> {
    const record = await this.models.workflowRuns.findById(runId).lean();
    return record ? toRunInfo(record) : undefined;
  }

  /** Marks the step running (unless it already ended); false when the run or the step has ended. */
  async stepStarted(runId: string, step: string, instance: string): Promise<boolean> {
    const result = await this.serially(runId, () =>
      this.models.workflowRuns
        .updateOne(
          { _id: runId, status: 'RUNNING', [`steps.${step}.status`]: { $nin: ENDED_STEP } },
          {
            $set: {
              [`steps.${step}.status`]: 'RUNNING',
              [`steps.${step}.startedAt`]: new Date(),
              // Which instance runs it (operations: where to look when a step hangs).
              [`steps.${step}.instance`]: instance,
            },
          },
        )
        .exec(),
    );
    return result.matchedCount === 1;
  }

  async stepAttempted(runId: string, step: string): Promise<void> {
    await this.serially(runId, () =>
      this.models.workflowRuns.updateOne({ _id: runId }, { $inc: { [`steps.${step}.attempts`]: 1 } }).exec(),
    );
  }

  /** Ends the step once; false when it had already ended (or the run did). */
  async stepEnded(
    runId: string,
    step: string,
    state: {
      status: WorkflowStepStatus;
      output?: unknown;
      usage?: RunUsage;
      errorCode?: string;
      errorMessage?: string;
    },
  ): Promise<boolean> {
    const set: Record<string, unknown> = {
      [`steps.${step}.status`]: state.status,
      [`steps.${step}.endedAt`]: new Date(),
    };
    if (state.output !== undefined) set[`steps.${step}.output`] = JSON.stringify(state.output);
    if (state.usage) set[`steps.${step}.usage`] = state.usage;
    if (state.errorCode) set[`steps.${step}.errorCode`] = state.errorCode;
    if (state.errorMessage) set[`steps.${step}.errorMessage`] = state.errorMessage;
    const result = await this.serially(runId, () =>
      this.models.workflowRuns
        .updateOne(
          { _id: runId, status: 'RUNNING', [`steps.${step}.status`]: { $nin: ENDED_STEP } },
          { $set: set, $inc: { costUsd: state.usage?.costUsd ?? 0 } },
        )
        .exec(),
    );
    return result.matchedCount === 1;
  }

  /** Ends the run once; false when it had already ended. */
  async ended(
    runId: string,
    status: Exclude<WorkflowRunStatus, 'RUNNING'>,
    fields: { output?: unknown; errorCode?: string; errorMessage?: string },
  ): Promise<boolean> {
    const result = await this.serially(runId, () =>
      this.models.workflowRuns
        .updateOne(
          { _id: runId, status: 'RUNNING' },
          {
            $set: {
              status,
              endedAt: new Date(),
              ...(fields.output !== undefined ? { output: JSON.stringify(fields.output) } : {}),
              ...(fields.errorCode ? { errorCode: fields.errorCode } : {}),
              ...(fields.errorMessage ? { errorMessage: fields.errorMessage } : {}),
            },
          },
        )
        .exec(),
    );
    return result.matchedCount === 1;
  }

  /**
   * Newest first. Forward (`first`/`after`): the `size` runs older than `after`; backward
   * (`last`/`before`): the `size` runs just newer than `before`, read oldest first and turned round.
   */
  async page(
    filter: { orgId: string; teamId?: string; workflow?: string; status?: string },
    request: WorkflowRunPageRequest,
  ): Promise<WorkflowRunPage> {
    const query: Record<string, unknown> = { orgId: filter.orgId };
    if (filter.teamId) query.teamId = filter.teamId;
    if (filter.workflow) query.workflow = filter.workflow;
    if (filter.status) query.status = filter.status;
    const conditions: Array<Record<string, unknown>> = [query];
    const { after, before, size, backward } = request;
    if (after)
      conditions.push({
        $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.runId } }],
      });
    if (before)
      conditions.push({
        $or: [
          { createdAt: { $gt: before.createdAt } },
          { createdAt: before.createdAt, _id: { $gt: before.runId } },
        ],
      });
    const direction = backward ? 1 : -1;
    const [records, totalCount] = await Promise.all([
      this.models.workflowRuns
        .find(conditions.length === 1 ? query : { $and: conditions })
        .sort({ createdAt: direction, _id: direction })
        .limit(size + 1)
        .lean(),
      this.models.workflowRuns.countDocuments(query),
    ]);
    const page = records.slice(0, size);
    if (backward) page.reverse();
    return { runs: page.map(toRunInfo), hasMore: records.length > size, totalCount };
  }
}

function toRunInfo(record: WorkflowRunRecord): StoredWorkflowRun {
  const principal = JSON.parse(record.principal) as Principal;
  if (principal.expiresAt) principal.expiresAt = new Date(principal.expiresAt);
  const steps: Record<string, WorkflowStepState> = {};
  for (const [name, step] of Object.entries(record.steps ?? {}) as [string, WorkflowStepRecord][]) {
    steps[name] = {
      status: step.status as WorkflowStepStatus,
      attempts: step.attempts ?? 0,
      ...(step.output !== undefined ? { output: JSON.parse(step.output) as unknown } : {}),
      ...(step.errorCode ? { errorCode: step.errorCode } : {}),
      ...(step.errorMessage ? { errorMessage: step.errorMessage } : {}),
      ...(step.usage ? { usage: step.usage } : {}),
      ...(step.startedAt ? { startedAt: new Date(step.startedAt) } : {}),
      ...(step.endedAt ? { endedAt: new Date(step.endedAt) } : {}),
    };
  }
  return {
    runId: record._id,
    workflow: record.workflow,
    workflowVersion: record.workflowVersion,
    definition: JSON.parse(record.definition) as WorkflowDefinition,
    orgId: record.orgId,
    teamId: record.teamId,
    keyId: record.keyId,
    principal,
    input: record.input ? (JSON.parse(record.input) as unknown) : null,
    options:
      record.maxCostUsd !== undefined && record.maxCostUsd !== null ? { maxCostUsd: record.maxCostUsd } : {},
    status: record.status as WorkflowRunStatus,
    steps,
    costUsd: record.costUsd ?? 0,
    ...(record.output !== undefined && record.output !== null
      ? { output: JSON.parse(record.output) as unknown }
      : {}),
    ...(record.errorCode ? { errorCode: record.errorCode } : {}),
    ...(record.errorMessage ? { errorMessage: record.errorMessage } : {}),
    createdAt: record.createdAt,
    ...(record.endedAt ? { endedAt: record.endedAt } : {}),
  };
}
