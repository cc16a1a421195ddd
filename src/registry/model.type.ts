import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NodeInterface } from '../graphql/relay/node.interface.js';

/** The request field of a model's output-token cap (values are the wire names). */
export enum MaxTokensParam {
  MAX_TOKENS = 'max_tokens',
  MAX_COMPLETION_TOKENS = 'max_completion_tokens',
}
registerEnumType(MaxTokensParam, {
  name: 'MaxTokensParam',
  description: 'Which request field carries the cap on output tokens (OpenAI-compatible providers).',
  valuesConfig: {
    MAX_TOKENS: {
      description: '`max_tokens` (the default; a caller that names `max_completion_tokens` keeps it).',
    },
    MAX_COMPLETION_TOKENS: {
      description:
        '`max_completion_tokens`, always: reasoning models (o-series, gpt-5 class) refuse `max_tokens`.',
    },
  },
});

@ObjectType('Pricing', { description: 'Model prices in USD.' })
export class PricingType {
  @Field(() => Float, { description: 'USD per million input tokens.' })
  inputPer1M!: number;

  @Field(() => Float, { description: 'USD per million output tokens.' })
  outputPer1M!: number;
}

@ObjectType('Model', { implements: NodeInterface, description: 'A model of a provider, as routing sees it.' })
export class ModelType implements NodeInterface {
  @Field(() => ID, { description: 'Global id.' })
  id!: string;

  @Field(() => String, { description: 'Unique name, e.g. `local/bm25`.' })
  name!: string;

  @Field(() => String, { description: 'Name of its provider.' })
  provider!: string;

  @Field(() => String, { description: "The provider's own model id." })
  upstreamModel!: string;

  @Field(() => Int, { nullable: true, description: '1 (basic) to 10 (most capable).' })
  qualityTier?: number;

  @Field(() => Int, { nullable: true, description: 'Context window in tokens.' })
  contextWindow?: number;

  @Field(() => PricingType, { description: 'Prices.' })
  pricing!: PricingType;

  @Field(() => [String], { description: 'Free tags, e.g. `embeddings`.' })
  tags!: string[];

  @Field(() => MaxTokensParam, {
    nullable: true,
    description: 'The request field of its output-token cap; null: `max_tokens` (the default).',
  })
  maxTokensParam?: MaxTokensParam;

  @Field(() => Boolean, { description: 'False while its circuit breaker is open.' })
  healthy!: boolean;

  @Field(() => Float, { nullable: true, description: 'Median latency of recent calls, in milliseconds.' })
  latencyMsP50?: number;

  @Field(() => Float, { nullable: true, description: 'Share of recent calls that failed (0–1).' })
  errorRate?: number;
}
