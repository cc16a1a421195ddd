import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { roles, type Role } from './principal.js';

export const RoleEnum = Object.fromEntries(roles.map((role) => [role, role])) as { [K in Role]: K };
registerEnumType(RoleEnum, {
  name: 'Role',
  valuesConfig: {
    ADMIN: { description: 'Everything in the organization.' },
    MAINTAINER: { description: 'Registry writes and keys of its own team.' },
    MEMBER: { description: 'Invoke capabilities.' },
    VIEWER: { description: 'Read the catalog and usage.' },
  },
  description:
    'ADMIN: everything in the org; MAINTAINER: registry writes for own team capabilities; MEMBER: invoke; VIEWER: read usage and catalog. Each role includes the ones below it.',
});

export enum PrincipalKind {
  API_KEY = 'API_KEY',
  JWT = 'JWT',
}
registerEnumType(PrincipalKind, {
  name: 'PrincipalKind',
  description: 'How the caller authenticated.',
  valuesConfig: {
    API_KEY: { description: 'A Capgate API key.' },
    JWT: { description: 'An OIDC token from the configured issuer.' },
  },
});

@ObjectType('Principal', { description: 'The caller, as authenticated for this request.' })
export class PrincipalType {
  @Field(() => ID, { description: 'API key id, or the token subject.' })
  id!: string;

  @Field(() => PrincipalKind, { description: 'API key or token.' })
  kind!: PrincipalKind;

  @Field(() => String, { description: 'Key name, or the token subject.' })
  name!: string;

  @Field(() => String, { description: 'Organization id.' })
  orgId!: string;

  @Field(() => String, { description: 'Internal id of its team.' })
  teamId!: string;

  @Field(() => String, { description: 'Its team name.' })
  team!: string;

  @Field(() => [RoleEnum], { description: 'What it may do.' })
  roles!: Role[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'When its key or token expires.' })
  expiresAt?: Date;
}
