/**
 * Builds the executable schema from the type-graphql resolvers. Adding a feature's resolver is one
 * line in `resolvers`. The SDL is printed to `schema/schema.graphql` by `npm run codegen`, and a test
 * fails when the file differs from what this builds.
 */
import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { builtinCapabilities } from '../capabilities/builtin-capabilities.js';
import { governanceResolvers } from '../governance/admin/index.js';
import { AuthResolver } from '../governance/auth/auth.resolver.js';
import {
  CapabilityCatalogResolver,
  ModelResolver,
  RegistryAdminResolver,
} from '../registry/registry.resolver.js';
import { RunQueryResolver } from '../runs/run-query.resolver.js';
import { RunResolver } from '../runs/run.resolver.js';
import { WorkflowResolver } from '../workflows/graphql/workflow.resolver.js';
import type { AppPubSub } from '../infra/pubsub.js';
import { defaultProviderKinds, type ProviderKinds } from '../providers/provider-kinds.js';
import { useProviderKinds } from '../registry/registry.graphql-types.js';
import { authChecker } from './auth-checker.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [
  AuthResolver,
  CapabilityCatalogResolver,
  ModelResolver,
  RegistryAdminResolver,
  ...Object.values(builtinCapabilities).map((descriptor) => descriptor.resolver),
  RunResolver,
  RunQueryResolver,
  WorkflowResolver,
  ...governanceResolvers,
];

export async function buildAppSchema(
  pubSub: AppPubSub,
  providerKinds: ProviderKinds = defaultProviderKinds,
): Promise<GraphQLSchema> {
  useProviderKinds(providerKinds);
  return buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    pubSub,
    validate: false,
    emitSchemaFile: false,
  });
}

/** The SDL as committed in `schema/schema.graphql`: sorted, so the file diffs cleanly. */
export function printAppSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
