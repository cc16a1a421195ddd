import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { JSONScalar } from '../../graphql/scalars.js';
import { RunMetaType } from '../capability.graphql-types.js';

@InputType()
export class RetrieveInput {
  @Field(() => String)
  knowledgeBase!: string;

  @Field(() => String)
  query!: string;

  @Field(() => Int, { nullable: true, defaultValue: 5 })
  topK?: number;

  @Field(() => JSONScalar, {
    nullable: true,
    description: 'Metadata equality filter; a list value means "one of".',
  })
  filter?: Record<string, unknown>;
}

@ObjectType()
export class RetrievedChunk {
  @Field(() => ID)
  documentId!: string;

  @Field(() => ID)
  chunkId!: string;

  @Field(() => String)
  text!: string;

  @Field(() => Float)
  score!: number;

  @Field(() => JSONScalar, { nullable: true })
  metadata?: Record<string, unknown>;
}

@ObjectType()
export class RetrieveResult {
  @Field(() => [RetrievedChunk])
  chunks!: RetrievedChunk[];

  @Field(() => RunMetaType)
  meta!: RunMetaType;
}
