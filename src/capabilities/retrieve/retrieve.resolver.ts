import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { hasRole } from '../../governance/auth/principal.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { assertEmbeddingModel } from '../../knowledge/embedding-model.js';
import type { KnowledgeAccess } from '../../knowledge/knowledge.service.js';
import { InvokeOptionsInput, PARTIAL_RESULTS } from '../capability.graphql-types.js';
import { assertDocumentsWithinLimits } from '../input-limits.js';
import { invokeFromContext, plain } from '../invoke-from-context.js';
import type { RetrieveOutput } from './retrieve.capability.js';
import {
  DocumentInput,
  IngestResult,
  KnowledgeBase,
  RetrieveInput,
  RetrieveResult,
} from './retrieve.types.js';

@Resolver()
export class RetrieveResolver {
  @Authorized('MEMBER')
  @Mutation(() => RetrieveResult, {
    nullable: true,
    description: 'Retrieve the passages of a knowledge base that best match a query.' + PARTIAL_RESULTS,
  })
  async retrieve(
    @Arg('input', () => RetrieveInput) input: RetrieveInput,
    @Arg('options', () => InvokeOptionsInput, { nullable: true }) options: InvokeOptionsInput | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<RetrieveResult> {
    const result = await invokeFromContext(context, 'retrieve', plain(input), options);
    return { ...(result.output as RetrieveOutput), meta: result.meta };
  }

  @Authorized('MAINTAINER')
  @Mutation(() => KnowledgeBase)
  async createKnowledgeBase(
    @Arg('name', () => String) name: string,
    @Arg('description', () => String, { nullable: true }) description: string | undefined,
    @Arg('embeddingModel', () => String, {
      nullable: true,
      description: 'A registered model with embeddings, for hybrid retrieval.',
    })
    embeddingModel: string | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<KnowledgeBase> {
    assertEmbeddingModel(context.services.registry, embeddingModel);
    const created = await context.services.knowledge.createKnowledgeBase(
      { name, description, embeddingModel },
      context.principal.teamId,
    );
    await context.services.audit?.append({
      orgId: context.principal.orgId,
      actorKeyId: context.principal.id,
      actorTeamId: context.principal.teamId,
      action: 'createKnowledgeBase',
      target: name,
      summary: { description, embeddingModel },
      requestId: context.requestId,
    });
    return created;
  }

  @Authorized('MAINTAINER')
  @Mutation(() => IngestResult, { description: 'Add or replace documents; they are chunked and indexed.' })
  async ingestDocuments(
    @Arg('knowledgeBase', () => String) knowledgeBase: string,
    @Arg('documents', () => [DocumentInput]) documents: DocumentInput[],
    @Ctx() context: GraphQLContext,
  ): Promise<IngestResult> {
    assertDocumentsWithinLimits(documents);
    const outcome = await context.services.knowledge.ingest(
      knowledgeBase,
      documents.map(plain) as never,
      { ...accessOf(context), caller: { principal: context.principal, frontDoor: 'graphql' } },
      context.signal,
    );
    await context.services.audit?.append({
      orgId: context.principal.orgId,
      actorKeyId: context.principal.id,
      actorTeamId: context.principal.teamId,
      ...(outcome.ownerTeamId ? { teamId: outcome.ownerTeamId } : {}),
      action: 'ingestDocuments',
      target: knowledgeBase,
      // Ids only, never texts; a bounded list so a bulk ingest cannot bloat the entry.
      summary: {
        documents: outcome.documents,
        chunks: outcome.chunks,
        documentIds: outcome.documentIds.slice(0, MAX_AUDITED_DOCUMENT_IDS),
      },
      requestId: context.requestId,
    });
    return { documents: outcome.documents, chunks: outcome.chunks };
  }

  @Authorized('VIEWER')
  @Query(() => [KnowledgeBase])
  knowledgeBases(@Ctx() context: GraphQLContext): Promise<KnowledgeBase[]> {
    return context.services.knowledge.list(accessOf(context));
  }
}

const MAX_AUDITED_DOCUMENT_IDS = 20;

function accessOf(context: GraphQLContext): KnowledgeAccess {
  return { teamId: context.principal.teamId, admin: hasRole(context.principal, 'ADMIN') };
}
