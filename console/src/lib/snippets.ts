/**
 * "Copy as" snippets for what was just run: curl against /graphql, the GraphQL operation itself, the
 * OpenAI SDK against /v1 and an MCP client against /mcp. None holds the key: they read $CAPGATE_API_KEY.
 */

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

/**
 * The same run through the OpenAI-compatible front door with the official `openai` npm client: the
 * capability is the `model`, its input the last user message (as JSON, which `/v1` reads for built-ins
 * and custom capabilities alike), its output the assistant message. An ES module (top-level await).
 */
export function openAiSnippet(origin: string, capability: string, input: unknown): string {
  return [
    `import OpenAI from 'openai';`,
    ``,
    `const client = new OpenAI({ apiKey: process.env.CAPGATE_API_KEY, baseURL: ${JSON.stringify(`${origin}/v1`)} });`,
    `const completion = await client.chat.completions.create({`,
    `  model: ${JSON.stringify(capability)},`,
    `  messages: [{ role: 'user', content: JSON.stringify(${JSON.stringify(input)}) }],`,
    `});`,
    `console.log(completion.choices[0].message.content);`,
    ``,
  ].join('\n');
}

/**
 * The same run as an MCP tool call (`/mcp`, Streamable HTTP) with the official
 * `@modelcontextprotocol/sdk` client. A capability whose input schema is not of type object takes its
 * input wrapped as `{ input: … }` (MCP tool arguments are objects), as Capgate lists the tool.
 */
export function mcpSnippet(
  origin: string,
  capability: string,
  input: unknown,
  inputSchema?: unknown,
): string {
  // As src/mcp/mcp-tools.ts shapes the tool: wrapped unless the schema's type is "object".
  const wrapped = (inputSchema as { type?: unknown } | null | undefined)?.type !== 'object';
  const args = wrapped ? { input } : input;
  return [
    `import { Client } from '@modelcontextprotocol/sdk/client/index.js';`,
    `import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';`,
    ``,
    `const client = new Client({ name: 'capgate-console-snippet', version: '1.0.0' });`,
    `await client.connect(`,
    `  new StreamableHTTPClientTransport(new URL(${JSON.stringify(`${origin}/mcp`)}), {`,
    '    requestInit: { headers: { authorization: `Bearer ${process.env.CAPGATE_API_KEY}` } },',
    `  }),`,
    `);`,
    `const result = await client.callTool({`,
    `  name: ${JSON.stringify(capability)},`,
    `  arguments: ${JSON.stringify(args)},`,
    `});`,
    `console.log(result.isError ? result.content : (result.structuredContent ?? result.content[0].text));`,
    `await client.close();`,
    ``,
    `// An MCP host configured by URL: server ${origin}/mcp, header "Authorization: Bearer <your key>".`,
    ``,
  ].join('\n');
}
