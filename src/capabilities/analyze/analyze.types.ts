import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RunMetaType } from '../capability.graphql-types.js';
import { INPUT_LIMITS } from '../input-limits.js';
import { EntityTypeEnum, type EntityType } from './entity-type.js';

export enum AnalysisAspect {
  SENTIMENT = 'SENTIMENT',
  ENTITIES = 'ENTITIES',
  KEYWORDS = 'KEYWORDS',
  LANGUAGE = 'LANGUAGE',
  STATS = 'STATS',
}
registerEnumType(AnalysisAspect, {
  name: 'AnalysisAspect',
  description: 'What analyze looks for.',
  valuesConfig: {
    SENTIMENT: { description: 'Overall sentiment and its score.' },
    ENTITIES: { description: 'Named things with exact offsets.' },
    KEYWORDS: { description: 'Key phrases.' },
    LANGUAGE: { description: 'The language of the text.' },
    STATS: { description: 'Characters, words, sentences, reading time.' },
  },
});

export enum SentimentLabel {
  POSITIVE = 'POSITIVE',
  NEGATIVE = 'NEGATIVE',
  NEUTRAL = 'NEUTRAL',
  MIXED = 'MIXED',
}
registerEnumType(SentimentLabel, {
  name: 'SentimentLabel',
  description: 'The overall tone of a text.',
  valuesConfig: {
    POSITIVE: { description: 'Mostly positive.' },
    NEGATIVE: { description: 'Mostly negative.' },
    NEUTRAL: { description: 'Neither.' },
    MIXED: { description: 'Strongly positive and negative parts.' },
  },
});

@InputType({ description: 'A text to analyze and what to look for.' })
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

@ObjectType({ description: 'The overall sentiment of a text.' })
export class Sentiment {
  @Field(() => SentimentLabel, { description: 'Positive, negative, neutral or mixed.' })
  label!: SentimentLabel;

  @Field(() => Float, { description: 'In [-1, 1].' })
  score!: number;
}

@ObjectType({ description: 'A named thing found in a text, with exact offsets.' })
export class Entity {
  @Field(() => String, { description: 'The entity as it appears in the text.' })
  text!: string;

  @Field(() => EntityTypeEnum, { description: 'What kind of entity.' })
  type!: EntityType;

  @Field(() => String, {
    description: 'The label as the model gave it (the same as `type` unless `type` is OTHER).',
  })
  label!: string;

  @Field(() => Int, { description: 'Character offset of the first character (UTF-16).' })
  start!: number;

  @Field(() => Int, { description: 'Character offset after the last character.' })
  end!: number;
}

@ObjectType({ description: 'A key phrase of a text.' })
export class Keyword {
  @Field(() => String, { description: 'The phrase.' })
  text!: string;

  @Field(() => Float, { description: 'Relevance, higher is more central (0–1).' })
  score!: number;
}

@ObjectType({ description: 'Counts of a text.' })
export class TextStats {
  @Field(() => Int, { description: 'Characters (UTF-16 code units).' })
  characters!: number;

  @Field(() => Int, { description: 'Words.' })
  words!: number;

  @Field(() => Int, { description: 'Sentences.' })
  sentences!: number;

  @Field(() => Int, { description: 'Reading time at about 230 words per minute, in seconds.' })
  readingTimeSeconds!: number;
}

@ObjectType({ description: 'What analyze found; only the requested aspects are set.' })
export class AnalyzeResult {
  @Field(() => Sentiment, { nullable: true, description: 'With the SENTIMENT aspect.' })
  sentiment?: Sentiment;

  @Field(() => [Entity], { nullable: true, description: 'With the ENTITIES aspect, in text order.' })
  entities?: Entity[];

  @Field(() => [Keyword], { nullable: true, description: 'With the KEYWORDS aspect, best first.' })
  keywords?: Keyword[];

  @Field(() => String, {
    nullable: true,
    description: 'ISO 639-1 code where one exists, else ISO 639-3; `und` when unsure.',
  })
  language?: string;

  @Field(() => TextStats, { nullable: true, description: 'With the STATS aspect.' })
  stats?: TextStats;

  @Field(() => RunMetaType, { description: 'How the run was served.' })
  meta!: RunMetaType;
}
