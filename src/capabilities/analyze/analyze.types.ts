import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RunMetaType } from '../capability.graphql-types.js';
import { INPUT_LIMITS } from '../input-limits.js';

export enum AnalysisAspect {
  SENTIMENT = 'SENTIMENT',
  ENTITIES = 'ENTITIES',
  KEYWORDS = 'KEYWORDS',
  LANGUAGE = 'LANGUAGE',
  STATS = 'STATS',
}
registerEnumType(AnalysisAspect, { name: 'AnalysisAspect' });

export enum SentimentLabel {
  POSITIVE = 'POSITIVE',
  NEGATIVE = 'NEGATIVE',
  NEUTRAL = 'NEUTRAL',
  MIXED = 'MIXED',
}
registerEnumType(SentimentLabel, { name: 'SentimentLabel' });

@InputType()
export class AnalyzeInput {
  @Field(() => String, {
    description: `The text to analyze: at most ${INPUT_LIMITS.textCharacters} characters (BAD_USER_INPUT beyond).`,
  })
  text!: string;

  @Field(() => [AnalysisAspect], {
    nullable: true,
    description: `Default: all aspects. At most ${INPUT_LIMITS.analyze.aspects} entries.`,
  })
  aspects?: AnalysisAspect[];
}

@ObjectType()
export class Sentiment {
  @Field(() => SentimentLabel)
  label!: SentimentLabel;

  @Field(() => Float, { description: 'In [-1, 1].' })
  score!: number;
}

@ObjectType()
export class Entity {
  @Field(() => String)
  text!: string;

  @Field(() => String)
  type!: string;

  @Field(() => Int, { description: 'Character offset of the first character (UTF-16).' })
  start!: number;

  @Field(() => Int, { description: 'Character offset after the last character.' })
  end!: number;
}

@ObjectType()
export class Keyword {
  @Field(() => String)
  text!: string;

  @Field(() => Float)
  score!: number;
}

@ObjectType()
export class TextStats {
  @Field(() => Int)
  characters!: number;

  @Field(() => Int)
  words!: number;

  @Field(() => Int)
  sentences!: number;

  @Field(() => Int)
  readingTimeSeconds!: number;
}

@ObjectType()
export class AnalyzeResult {
  @Field(() => Sentiment, { nullable: true })
  sentiment?: Sentiment;

  @Field(() => [Entity], { nullable: true })
  entities?: Entity[];

  @Field(() => [Keyword], { nullable: true })
  keywords?: Keyword[];

  @Field(() => String, {
    nullable: true,
    description: 'ISO 639-1 code where one exists, else ISO 639-3; `und` when unsure.',
  })
  language?: string;

  @Field(() => TextStats, { nullable: true })
  stats?: TextStats;

  @Field(() => RunMetaType)
  meta!: RunMetaType;
}
