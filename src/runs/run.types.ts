import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RouteAttemptType, RunMetaType, UsageType } from '../capabilities/capability.graphql-types.js';
import { NodeInterface } from '../graphql/relay/node.interface.js';
import { PageInfoType } from '../graphql/relay/page-info.type.js';
import { DateTimeScalar, JSONScalar } from '../graphql/scalars.js';

export enum RunEventType {
  STARTED = 'STARTED',
  ROUTED = 'ROUTED',
  DELTA = 'DELTA',
  ATTEMPT_FAILED = 'ATTEMPT_FAILED',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(RunEventType, {
  name: 'RunEventType',
  description: 'A stream always ends with exactly one COMPLETED or FAILED.',
  valuesConfig: {
    STARTED: { description: 'The run began.' },
    ROUTED: { description: 'A model was chosen (`model`).' },
    DELTA: { description: 'The next piece of text output (`delta`).' },
    ATTEMPT_FAILED: { description: 'A model failed; the next candidate is tried (`model`, `errorCode`).' },
    COMPLETED: { description: 'The run succeeded (`output`, `meta`). Terminal.' },
    FAILED: { description: 'The run failed (`errorCode`, `message`). Terminal.' },
  },
});

@ObjectType({ description: 'One event of a run.' })
export class RunEvent {
  @Field(() => ID, { description: 'Id of the run.' })
  runId!: string;

  @Field(() => RunEventType, { description: 'What happened.' })
  type!: RunEventType;

  @Field(() => DateTimeScalar, { description: 'When it happened.' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'ROUTED, ATTEMPT_FAILED.' })
  model?: string;

  @Field(() => String, { nullable: true, description: 'DELTA: the next piece of text output.' })
  delta?: string;

  @Field(() => JSONScalar, {
    nullable: true,
    description:
      'DELTA of a custom capability with an outputSchema: the JSON value parsed from the text so far (not yet validated).',
  })
  partialOutput?: unknown;

  @Field(() => JSONScalar, { nullable: true, description: 'COMPLETED: the whole structured output.' })
  output?: unknown;

  @Field(() => RunMetaType, { nullable: true, description: 'COMPLETED.' })
  meta?: RunMetaType;

  @Field(() => String, { nullable: true, description: 'ATTEMPT_FAILED, FAILED.' })
  errorCode?: string;

  @Field(() => String, {
    nullable: true,
    description: 'ATTEMPT_FAILED, FAILED: what went wrong, for people.',
  })
  message?: string;
}

export enum RunStatus {
  STARTED = 'STARTED',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(RunStatus, {
  name: 'RunStatus',
  description: 'Where a run is: STARTED until it ends COMPLETED or FAILED.',
  valuesConfig: {
    STARTED: { description: 'Running (or refused and not yet recorded).' },
    COMPLETED: { description: 'Ended with an output.' },
    FAILED: {
      description: 'Ended with an error (`errorCode`; INSTANCE_LOST when the instance running it died).',
    },
  },
});

@ObjectType({
  implements: NodeInterface,
  description:
    'One invocation of a capability, whatever its front door. Visible to the team that started it and to org admins.',
})
export class Run implements NodeInterface {
  /** The run's own `run_…` id; the GraphQL `id` (a global id) and `internalId` are resolved from it. */
  @Field(() => ID, {
    description:
      'Global id (`node(id:)`). `run(id:)` and `runEvents(runId:)` take it as well as `internalId`.',
  })
  id!: string;

  @Field(() => String, { description: 'The capability name.' })
  capability!: string;

  @Field(() => Int, { nullable: true, description: 'The capability version that served it.' })
  capabilityVersion?: number;

  @Field(() => RunStatus, { description: 'Where the run is.' })
  status!: RunStatus;

  @Field(() => DateTimeScalar, { description: 'When it started.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it ended (COMPLETED or FAILED).' })
  endedAt?: Date;

  @Field(() => ID, { nullable: true, description: 'The id of the team that started it.' })
  teamId?: string;

  @Field(() => String, { nullable: true, description: 'The name of the team that started it.' })
  team?: string;

  @Field(() => String, { nullable: true, description: '`graphql` or `v1`.' })
  frontDoor?: string;

  @Field(() => String, { nullable: true, description: 'The model that served it (or the last one tried).' })
  model?: string;

  @Field(() => String, { nullable: true, description: 'Provider of that model.' })
  provider?: string;

  @Field(() => UsageType, { nullable: true, description: 'Tokens, cost and latency, once ended.' })
  usage?: UsageType;

  @Field(() => Boolean, { nullable: true, description: 'Served from the response cache.' })
  cached?: boolean;

  @Field(() => [RouteAttemptType], { nullable: true, description: 'Every model call, in order.' })
  attempts?: RouteAttemptType[];

  @Field(() => String, {
    nullable: true,
    description: 'FAILED: the error code (see API.md; or INSTANCE_LOST).',
  })
  errorCode?: string;

  @Field(() => String, { nullable: true, description: 'FAILED: the message the caller got.' })
  errorMessage?: string;

  @Field(() => JSONScalar, {
    nullable: true,
    description: "The input, masked; only when the capability's logging policy keeps inputs.",
  })
  input?: unknown;

  @Field(() => JSONScalar, {
    nullable: true,
    description: "The output, masked; only when the capability's logging policy keeps outputs.",
  })
  output?: unknown;
}

@InputType({ description: 'Which runs to list; every field narrows the list.' })
export class RunFilter {
  @Field(() => String, { nullable: true, description: 'Only runs of this capability.' })
  capability?: string;

  @Field(() => RunStatus, { nullable: true, description: 'Only runs in this status.' })
  status?: RunStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Team name (or id). Org admins only, for other teams than their own.',
  })
  team?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Started at or after this instant.' })
  from?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Started before this instant.' })
  to?: Date;
}

@ObjectType({ description: 'One run in a page of runs.' })
export class RunEdge {
  @Field(() => String, { description: "This run's position: pass it as `after` to continue after it." })
  cursor!: string;

  @Field(() => Run, { description: 'The run.' })
  node!: Run;
}

@ObjectType({ description: 'Runs, newest first (Relay connection).' })
export class RunConnection {
  @Field(() => [RunEdge], { description: 'The runs of this page, with cursors.' })
  edges!: RunEdge[];

  @Field(() => PageInfoType, { description: 'Whether more runs follow.' })
  pageInfo!: PageInfoType;

  @Field(() => Int, { description: 'How many runs match the filter, on all pages.' })
  totalCount!: number;
}
