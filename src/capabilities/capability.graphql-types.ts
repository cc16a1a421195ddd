/** GraphQL types shared by every capability: options in, RunMeta out. */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { JSONScalar } from '../graphql/scalars.js';
import { routingStrategies, type RoutingStrategy } from '../registry/registry.types.js';

export const RoutingStrategyEnum = Object.fromEntries(routingStrategies.map((name) => [name, name])) as {
  [K in RoutingStrategy]: K;
};
registerEnumType(RoutingStrategyEnum, {
  name: 'RoutingStrategy',
  description:
    'FALLBACK: priority order. WEIGHTED: random by weight among healthy candidates. CHEAPEST: lowest estimated cost. FASTEST: lowest observed latency. COMPLEXITY: simple inputs to cheap tiers, hard ones to higher tiers.',
});

/** Why invocation mutations are nullable: one failed field (RATE_LIMITED, …) must not null the others. */
export const PARTIAL_RESULTS =
  ' Null, with an error for this field alone, when it fails: the other fields of the operation still answer.';

@InputType('InvokeOptions', { description: 'Per-call overrides of the capability routing policy.' })
export class InvokeOptionsInput {
  @Field(() => String, { nullable: true, description: 'Pin one registered model by name.' })
  model?: string;

  @Field(() => RoutingStrategyEnum, { nullable: true })
  strategy?: RoutingStrategy;

  @Field(() => Float, {
    nullable: true,
    description: 'Skip candidates whose estimated cost (USD) is above this.',
  })
  maxCostUsd?: number;

  @Field(() => Int, { nullable: true, description: 'Per-attempt timeout in milliseconds.' })
  timeoutMs?: number;

  @Field(() => Boolean, {
    nullable: true,
    description: "Use the response cache (default: the capability's cache policy).",
  })
  cache?: boolean;

  @Field(() => ID, {
    nullable: true,
    description:
      'Conversation whose context is kept (the `id` of a Conversation): remote models receive its earlier turns (older ones condensed to fit their context window), and this run appends its turn once it completes. Runs on one conversation are ordered: this one waits for the one before it. NOT_FOUND when you may not see the conversation.',
  })
  conversationId?: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'With `conversationId`: the `id` of the last turn you saw. CONFLICT (with `extensions.lastTurnId`) when the conversation has moved on since, so you never answer a question that is no longer the latest.',
  })
  ifLastTurn?: string;
}

@ObjectType('Usage')
export class UsageType {
  @Field(() => Int)
  inputTokens!: number;

  @Field(() => Int)
  outputTokens!: number;

  @Field(() => Float, { description: 'USD, from model pricing.' })
  costUsd!: number;

  @Field(() => Int)
  latencyMs!: number;
}

@ObjectType('RouteAttempt')
export class RouteAttemptType {
  @Field(() => String)
  model!: string;

  @Field(() => String)
  provider!: string;

  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => String, { nullable: true })
  errorCode?: string;

  @Field(() => Int)
  latencyMs!: number;
}

@ObjectType('RunMeta', { description: 'How a run was served.' })
export class RunMetaType {
  @Field(() => ID)
  runId!: string;

  @Field(() => String)
  capability!: string;

  @Field(() => String)
  model!: string;

  @Field(() => String)
  provider!: string;

  @Field(() => Boolean)
  cached!: boolean;

  @Field(() => UsageType)
  usage!: UsageType;

  @Field(() => [RouteAttemptType])
  attempts!: RouteAttemptType[];

  @Field(() => String, { description: 'Why this model served the request.' })
  reason!: string;
}

@ObjectType('InvokeResult')
export class InvokeResultType {
  @Field(() => JSONScalar)
  output!: unknown;

  @Field(() => RunMetaType)
  meta!: RunMetaType;
}

export function optionsFrom(options: InvokeOptionsInput | undefined | null) {
  if (!options) return undefined;
  return {
    model: options.model ?? undefined,
    strategy: options.strategy ?? undefined,
    maxCostUsd: options.maxCostUsd ?? undefined,
    timeoutMs: options.timeoutMs ?? undefined,
    cache: options.cache ?? undefined,
    conversationId: options.conversationId ?? undefined,
    ifLastTurn: options.ifLastTurn ?? undefined,
  };
}
