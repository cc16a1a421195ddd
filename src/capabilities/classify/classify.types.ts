import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { JSONScalar } from '../../graphql/scalars.js';
import { RunMetaType } from '../capability.graphql-types.js';
import { INPUT_LIMITS } from '../input-limits.js';

@InputType()
export class LabeledExample {
  @Field(() => String, {
    description: `At most ${INPUT_LIMITS.classify.exampleCharacters} characters; all examples together at most ${INPUT_LIMITS.classify.examplesTotalCharacters}.`,
  })
  text!: string;

  @Field(() => String, { description: 'One of the labels.' })
  label!: string;
}

@InputType()
export class ClassifyInput {
  @Field(() => String, {
    description: `The text to classify: at most ${INPUT_LIMITS.textCharacters} characters (BAD_USER_INPUT beyond).`,
  })
  text!: string;

  @Field(() => [String], {
    description: `2 to ${INPUT_LIMITS.classify.labels} labels of at most ${INPUT_LIMITS.classify.labelCharacters} characters each.`,
  })
  labels!: string[];

  @Field(() => Boolean, {
    nullable: true,
    description: 'Independent scores; every label above the threshold is returned.',
  })
  multiLabel?: boolean;

  @Field(() => [LabeledExample], {
    nullable: true,
    description: `Few-shot examples: at most ${INPUT_LIMITS.classify.examples}.`,
  })
  examples?: LabeledExample[];

  @Field(() => JSONScalar, {
    nullable: true,
    description: `Optional label → description, to sharpen zero-shot labels: keys are labels, descriptions at most ${INPUT_LIMITS.classify.labelDescriptionCharacters} characters.`,
  })
  labelDescriptions?: Record<string, string>;

  @Field(() => Float, { nullable: true, description: 'multiLabel cut-off, default 0.5.' })
  threshold?: number;
}

@ObjectType()
export class LabelScore {
  @Field(() => String)
  label!: string;

  @Field(() => Float)
  score!: number;
}

@ObjectType()
export class ClassifyResult {
  @Field(() => String)
  label!: string;

  @Field(() => [String])
  labels!: string[];

  @Field(() => [LabelScore], { description: 'Sum to 1 unless multiLabel.' })
  scores!: LabelScore[];

  @Field(() => RunMetaType)
  meta!: RunMetaType;
}
