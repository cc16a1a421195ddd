/** `createConversation`, `deleteConversation`, `conversation(id)` with its turns, `conversations`. */
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../errors/app-error.js';
import { governanceOf } from '../governance/admin/governance.js';
import type { GraphQLContext } from '../graphql/context.js';
import { ConnectionArgs } from '../graphql/relay/connection-args.js';
import type { Connection } from '../graphql/relay/connection.type.js';
import { validatePageRequest } from '../graphql/relay/page-request.js';
import { registerNodeType } from '../graphql/relay/node-registry.js';
import {
  CONVERSATION_TYPE,
  decodeCursor,
  encodeCursor,
  pageSizeOf,
  toGlobalId,
  TURN_TYPE,
} from './conversation-ids.js';
import type { ConversationRecord, ConversationTurnRecord } from '../store/models/conversation.model.js';
import type { ConversationService } from './conversation.service.js';
import {
  ConversationConnectionType,
  ConversationFilterInput,
  ConversationTurnConnectionType,
  ConversationTurnType,
  ConversationType,
  CreateConversationInputType,
  CreateConversationPayloadType,
  DeleteConversationInputType,
  DeleteConversationPayloadType,
} from './conversation.graphql-types.js';

type ConversationNode = ConversationType & { record: ConversationRecord };

// `node(id:)` sees what `conversation(id)` sees: null for anything else.
registerNodeType(CONVERSATION_TYPE, async (key, context) => {
  const record = await context.services.conversations?.get(context.principal, key);
  return record ? conversationOf(record) : null;
});
registerNodeType(TURN_TYPE, async (key, context) => {
  const turn = await context.services.conversations?.turn(context.principal, key);
  return turn ? turnOf(turn) : null;
});

@Resolver(() => ConversationType)
export class ConversationResolver {
  @Authorized('VIEWER')
  @Query(() => ConversationType, {
    nullable: true,
    description:
      'One conversation by id, with its turns. Null when it does not exist or you may not see it (another team, or another key when not shared).',
  })
  async conversation(
    @Arg('id', () => ID, { description: 'The `id` of the conversation.' }) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<ConversationNode | null> {
    const record = await service(context).get(context.principal, id);
    return record ? conversationOf(record) : null;
  }

  @Authorized('VIEWER')
  @Query(() => ConversationConnectionType, {
    description:
      'Conversations you may see, most recently active first: your key’s own and your team’s shared ones (org admins: the whole org).',
  })
  async conversations(
    @Ctx() context: GraphQLContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => ConversationFilterInput, { nullable: true, description: 'Narrows the list.' })
    filter?: ConversationFilterInput | null,
  ): Promise<Connection<ConversationType>> {
    validatePageRequest(page);
    const backward = page.last != null;
    const size = backward ? page.last! : pageSizeOf(page.first);
    const after = page.after ? listPositionOf(decodeCursor(page.after, 'after'), 'after') : undefined;
    const before = page.before ? listPositionOf(decodeCursor(page.before, 'before'), 'before') : undefined;
    const teamId = filter?.team
      ? await governanceOf(context.services).teams.readableTeamId(
          context.principal,
          filter.team,
          'conversations',
        )
      : undefined;
    const records = await service(context).list(context.principal, {
      first: size + 1,
      ...(after ? { after } : {}),
      ...(before ? { before } : {}),
      ...(backward ? { backward } : {}),
      ...(teamId ? { teamId } : {}),
      ...(filter?.capability ? { capability: filter.capability } : {}),
    });
    const more = records.length > size;
    const edges = pageOf(records, size, backward).map((record) => ({
      cursor: encodeCursor(`${record.updatedAt.toISOString()}|${record._id}`),
      node: conversationOf(record),
    }));
    return {
      edges,
      // Most recent first: `after` pages to older conversations, `before` (with `last`) to newer ones.
      pageInfo: backward
        ? pageInfoOf(edges, before !== undefined, more)
        : pageInfoOf(edges, more, after !== undefined),
      totalCount: null,
    };
  }

  @Authorized('MEMBER')
  @Mutation(() => CreateConversationPayloadType, {
    description:
      'Creates an empty conversation owned by your team (and your key unless `shared`). MEMBER role.',
  })
  async createConversation(
    @Arg('input', () => CreateConversationInputType, { description: 'The conversation.' })
    input: CreateConversationInputType,
    @Ctx() context: GraphQLContext,
  ): Promise<CreateConversationPayloadType> {
    const record = await service(context).create(context.principal, {
      ...(input.capability ? { capability: input.capability } : {}),
      ...(input.title ? { title: input.title } : {}),
      ...(input.metadata !== undefined && input.metadata !== null ? { metadata: input.metadata } : {}),
      ...(input.shared !== undefined && input.shared !== null ? { shared: input.shared } : {}),
    });
    return { conversation: conversationOf(record) };
  }

  @Authorized('MEMBER')
  @Mutation(() => DeleteConversationPayloadType, {
    description:
      'Deletes a conversation you may see, with its turns (audited). NOT_FOUND when you may not see it; CONFLICT while a run is in progress on it.',
  })
  async deleteConversation(
    @Arg('input', () => DeleteConversationInputType, { description: 'Which conversation.' })
    input: DeleteConversationInputType,
    @Ctx() context: GraphQLContext,
  ): Promise<DeleteConversationPayloadType> {
    const deletedConversationId = await service(context).delete(
      context.principal,
      input.id,
      context.requestId,
    );
    return { deletedConversationId };
  }

  @FieldResolver(() => ConversationTurnConnectionType, {
    description: 'Its turns, oldest first (`last: n` gives the newest n).',
  })
  async turns(
    @Root() conversation: ConversationNode,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<Connection<ConversationTurnType>> {
    validatePageRequest(args);
    const backward = args.last != null;
    const size = backward ? args.last! : pageSizeOf(args.first);
    const afterSeq = args.after ? seqOf(decodeCursor(args.after, 'after'), 'after') : undefined;
    const beforeSeq = args.before ? seqOf(decodeCursor(args.before, 'before'), 'before') : undefined;
    const records = await service(context).turnsPage(conversation.internalId, {
      ...(afterSeq === undefined ? {} : { afterSeq }),
      ...(beforeSeq === undefined ? {} : { beforeSeq }),
      backward,
      limit: size + 1,
    });
    const more = records.length > size;
    const edges = pageOf(records, size, backward).map((record) => ({
      cursor: encodeCursor(`turn:${record.seq}`),
      node: turnOf(record),
    }));
    return {
      edges,
      pageInfo: backward
        ? pageInfoOf(edges, beforeSeq !== undefined, more)
        : pageInfoOf(edges, more, afterSeq !== undefined && afterSeq > 0),
      totalCount: conversation.record.turnCount,
    };
  }
}

/**
 * The page among `size + 1` records read in display order: forward, the first `size` (the extra one
 * is beyond the end); backward, the last `size` (the extra one, read first, is before the start).
 */
function pageOf<T>(records: readonly T[], size: number, backward: boolean): T[] {
  return backward ? records.slice(Math.max(0, records.length - size)) : records.slice(0, size);
}

function pageInfoOf(
  edges: ReadonlyArray<{ cursor: string }>,
  hasNextPage: boolean,
  hasPreviousPage: boolean,
) {
  return {
    hasNextPage,
    hasPreviousPage,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}

function service(context: GraphQLContext): ConversationService {
  const conversations = context.services.conversations;
  if (!conversations) throw new BadUserInputError('Conversations are not available on this instance.');
  return conversations;
}

function conversationOf(record: ConversationRecord): ConversationNode {
  return {
    record,
    id: toGlobalId(CONVERSATION_TYPE, record._id),
    internalId: record._id,
    ...(record.title ? { title: record.title } : {}),
    ...(record.capability ? { capability: record.capability } : {}),
    ...(record.metadata ? { metadata: JSON.parse(record.metadata) as unknown } : {}),
    shared: record.shared,
    teamId: record.teamId,
    turnCount: record.turnCount,
    storedBytes: record.bytes,
    ...(record.lastTurnId ? { lastTurnId: toGlobalId(TURN_TYPE, record.lastTurnId) } : {}),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function turnOf(record: ConversationTurnRecord): ConversationTurnType {
  return {
    id: toGlobalId(TURN_TYPE, record._id),
    internalId: record._id,
    index: record.seq,
    capability: record.capability,
    model: record.model,
    provider: record.provider,
    runId: record.runId,
    input: JSON.parse(record.input) as unknown,
    output: JSON.parse(record.output) as unknown,
    usage: {
      inputTokens: record.inputTokens,
      outputTokens: record.outputTokens,
      costUsd: record.costUsd,
      latencyMs: record.latencyMs,
    },
    createdAt: record.createdAt,
  };
}

function listPositionOf(position: string, argument: 'after' | 'before'): { updatedAt: Date; id: string } {
  const [at, id] = position.split('|');
  const updatedAt = new Date(at ?? '');
  if (!id || Number.isNaN(updatedAt.getTime())) throw invalidCursor(argument);
  return { updatedAt, id };
}

function seqOf(position: string, argument: 'after' | 'before'): number {
  const seq = Number(position.startsWith('turn:') ? position.slice(5) : NaN);
  if (!Number.isInteger(seq) || seq < 0) throw invalidCursor(argument);
  return seq;
}

function invalidCursor(argument: 'after' | 'before'): BadUserInputError {
  return new BadUserInputError(`Invalid cursor in \`${argument}\`: pass a cursor of a previous page.`, {
    extensions: { argument },
  });
}
