import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { JSONScalar } from '../../graphql/scalars.js';
import { RunMetaType } from '../capability.graphql-types.js';

@InputType({ description: 'A few-shot example: a text and its label.' })
export class LabeledExample {
  @Field(() => String, { description: 'The example text.' })
  text!: string;

  @Field(() => String, { description: 'Its label (one of the labels).' })
  label!: string;
}

@InputType({ description: 'A text to classify and the labels to choose from.' })
export class ClassifyInput {
  @Field(() => String, { description: 'The text to classify.' })
  text!: string;

  @Field(() => [String], { description: 'The labels to choose from (at least two unless multiLabel).' })
  labels!: string[];

  @Field(() => Boolean, {
    nullable: true,
    description: 'Independent scores; every label above the threshold is returned.',
  })
  multiLabel?: boolean;

  @Field(() => [LabeledExample], { nullable: true, description: 'Few-shot examples.' })
  examples?: LabeledExample[];

  @Field(() => JSONScalar, {
    nullable: true,
    description: 'Optional label → description, to sharpen zero-shot labels.',
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
