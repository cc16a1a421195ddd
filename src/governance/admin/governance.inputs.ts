/** GraphQL inputs of the governance mutations: one `…Input` per mutation. */
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { RoleEnum } from '../auth/auth.types.js';
import type { Role } from '../auth/principal.js';
import type { BudgetMode, BudgetScope } from '../budget/budget.types.js';
import type { CalendarPeriod } from '../period.js';
import { BudgetModeEnum, BudgetPeriodEnum, BudgetScopeEnum } from './governance.enums.js';

@InputType({ description: 'A new team.' })
export class CreateTeamInput {
  @Field(() => String, { description: '1 to 63 letters, digits, spaces, `.`, `_` or `-`.' })
  name!: string;
}

@InputType({ description: 'A new name for a team.' })
export class RenameTeamInput {
  @Field(() => String, { description: 'Current team name (or internal id).' })
  team!: string;

  @Field(() => String, { description: 'The new name; unique in the organization.' })
  name!: string;
}

@InputType({ description: 'A team to delete.' })
export class DeleteTeamInput {
  @Field(() => String, { description: 'Team name (or internal id).' })
  team!: string;
}

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field(() => String, { description: 'Team name (or internal id).' })
  team!: string;

  @Field(() => String, { description: 'A name for people, 1 to 100 characters.' })
  name!: string;

  @Field(() => [RoleEnum], { description: 'What the key may do; none above the caller’s own.' })
  roles!: Role[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Refused after this; null: never expires.' })
  expiresAt?: Date | null;
}

@InputType({ description: 'A key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'Global id of the ApiKey (its `internalId` is accepted too).' })
  id!: string;
}

@InputType({ description: 'A key to replace by a new secret.' })
export class RotateApiKeyInput {
  @Field(() => ID, { description: 'Global id of the ApiKey (its `internalId` is accepted too).' })
  id!: string;

  @Field(() => Int, {
    description: 'Seconds the old secret keeps working, 0 to 86400 (24 h). 0 refuses it at once.',
  })
  gracePeriodSeconds!: number;
}

@InputType({ description: 'The budget of one scope, target and period.' })
export class SetBudgetInput {
  @Field(() => BudgetScopeEnum, { description: 'What the budget applies to.' })
  scope!: BudgetScope;

  @Field(() => String, { description: 'ORG: org id; TEAM: team name (or id); KEY: API key id.' })
  target!: string;

  @Field(() => Float, { description: 'Limit in USD per period.' })
  limitUsd!: number;

  @Field(() => BudgetPeriodEnum, { description: 'Per day or per month (UTC).' })
  period!: CalendarPeriod;

  @Field(() => BudgetModeEnum, { description: 'Refuse (HARD) or alert (SOFT) when over.' })
  mode!: BudgetMode;
}

@InputType({ description: 'The budget to remove.' })
export class RemoveBudgetInput {
  @Field(() => BudgetScopeEnum, { description: 'What the budget applies to.' })
  scope!: BudgetScope;

  @Field(() => String, { description: 'ORG: org id; TEAM: team name (or id); KEY: API key id.' })
  target!: string;

  @Field(() => BudgetPeriodEnum, { description: 'Its period.' })
  period!: CalendarPeriod;
}

@InputType({ description: 'The per-minute limits of one scope and target.' })
export class SetRateLimitInput {
  @Field(() => BudgetScopeEnum, { description: 'What the limit applies to.' })
  scope!: BudgetScope;

  @Field(() => String, { description: 'ORG: org id; TEAM: team name (or id); KEY: API key id.' })
  target!: string;

  @Field(() => Int, { nullable: true, description: 'Requests per minute; null: no limit; 0 blocks all.' })
  requestsPerMinute?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Model tokens (input + output) per minute; null: no limit; 0 blocks all.',
  })
  tokensPerMinute?: number | null;
}

@InputType({ description: 'The rate limit to remove.' })
export class RemoveRateLimitInput {
  @Field(() => BudgetScopeEnum, { description: 'What the limit applies to.' })
  scope!: BudgetScope;

  @Field(() => String, { description: 'ORG: org id; TEAM: team name (or id); KEY: API key id.' })
  target!: string;
}
