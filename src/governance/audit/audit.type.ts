import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';

@ObjectType('AuditEntry', { description: 'One admin action. The summary never holds secrets.' })
export class AuditEntryType {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => String, { description: 'The mutation, e.g. `createApiKey`.' })
  action!: string;

  @Field(() => String, { description: 'What it acted on: a team, key id, capability, provider…' })
  target!: string;

  @Field(() => String, { description: 'The API key id (or token subject) that acted.' })
  actorKeyId!: string;

  @Field(() => String)
  actorTeamId!: string;

  @Field(() => String, { nullable: true, description: "The actor's team name." })
  actorTeam?: string;

  @Field(() => String, { nullable: true, description: 'The team the action concerned, if any.' })
  teamId?: string;

  @Field(() => JSONScalar, { description: 'What changed, with secrets redacted.' })
  summary!: Record<string, unknown>;

  @Field(() => String)
  requestId!: string;
}

@ObjectType('AuditEdge')
export class AuditEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => AuditEntryType)
  node!: AuditEntryType;
}

@ObjectType('PageInfo', { description: 'Relay-style pagination state.' })
export class PageInfoType {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}

@ObjectType('AuditConnection', { description: 'Audit entries, newest first.' })
export class AuditConnectionType {
  @Field(() => [AuditEdgeType])
  edges!: AuditEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;
}
