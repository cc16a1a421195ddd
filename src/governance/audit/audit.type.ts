import { Field, ID, ObjectType } from 'type-graphql';
import { createConnectionType } from '../../graphql/relay/connection.type.js';
import { NodeInterface } from '../../graphql/relay/node.interface.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';

@ObjectType('AuditEntry', {
  implements: NodeInterface,
  description: 'One admin action. The summary never holds secrets.',
})
export class AuditEntryType implements NodeInterface {
  @Field(() => ID, { description: 'Global id.' })
  id!: string;

  @Field(() => DateTimeScalar, { description: 'When it happened.' })
  at!: Date;

  @Field(() => String, { description: 'The mutation, e.g. `createApiKey`.' })
  action!: string;

  @Field(() => String, { description: 'What it acted on: a team, key id, capability, provider…' })
  target!: string;

  @Field(() => String, { description: 'The API key id (or token subject) that acted.' })
  actorKeyId!: string;

  @Field(() => String, { description: "Internal id of the actor's team." })
  actorTeamId!: string;

  @Field(() => String, { nullable: true, description: "The actor's team name." })
  actorTeam?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Internal id of the team the action concerned, if any.',
  })
  teamId?: string;

  @Field(() => JSONScalar, { description: 'What changed, with secrets redacted.' })
  summary!: Record<string, unknown>;

  @Field(() => String, { description: 'The request that made the change (also in logs and traces).' })
  requestId!: string;
}

export const { Connection: AuditConnectionType } = createConnectionType(
  'AuditEntry',
  AuditEntryType,
  'Audit entries, newest first (Relay connection).',
);
