/**
 * GraphQL types of conversations (CONVENTIONS.md of the schema work: global ids, one `input:` per
 * mutation, `…Payload` results, Relay connections, descriptions everywhere). `Conversation` and
 * `ConversationTurn` become `Node` implementations once `src/graphql/relay/` is on main.
 */
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfoType } from '../governance/audit/audit.type.js';
import { DateTimeScalar, JSONScalar } from '../graphql/scalars.js';
import { CONVERSATION_LIMITS } from './conversation-limits.js';

@ObjectType('ConversationTurnUsage', { description: 'What the run that made a turn consumed.' })
export class ConversationTurnUsageType {
  @Field(() => Int, { description: 'Input tokens, earlier turns and summary included.' })
  inputTokens!: number;

  @Field(() => Int, { description: 'Output tokens.' })
  outputTokens!: number;

  @Field(() => Float, { description: 'USD, from the model pricing.' })
  costUsd!: number;

  @Field(() => Int, { description: 'Wall-clock time of the run in milliseconds.' })
  latencyMs!: number;
}

@ObjectType('ConversationTurn', {
  description:
    'One completed run of a conversation: its input, its output and who served it. Stored masked per the capability masking policy: tokenized values appear as placeholders here, and were restored only in the answer the caller received.',
})
export class ConversationTurnType {
  @Field(() => ID, { description: 'Global id; pass it as `InvokeOptions.ifLastTurn`.' })
  id!: string;

  @Field(() => String, { description: 'The internal turn id (`turn_…`).' })
  internalId!: string;

  @Field(() => Int, { description: 'Position in the conversation, from 1.' })
  index!: number;

  @Field(() => String, { description: 'The capability the run invoked.' })
  capability!: string;

  @Field(() => String, { description: 'The registered model that served the turn.' })
  model!: string;

  @Field(() => String, { description: 'The provider of that model.' })
  provider!: string;

  @Field(() => ID, { description: 'The run that made this turn (see `run(id)`).' })
  runId!: string;

  @Field(() => JSONScalar, { description: 'The capability input, masked.' })
  input!: unknown;

  @Field(() => JSONScalar, { description: 'The capability output, masked.' })
  output!: unknown;

  @Field(() => ConversationTurnUsageType, { description: 'Tokens, cost and latency of the run.' })
  usage!: ConversationTurnUsageType;

  @Field(() => DateTimeScalar, { description: 'When the turn was appended (its run completed).' })
  createdAt!: Date;
}

@ObjectType('ConversationTurnEdge', { description: 'One turn in a page of turns.' })
export class ConversationTurnEdgeType {
  @Field(() => String, { description: 'Opaque position; pass as `after`.' })
  cursor!: string;

  @Field(() => ConversationTurnType, { description: 'The turn.' })
  node!: ConversationTurnType;
}

@ObjectType('ConversationTurnConnection', { description: 'Turns, oldest first (Relay connection).' })
export class ConversationTurnConnectionType {
  @Field(() => [ConversationTurnEdgeType], { description: 'The turns of this page.' })
  edges!: ConversationTurnEdgeType[];

  @Field(() => PageInfoType, { description: 'Whether there are more, and the cursor to get them.' })
  pageInfo!: PageInfoType;

  @Field(() => Int, { nullable: true, description: 'Turns in the conversation.' })
  totalCount!: number | null;
}

@ObjectType('Conversation', {
  description: `Context kept across runs: pass its \`id\` as \`InvokeOptions.conversationId\` (or the \`capgate-conversation-id\` header on /v1). Belongs to its team, and to the key that created it unless \`shared\`. Holds at most ${CONVERSATION_LIMITS.maxTurns} turns and ${CONVERSATION_LIMITS.maxBytes} stored bytes by default (CAPGATE_CONVERSATION_MAX_TURNS, CAPGATE_CONVERSATION_MAX_BYTES; BAD_USER_INPUT beyond); deleted CAPGATE_CONVERSATION_RETENTION_DAYS after its last turn.`,
})
export class ConversationType {
  @Field(() => ID, { description: 'Global id.' })
  id!: string;

  @Field(() => String, { description: 'The internal conversation id (`conv_…`).' })
  internalId!: string;

  @Field(() => String, { nullable: true, description: 'A title for people.' })
  title?: string;

  @Field(() => String, {
    nullable: true,
    description: 'The capability this conversation is meant for (informative: any capability may use it).',
  })
  capability?: string;

  @Field(() => JSONScalar, { nullable: true, description: 'Your own data about the conversation.' })
  metadata?: unknown;

  @Field(() => Boolean, {
    description: 'Visible to every key of the team; otherwise to the creating key (and org admins) only.',
  })
  shared!: boolean;

  @Field(() => String, { description: 'Internal id of the owning team.' })
  teamId!: string;

  @Field(() => Int, { description: 'Turns appended so far.' })
  turnCount!: number;

  @Field(() => Int, { description: 'Bytes its turns take in storage (bounded per conversation).' })
  storedBytes!: number;

  @Field(() => ID, { nullable: true, description: 'Global id of the last turn, for `ifLastTurn`.' })
  lastTurnId?: string;

  @Field(() => DateTimeScalar, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the last turn was appended (or creation).' })
  updatedAt!: Date;
}

@ObjectType('ConversationEdge', { description: 'One conversation in a page.' })
export class ConversationEdgeType {
  @Field(() => String, { description: 'Opaque position; pass as `after`.' })
  cursor!: string;

  @Field(() => ConversationType, { description: 'The conversation.' })
  node!: ConversationType;
}

@ObjectType('ConversationConnection', {
  description: 'Conversations, most recently active first (Relay connection).',
})
export class ConversationConnectionType {
  @Field(() => [ConversationEdgeType], { description: 'The conversations of this page.' })
  edges!: ConversationEdgeType[];

  @Field(() => PageInfoType, { description: 'Whether there are more, and the cursor to get them.' })
  pageInfo!: PageInfoType;

  @Field(() => Int, { nullable: true, description: 'Not counted (null): the list can be long.' })
  totalCount!: number | null;
}

@InputType('ConversationFilter', { description: 'Narrows `conversations`.' })
export class ConversationFilterInput {
  @Field(() => String, { nullable: true, description: 'Only those created for this capability.' })
  capability?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Team name; another team than yours requires the ADMIN role.',
  })
  team?: string;
}

@InputType('CreateConversationInput', { description: 'A new, empty conversation.' })
export class CreateConversationInputType {
  @Field(() => String, { nullable: true, description: 'The capability it is meant for (informative).' })
  capability?: string;

  @Field(() => String, {
    nullable: true,
    description: `A title for people; at most ${CONVERSATION_LIMITS.titleCharacters} characters.`,
  })
  title?: string;

  @Field(() => JSONScalar, {
    nullable: true,
    description: `Your own data; at most ${CONVERSATION_LIMITS.metadataCharacters} characters as JSON.`,
  })
  metadata?: unknown;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Visible to every key of your team (default false: your key only).',
  })
  shared?: boolean;
}

@ObjectType('CreateConversationPayload', { description: 'The conversation created.' })
export class CreateConversationPayloadType {
  @Field(() => ConversationType, { description: 'The new conversation, with no turns.' })
  conversation!: ConversationType;
}

@InputType('DeleteConversationInput', { description: 'Which conversation to delete.' })
export class DeleteConversationInputType {
  @Field(() => ID, { description: 'The `id` of the conversation.' })
  id!: string;
}

@ObjectType('DeleteConversationPayload', { description: 'What was deleted.' })
export class DeleteConversationPayloadType {
  @Field(() => ID, { description: 'Global id of the deleted conversation (its turns went with it).' })
  deletedConversationId!: string;
}
