import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { NodeInterface } from '../../graphql/relay/node.interface.js';
import { RoleEnum } from '../auth/auth.types.js';
import type { Role } from '../auth/principal.js';

@ObjectType('ApiKey', {
  implements: NodeInterface,
  description: 'An API key as listings show it: never the key itself, nor its hash.',
})
export class ApiKeyType implements NodeInterface {
  @Field(() => ID, { description: 'Global id.' })
  id!: string;

  @Field(() => String, {
    description: 'Internal key id, as in `me.id`, KEY budget targets and audit `actorKeyId`.',
  })
  internalId!: string;

  @Field(() => String, { description: 'Name given at creation, for people.' })
  name!: string;

  @Field(() => String, { description: 'The first characters of the key, to tell keys apart.' })
  prefix!: string;

  @Field(() => String, { description: 'Team name.' })
  team!: string;

  @Field(() => String, { description: 'Internal team id.' })
  teamId!: string;

  @Field(() => [RoleEnum], { description: 'What the key may do.' })
  roles!: Role[];

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'After this the key is refused; set by expiry or by a rotation grace period.',
  })
  expiresAt?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was revoked; null while valid.' })
  revokedAt?: Date;

  @Field(() => DateTimeScalar, { description: 'When it was issued.' })
  createdAt!: Date;

  @Field(() => String, { nullable: true, description: 'Internal id of the key that created it.' })
  createdBy?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Internal id of the key this one replaced by rotation.',
  })
  rotatedFrom?: string;
}
