/** GraphQL inputs of the registry mutations (one `…Input` per mutation, plus shared parts). */
import { Field, Float, InputType, Int } from 'type-graphql';
import { RoutingStrategyEnum } from '../capabilities/capability.graphql-types.js';
import { JSON_SCHEMA_LIMITS } from '../capabilities/json-schema.js';
import { MASKING_POLICY_LIMITS } from '../governance/masking/masking-policy.js';
import {
  MaskingModeEnum,
  MaskingPatternInput,
  PiiDetectorEnum,
} from '../governance/masking/masking.graphql-types.js';
import type { MaskingMode, PiiDetector } from '../governance/masking/masking.types.js';
import { JSONScalar } from '../graphql/scalars.js';
import type { ProviderKind } from '../providers/provider.types.js';
import { MaxTokensParam } from './model.type.js';
import { ProviderKindEnum } from './provider.type.js';
import type { RoutingStrategy } from './registry.types.js';

const SCHEMA_LIMITS_DESCRIPTION =
  `At most ${JSON_SCHEMA_LIMITS.bytes} bytes, ` +
  `${JSON_SCHEMA_LIMITS.properties} properties in all and ${JSON_SCHEMA_LIMITS.depth} levels of nesting; ` +
  '`pattern` uses RE2 syntax (no lookaround or backreferences); `$id`s are local to this schema. ' +
  'Beyond these: BAD_USER_INPUT.';

const CUSTOM_PATTERNS_DESCRIPTION =
  `Detectors of the policy’s own: at most ${MASKING_POLICY_LIMITS.customPatterns} patterns of at most ` +
  `${MASKING_POLICY_LIMITS.patternLength} characters, flags from i, m, s, u. Patterns run on a linear-time ` +
  'engine (RE2 syntax: no lookaround, no backreferences); one it cannot run is refused with BAD_USER_INPUT.';

@InputType({ description: 'Creates or replaces a provider.' })
export class RegisterProviderInput {
  @Field(() => String, { description: 'Unique name, e.g. `openai`.' })
  name!: string;

  @Field(() => ProviderKindEnum, { description: 'Which wire protocol it speaks.' })
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
    description: 'Extra headers sent upstream, name → value (encrypted at rest; write-only).',
  })
  headers?: Record<string, unknown>;
}

@InputType({ description: 'Model prices.' })
export class PricingInput {
  @Field(() => Float, { description: 'USD per million input tokens.' })
  inputPer1M!: number;

  @Field(() => Float, { description: 'USD per million output tokens.' })
  outputPer1M!: number;
}

@InputType({ description: 'Creates or replaces a model of a provider.' })
export class RegisterModelInput {
  @Field(() => String, { description: 'Unique name, e.g. `openai/gpt-4o-mini`.' })
  name!: string;

  @Field(() => String, { description: 'Name of a registered provider.' })
  provider!: string;

  @Field(() => String, { description: "The provider's own model id." })
  upstreamModel!: string;

  @Field(() => PricingInput, { nullable: true, description: 'Prices; default 0.' })
  pricing?: PricingInput;

  @Field(() => Int, { nullable: true, description: 'Context window in tokens.' })
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

  @Field(() => MaxTokensParam, {
    nullable: true,
    description:
      'The request field of the output-token cap: MAX_COMPLETION_TOKENS for reasoning models, which refuse `max_tokens`; default MAX_TOKENS.',
  })
  maxTokensParam?: MaxTokensParam;
}

@InputType({ description: 'Removes a model that no capability uses.' })
export class RemoveModelInput {
  @Field(() => String, { description: 'Model name.' })
  name!: string;
}

@InputType({ description: 'Removes a provider that no model uses.' })
export class RemoveProviderInput {
  @Field(() => String, { description: 'Provider name.' })
  name!: string;
}

@InputType({ description: 'One model that can serve a capability.' })
export class ImplementationInput {
  @Field(() => String, { description: 'Registered model name.' })
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

@InputType({ description: 'How a capability picks among its implementations.' })
export class RoutingPolicyInput {
  @Field(() => RoutingStrategyEnum, { description: 'How candidates are ordered.' })
  strategy!: RoutingStrategy;

  @Field(() => Int, { nullable: true, description: 'At most this many models tried per call.' })
  maxAttempts?: number;

  @Field(() => Int, { nullable: true, description: 'Per-attempt timeout in milliseconds.' })
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

@InputType({ description: "A capability's exact-match response cache." })
export class CachePolicyInput {
  @Field(() => Boolean, { description: 'Turn the cache on or off.' })
  enabled!: boolean;

  @Field(() => Int, { nullable: true, description: 'Seconds an answer stays cached. Default 300.' })
  ttlSeconds?: number;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Entries may be served to other teams. Default false.',
  })
  shareable?: boolean;
}

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

@InputType({ description: 'A capability definition.' })
export class RegisterCapabilityInput {
  @Field(() => String, { description: 'Unique name: lower-case letters, digits, `_`, `-`.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What it does, for people.' })
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

  @Field(() => [ImplementationInput], { nullable: true, description: 'The models that can serve it.' })
  implementations?: ImplementationInput[];

  @Field(() => RoutingPolicyInput, { nullable: true, description: 'Default: FALLBACK.' })
  routing?: RoutingPolicyInput;

  @Field(() => [String], {
    nullable: true,
    description: 'Teams (by name) that may invoke it; empty = whole organization.',
  })
  teams?: string[];

  @Field(() => CachePolicyInput, { nullable: true, description: 'Default: no cache.' })
  cache?: CachePolicyInput;

  @Field(() => LoggingPolicyInput, {
    nullable: true,
    description: 'Whether run records keep inputs and outputs; default neither.',
  })
  logging?: LoggingPolicyInput;
}

@InputType({ description: 'A new version of a capability: omitted fields keep their current value.' })
export class UpdateCapabilityInput extends RegisterCapabilityInput {}

@InputType({ description: 'Names the capability a mutation acts on.' })
export class DeprecateCapabilityInput {
  @Field(() => String, { description: 'Capability name.' })
  name!: string;
}

@InputType({ description: 'The models behind a capability.' })
export class SetImplementationsInput {
  @Field(() => String, { description: 'Capability name.' })
  capability!: string;

  @Field(() => [ImplementationInput], { description: 'The new list; replaces the old one.' })
  implementations!: ImplementationInput[];
}

@InputType({ description: 'The routing policy of a capability.' })
export class SetRoutingPolicyInput {
  @Field(() => String, { description: 'Capability name.' })
  capability!: string;

  @Field(() => RoutingPolicyInput, { description: 'The new policy.' })
  policy!: RoutingPolicyInput;
}

@InputType({ description: 'The response cache of a capability.' })
export class SetCachePolicyInput {
  @Field(() => String, { description: 'Capability name.' })
  capability!: string;

  @Field(() => CachePolicyInput, { description: 'The new policy.' })
  policy!: CachePolicyInput;
}

@InputType({ description: 'The logging policy of a capability.' })
export class SetLoggingPolicyInput {
  @Field(() => String, { description: 'Capability name.' })
  capability!: string;

  @Field(() => LoggingPolicyInput, { description: 'The new policy.' })
  policy!: LoggingPolicyInput;
}

@InputType({ description: 'A PII masking policy.' })
export class MaskingPolicyInput {
  @Field(() => [PiiDetectorEnum], { description: 'Built-in detectors to run.' })
  detectors!: PiiDetector[];

  @Field(() => MaskingModeEnum, { description: 'What a finding becomes.' })
  mode!: MaskingMode;

  @Field(() => [MaskingPatternInput], { nullable: true, description: CUSTOM_PATTERNS_DESCRIPTION })
  customPatterns?: MaskingPatternInput[];
}

@InputType({ description: 'The PII masking policy of a capability.' })
export class SetMaskingPolicyInput extends MaskingPolicyInput {
  @Field(() => String, { description: 'Capability name.' })
  capability!: string;
}

@InputType({
  description: 'The org-wide default masking policy. No detectors and no custom patterns remove it.',
})
export class SetDefaultMaskingPolicyInput extends MaskingPolicyInput {}
