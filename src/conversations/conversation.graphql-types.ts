/**
 * GraphQL types of conversations (schema/CONVENTIONS.md: `Node` entities with global ids, one
 * `input:` per mutation, `…Payload` results, Relay connections, descriptions everywhere).
 */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { createConnectionType } from '../graphql/relay/connection.type.js';
import { NodeInterface } from '../graphql/relay/node.interface.js';
import { UsageType } from '../capabilities/capability.graphql-types.js';
import { DateTimeScalar, JSONScalar } from '../graphql/scalars.js';
import { CONVERSATION_LIMITS } from './conversation-limits.js';

@ObjectType('ConversationTurn', {
  implements: NodeInterface,
  description:
    'One completed run of a conversation: its input, its output and who served it. Stored masked per the capability masking policy: tokenized values appear as placeholders here, and were restored only in the answer the caller received.',
})
export class ConversationTurnType implements NodeInterface {
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

  @Field(() => UsageType, { description: 'Tokens, cost and latency of the run.' })
  usage!: UsageType;

  @Field(() => DateTimeScalar, { description: 'When the turn was appended (its run completed).' })
  createdAt!: Date;
}

@ObjectType('Conversation', {
  implements: NodeInterface,
  description: `Context kept across runs: pass its \`id\` as \`InvokeOptions.conversationId\` (or the \`capgate-conversation-id\` header on /v1). Belongs to its team, and to the key that created it unless \`shared\`. Holds at most ${CONVERSATION_LIMITS.maxTurns} turns and ${CONVERSATION_LIMITS.maxBytes} stored bytes by default (CAPGATE_CONVERSATION_MAX_TURNS, CAPGATE_CONVERSATION_MAX_BYTES; BAD_USER_INPUT beyond); deleted CAPGATE_CONVERSATION_RETENTION_DAYS after its last turn.`,
})
export class ConversationType implements NodeInterface {
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

export const { Connection: ConversationTurnConnectionType } = createConnectionType(
  'ConversationTurn',
  ConversationTurnType,
  'Turns of a conversation, oldest first (Relay connection).',
);

export const { Connection: ConversationConnectionType } = createConnectionType(
  'Conversation',
  ConversationType,
  'Conversations, most recently active first (Relay connection).',
);

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
