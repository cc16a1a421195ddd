import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RoutingStrategyEnum } from '../capabilities/capability.graphql-types.js';
import { JSON_SCHEMA_LIMITS } from '../capabilities/json-schema.js';
import { JSONScalar, DateTimeScalar } from '../graphql/scalars.js';
import { defaultProviderKinds, type ProviderKinds } from '../providers/provider-kinds.js';
import type { ProviderKind } from '../providers/provider.types.js';
import type { RoutingStrategy } from './registry.types.js';

/**
 * The GraphQL `ProviderKind` enum: the keys of the app's provider-kind map, with their descriptions.
 * type-graphql reads the values when a schema is built, so `buildAppSchema` sets them from the
 * app's catalog first (`useProviderKinds`); they start as the built-in kinds.
 */
export const ProviderKindEnum: Record<string, string> = {};
const providerKindValues: Record<string, { description: string }> = {};
registerEnumType(ProviderKindEnum, { name: 'ProviderKind', valuesConfig: providerKindValues });

export function useProviderKinds(kinds: ProviderKinds): void {
  for (const key of Object.keys(ProviderKindEnum)) delete ProviderKindEnum[key];
  for (const key of Object.keys(providerKindValues)) delete providerKindValues[key];
  for (const kind of kinds.names()) {
    ProviderKindEnum[kind] = kind;
    providerKindValues[kind] = { description: kinds.descriptor(kind)!.description };
  }
}
useProviderKinds(defaultProviderKinds);

@InputType()
export class ProviderInput {
  @Field(() => String)
  name!: string;

  @Field(() => ProviderKindEnum)
  kind!: ProviderKind;

  @Field(() => String, {
    nullable: true,
    description: "API root, e.g. https://api.openai.com/v1 (the kind's default when unset).",
  })
  baseUrl?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Write-only; encrypted at rest. Omit to keep the stored key, "" to remove it.',
  })
  apiKey?: string;

  @Field(() => JSONScalar, {
    nullable: true,
    description: 'Extra headers sent upstream (encrypted at rest; write-only).',
  })
  headers?: Record<string, unknown>;
}

@ObjectType()
export class Provider {
  @Field(() => String)
  name!: string;

  @Field(() => ProviderKindEnum)
  kind!: ProviderKind;

  @Field(() => String, { nullable: true })
  baseUrl?: string;

  @Field(() => Boolean)
  hasApiKey!: boolean;

  @Field(() => Boolean, { description: 'False while any of its models has an open circuit.' })
  healthy!: boolean;
}

@InputType()
export class PricingInput {
  @Field(() => Float, { description: 'USD per million input tokens.' })
  inputPer1M!: number;

  @Field(() => Float, { description: 'USD per million output tokens.' })
  outputPer1M!: number;
}

@InputType()
export class ModelInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  provider!: string;

  @Field(() => String, { description: "The provider's own model id." })
  upstreamModel!: string;

  @Field(() => PricingInput, { nullable: true })
  pricing?: PricingInput;

  @Field(() => Int, { nullable: true })
  contextWindow?: number;

  @Field(() => Int, {
    nullable: true,
    description: '1 (basic) to 10 (most capable); used by COMPLEXITY routing.',
  })
  qualityTier?: number;

  @Field(() => [String], {
    nullable: true,
    description: 'e.g. "embeddings" for models that offer embeddings.',
  })
  tags?: string[];
}

@ObjectType()
export class Pricing {
  @Field(() => Float)
  inputPer1M!: number;

  @Field(() => Float)
  outputPer1M!: number;
}

@ObjectType()
export class Model {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  provider!: string;

  @Field(() => String)
  upstreamModel!: string;

  @Field(() => Int, { nullable: true })
  qualityTier?: number;

  @Field(() => Int, { nullable: true })
  contextWindow?: number;

  @Field(() => Pricing)
  pricing!: Pricing;

  @Field(() => [String])
  tags!: string[];

  @Field(() => Boolean)
  healthy!: boolean;

  @Field(() => Float, { nullable: true })
  latencyMsP50?: number;

  @Field(() => Float, { nullable: true })
  errorRate?: number;
}

@InputType()
export class ImplementationInput {
  @Field(() => String)
  model!: string;

  @Field(() => Int, { nullable: true, description: 'Lower runs first (FALLBACK). Default: list order.' })
  priority?: number;

  @Field(() => Float, { nullable: true, description: 'Share of traffic under WEIGHTED. Default 1.' })
  weight?: number;

  @Field(() => String, {
    nullable: true,
    description: 'Overrides the capability prompt template for this model.',
  })
  promptTemplate?: string;

  @Field(() => JSONScalar, {
    nullable: true,
    description: 'Provider parameters passed through (e.g. temperature).',
  })
  params?: Record<string, unknown>;
}

@InputType()
export class RoutingPolicyInput {
  @Field(() => RoutingStrategyEnum)
  strategy!: RoutingStrategy;

  @Field(() => Int, { nullable: true })
  maxAttempts?: number;

  @Field(() => Int, { nullable: true })
  timeoutMs?: number;

  @Field(() => Float, {
    nullable: true,
    description: 'COMPLEXITY: scores above this go to higher tiers (0–1).',
  })
  complexityThreshold?: number;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'When a HARD budget refuses the paid models, serve with a zero-cost local implementation of the same capability instead (RunMeta.reason says so). Default false.',
  })
  zeroCostFallback?: boolean;
}

@InputType()
export class CachePolicyInput {
  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => Int, { nullable: true, description: 'Default 300.' })
  ttlSeconds?: number;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Entries may be served to other teams. Default false.',
  })
  shareable?: boolean;
}

const SCHEMA_LIMITS_DESCRIPTION =
  `At most ${JSON_SCHEMA_LIMITS.bytes} bytes, ` +
  `${JSON_SCHEMA_LIMITS.properties} properties in all and ${JSON_SCHEMA_LIMITS.depth} levels of nesting; ` +
  '`pattern` uses RE2 syntax (no lookaround or backreferences); `$id`s are local to this schema. ' +
  'Beyond these: BAD_USER_INPUT.';

@InputType({ description: 'What run records keep of each run of a capability. Both default to false.' })
export class LoggingPolicyInput {
  @Field(() => Boolean, {
    nullable: true,
    description: "Keep each run's input, masked per the masking policy. Default false.",
  })
  inputs?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: "Keep each run's output, masked per the masking policy. Default false.",
  })
  outputs?: boolean;
}

@ObjectType({ description: 'What run records keep of each run of a capability, besides its meta.' })
export class LoggingPolicy {
  @Field(() => Boolean, { description: "Run records keep the run's input (masked)." })
  inputs!: boolean;

  @Field(() => Boolean, { description: "Run records keep the run's output (masked)." })
  outputs!: boolean;
}

@InputType()
export class CapabilityInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => JSONScalar, {
    nullable: true,
    description: `JSON Schema; required for custom capabilities. ${SCHEMA_LIMITS_DESCRIPTION}`,
  })
  inputSchema?: Record<string, unknown>;

  @Field(() => JSONScalar, {
    nullable: true,
    description:
      'JSON Schema of the structured output; optional: without it a custom capability answers with text. ' +
      SCHEMA_LIMITS_DESCRIPTION,
  })
  outputSchema?: Record<string, unknown>;

  @Field(() => String, {
    nullable: true,
    description: 'How remote models are asked; {{input.field}} placeholders.',
  })
  promptTemplate?: string;

  @Field(() => [ImplementationInput], { nullable: true })
  implementations?: ImplementationInput[];

  @Field(() => RoutingPolicyInput, { nullable: true })
  routing?: RoutingPolicyInput;

  @Field(() => [String], {
    nullable: true,
    description: 'Teams (by name) that may invoke it; empty = whole organization.',
  })
  teams?: string[];

  @Field(() => CachePolicyInput, { nullable: true })
  cache?: CachePolicyInput;

  @Field(() => LoggingPolicyInput, {
    nullable: true,
    description: 'Whether run records keep inputs and outputs; default neither.',
  })
  logging?: LoggingPolicyInput;
}

@ObjectType()
export class Implementation {
  @Field(() => String)
  model!: string;

  @Field(() => Int)
  priority!: number;

  @Field(() => Float)
  weight!: number;
}

@ObjectType()
export class Capability {
  @Field(() => String)
  name!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => String, { description: '`builtin` or `custom`.' })
  kind!: string;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => String, { description: '`active` or `deprecated`.' })
  status!: string;

  @Field(() => JSONScalar, { nullable: true })
  inputSchema?: Record<string, unknown>;

  @Field(() => JSONScalar, { nullable: true })
  outputSchema?: Record<string, unknown>;

  @Field(() => String, { nullable: true })
  promptTemplate?: string;

  @Field(() => [Implementation])
  implementations!: Implementation[];

  @Field(() => JSONScalar)
  routing!: unknown;

  @Field(() => JSONScalar, { nullable: true })
  cache?: unknown;

  @Field(() => JSONScalar, { nullable: true })
  maskingPolicy?: unknown;

  @Field(() => LoggingPolicy, {
    description: 'What run records keep of its runs besides their meta (inputs, outputs: masked).',
  })
  logging!: LoggingPolicy;

  @Field(() => [String])
  teams!: string[];

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}
