import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RunMetaType } from '../capability.graphql-types.js';
import { INPUT_LIMITS } from '../input-limits.js';

export enum SummaryStyle {
  PARAGRAPH = 'PARAGRAPH',
  BULLETS = 'BULLETS',
}
registerEnumType(SummaryStyle, {
  name: 'SummaryStyle',
  description: 'The shape of a summary.',
  valuesConfig: {
    PARAGRAPH: { description: 'Running text.' },
    BULLETS: { description: 'One bullet per point.' },
  },
});

@InputType({ description: 'A text to summarize and the shape of the summary.' })
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

  @Field(() => SummaryStyle, { nullable: true, description: 'Paragraph (default) or bullets.' })
  style?: SummaryStyle;

  @Field(() => String, {
    nullable: true,
    description: `Language of the summary (remote models); at most ${INPUT_LIMITS.summarize.languageCharacters} characters.`,
  })
  language?: string;
}

@ObjectType({ description: 'A summary.' })
export class SummarizeResult {
  @Field(() => String, { description: 'The summary.' })
  summary!: string;

  @Field(() => RunMetaType, { description: 'How the run was served.' })
  meta!: RunMetaType;
}
