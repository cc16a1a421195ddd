import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { JSONScalar } from '../../graphql/scalars.js';
import { RunMetaType } from '../capability.graphql-types.js';

@InputType()
export class LabeledExample {
  @Field(() => String)
  text!: string;

  @Field(() => String)
  label!: string;
}

@InputType()
export class ClassifyInput {
  @Field(() => String)
  text!: string;

  @Field(() => [String])
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
