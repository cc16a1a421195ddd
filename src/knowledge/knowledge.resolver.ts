/**
 * Knowledge bases: listing (a connection; each base pages its documents), create, ingest and the
 * deletions. Bases belong to a team: others get NOT_FOUND. Every mutation is audited.
 */
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertDocumentsWithinLimits } from '../capabilities/input-limits.js';
import { plain } from '../capabilities/invoke-from-context.js';
import { hasRole } from '../governance/auth/principal.js';
import type { GraphQLContext } from '../graphql/context.js';
import { ConnectionArgs } from '../graphql/relay/connection-args.js';
import { connectionFromArray } from '../graphql/relay/connection-from-array.js';
import type { Connection } from '../graphql/relay/connection.type.js';
import { toGlobalId } from '../graphql/relay/global-id.js';
import { registerNodeType } from '../graphql/relay/node-registry.js';
import { assertEmbeddingModel } from './embedding-model.js';
import { KnowledgeLifecycle, type DocumentInfo } from './knowledge-lifecycle.js';
import type { KnowledgeAccess, KnowledgeBaseSummary } from './knowledge.service.js';
import {
  CreateKnowledgeBaseInput,
  CreateKnowledgeBasePayload,
  DeleteDocumentsInput,
  DeleteDocumentsPayload,
  DeleteKnowledgeBaseInput,
  DeleteKnowledgeBasePayload,
  DocumentConnection,
  IngestDocumentsInput,
  IngestDocumentsPayload,
  KnowledgeBaseConnection,
  KnowledgeBaseType,
  type DocumentType,
} from './knowledge.graphql-types.js';

const MAX_AUDITED_DOCUMENT_IDS = 20;

function accessOf(context: GraphQLContext): KnowledgeAccess {
  return { teamId: context.principal.teamId, admin: hasRole(context.principal, 'ADMIN') };
}

const knowledgeBaseId = (name: string) => toGlobalId('KnowledgeBase', name);
const documentNodeId = (knowledgeBase: string, documentId: string) =>
  toGlobalId('Document', `${knowledgeBase}/${documentId}`);

function toKnowledgeBaseType(summary: KnowledgeBaseSummary): KnowledgeBaseType {
  return {
    id: knowledgeBaseId(summary.name),
    name: summary.name,
    ...(summary.description ? { description: summary.description } : {}),
    ...(summary.embeddingModel ? { embeddingModel: summary.embeddingModel } : {}),
    documentCount: summary.documents,
    chunkCount: summary.chunks,
  };
}

function toDocumentType(info: DocumentInfo): DocumentType {
  return {
    id: documentNodeId(info.knowledgeBase, info.documentId),
    externalId: info.documentId,
    knowledgeBase: info.knowledgeBase,
    ...(info.title ? { title: info.title } : {}),
    ...(info.metadata ? { metadata: info.metadata } : {}),
    characters: info.characters,
    chunkCount: info.chunks,
    createdAt: info.createdAt,
  };
}

function lifecycleOf(context: GraphQLContext): KnowledgeLifecycle {
  return new KnowledgeLifecycle(context.services.store, context.services.knowledge);
}

async function visibleSummary(context: GraphQLContext, name: string): Promise<KnowledgeBaseType | null> {
  const bases = await context.services.knowledge.list(accessOf(context));
  const base = bases.find((entry) => entry.name === name);
  return base ? toKnowledgeBaseType(base) : null;
}

async function audit(
  context: GraphQLContext,
  action: string,
  target: string,
  teamId: string | undefined,
  summary: Record<string, unknown>,
): Promise<void> {
  await context.services.audit?.append({
    orgId: context.principal.orgId,
    actorKeyId: context.principal.id,
    actorTeamId: context.principal.teamId,
    ...(teamId ? { teamId } : {}),
    action,
    target,
    summary,
    requestId: context.requestId,
  });
}

registerNodeType('KnowledgeBase', (name, context) => visibleSummary(context, name));
registerNodeType('Document', async (key, context) => {
  const slash = key.indexOf('/');
  if (slash <= 0) return null;
  const name = key.slice(0, slash);
  const documentId = key.slice(slash + 1);
  const documents = await lifecycleOf(context)
    .documents(name, accessOf(context))
    .catch(() => [] as DocumentInfo[]);
  const document = documents.find((entry) => entry.documentId === documentId);
  return document ? toDocumentType(document) : null;
});

@Resolver(() => KnowledgeBaseType)
export class KnowledgeResolver {
  @Authorized('VIEWER')
  @Query(() => KnowledgeBaseConnection, { description: 'The knowledge bases the caller may see, by name.' })
  async knowledgeBases(
    @Ctx() context: GraphQLContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
  ): Promise<Connection<KnowledgeBaseType>> {
    const bases = await context.services.knowledge.list(accessOf(context));
    return connectionFromArray(bases.map(toKnowledgeBaseType), page, (base) => base.name);
  }

  @FieldResolver(() => DocumentConnection, { description: 'Its documents, by document id.' })
  async documents(
    @Root() base: KnowledgeBaseType,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<Connection<DocumentType>> {
    const documents = await lifecycleOf(context).documents(base.name, accessOf(context));
    return connectionFromArray(documents.map(toDocumentType), page, (document) => document.externalId);
  }

  @Authorized('MAINTAINER')
  @Mutation(() => CreateKnowledgeBasePayload, {
    description: "Creates a knowledge base owned by the caller's team.",
  })
  async createKnowledgeBase(
    @Arg('input', () => CreateKnowledgeBaseInput, { description: 'What to do; see the input type.' })
    input: CreateKnowledgeBaseInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CreateKnowledgeBasePayload> {
    assertEmbeddingModel(context.services.registry, input.embeddingModel);
    const created = await context.services.knowledge.createKnowledgeBase(
      { name: input.name, description: input.description, embeddingModel: input.embeddingModel },
      context.principal.teamId,
    );
    await audit(context, 'createKnowledgeBase', input.name, undefined, {
      description: input.description,
      embeddingModel: input.embeddingModel,
    });
    return { knowledgeBase: toKnowledgeBaseType(created) };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => IngestDocumentsPayload, {
    description: 'Adds or replaces documents; they are chunked and indexed.',
  })
  async ingestDocuments(
    @Arg('input', () => IngestDocumentsInput, { description: 'What to do; see the input type.' })
    input: IngestDocumentsInput,
    @Ctx() context: GraphQLContext,
  ): Promise<IngestDocumentsPayload> {
    assertDocumentsWithinLimits(input.documents);
    const outcome = await context.services.knowledge.ingest(
      input.knowledgeBase,
      input.documents.map(plain) as never,
      { ...accessOf(context), caller: { principal: context.principal, frontDoor: 'graphql' } },
      context.signal,
    );
    await audit(context, 'ingestDocuments', input.knowledgeBase, outcome.ownerTeamId, {
      // Ids only, never texts; a bounded list so a bulk ingest cannot bloat the entry.
      documents: outcome.documents,
      chunks: outcome.chunks,
      documentIds: outcome.documentIds.slice(0, MAX_AUDITED_DOCUMENT_IDS),
    });
    // The documents as written (no read-back), ordered by document id like a listing.
    const summary = await context.services.knowledge.summary(input.knowledgeBase);
    const documents = [...outcome.written].sort((a, b) =>
      a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0,
    );
    return {
      knowledgeBase: toKnowledgeBaseType(summary),
      documents: documents.map(toDocumentType),
      chunkCount: outcome.chunks,
    };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => DeleteKnowledgeBasePayload, {
    description: 'Deletes a knowledge base with all its documents. Owning team MAINTAINERs and org ADMINs.',
  })
  async deleteKnowledgeBase(
    @Arg('input', () => DeleteKnowledgeBaseInput, { description: 'What to do; see the input type.' })
    input: DeleteKnowledgeBaseInput,
    @Ctx() context: GraphQLContext,
  ): Promise<DeleteKnowledgeBasePayload> {
    const outcome = await lifecycleOf(context).deleteKnowledgeBase(input.name, accessOf(context));
    await audit(context, 'deleteKnowledgeBase', input.name, outcome.ownerTeamId, {
      documents: outcome.documents,
    });
    return { deletedKnowledgeBaseId: knowledgeBaseId(input.name), deletedDocumentCount: outcome.documents };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => DeleteDocumentsPayload, {
    description:
      'Deletes documents of a knowledge base. NOT_FOUND naming unknown ids, and then nothing is deleted.',
  })
  async deleteDocuments(
    @Arg('input', () => DeleteDocumentsInput, { description: 'What to do; see the input type.' })
    input: DeleteDocumentsInput,
    @Ctx() context: GraphQLContext,
  ): Promise<DeleteDocumentsPayload> {
    const outcome = await lifecycleOf(context).deleteDocuments(
      input.knowledgeBase,
      input.documentIds,
      accessOf(context),
    );
    await audit(context, 'deleteDocuments', input.knowledgeBase, outcome.ownerTeamId, {
      documents: outcome.documentIds.length,
      documentIds: outcome.documentIds.slice(0, MAX_AUDITED_DOCUMENT_IDS),
    });
    const summary = await context.services.knowledge.summary(input.knowledgeBase);
    return {
      knowledgeBase: toKnowledgeBaseType(summary),
      deletedDocumentIds: outcome.documentIds.map((documentId) =>
        documentNodeId(input.knowledgeBase, documentId),
      ),
    };
  }
}
