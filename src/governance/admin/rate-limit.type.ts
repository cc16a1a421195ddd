import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { BudgetScope } from '../budget/budget.types.js';
import { BudgetScopeEnum } from './governance.enums.js';

@ObjectType('RateLimit', { description: 'Per-minute limits. Null: no limit; 0 blocks everything.' })
export class RateLimitType {
  @Field(() => ID)
  id!: string;

  @Field(() => BudgetScopeEnum)
  scope!: BudgetScope;

  @Field(() => String, { description: 'Org id, team name or API key id.' })
  target!: string;

  @Field(() => String)
  targetId!: string;

  @Field(() => Int, { nullable: true })
  requestsPerMinute!: number | null;

  @Field(() => Int, { nullable: true, description: 'Model tokens (input + output) per minute.' })
  tokensPerMinute!: number | null;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}
