/** "Copy as" snippets for what was just run: curl against /graphql and the GraphQL operation itself. */

const OPERATION = `mutation Invoke($capability: String!, $input: JSON!) {
  invoke(capability: $capability, input: $input) {
    output
    meta { runId model provider reason usage { inputTokens outputTokens costUsd latencyMs } }
  }
}`;

export function graphqlSnippet(capability: string, input: unknown): string {
  return `${OPERATION}\n\n# variables\n${JSON.stringify({ capability, input }, null, 2)}\n`;
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The key is not in the snippet: it reads $CAPGATE_API_KEY. */
export function curlSnippet(origin: string, capability: string, input: unknown): string {
  const body = JSON.stringify({ query: OPERATION, variables: { capability, input } });
  return [
    `curl -sS ${shellQuote(`${origin}/graphql`)} \\`,
    `  -H 'content-type: application/json' \\`,
    `  -H "authorization: Bearer $CAPGATE_API_KEY" \\`,
    `  --data ${shellQuote(body)}`,
  ].join('\n');
}
