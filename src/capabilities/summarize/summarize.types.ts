import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RunMetaType } from '../capability.graphql-types.js';
import { INPUT_LIMITS } from '../input-limits.js';

export enum SummaryStyle {
  PARAGRAPH = 'PARAGRAPH',
  BULLETS = 'BULLETS',
}
registerEnumType(SummaryStyle, { name: 'SummaryStyle' });

@InputType()
export class SummarizeInput {
  @Field(() => String, {
    description: `The text to summarize: at most ${INPUT_LIMITS.textCharacters} characters (BAD_USER_INPUT beyond).`,
  })
  text!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'At most this many sentences (extractive) or about this many (abstractive); 1 to 100.',
  })
  maxSentences?: number;

  @Field(() => Int, { nullable: true, description: 'Never more than this many words; 1 to 5000.' })
  maxWords?: number;

  @Field(() => SummaryStyle, { nullable: true })
  style?: SummaryStyle;

  @Field(() => String, {
    nullable: true,
    description: `Language of the summary (remote models); at most ${INPUT_LIMITS.summarize.languageCharacters} characters.`,
  })
  language?: string;
}

@ObjectType()
export class SummarizeResult {
  @Field(() => String)
  summary!: string;

  @Field(() => RunMetaType)
  meta!: RunMetaType;
}
