/** The GraphQL shape of workflows and their runs (schema/CONVENTIONS.md: entities with global ids, input + Payload, connections, enums). */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { InvokeOptionsInput, UsageType } from '../../capabilities/capability.graphql-types.js';
import { createConnectionType } from '../../graphql/relay/connection.type.js';
import { NodeInterface } from '../../graphql/relay/node.interface.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';

export enum WorkflowStatusEnum {
  ACTIVE = 'ACTIVE',
  DEPRECATED = 'DEPRECATED',
}
registerEnumType(WorkflowStatusEnum, {
  name: 'WorkflowStatus',
  description: 'Whether a workflow can be run.',
  valuesConfig: {
    ACTIVE: { description: 'Can be run.' },
    DEPRECATED: { description: 'Kept for reading; running it is BAD_USER_INPUT.' },
  },
});

export enum WorkflowRunStatusEnum {
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(WorkflowRunStatusEnum, {
  name: 'WorkflowRunStatus',
  description: 'Where a workflow run is.',
  valuesConfig: {
    RUNNING: { description: 'Steps are running or queued.' },
    COMPLETED: { description: 'Every step completed or was skipped; `output` is set.' },
    FAILED: { description: 'A step failed (or the output mapping did); `errorCode` says why.' },
    CANCELLED: { description: 'Cancelled by `cancelWorkflowRun`.' },
  },
});

export enum WorkflowStepStatusEnum {
  PENDING = 'PENDING',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}
registerEnumType(WorkflowStepStatusEnum, {
  name: 'WorkflowStepStatus',
  description: 'Where one step of a run is.',
  valuesConfig: {
    PENDING: { description: 'Waiting for the steps it depends on.' },
    RUNNING: { description: 'Invoking its capability (or queued to resume on another instance).' },
    COMPLETED: { description: 'Ended with an output.' },
    FAILED: { description: 'Ended with an error after its retries.' },
    SKIPPED: { description: 'Its `when` condition was false; its output is null.' },
  },
});

export enum WorkflowEventTypeEnum {
  STARTED = 'STARTED',
  STEP_STARTED = 'STEP_STARTED',
  DELTA = 'DELTA',
  STEP_COMPLETED = 'STEP_COMPLETED',
  STEP_SKIPPED = 'STEP_SKIPPED',
  STEP_FAILED = 'STEP_FAILED',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(WorkflowEventTypeEnum, {
  name: 'WorkflowEventType',
  description: 'What happened in a workflow run; a stream ends with exactly one COMPLETED or FAILED.',
  valuesConfig: {
    STARTED: { description: 'The run was accepted.' },
    STEP_STARTED: { description: 'A step started (again, when it is resumed on another instance).' },
    DELTA: { description: "A piece of a step's streamed text output (`step`, `item` for forEach)." },
    STEP_COMPLETED: { description: 'A step ended with its `output` and `usage`.' },
    STEP_SKIPPED: { description: "A step's `when` condition was false." },
    STEP_FAILED: { description: 'A step failed after its retries (`errorCode`, `message`).' },
    COMPLETED: { description: 'The run ended with its `output`; the last event.' },
    FAILED: { description: 'The run ended with an error (CANCELLED when cancelled); the last event.' },
  },
});

@ObjectType('WorkflowStep', { description: 'One step of a workflow definition.' })
export class WorkflowStepType {
  @Field(() => String, { description: 'Unique in the workflow; mappings refer to `/steps/<name>/output`.' })
  name!: string;

  @Field(() => String, { description: 'The capability (or workflow) the step invokes.' })
  capability!: string;

  @Field(() => JSONScalar, { description: 'The input mapping (JSON with references).' })
  input!: unknown;

  @Field(() => String, { nullable: true, description: 'The step runs only when this reference is truthy.' })
  when?: string;

  @Field(() => String, {
    nullable: true,
    description: 'A reference to an array: the step runs once per item.',
  })
  forEach?: string;

  @Field(() => Int, { nullable: true, description: 'forEach items in flight at once (default 4).' })
  concurrency?: number;

  @Field(() => [String], { description: 'Steps it waits for, besides those its mappings refer to.' })
  dependsOn!: string[];

  @Field(() => Int, { description: 'Further attempts after a retryable failure.' })
  retries!: number;

  @Field(() => Int, { nullable: true, description: 'Per-attempt timeout in ms.' })
  timeoutMs?: number;
}

@ObjectType('Workflow', {
  implements: NodeInterface,
  description:
    'A registered workflow: a DAG of steps invoking capabilities. Visible to its teams (all when `teams` is empty) and to org admins.',
})
export class WorkflowType implements NodeInterface {
  @Field(() => ID, { description: 'Global id (stable across versions).' })
  id!: string;

  @Field(() => String, { description: 'Unique among capabilities and workflows.' })
  name!: string;

  @Field(() => Int, { description: 'Bumped by every change.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'What it does, as registered.' })
  description?: string;

  @Field(() => WorkflowStatusEnum, { description: 'Whether it can be run.' })
  status!: WorkflowStatusEnum;

  @Field(() => Boolean, { description: 'Seeded by Capgate (e.g. `answer-with-citations`).' })
  builtin!: boolean;

  @Field(() => JSONScalar, { description: "JSON Schema of the workflow's input." })
  inputSchema!: unknown;

  @Field(() => [WorkflowStepType], { description: 'The steps, as registered.' })
  steps!: WorkflowStepType[];

  @Field(() => JSONScalar, {
    nullable: true,
    description: "The output mapping; null: the last step's output.",
  })
  output?: unknown;

  @Field(() => [String], { description: 'Teams that may see and run it; empty = the whole organization.' })
  teams!: string[];

  @Field(() => DateTimeScalar, { description: 'When it was first registered.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When its current version was registered.' })
  updatedAt!: Date;
}

export const { Connection: WorkflowConnectionType } = createConnectionType(
  'Workflow',
  WorkflowType,
  'Workflows, by name (Relay connection).',
);

@ObjectType('WorkflowStepRun', { description: 'One step of a workflow run.' })
export class WorkflowStepRunType {
  @Field(() => String, { description: 'The step name.' })
  name!: string;

  @Field(() => String, { description: 'The capability it invokes.' })
  capability!: string;

  @Field(() => WorkflowStepStatusEnum, { description: 'Where the step is.' })
  status!: WorkflowStepStatusEnum;

  @Field(() => Int, { description: 'Invocation attempts (retries, forEach items and resumptions included).' })
  attempts!: number;

  @Field(() => JSONScalar, { nullable: true, description: 'COMPLETED: the output (an array for forEach).' })
  output?: unknown;

  @Field(() => UsageType, { nullable: true, description: 'COMPLETED: tokens and cost of its invocations.' })
  usage?: UsageType;

  @Field(() => String, { nullable: true, description: 'FAILED: the error code (API.md).' })
  errorCode?: string;

  @Field(() => String, { nullable: true, description: 'FAILED: what went wrong.' })
  errorMessage?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it last started; null while PENDING.' })
  startedAt?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it ended; null until then.' })
  endedAt?: Date;
}

@ObjectType('WorkflowRun', {
  implements: NodeInterface,
  description: 'One run of a workflow. Visible to the team that started it and to org admins.',
})
export class WorkflowRunType implements NodeInterface {
  @Field(() => ID, {
    description: 'Global id; pass it to `workflowRun`, `workflowEvents`, `cancelWorkflowRun`.',
  })
  id!: string;

  @Field(() => String, { description: 'The run id as usage records name it (`workflowRunId`).' })
  internalId!: string;

  @Field(() => String, { description: 'The workflow name.' })
  workflow!: string;

  @Field(() => Int, { description: 'The workflow version that runs.' })
  workflowVersion!: number;

  @Field(() => WorkflowRunStatusEnum, { description: 'Where the run is.' })
  status!: WorkflowRunStatusEnum;

  @Field(() => [WorkflowStepRunType], { description: 'Every step, in definition order.' })
  steps!: WorkflowStepRunType[];

  @Field(() => JSONScalar, { nullable: true, description: 'COMPLETED: the output.' })
  output?: unknown;

  @Field(() => String, { nullable: true, description: 'FAILED / CANCELLED: the error code.' })
  errorCode?: string;

  @Field(() => String, { nullable: true, description: 'FAILED / CANCELLED: what went wrong.' })
  errorMessage?: string;

  @Field(() => UsageType, { description: "The steps' usage added up (latency: the whole run, once ended)." })
  usage!: UsageType;

  @Field(() => Float, { nullable: true, description: 'The cost cap of this run, in USD.' })
  maxCostUsd?: number;

  @Field(() => DateTimeScalar, { description: 'When the run was started.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the run ended; null while RUNNING.' })
  endedAt?: Date;
}

export const { Connection: WorkflowRunConnectionType } = createConnectionType(
  'WorkflowRun',
  WorkflowRunType,
  'Workflow runs, newest first (Relay connection).',
);

@ObjectType('WorkflowEvent', { description: 'One event of a workflow run.' })
export class WorkflowEventType {
  @Field(() => ID, { description: 'The global id of the run.' })
  runId!: string;

  @Field(() => Int, { description: '1, 2, 3… per run.' })
  seq!: number;

  @Field(() => WorkflowEventTypeEnum, { description: 'What happened.' })
  type!: WorkflowEventTypeEnum;

  @Field(() => DateTimeScalar, { description: 'When it happened.' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'STEP_* and DELTA: the step.' })
  step?: string;

  @Field(() => Int, { nullable: true, description: 'DELTA of a forEach step: the item index.' })
  item?: number;

  @Field(() => String, { nullable: true, description: 'DELTA: the next piece of text output.' })
  delta?: string;

  @Field(() => JSONScalar, {
    nullable: true,
    description: 'STEP_COMPLETED: the step output; COMPLETED: the run output.',
  })
  output?: unknown;

  @Field(() => UsageType, {
    nullable: true,
    description: 'STEP_COMPLETED: the step; COMPLETED / FAILED: the run.',
  })
  usage?: UsageType;

  @Field(() => String, {
    nullable: true,
    description: 'STEP_FAILED, FAILED: the error code (CANCELLED for a cancelled run).',
  })
  errorCode?: string;

  @Field(() => String, { nullable: true, description: 'STEP_FAILED, FAILED: what went wrong.' })
  message?: string;
}

@InputType('WorkflowStepInput', {
  description: 'One step: see the README, "Workflows", for the mapping language.',
})
export class WorkflowStepInput {
  @Field(() => String, {
    description: 'Letters, digits and "_", starting with a letter; unique in the workflow.',
  })
  name!: string;

  @Field(() => String, {
    description: 'The capability (or workflow) to invoke; must exist and be visible to you.',
  })
  capability!: string;

  @Field(() => JSONScalar, {
    nullable: true,
    description:
      'The capability input: JSON where "/input/…", "/steps/<name>/output/…", "/item/…" JSON Pointers and {{…}} templates are replaced by values; {"$join"}/{"$map"} walk arrays.',
  })
  input?: unknown;

  @Field(() => String, {
    nullable: true,
    description: 'A reference; the step runs only when it is truthy ("!" negates).',
  })
  when?: string;

  @Field(() => String, {
    nullable: true,
    description: 'A reference to an array: run once per item (at most 1000).',
  })
  forEach?: string;

  @Field(() => Int, { nullable: true, description: 'forEach items in flight at once: 1 to 16, default 4.' })
  concurrency?: number;

  @Field(() => [String], {
    nullable: true,
    description: 'Steps to wait for besides those the mappings refer to.',
  })
  dependsOn?: string[];

  @Field(() => Int, {
    nullable: true,
    description:
      'Further attempts after TIMEOUT, PROVIDER_ERROR, RATE_LIMITED or NO_ROUTE: 0 to 5, default 0.',
  })
  retries?: number;

  @Field(() => Int, { nullable: true, description: 'Per-attempt timeout in ms: 100 to 600000.' })
  timeoutMs?: number;

  @Field(() => InvokeOptionsInput, { nullable: true, description: 'Routing options of each invocation.' })
  options?: InvokeOptionsInput;
}

@InputType('RegisterWorkflowInput', {
  description: 'A new workflow, validated whole (every problem listed in `extensions.problems`).',
})
export class RegisterWorkflowInput {
  @Field(() => String, {
    description: 'Lower-case letters, digits, "_" or "-"; not the name of a capability or workflow.',
  })
  name!: string;

  @Field(() => String, { nullable: true, description: 'At most 2000 characters.' })
  description?: string;

  @Field(() => JSONScalar, {
    description: 'JSON Schema of the workflow input (checked before a run starts).',
  })
  inputSchema!: unknown;

  @Field(() => [WorkflowStepInput], { description: '1 to 50 steps forming a DAG.' })
  steps!: WorkflowStepInput[];

  @Field(() => JSONScalar, {
    nullable: true,
    description: "The output mapping; absent: the last step's output.",
  })
  output?: unknown;

  @Field(() => [String], {
    nullable: true,
    description:
      'Teams that may see and run it; empty = the whole organization (ADMIN only for other teams).',
  })
  teams?: string[];
}

@InputType('UpdateWorkflowInput', { description: 'A new version of a workflow: the whole definition again.' })
export class UpdateWorkflowInput extends RegisterWorkflowInput {}

@InputType('DeprecateWorkflowInput', { description: 'Which workflow to deprecate.' })
export class DeprecateWorkflowInput {
  @Field(() => String, { description: 'The workflow name.' })
  name!: string;
}

@InputType('WorkflowRunOptionsInput', { description: 'Options of one workflow run.' })
export class WorkflowRunOptionsInput {
  @Field(() => Float, {
    nullable: true,
    description: 'The run fails BUDGET_EXCEEDED before a step once its steps cost this much (USD).',
  })
  maxCostUsd?: number;
}

@InputType('RunWorkflowInput', { description: 'Which workflow to run, with what.' })
export class RunWorkflowInput {
  @Field(() => String, { description: 'The workflow name.' })
  name!: string;

  @Field(() => JSONScalar, { description: 'The workflow input, validated against its inputSchema.' })
  input!: unknown;

  @Field(() => WorkflowRunOptionsInput, { nullable: true, description: 'Cost cap of the run.' })
  options?: WorkflowRunOptionsInput;
}

@InputType('CancelWorkflowRunInput', { description: 'Which run to cancel.' })
export class CancelWorkflowRunInput {
  @Field(() => ID, { description: 'The global id of the run.' })
  id!: string;
}

@InputType('WorkflowRunFilter', { description: 'Which runs to list; every field narrows the list.' })
export class WorkflowRunFilter {
  @Field(() => String, { nullable: true, description: 'Only runs of this workflow.' })
  workflow?: string;

  @Field(() => WorkflowRunStatusEnum, { nullable: true, description: 'Only runs in this status.' })
  status?: WorkflowRunStatusEnum;
}

@ObjectType('RegisterWorkflowPayload', { description: 'The workflow registered.' })
export class RegisterWorkflowPayload {
  @Field(() => WorkflowType, { description: 'The registered workflow.' })
  workflow!: WorkflowType;
}

@ObjectType('UpdateWorkflowPayload', { description: 'The workflow, at its new version.' })
export class UpdateWorkflowPayload {
  @Field(() => WorkflowType, { description: 'The workflow at its new version.' })
  workflow!: WorkflowType;
}

@ObjectType('DeprecateWorkflowPayload', { description: 'The workflow, deprecated.' })
export class DeprecateWorkflowPayload {
  @Field(() => WorkflowType, { description: 'The deprecated workflow.' })
  workflow!: WorkflowType;
}

@ObjectType('RunWorkflowPayload', {
  description: 'The run, just started: follow it with `workflowEvents(runId: run.id)`.',
})
export class RunWorkflowPayload {
  @Field(() => WorkflowRunType, { description: 'The started run.' })
  run!: WorkflowRunType;
}

@ObjectType('CancelWorkflowRunPayload', { description: 'The run, as it is after the cancellation.' })
export class CancelWorkflowRunPayload {
  @Field(() => WorkflowRunType, { description: 'The run after the cancellation.' })
  run!: WorkflowRunType;
}
