import { Field, Float, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { NodeInterface } from '../../graphql/relay/node.interface.js';
import type { BudgetMode, BudgetScope } from '../budget/budget.types.js';
import type { CalendarPeriod } from '../period.js';
import { BudgetModeEnum, BudgetPeriodEnum, BudgetScopeEnum } from './governance.enums.js';

@ObjectType('Budget', {
  implements: NodeInterface,
  description: 'A spending limit of one scope, target and period, with the current spend.',
})
export class BudgetType implements NodeInterface {
  @Field(() => ID, { description: 'Global id.' })
  id!: string;

  @Field(() => BudgetScopeEnum, { description: 'What it applies to.' })
  scope!: BudgetScope;

  @Field(() => String, { description: 'Org id, team name or API key id.' })
  target!: string;

  @Field(() => String, { description: 'Org id, team id or API key id.' })
  targetId!: string;

  @Field(() => Float, { description: 'Limit in USD per period.' })
  limitUsd!: number;

  @Field(() => BudgetPeriodEnum, { description: 'Per day or per month (UTC).' })
  period!: CalendarPeriod;

  @Field(() => BudgetModeEnum, { description: 'Refuse (HARD) or alert (SOFT) when over.' })
  mode!: BudgetMode;

  @Field(() => String, { description: 'The current period: `YYYY-MM-DD` or `YYYY-MM` (UTC).' })
  periodKey!: string;

  @Field(() => Float, { description: 'Settled spend in the current period.' })
  spentUsd!: number;

  @Field(() => Float, { description: 'Held by requests in flight.' })
  reservedUsd!: number;

  @Field(() => Float, { description: 'limitUsd − spentUsd − reservedUsd, at least 0.' })
  remainingUsd!: number;

  @Field(() => DateTimeScalar, { description: 'When it was last set.' })
  updatedAt!: Date;
}

@ObjectType('BudgetAlert', { description: 'A SOFT budget went over its limit.' })
export class BudgetAlertType {
  @Field(() => BudgetScopeEnum, { description: 'What the budget applies to.' })
  scope!: BudgetScope;

  @Field(() => String, { description: 'Org id, team id or API key id.' })
  target!: string;

  @Field(() => String, { nullable: true, description: 'Internal id of the team concerned, if any.' })
  teamId?: string;

  @Field(() => BudgetPeriodEnum, { description: 'The budget period.' })
  period!: CalendarPeriod;

  @Field(() => String, { description: 'The period: `YYYY-MM-DD` or `YYYY-MM` (UTC).' })
  periodKey!: string;

  @Field(() => Float, { description: 'The limit in USD.' })
  limitUsd!: number;

  @Field(() => Float, { description: 'Spend in the period, in USD, when it went over.' })
  spentUsd!: number;

  @Field(() => String, { description: 'The key whose request went over.' })
  keyId!: string;

  @Field(() => String, { nullable: true, description: 'The run that went over.' })
  runId?: string;

  @Field(() => String, { nullable: true, description: 'The capability of that run.' })
  capability?: string;

  @Field(() => DateTimeScalar, { description: 'When it went over.' })
  at!: Date;
}
