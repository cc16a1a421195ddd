/** Results of the governance mutations: each holds the objects it changed, so client caches update. */
import { Field, ID, ObjectType } from 'type-graphql';
import { ApiKeyType } from './api-key.type.js';
import { BudgetType } from './budget.type.js';
import { RateLimitType } from './rate-limit.type.js';
import { TeamType } from './team.type.js';

@ObjectType({ description: 'The new team.' })
export class CreateTeamPayload {
  @Field(() => TeamType, { description: 'The new team.' })
  team!: TeamType;
}

@ObjectType({ description: 'The renamed team.' })
export class RenameTeamPayload {
  @Field(() => TeamType, { description: 'The team under its new name.' })
  team!: TeamType;
}

@ObjectType({ description: 'What deleteTeam deleted.' })
export class DeleteTeamPayload {
  @Field(() => ID, { description: 'Global id of the deleted team: evict it from client caches.' })
  deletedTeamId!: string;
}

@ObjectType({ description: 'A new key: the secret is shown this once.' })
export class CreateApiKeyPayload {
  @Field(() => String, { description: 'The key. Shown this once: only its HMAC is stored.' })
  key!: string;

  @Field(() => ApiKeyType, { description: 'The key as listings show it.' })
  apiKey!: ApiKeyType;
}

@ObjectType({ description: 'The revoked key.' })
export class RevokeApiKeyPayload {
  @Field(() => ApiKeyType, { description: 'The key, with `revokedAt` set.' })
  apiKey!: ApiKeyType;
}

@ObjectType({ description: 'A rotated key: the new secret is shown this once.' })
export class RotateApiKeyPayload {
  @Field(() => String, { description: 'The new key. Shown this once: only its HMAC is stored.' })
  key!: string;

  @Field(() => ApiKeyType, { description: 'The new key as listings show it.' })
  apiKey!: ApiKeyType;

  @Field(() => ApiKeyType, {
    description: 'The old key, with `expiresAt` at the end of the grace period (or `revokedAt`).',
  })
  previousApiKey!: ApiKeyType;
}

@ObjectType({ description: 'The budget as set.' })
export class SetBudgetPayload {
  @Field(() => BudgetType, { description: 'The budget with its current spend.' })
  budget!: BudgetType;
}

@ObjectType({ description: 'What removeBudget removed.' })
export class RemoveBudgetPayload {
  @Field(() => ID, {
    nullable: true,
    description: 'Global id of the removed budget; null when there was none.',
  })
  removedBudgetId!: string | null;
}

@ObjectType({ description: 'The rate limit as set.' })
export class SetRateLimitPayload {
  @Field(() => RateLimitType, {
    nullable: true,
    description: 'The rate limit; null when both limits were null (which removes it).',
  })
  rateLimit!: RateLimitType | null;
}

@ObjectType({ description: 'What removeRateLimit removed.' })
export class RemoveRateLimitPayload {
  @Field(() => ID, {
    nullable: true,
    description: 'Global id of the removed rate limit; null when there was none.',
  })
  removedRateLimitId!: string | null;
}
