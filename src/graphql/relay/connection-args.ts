/** The Relay pagination arguments, shared by every connection field (`@Args(() => ConnectionArgs)`). */
import { ArgsType, Field, Int } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-request.js';

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Return the first n items (after \`after\`), 0 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Start after this cursor (an `endCursor`).' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Return the last n items (before \`before\`), 0 to ${MAX_PAGE_SIZE}.`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'End before this cursor (a `startCursor`).' })
  before?: string | null;
}
