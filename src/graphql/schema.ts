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
import { KnowledgeResolver } from '../knowledge/knowledge.resolver.js';
import { CapabilityAdminResolver } from '../registry/capability-admin.resolver.js';
import { CapabilityCatalogResolver } from '../registry/capability-catalog.resolver.js';
import { ModelResolver } from '../registry/model.resolver.js';
import { ProviderResolver } from '../registry/provider.resolver.js';
import { RunQueryResolver } from '../runs/run-query.resolver.js';
import { RunResolver } from '../runs/run.resolver.js';
import { WorkflowResolver } from '../workflows/graphql/workflow.resolver.js';
import { ConversationResolver } from '../conversations/conversation.resolver.js';
import { TrustedDocumentResolver } from './persisted-queries/trusted-document.resolver.js';
import type { AppPubSub } from '../infra/pubsub.js';
import { defaultProviderKinds, type ProviderKinds } from '../providers/provider-kinds.js';
import { useProviderKinds } from '../registry/provider.type.js';
import { authChecker } from './auth-checker.js';
import { NodeResolver } from './relay/node.resolver.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [
  NodeResolver,
  AuthResolver,
  CapabilityCatalogResolver,
  CapabilityAdminResolver,
  ModelResolver,
  ProviderResolver,
  KnowledgeResolver,
  ...Object.values(builtinCapabilities).map((descriptor) => descriptor.resolver),
  RunResolver,
  RunQueryResolver,
  WorkflowResolver,
  ConversationResolver,
  TrustedDocumentResolver,
  ...governanceResolvers,
];

const rootDescriptions = {
  Query: 'Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`.',
  Mutation:
    'Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload.',
  Subscription: 'Streams over WebSocket: run events and budget alerts.',
};

export async function buildAppSchema(
  pubSub: AppPubSub,
  providerKinds: ProviderKinds = defaultProviderKinds,
): Promise<GraphQLSchema> {
  useProviderKinds(providerKinds);
  const schema = await buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    pubSub,
    validate: false,
    emitSchemaFile: false,
  });
  // type-graphql has no option for the root types' descriptions; graphql-js reads this field.
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()])
    if (type) type.description = rootDescriptions[type.name as keyof typeof rootDescriptions];
  return schema;
}

/** The SDL as committed in `schema/schema.graphql`: sorted, so the file diffs cleanly. */
export function printAppSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
