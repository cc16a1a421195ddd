import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { JSONScalar } from '../graphql/scalars.js';
import type { UsageDimension } from './usage-query.service.js';

export const UsageDimensionEnum: { [K in UsageDimension]: K } = {
  CAPABILITY: 'CAPABILITY',
  MODEL: 'MODEL',
  TEAM: 'TEAM',
  KEY: 'KEY',
  DAY: 'DAY',
};
registerEnumType(UsageDimensionEnum, {
  name: 'UsageDimension',
  description:
    'Group usage by these. The row key names them in lower case; TEAM shows the team name, KEY the key id, DAY `YYYY-MM-DD` (UTC).',
});

@ObjectType('UsageRow', { description: 'Usage totals of one group over the requested days.' })
export class UsageRowType {
  @Field(() => JSONScalar, {
    description: 'The group, e.g. `{ "capability": "summarize", "day": "2026-11-22" }`.',
  })
  key!: Record<string, string>;

  @Field(() => Int)
  requests!: number;

  @Field(() => Int)
  errors!: number;

  @Field(() => Int, { description: 'Requests answered from the response cache.' })
  cachedRequests!: number;

  @Field(() => Int)
  inputTokens!: number;

  @Field(() => Int)
  outputTokens!: number;

  @Field(() => Float)
  costUsd!: number;

  @Field(() => Float)
  latencyMsAvg!: number;

  @Field(() => Float, {
    description: 'Estimated from a fixed-bucket histogram, interpolated within the bucket.',
  })
  latencyMsP95!: number;
}
