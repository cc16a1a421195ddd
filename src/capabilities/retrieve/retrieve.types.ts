import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { JSONScalar } from '../../graphql/scalars.js';
import { RunMetaType } from '../capability.graphql-types.js';

@InputType({ description: 'A query against a knowledge base.' })
export class RetrieveInput {
  @Field(() => String, { description: 'Knowledge base name.' })
  knowledgeBase!: string;

  @Field(() => String, { description: 'What to look for, in words.' })
  query!: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 5,
    description: 'How many passages, 1 to 50; default 5.',
  })
  topK?: number;

  @Field(() => JSONScalar, {
    nullable: true,
    description: 'Metadata equality filter; a list value means "one of".',
  })
  filter?: Record<string, unknown>;
}

@ObjectType({ description: 'A passage of a document that matches the query.' })
export class RetrievedChunk {
  @Field(() => ID, { description: 'Id of its document (as given at ingest).' })
  documentId!: string;

  @Field(() => ID, { description: 'Id of the passage.' })
  chunkId!: string;

  @Field(() => String, { description: 'The passage.' })
  text!: string;

  @Field(() => Float, { description: 'Relevance, higher is better (BM25, or fused rank with embeddings).' })
  score!: number;

  @Field(() => JSONScalar, { nullable: true, description: 'Metadata of its document.' })
  metadata?: Record<string, unknown>;
}

@ObjectType({ description: 'The best-matching passages, best first.' })
export class RetrieveResult {
  @Field(() => [RetrievedChunk], { description: 'Best first.' })
  chunks!: RetrievedChunk[];

  @Field(() => RunMetaType, { description: 'How the run was served.' })
  meta!: RunMetaType;
}
