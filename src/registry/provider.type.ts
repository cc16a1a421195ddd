import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { NodeInterface } from '../graphql/relay/node.interface.js';
import type { ProviderKind } from '../providers/provider.types.js';

export const ProviderKindEnum = {
  LOCAL: 'LOCAL',
  OPENAI_COMPATIBLE: 'OPENAI_COMPATIBLE',
  ANTHROPIC: 'ANTHROPIC',
  GEMINI: 'GEMINI',
} as const;
registerEnumType(ProviderKindEnum, {
  name: 'ProviderKind',
  description: 'The wire protocol a provider speaks.',
  valuesConfig: {
    LOCAL: { description: "Capgate's own offline models, in process." },
    OPENAI_COMPATIBLE: { description: 'The OpenAI chat completions API (OpenAI, vLLM, Ollama, Groq…).' },
    ANTHROPIC: { description: 'The Anthropic Messages API.' },
    GEMINI: { description: 'The Google Gemini API.' },
  },
});

@ObjectType('Provider', {
  implements: NodeInterface,
  description: 'An upstream that serves models. Its API key is write-only.',
})
export class ProviderType implements NodeInterface {
  @Field(() => ID, { description: 'Global id.' })
  id!: string;

  @Field(() => String, { description: 'Unique name.' })
  name!: string;

  @Field(() => ProviderKindEnum, { description: 'Which wire protocol it speaks.' })
  kind!: ProviderKind;

  @Field(() => String, { nullable: true, description: 'API root; null: the kind’s default.' })
  baseUrl?: string;

  @Field(() => Boolean, { description: 'An API key is stored (never shown).' })
  hasApiKey!: boolean;

  @Field(() => Boolean, { description: 'False while any of its models has an open circuit.' })
  healthy!: boolean;
}
