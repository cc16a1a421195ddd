/** The GraphQL shape of capabilities: the current `Capability`, its immutable `CapabilityVersion`s. */
import { Field, Float, ID, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { RoutingStrategyEnum } from '../capabilities/capability.graphql-types.js';
import { MaskingModeEnum, PiiDetectorEnum } from '../governance/masking/masking.graphql-types.js';
import type { MaskingMode, PiiDetector } from '../governance/masking/masking.types.js';
import { DateTimeScalar, JSONScalar } from '../graphql/scalars.js';
import { fromGlobalId } from '../graphql/relay/global-id.js';
import { NodeInterface } from '../graphql/relay/node.interface.js';
import type { RoutingStrategy } from './registry.types.js';

export enum CapabilityKind {
  BUILTIN = 'BUILTIN',
  CUSTOM = 'CUSTOM',
  WORKFLOW = 'WORKFLOW',
}
registerEnumType(CapabilityKind, {
  name: 'CapabilityKind',
  description: 'Where a capability comes from.',
  valuesConfig: {
    BUILTIN: { description: 'Shipped with Capgate, with a typed mutation (summarize, analyze…).' },
    CUSTOM: { description: 'Registered by a team, invoked with `invoke` and JSON input.' },
    WORKFLOW: {
      description:
        'A registered workflow (`workflow(name:)`): `invoke` runs its steps and returns its output.',
    },
  },
});

export enum CapabilityStatus {
  ACTIVE = 'ACTIVE',
  DEPRECATED = 'DEPRECATED',
}
registerEnumType(CapabilityStatus, {
  name: 'CapabilityStatus',
  description: 'Whether a capability is offered to new callers.',
  valuesConfig: {
    ACTIVE: { description: 'Invocable.' },
    DEPRECATED: { description: 'Still invocable, but on its way out: callers should move away from it.' },
  },
});

@ObjectType('Implementation', { description: 'One model that can serve a capability.' })
export class ImplementationType {
  @Field(() => String, { description: 'Registered model name.' })
  model!: string;

  @Field(() => Int, { description: 'Lower runs first under FALLBACK.' })
  priority!: number;

  @Field(() => Float, { description: 'Share of traffic under WEIGHTED.' })
  weight!: number;
}

@ObjectType('RoutingPolicy', { description: 'How a capability picks among its implementations.' })
export class RoutingPolicyType {
  @Field(() => RoutingStrategyEnum, { description: 'How candidates are ordered.' })
  strategy!: RoutingStrategy;

  @Field(() => Int, { nullable: true, description: 'At most this many models tried per call.' })
  maxAttempts?: number;

  @Field(() => Int, { nullable: true, description: 'Per-attempt timeout in milliseconds.' })
  timeoutMs?: number;

  @Field(() => Float, {
    nullable: true,
    description: 'COMPLEXITY: inputs scoring above this (0–1) go to higher quality tiers.',
  })
  complexityThreshold?: number;

  @Field(() => Boolean, {
    description:
      'When a HARD budget refuses the paid models, a zero-cost local implementation of the same capability serves instead.',
  })
  zeroCostFallback!: boolean;
}

@ObjectType('CachePolicy', { description: "A capability's exact-match response cache." })
export class CachePolicyType {
  @Field(() => Boolean, { description: 'Answers are cached and served from the cache.' })
  enabled!: boolean;

  @Field(() => Int, { description: 'How long an answer stays cached, in seconds.' })
  ttlSeconds!: number;

  @Field(() => Boolean, { description: 'Cached answers may be served to other teams.' })
  shareable!: boolean;
}

@ObjectType('LoggingPolicy', {
  description: 'What run records keep of each run of a capability, besides its meta.',
})
export class LoggingPolicyType {
  @Field(() => Boolean, { description: "Run records keep the run's input (masked)." })
  inputs!: boolean;

  @Field(() => Boolean, { description: "Run records keep the run's output (masked)." })
  outputs!: boolean;
}

@ObjectType('MaskingPattern', { description: 'A detector defined by its own regular expression.' })
export class MaskingPatternType {
  @Field(() => String, { description: 'Placeholder type, e.g. `EMPLOYEE_ID` gives `[EMPLOYEE_ID]`.' })
  name!: string;

  @Field(() => String, { description: 'The regular expression.' })
  pattern!: string;

  @Field(() => String, { nullable: true, description: 'Regular expression flags among `i`, `m`, `s`, `u`.' })
  flags?: string;
}

@ObjectType('MaskingPolicy', {
  description: 'PII masking applied before remote providers, the response cache and logs.',
})
export class MaskingPolicyType {
  @Field(() => [PiiDetectorEnum], { description: 'Built-in detectors that run.' })
  detectors!: PiiDetector[];

  @Field(() => MaskingModeEnum, { description: 'What a finding becomes.' })
  mode!: MaskingMode;

  @Field(() => [MaskingPatternType], { description: 'Detectors of the policy’s own.' })
  customPatterns!: MaskingPatternType[];
}

/** The fields a capability and each of its versions share. */
@InterfaceType('CapabilityDefinition', {
  description: 'What a capability and each of its versions share.',
  resolveType: (value: { id: string }) => fromGlobalId(value.id).type,
})
export abstract class CapabilityFields {
  @Field(() => String, { description: 'Unique name, the one to invoke it by.' })
  name!: string;

  @Field(() => Int, { description: 'Version number; every change makes a new one.' })
  version!: number;

  @Field(() => CapabilityKind, { description: 'Built-in or custom.' })
  kind!: CapabilityKind;

  @Field(() => String, { nullable: true, description: 'What it does, for people.' })
  description?: string;

  @Field(() => CapabilityStatus, { description: 'Active or deprecated.' })
  status!: CapabilityStatus;

  @Field(() => JSONScalar, { nullable: true, description: 'JSON Schema of the input (custom capabilities).' })
  inputSchema?: Record<string, unknown>;

  @Field(() => JSONScalar, {
    nullable: true,
    description: 'JSON Schema of the output (custom capabilities).',
  })
  outputSchema?: Record<string, unknown>;

  @Field(() => String, {
    nullable: true,
    description: 'How remote models are asked; `{{input.field}}` placeholders.',
  })
  promptTemplate?: string;

  @Field(() => [ImplementationType], { description: 'The models that can serve it.' })
  implementations!: ImplementationType[];

  @Field(() => RoutingPolicyType, { description: 'How it picks among its implementations.' })
  routing!: RoutingPolicyType;

  @Field(() => CachePolicyType, { nullable: true, description: 'Its response cache; null: none.' })
  cache?: CachePolicyType;

  @Field(() => MaskingPolicyType, {
    nullable: true,
    description: 'Its own PII masking policy; null: the org default applies.',
  })
  maskingPolicy?: MaskingPolicyType;

  @Field(() => LoggingPolicyType, {
    description: 'What run records keep of its runs besides their meta (inputs, outputs: masked).',
  })
  logging!: LoggingPolicyType;

  @Field(() => [String], { description: 'Teams (by name) that may invoke it; empty: the whole org.' })
  teams!: string[];

  @Field(() => DateTimeScalar, { description: 'When this version was made.' })
  updatedAt!: Date;
}

@ObjectType('Capability', {
  implements: [NodeInterface, CapabilityFields],
  description: 'A capability as it is now. Its id stays the same across versions.',
})
export class CapabilityType extends CapabilityFields implements NodeInterface {
  @Field(() => ID, { description: 'Global id; the same for every version.' })
  id!: string;
}

@ObjectType('CapabilityVersion', {
  implements: [NodeInterface, CapabilityFields],
  description: 'One immutable version of a capability.',
})
export class CapabilityVersionType extends CapabilityFields implements NodeInterface {
  @Field(() => ID, { description: 'Global id of this version (distinct per version).' })
  id!: string;
}
