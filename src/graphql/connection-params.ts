/**
 * The API key in a graphql-ws `connection_init` payload. Clients spell it in different ways:
 * `{ authorization }`, `{ Authorization }` (any letter case), or nested as HTTP headers
 * (`{ headers: { authorization } }`, what several GraphQL IDEs and Apollo's links send).
 */
export function authorizationFromConnectionParams(
  params: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  if (!params) return undefined;
  return findAuthorization(params) ?? findAuthorization(asRecord(params.headers) ?? asRecord(params.Headers));
}

function findAuthorization(record: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!record) return undefined;
  for (const [name, value] of Object.entries(record)) {
    if (name.toLowerCase() === 'authorization' && typeof value === 'string') return value;
  }
  return undefined;
}

function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
