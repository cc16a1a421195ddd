import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { JSONScalar } from '../graphql/scalars.js';
import type { UsageDimension } from './usage-query.service.js';

export const UsageDimensionEnum: { [K in UsageDimension]: K } = {
  CAPABILITY: 'CAPABILITY',
  MODEL: 'MODEL',
  PROVIDER: 'PROVIDER',
  TEAM: 'TEAM',
  KEY: 'KEY',
  DAY: 'DAY',
};
registerEnumType(UsageDimensionEnum, {
  name: 'UsageDimension',
  description:
    'Group usage by these. The row key names them in lower case; TEAM shows the team name, KEY the key id, DAY `YYYY-MM-DD` (UTC).',
  valuesConfig: {
    CAPABILITY: { description: 'Per capability name.' },
    MODEL: { description: 'Per model name.' },
    PROVIDER: {
      description:
        "Per provider name (the served model's provider; empty when no model was reached, and for usage recorded before this dimension existed).",
    },
    TEAM: { description: 'Per team name.' },
    KEY: { description: 'Per API key id.' },
    DAY: { description: 'Per UTC day.' },
  },
});

@ObjectType('UsageRow', { description: 'Usage totals of one group over the requested days.' })
export class UsageRowType {
  @Field(() => JSONScalar, {
    description: 'The group, e.g. `{ "capability": "summarize", "day": "2026-11-22" }`.',
  })
  key!: Record<string, string>;

  @Field(() => Int, { description: 'Runs in the group.' })
  requests!: number;

  @Field(() => Int, { description: 'Runs that failed.' })
  errors!: number;

  @Field(() => Int, { description: 'Requests answered from the response cache.' })
  cachedRequests!: number;

  @Field(() => Int, { description: 'Input tokens.' })
  inputTokens!: number;

  @Field(() => Int, { description: 'Output tokens.' })
  outputTokens!: number;

  @Field(() => Float, { description: 'Cost in USD.' })
  costUsd!: number;

  @Field(() => Float, { description: 'Mean latency in milliseconds.' })
  latencyMsAvg!: number;

  @Field(() => Float, {
    description: 'Estimated from a fixed-bucket histogram, interpolated within the bucket.',
  })
  latencyMsP95!: number;
}
