import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { NodeInterface } from '../../graphql/relay/node.interface.js';

@ObjectType('Team', {
  implements: NodeInterface,
  description: 'A team of the organization: it owns keys, capabilities and knowledge bases.',
})
export class TeamType implements NodeInterface {
  @Field(() => ID, { description: 'Global id.' })
  id!: string;

  @Field(() => String, {
    description: 'Internal team id, as in `teamId` fields, budget targets and audit entries.',
  })
  internalId!: string;

  @Field(() => String, { description: 'Unique name in the organization.' })
  name!: string;

  @Field(() => DateTimeScalar, { description: 'When it was created.' })
  createdAt!: Date;
}
