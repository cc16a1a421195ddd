import { Field, Float, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { BudgetMode, BudgetScope } from '../budget/budget.types.js';
import type { CalendarPeriod } from '../period.js';
import { BudgetModeEnum, BudgetPeriodEnum, BudgetScopeEnum } from './governance.enums.js';

@ObjectType('Budget')
export class BudgetType {
  @Field(() => ID)
  id!: string;

  @Field(() => BudgetScopeEnum)
  scope!: BudgetScope;

  @Field(() => String, { description: 'Org id, team name or API key id.' })
  target!: string;

  @Field(() => String, { description: 'Org id, team id or API key id.' })
  targetId!: string;

  @Field(() => Float)
  limitUsd!: number;

  @Field(() => BudgetPeriodEnum)
  period!: CalendarPeriod;

  @Field(() => BudgetModeEnum)
  mode!: BudgetMode;

  @Field(() => String, { description: 'The current period: `YYYY-MM-DD` or `YYYY-MM` (UTC).' })
  periodKey!: string;

  @Field(() => Float, { description: 'Settled spend in the current period.' })
  spentUsd!: number;

  @Field(() => Float, { description: 'Held by requests in flight.' })
  reservedUsd!: number;

  @Field(() => Float, { description: 'limitUsd − spentUsd − reservedUsd, at least 0.' })
  remainingUsd!: number;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType('BudgetAlert', { description: 'A SOFT budget went over its limit.' })
export class BudgetAlertType {
  @Field(() => BudgetScopeEnum)
  scope!: BudgetScope;

  @Field(() => String, { description: 'Org id, team id or API key id.' })
  target!: string;

  @Field(() => String, { nullable: true })
  teamId?: string;

  @Field(() => BudgetPeriodEnum)
  period!: CalendarPeriod;

  @Field(() => String)
  periodKey!: string;

  @Field(() => Float)
  limitUsd!: number;

  @Field(() => Float)
  spentUsd!: number;

  @Field(() => String, { description: 'The key whose request went over.' })
  keyId!: string;

  @Field(() => String, { nullable: true })
  runId?: string;

  @Field(() => String, { nullable: true })
  capability?: string;

  @Field(() => DateTimeScalar)
  at!: Date;
}
