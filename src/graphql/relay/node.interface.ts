/**
 * The Relay `Node` interface: every entity has a global `id: ID!`, and `node(id:)` fetches any of
 * them. Object types implement it with `@ObjectType({ implements: NodeInterface })`.
 */
import { Field, ID, InterfaceType } from 'type-graphql';

/** Tag that `node(id:)` puts on what it returns, so the interface knows the concrete type. */
export const NODE_TYPE = Symbol('capgate.nodeType');

@InterfaceType('Node', {
  description: 'An object with a global id: refetch it with `node(id:)`; caches normalize by it.',
  resolveType: (value: { [NODE_TYPE]?: string }) => value[NODE_TYPE],
})
export abstract class NodeInterface {
  @Field(() => ID, { description: 'Globally unique, opaque, stable id of this object.' })
  id!: string;
}
