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
});

@ObjectType()
export class RunEvent {
  @Field(() => ID)
  runId!: string;

  @Field(() => RunEventType)
  type!: RunEventType;

  @Field(() => DateTimeScalar)
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

  @Field(() => String, { nullable: true })
  message?: string;
}

@ObjectType()
export class Run {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  capability!: string;

  @Field(() => String, { description: '`running` when returned by startRun; follow it with runEvents.' })
  status!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}
