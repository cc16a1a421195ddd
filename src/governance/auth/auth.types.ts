import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { roles, type Role } from './principal.js';

export const RoleEnum = Object.fromEntries(roles.map((role) => [role, role])) as { [K in Role]: K };
registerEnumType(RoleEnum, {
  name: 'Role',
  description:
    'ADMIN: everything in the org; MAINTAINER: registry writes for own team capabilities; MEMBER: invoke; VIEWER: read usage and catalog. Each role includes the ones below it.',
});

@ObjectType('Principal', { description: 'The caller, as authenticated for this request.' })
export class PrincipalType {
  @Field(() => ID, { description: 'API key id, or the token subject.' })
  id!: string;

  @Field(() => String, { description: '`apiKey` or `jwt`.' })
  kind!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  orgId!: string;

  @Field(() => String)
  teamId!: string;

  @Field(() => String)
  team!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt?: Date;
}
