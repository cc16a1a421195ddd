/** GraphQL types shared by every capability: options in, RunMeta out. */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { JSONScalar } from '../graphql/scalars.js';
import { routingStrategies, type RoutingStrategy } from '../registry/registry.types.js';

export const RoutingStrategyEnum = Object.fromEntries(routingStrategies.map((name) => [name, name])) as {
  [K in RoutingStrategy]: K;
};
registerEnumType(RoutingStrategyEnum, {
  name: 'RoutingStrategy',
  description: 'How a capability orders the models that can serve it.',
  valuesConfig: {
    FALLBACK: { description: 'Priority order; the next one when a model fails.' },
    WEIGHTED: { description: 'Random by weight among healthy candidates.' },
    CHEAPEST: { description: 'Lowest estimated cost first.' },
    FASTEST: { description: 'Lowest observed latency first.' },
    COMPLEXITY: { description: 'Simple inputs to cheap tiers, hard ones to higher tiers.' },
  },
});

/** Why invocation mutations are nullable: one failed field (RATE_LIMITED, …) must not null the others. */
export const PARTIAL_RESULTS =
  ' Null, with an error for this field alone, when it fails: the other fields of the operation still answer.';

@InputType('InvokeOptions', { description: 'Per-call overrides of the capability routing policy.' })
export class InvokeOptionsInput {
  @Field(() => String, { nullable: true, description: 'Pin one registered model by name.' })
  model?: string;

  @Field(() => RoutingStrategyEnum, {
    nullable: true,
    description: 'Override the capability routing strategy for this call.',
  })
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

@ObjectType('Usage', { description: 'Tokens, cost and latency of a run.' })
export class UsageType {
  @Field(() => Int, { description: 'Input tokens sent to the model.' })
  inputTokens!: number;

  @Field(() => Int, { description: 'Output tokens the model produced.' })
  outputTokens!: number;

  @Field(() => Float, { description: 'USD, from model pricing.' })
  costUsd!: number;

  @Field(() => Int, { description: 'Wall-clock time of the run, in milliseconds.' })
  latencyMs!: number;
}

@ObjectType('RouteAttempt', { description: 'One model tried for a run.' })
export class RouteAttemptType {
  @Field(() => String, { description: 'Model name.' })
  model!: string;

  @Field(() => String, { description: 'Provider name.' })
  provider!: string;

  @Field(() => Boolean, { description: 'Whether this attempt answered.' })
  ok!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why it failed (an error code of API.md); null when ok.',
  })
  errorCode?: string;

  @Field(() => Int, { description: 'How long the attempt took, in milliseconds.' })
  latencyMs!: number;
}

@ObjectType('RunMeta', { description: 'How a run was served.' })
export class RunMetaType {
  @Field(() => ID, { description: 'Id of the run (as in runEvents and usage).' })
  runId!: string;

  @Field(() => String, { description: 'Capability name.' })
  capability!: string;

  @Field(() => String, { description: 'The model that answered.' })
  model!: string;

  @Field(() => String, { description: 'Its provider.' })
  provider!: string;

  @Field(() => Boolean, { description: 'Served from the response cache (no model call, no cost).' })
  cached!: boolean;

  @Field(() => UsageType, { description: 'Tokens, cost and latency.' })
  usage!: UsageType;

  @Field(() => [RouteAttemptType], { description: 'Every model tried, in order.' })
  attempts!: RouteAttemptType[];

  @Field(() => String, { description: 'Why this model served the request.' })
  reason!: string;
}

@ObjectType('InvokeResult', { description: 'The output of a capability invoked by name.' })
export class InvokeResultType {
  @Field(() => JSONScalar, { description: 'The output, valid against the capability outputSchema.' })
  output!: unknown;

  @Field(() => RunMetaType, { description: 'How the run was served.' })
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
