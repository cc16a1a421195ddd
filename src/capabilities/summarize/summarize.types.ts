import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RunMetaType } from '../capability.graphql-types.js';

export enum SummaryStyle {
  PARAGRAPH = 'PARAGRAPH',
  BULLETS = 'BULLETS',
}
registerEnumType(SummaryStyle, { name: 'SummaryStyle' });

@InputType()
export class SummarizeInput {
  @Field(() => String)
  text!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'At most this many sentences (extractive) or about this many (abstractive).',
  })
  maxSentences?: number;

  @Field(() => Int, { nullable: true, description: 'Never more than this many words.' })
  maxWords?: number;

  @Field(() => SummaryStyle, { nullable: true })
  style?: SummaryStyle;

  @Field(() => String, { nullable: true, description: 'Language of the summary (remote models).' })
  language?: string;
}

@ObjectType()
export class SummarizeResult {
  @Field(() => String)
  summary!: string;

  @Field(() => RunMetaType)
  meta!: RunMetaType;
}
