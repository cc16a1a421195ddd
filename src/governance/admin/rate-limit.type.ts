import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { NodeInterface } from '../../graphql/relay/node.interface.js';
import type { BudgetScope } from '../budget/budget.types.js';
import { BudgetScopeEnum } from './governance.enums.js';

@ObjectType('RateLimit', {
  implements: NodeInterface,
  description: 'Per-minute limits of one scope and target. Null: no limit; 0 blocks everything.',
})
export class RateLimitType implements NodeInterface {
  @Field(() => ID, { description: 'Global id.' })
  id!: string;

  @Field(() => BudgetScopeEnum, { description: 'What it applies to.' })
  scope!: BudgetScope;

  @Field(() => String, { description: 'Org id, team name or API key id.' })
  target!: string;

  @Field(() => String, { description: 'Org id, internal team id or API key id.' })
  targetId!: string;

  @Field(() => Int, { nullable: true, description: 'Requests per minute.' })
  requestsPerMinute!: number | null;

  @Field(() => Int, { nullable: true, description: 'Model tokens (input + output) per minute.' })
  tokensPerMinute!: number | null;

  @Field(() => DateTimeScalar, { description: 'When it was last set.' })
  updatedAt!: Date;
}
