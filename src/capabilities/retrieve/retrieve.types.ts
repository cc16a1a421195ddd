import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { JSONScalar } from '../../graphql/scalars.js';
import { RunMetaType } from '../capability.graphql-types.js';
import { INPUT_LIMITS } from '../input-limits.js';

@InputType()
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

  @Field(() => String, {
    nullable: true,
    description: `At most ${INPUT_LIMITS.document.titleCharacters} characters.`,
  })
  title?: string;

  @Field(() => String, { description: 'At most 2000000 characters.' })
  text!: string;

  @Field(() => JSONScalar, {
    nullable: true,
    description: `An object; at most ${INPUT_LIMITS.document.metadataCharacters} characters of JSON and ${INPUT_LIMITS.json.depth} levels deep.`,
  })
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
