/** `createConversation`, `deleteConversation`, `conversation(id)` with its turns, `conversations`. */
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { BadUserInputError } from '../errors/app-error.js';
import { governanceOf } from '../governance/admin/governance.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { Connection } from '../graphql/relay/connection.type.js';
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

@ArgsType()
class TurnsArgs {
  @Field(() => Int, { nullable: true, description: '0 to 100; default 20.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}

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
    @Arg('first', () => Int, { nullable: true, description: '0 to 100; default 20.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
    after?: string | null,
    @Arg('filter', () => ConversationFilterInput, { nullable: true, description: 'Narrows the list.' })
    filter?: ConversationFilterInput | null,
  ): Promise<Connection<ConversationType>> {
    const size = pageSizeOf(first);
    const position = after ? listPositionOf(decodeCursor(after)) : undefined;
    const teamId = filter?.team
      ? await governanceOf(context.services).teams.readableTeamId(
          context.principal,
          filter.team,
          'conversations',
        )
      : undefined;
    const records = await service(context).list(context.principal, {
      first: size + 1,
      ...(position ? { after: position } : {}),
      ...(teamId ? { teamId } : {}),
      ...(filter?.capability ? { capability: filter.capability } : {}),
    });
    const page = records.slice(0, size);
    const edges = page.map((record) => ({
      cursor: encodeCursor(`${record.updatedAt.toISOString()}|${record._id}`),
      node: conversationOf(record),
    }));
    return {
      edges,
      pageInfo: pageInfoOf(edges, records.length > size, position !== undefined),
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

  @FieldResolver(() => ConversationTurnConnectionType, { description: 'Its turns, oldest first.' })
  async turns(
    @Root() conversation: ConversationNode,
    @Args(() => TurnsArgs) args: TurnsArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<Connection<ConversationTurnType>> {
    const size = pageSizeOf(args.first);
    const afterSeq = args.after ? seqOf(decodeCursor(args.after)) : 0;
    const records = await service(context).turnsPage(conversation.internalId, afterSeq, size + 1);
    const edges = records.slice(0, size).map((record) => ({
      cursor: encodeCursor(`turn:${record.seq}`),
      node: turnOf(record),
    }));
    return {
      edges,
      pageInfo: pageInfoOf(edges, records.length > size, afterSeq > 0),
      totalCount: conversation.record.turnCount,
    };
  }
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

function listPositionOf(position: string): { updatedAt: Date; id: string } {
  const [at, id] = position.split('|');
  const updatedAt = new Date(at ?? '');
  if (!id || Number.isNaN(updatedAt.getTime()))
    throw new BadUserInputError('Invalid cursor in `after`: pass a cursor of a previous page.', {
      extensions: { argument: 'after' },
    });
  return { updatedAt, id };
}

function seqOf(position: string): number {
  const seq = Number(position.startsWith('turn:') ? position.slice(5) : NaN);
  if (!Number.isInteger(seq) || seq < 0)
    throw new BadUserInputError('Invalid cursor in `after`: pass a cursor of a previous page.', {
      extensions: { argument: 'after' },
    });
  return seq;
}
