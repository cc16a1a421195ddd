/** Catalog queries: capabilities (a connection), one capability, one capability version; node ids. */
import { Arg, Args, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { isVisibleTo } from '../capabilities/invocation.service.js';
import type { GraphQLContext } from '../graphql/context.js';
import { ConnectionArgs } from '../graphql/relay/connection-args.js';
import { connectionFromArray } from '../graphql/relay/connection-from-array.js';
import type { Connection } from '../graphql/relay/connection.type.js';
import { registerNodeType } from '../graphql/relay/node-registry.js';
import { CapabilityConnection } from './registry-connections.type.js';
import { CapabilityType, CapabilityVersionType } from './capability.type.js';
import { toCapabilityType, toCapabilityVersionType } from './registry.to-graphql.js';

function visibleCapability(context: GraphQLContext, name: string) {
  const current = context.services.registry.capability(name);
  return current && isVisibleTo(current, context.principal) ? current : undefined;
}

async function findVersion(
  context: GraphQLContext,
  name: string,
  version: number,
): Promise<CapabilityVersionType | null> {
  const current = visibleCapability(context, name);
  if (!current) return null;
  if (version === current.version) return toCapabilityVersionType(current);
  const earlier = await context.services.registry.capabilityVersion(name, version);
  return earlier ? toCapabilityVersionType(earlier) : null;
}

registerNodeType('Capability', (name, context) => {
  const current = visibleCapability(context, name);
  return current ? toCapabilityType(current) : null;
});
registerNodeType('CapabilityVersion', (key, context) => {
  const at = key.lastIndexOf('@');
  const version = Number(key.slice(at + 1));
  if (at <= 0 || !Number.isSafeInteger(version)) return null;
  return findVersion(context, key.slice(0, at), version);
});

@Resolver(() => CapabilityType)
export class CapabilityCatalogResolver {
  @Authorized('VIEWER')
  @Query(() => CapabilityConnection, { description: 'The capabilities the caller may invoke, by name.' })
  capabilities(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Ctx() context: GraphQLContext,
  ): Connection<CapabilityType> {
    const visible = context.services.registry
      .capabilities()
      .filter((capability) => isVisibleTo(capability, context.principal))
      .map(toCapabilityType);
    return connectionFromArray(visible, page, (capability) => capability.name);
  }

  @Authorized('VIEWER')
  @Query(() => CapabilityType, {
    nullable: true,
    description: 'One capability as it is now; null when unknown or not visible to the caller.',
  })
  capability(
    @Arg('name', () => String, { description: 'Capability name.' }) name: string,
    @Ctx() context: GraphQLContext,
  ): CapabilityType | null {
    const current = visibleCapability(context, name);
    return current ? toCapabilityType(current) : null;
  }

  @Authorized('VIEWER')
  @Query(() => CapabilityVersionType, {
    nullable: true,
    description: 'One version of a capability, current or earlier; null when there is none.',
  })
  capabilityVersion(
    @Arg('name', () => String, { description: 'Capability name.' }) name: string,
    @Arg('version', () => Int, { description: 'Version number.' }) version: number,
    @Ctx() context: GraphQLContext,
  ): Promise<CapabilityVersionType | null> {
    return findVersion(context, name, version);
  }
}
