/** The GraphQL client: HTTP for queries and mutations, graphql-ws on the same origin for subscriptions. */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, split } from '@apollo/client';
import { onError } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';

export function createApolloClient(apiKey: string, onUnauthenticated: () => void) {
  const authorization = `Bearer ${apiKey}`;
  const http = new HttpLink({ uri: '/graphql', headers: { authorization } });
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const wsClient = createClient({
    url: wsUrl,
    connectionParams: { authorization },
    lazy: true,
    retryAttempts: 3,
  });
  const ws = new GraphQLWsLink(wsClient);
  const errors = onError(({ graphQLErrors }) => {
    if (graphQLErrors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED')) onUnauthenticated();
  });
  const transport = split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    ws,
    http,
  );
  const client = new ApolloClient({
    link: ApolloLink.from([errors, transport]),
    cache: new InMemoryCache({
      possibleTypes: {
        Node: [
          'ApiKey',
          'AuditEntry',
          'Budget',
          'Capability',
          'CapabilityVersion',
          'Document',
          'KnowledgeBase',
          'Model',
          'Provider',
          'RateLimit',
          'Team',
        ],
      },
      typePolicies: {
        // Values without ids, embedded in their parents.
        RunMeta: { keyFields: false },
        Run: { keyFields: ['id'] },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
  return { client, dispose: () => void wsClient.dispose() };
}
