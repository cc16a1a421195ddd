import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { JSONScalar } from '../../graphql/scalars.js';
import { RunMetaType } from '../capability.graphql-types.js';
import { INPUT_LIMITS } from '../input-limits.js';

@InputType({ description: 'A few-shot example: a text and its label.' })
export class LabeledExample {
  @Field(() => String, {
    description: `At most ${INPUT_LIMITS.classify.exampleCharacters} characters; all examples together at most ${INPUT_LIMITS.classify.examplesTotalCharacters}.`,
  })
  text!: string;

  @Field(() => String, { description: 'One of the labels.' })
  label!: string;
}

@InputType({ description: 'A text to classify and the labels to choose from.' })
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

@ObjectType({ description: 'How well a label fits.' })
export class LabelScore {
  @Field(() => String, { description: 'The label.' })
  label!: string;

  @Field(() => Float, { description: 'Its score (0–1).' })
  score!: number;
}

@ObjectType({ description: 'The best label, every label over the threshold, and all scores.' })
export class ClassifyResult {
  @Field(() => String, { description: 'The best label.' })
  label!: string;

  @Field(() => [String], {
    description: 'Every label chosen: the best one, or all above the threshold with multiLabel.',
  })
  labels!: string[];

  @Field(() => [LabelScore], { description: 'Sum to 1 unless multiLabel.' })
  scores!: LabelScore[];

  @Field(() => RunMetaType, { description: 'How the run was served.' })
  meta!: RunMetaType;
}
