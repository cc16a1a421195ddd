import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { RoleEnum } from '../auth/auth.types.js';
import type { Role } from '../auth/principal.js';

@ObjectType('ApiKey', { description: 'An API key as listings show it: never the key itself, nor its hash.' })
export class ApiKeyType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'The first characters of the key, to tell keys apart.' })
  prefix!: string;

  @Field(() => String, { description: 'Team name.' })
  team!: string;

  @Field(() => String)
  teamId!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt?: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt?: Date;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => String, { nullable: true, description: 'Id of the key that created it.' })
  createdBy?: string;
}

@ObjectType('CreatedApiKey')
export class CreatedApiKeyType {
  @Field(() => String, { description: 'The key. Shown this once: only its HMAC is stored.' })
  key!: string;

  @Field(() => ApiKeyType)
  apiKey!: ApiKeyType;
}
