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

@InputType()
export class DocumentInput {
  @Field(() => String, {
    nullable: true,
    description: 'Stable id: ingesting the same id again replaces the document.',
  })
  id?: string;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => String)
  text!: string;

  @Field(() => JSONScalar, { nullable: true })
  metadata?: Record<string, unknown>;
}

@ObjectType()
export class KnowledgeBase {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => String, { nullable: true, description: 'Embedding model for hybrid retrieval, if any.' })
  embeddingModel?: string;

  @Field(() => Int)
  documents!: number;

  @Field(() => Int)
  chunks!: number;
}

@ObjectType()
export class IngestResult {
  @Field(() => Int)
  documents!: number;

  @Field(() => Int)
  chunks!: number;
}
