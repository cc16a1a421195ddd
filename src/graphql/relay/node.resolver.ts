import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { BadUserInputError } from '../../errors/app-error.js';
import type { GraphQLContext } from '../context.js';
import { fromGlobalId } from './global-id.js';
import { NODE_TYPE, NodeInterface } from './node.interface.js';
import { nodeFetcher } from './node-registry.js';

@Resolver()
export class NodeResolver {
  @Authorized('VIEWER')
  @Query(() => NodeInterface, {
    nullable: true,
    description:
      'Any object by its global id; null when it does not exist (any more) or the caller may not see it. A malformed id is BAD_USER_INPUT.',
  })
  async node(
    @Arg('id', () => ID, { description: 'A global id, exactly as the API returned it.' }) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<NodeInterface | null> {
    const { type, key } = fromGlobalId(id);
    const fetch = nodeFetcher(type);
    if (!fetch)
      throw new BadUserInputError(`Invalid id: no object type "${type}" can be fetched by id.`, {
        extensions: { argument: 'id' },
      });
    const value = await fetch(key, context);
    if (!value) return null;
    return Object.assign(Object.create(Object.getPrototypeOf(value) as object) as object, value, {
      [NODE_TYPE]: type,
    }) as unknown as NodeInterface;
  }
}
