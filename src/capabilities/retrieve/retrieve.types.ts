import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { JSONScalar } from '../../graphql/scalars.js';
import { RunMetaType } from '../capability.graphql-types.js';
import { INPUT_LIMITS } from '../input-limits.js';

@InputType({ description: 'A query against a knowledge base.' })
export class RetrieveInput {
  @Field(() => String, {
    description: `At most ${INPUT_LIMITS.retrieve.knowledgeBaseCharacters} characters.`,
  })
  knowledgeBase!: string;

  @Field(() => String, { description: `At most ${INPUT_LIMITS.retrieve.queryCharacters} characters.` })
  query!: string;

  @Field(() => Int, { nullable: true, defaultValue: 5, description: '1 to 100.' })
  topK?: number;

  @Field(() => JSONScalar, {
    nullable: true,
    description:
      `Metadata equality filter; a list value means "one of". At most ${INPUT_LIMITS.retrieve.filterFields} fields ` +
      `(names up to ${INPUT_LIMITS.retrieve.filterKeyCharacters} characters), ${INPUT_LIMITS.retrieve.filterValues} values per field, ` +
      `string values up to ${INPUT_LIMITS.retrieve.filterValueCharacters} characters; values are scalars.`,
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
