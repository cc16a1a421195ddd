import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { RunMetaType } from '../capabilities/capability.graphql-types.js';
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

@ObjectType({ description: 'A run started by startRun.' })
export class Run {
  @Field(() => ID, { description: 'Run id: follow it with runEvents.' })
  id!: string;

  @Field(() => String, { description: 'Capability name.' })
  capability!: string;

  @Field(() => String, { description: '`running` when returned by startRun; follow it with runEvents.' })
  status!: string;

  @Field(() => DateTimeScalar, { description: 'When it started.' })
  createdAt!: Date;
}
