import { describe, expect, it } from 'vitest';
import { mcpSnippet, openAiSnippet } from './snippets.js';

// The snippets are run for real against a server in test/console-snippets.test.ts; these check their
// shape: no key inside, the right endpoint, and MCP arguments shaped as Capgate lists the tool.
describe('copy-as snippets', () => {
  it('OpenAI SDK: the capability as model, the input as JSON in the user message, the key from the environment', () => {
    const text = openAiSnippet('http://127.0.0.1:4000', 'blurb', { topic: "it's" });
    expect(text).toContain(`baseURL: "http://127.0.0.1:4000/v1"`);
    expect(text).toContain('apiKey: process.env.CAPGATE_API_KEY');
    expect(text).toContain(`model: "blurb"`);
    expect(text).toContain(`content: JSON.stringify({"topic":"it's"})`);
  });

  it('MCP: object inputs as the arguments, others wrapped as { input }', () => {
    expect(mcpSnippet('http://h', 'blurb', { topic: 'x' }, { type: 'object' })).toContain(
      'arguments: {"topic":"x"}',
    );
    expect(mcpSnippet('http://h', 'echo', 'hello', { type: 'string' })).toContain(
      'arguments: {"input":"hello"}',
    );
    expect(mcpSnippet('http://h', 'echo', { a: 1 }, {})).toContain('arguments: {"input":{"a":1}}');
    expect(mcpSnippet('http://h', 'echo', { a: 1 }, { type: 'object' })).toContain('new URL("http://h/mcp")');
  });
});
