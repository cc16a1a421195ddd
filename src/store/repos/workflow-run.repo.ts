/**
 * Workflow runs: a document per run (written at its start, and once at its end) and the marks of its
 * steps (`workflowStepMarks`, see workflow.model.ts). A step ends once and a run ends once, whichever
 * instance gets there first, because each end is an insert that a unique `_id` refuses the second
 * time: no two instances ever update one document at once, which the embedded FerretDB engine
 * (read-modify-write) could not keep safe. A run's state is its document folded with its marks.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../governance/auth/principal.js';
import { isDuplicateKey } from './duplicate-key.js';
import type { RunUsage } from '../../capabilities/capability.types.js';
import type {
  WorkflowModels,
  WorkflowRunRecord,
  WorkflowStepMarkRecord,
  WorkflowStepRecord,
} from '../models/workflow.model.js';
import type {
  WorkflowDefinition,
  WorkflowRunInfo,
  WorkflowRunStatus,
  WorkflowStepState,
  WorkflowStepStatus,
} from '../../workflows/workflow.types.js';

/** The pseudo step of a run's own end mark (`:` cannot appear in a step name). */
const RUN = ':run';
const markId = (runId: string, step: string, kind: 'start' | 'end'): string => `${runId}|${step}|${kind}`;

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
  constructor(private readonly models: WorkflowModels) {}

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
    if (!record) return undefined;
    const marks = await this.models.workflowStepMarks.find({ runId }).lean();
    return toRunInfo(record, marks);
  }

  /** Marks the step running (unless it already ended); false when the run or the step has ended. */
  async stepStarted(runId: string, step: string, instance: string): Promise<boolean> {
    const ended = await this.models.workflowStepMarks
      .find({ _id: { $in: [markId(runId, RUN, 'end'), markId(runId, step, 'end')] } }, { _id: 1 })
      .lean();
    if (ended.length > 0) return false;
    try {
      await this.models.workflowStepMarks.updateOne(
        { _id: markId(runId, step, 'start') },
        // Which instance runs it (operations: where to look when a step hangs).
        { $set: { runId, kind: 'start', step, instance, at: new Date() } },
        { upsert: true },
      );
    } catch (error) {
      // Two instances upserting the same start at once: either one's mark will do.
      if (!isDuplicateKey(error)) throw error;
    }
    return true;
  }

  /** Counts one invocation attempt of the step (a mark of its own: counters could lose increments). */
  async stepAttempted(runId: string, step: string): Promise<void> {
    await this.models.workflowStepMarks.create({
      _id: `${runId}|${step}|attempt|${randomUUID()}`,
      runId,
      kind: 'attempt',
      step,
      at: new Date(),
    });
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
    if (await this.models.workflowStepMarks.exists({ _id: markId(runId, RUN, 'end') })) return false;
    return this.insertOnce({
      _id: markId(runId, step, 'end'),
      runId,
      kind: 'end',
      step,
      status: state.status,
      ...(state.output !== undefined ? { output: JSON.stringify(state.output) } : {}),
      ...(state.usage ? { usage: state.usage } : {}),
      ...(state.errorCode ? { errorCode: state.errorCode } : {}),
      ...(state.errorMessage ? { errorMessage: state.errorMessage } : {}),
      at: new Date(),
    });
  }

  /** Ends the run once; false when it had already ended. */
  async ended(
    runId: string,
    status: Exclude<WorkflowRunStatus, 'RUNNING'>,
    fields: { output?: unknown; errorCode?: string; errorMessage?: string },
  ): Promise<boolean> {
    const at = new Date();
    const output = fields.output !== undefined ? JSON.stringify(fields.output) : undefined;
    const claimed = await this.insertOnce({
      _id: markId(runId, RUN, 'end'),
      runId,
      kind: 'run-end',
      status,
      ...(output !== undefined ? { output } : {}),
      ...(fields.errorCode ? { errorCode: fields.errorCode } : {}),
      ...(fields.errorMessage ? { errorMessage: fields.errorMessage } : {}),
      at,
    });
    if (!claimed) return false;
    // Only the instance that claimed the end writes it into the run document (for `workflowRuns`
    // filters); reads fold the mark in, so a crash right here loses nothing.
    await this.models.workflowRuns
      .updateOne(
        { _id: runId },
        {
          $set: {
            status,
            endedAt: at,
            ...(output !== undefined ? { output } : {}),
            ...(fields.errorCode ? { errorCode: fields.errorCode } : {}),
            ...(fields.errorMessage ? { errorMessage: fields.errorMessage } : {}),
          },
        },
      )
      .exec();
    return true;
  }

  private async insertOnce(mark: WorkflowStepMarkRecord): Promise<boolean> {
    try {
      await this.models.workflowStepMarks.create(mark);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
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
        $or: [
          { createdAt: { $lt: after.createdAt } },
          { createdAt: after.createdAt, _id: { $lt: after.runId } },
        ],
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
    const marks =
      page.length === 0
        ? []
        : await this.models.workflowStepMarks
            .find({ runId: { $in: page.map((record) => record._id) } })
            .lean();
    const byRun = new Map<string, WorkflowStepMarkRecord[]>();
    for (const mark of marks) byRun.set(mark.runId, [...(byRun.get(mark.runId) ?? []), mark]);
    return {
      runs: page.map((record) => toRunInfo(record, byRun.get(record._id) ?? [])),
      hasMore: records.length > size,
      totalCount,
    };
  }
}

/**
 * The run as its document and marks say: legacy per-step state in the document (runs written before
 * the marks) first, then the marks — start (RUNNING), attempts, end — and the run's own end mark.
 */
function toRunInfo(record: WorkflowRunRecord, marks: readonly WorkflowStepMarkRecord[]): StoredWorkflowRun {
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
  let costUsd = record.costUsd ?? 0;
  let runEnd: WorkflowStepMarkRecord | undefined;
  const stepOf = (name: string): WorkflowStepState => (steps[name] ??= { status: 'PENDING', attempts: 0 });
  // Starts before ends, whatever order the marks came in.
  const order = { start: 0, attempt: 1, end: 2, 'run-end': 3 } as const;
  for (const mark of [...marks].sort((a, b) => order[a.kind] - order[b.kind])) {
    if (mark.kind === 'run-end') {
      runEnd = mark;
      continue;
    }
    const state = stepOf(mark.step!);
    if (mark.kind === 'start') {
      if (state.status === 'PENDING') state.status = 'RUNNING';
      state.startedAt = new Date(mark.at);
    } else if (mark.kind === 'attempt') {
      state.attempts += 1;
    } else {
      state.status = mark.status as WorkflowStepStatus;
      state.endedAt = new Date(mark.at);
      if (mark.output !== undefined) state.output = JSON.parse(mark.output) as unknown;
      if (mark.errorCode) state.errorCode = mark.errorCode;
      if (mark.errorMessage) state.errorMessage = mark.errorMessage;
      if (mark.usage) {
        state.usage = mark.usage;
        costUsd += mark.usage.costUsd;
      }
    }
  }
  const status = (runEnd?.status ?? record.status) as WorkflowRunStatus;
  const output = runEnd ? runEnd.output : record.output;
  const errorCode = runEnd ? runEnd.errorCode : record.errorCode;
  const errorMessage = runEnd ? runEnd.errorMessage : record.errorMessage;
  const endedAt = runEnd ? new Date(runEnd.at) : record.endedAt;
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
    status,
    steps,
    costUsd,
    ...(output !== undefined && output !== null ? { output: JSON.parse(output) as unknown } : {}),
    ...(errorCode ? { errorCode } : {}),
    ...(errorMessage ? { errorMessage } : {}),
    createdAt: record.createdAt,
    ...(endedAt ? { endedAt } : {}),
  };
}
