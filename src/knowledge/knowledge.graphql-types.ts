/** GraphQL shape of knowledge bases and their documents; inputs and payloads of their mutations. */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { INPUT_LIMITS } from '../capabilities/input-limits.js';
import { createConnectionType } from '../graphql/relay/connection.type.js';
import { NodeInterface } from '../graphql/relay/node.interface.js';
import { DateTimeScalar, JSONScalar } from '../graphql/scalars.js';

@ObjectType('Document', { implements: NodeInterface, description: 'A document of a knowledge base.' })
export class DocumentType implements NodeInterface {
  @Field(() => ID, { description: 'Global id.' })
  id!: string;

  @Field(() => String, { description: 'Its id inside the knowledge base (as given at ingest).' })
  externalId!: string;

  @Field(() => String, { description: 'Name of its knowledge base.' })
  knowledgeBase!: string;

  @Field(() => String, { nullable: true, description: 'Title, if one was given.' })
  title?: string;

  @Field(() => JSONScalar, { nullable: true, description: 'Metadata as given at ingest.' })
  metadata?: Record<string, unknown>;

  @Field(() => Int, { description: 'Length of its text in characters.' })
  characters!: number;

  @Field(() => Int, { description: 'How many chunks it was split into.' })
  chunkCount!: number;

  @Field(() => DateTimeScalar, { description: 'When it was first ingested.' })
  createdAt!: Date;
}

export const { Connection: DocumentConnection } = createConnectionType('Document', DocumentType);

@ObjectType('KnowledgeBase', {
  implements: NodeInterface,
  description: 'Documents indexed for `retrieve`, owned by a team.',
})
export class KnowledgeBaseType implements NodeInterface {
  @Field(() => ID, { description: 'Global id.' })
  id!: string;

  @Field(() => String, { description: 'Unique name, the one `retrieve` takes.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What it holds, for people.' })
  description?: string;

  @Field(() => String, { nullable: true, description: 'Embedding model for hybrid retrieval, if any.' })
  embeddingModel?: string;

  @Field(() => Int, { description: 'How many documents it holds.' })
  documentCount!: number;

  @Field(() => Int, { description: 'How many chunks its documents were split into.' })
  chunkCount!: number;
}

export const { Connection: KnowledgeBaseConnection } = createConnectionType(
  'KnowledgeBase',
  KnowledgeBaseType,
);

@InputType({ description: 'A new knowledge base, owned by the caller’s team.' })
export class CreateKnowledgeBaseInput {
  @Field(() => String, { description: 'Unique name: letters, digits, `_`, `.` or `-`, at most 64.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What it holds, for people.' })
  description?: string;

  @Field(() => String, {
    nullable: true,
    description: 'A registered model with embeddings, for hybrid retrieval.',
  })
  embeddingModel?: string;
}

@InputType({ description: 'A document to add or replace.' })
export class DocumentInput {
  @Field(() => String, {
    nullable: true,
    description: 'Stable id: ingesting the same id again replaces the document. Default: generated.',
  })
  id?: string;

  @Field(() => String, {
    nullable: true,
    description: `Title; at most ${INPUT_LIMITS.document.titleCharacters} characters.`,
  })
  title?: string;

  @Field(() => String, { description: 'The text; it is chunked and indexed. At most 2000000 characters.' })
  text!: string;

  @Field(() => JSONScalar, {
    nullable: true,
    description: `Metadata object, returned with retrieved chunks and usable in \`filter\`; at most ${INPUT_LIMITS.document.metadataCharacters} characters of JSON and ${INPUT_LIMITS.json.depth} levels deep.`,
  })
  metadata?: Record<string, unknown>;
}

@InputType({ description: 'Documents to add to (or replace in) a knowledge base.' })
export class IngestDocumentsInput {
  @Field(() => String, { description: 'Knowledge base name.' })
  knowledgeBase!: string;

  @Field(() => [DocumentInput], { description: '1 to 1000 documents.' })
  documents!: DocumentInput[];
}

@InputType({ description: 'A knowledge base to delete, with all its documents.' })
export class DeleteKnowledgeBaseInput {
  @Field(() => String, { description: 'Knowledge base name.' })
  name!: string;
}

@InputType({ description: 'Documents to delete from a knowledge base.' })
export class DeleteDocumentsInput {
  @Field(() => String, { description: 'Knowledge base name.' })
  knowledgeBase!: string;

  @Field(() => [String], { description: 'Document ids (as given at ingest), 1 to 1000.' })
  documentIds!: string[];
}

@ObjectType({ description: 'The new knowledge base.' })
export class CreateKnowledgeBasePayload {
  @Field(() => KnowledgeBaseType, { description: 'The new knowledge base.' })
  knowledgeBase!: KnowledgeBaseType;
}

@ObjectType({ description: 'What ingestDocuments wrote.' })
export class IngestDocumentsPayload {
  @Field(() => KnowledgeBaseType, { description: 'The knowledge base with its new counts.' })
  knowledgeBase!: KnowledgeBaseType;

  @Field(() => [DocumentType], { description: 'The documents as written.' })
  documents!: DocumentType[];

  @Field(() => Int, { description: 'How many chunks the documents were split into.' })
  chunkCount!: number;
}

@ObjectType({ description: 'What deleteKnowledgeBase deleted.' })
export class DeleteKnowledgeBasePayload {
  @Field(() => ID, { description: 'Global id of the deleted knowledge base: evict it from client caches.' })
  deletedKnowledgeBaseId!: string;

  @Field(() => Int, { description: 'How many documents went with it.' })
  deletedDocumentCount!: number;
}

@ObjectType({ description: 'What deleteDocuments deleted.' })
export class DeleteDocumentsPayload {
  @Field(() => KnowledgeBaseType, { description: 'The knowledge base with its new counts.' })
  knowledgeBase!: KnowledgeBaseType;

  @Field(() => [ID], { description: 'Global ids of the deleted documents: evict them from client caches.' })
  deletedDocumentIds!: string[];
}
