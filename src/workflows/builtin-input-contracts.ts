/**
 * The input contracts of the built-in capabilities as JSON Schemas, for checking workflow step
 * mappings at registration (the handlers stay the authority at run time). Custom capabilities and
 * workflows bring their own `inputSchema`.
 */
const text = { type: 'string' };

export const builtinInputContracts: Record<string, Record<string, unknown>> = {
  summarize: {
    type: 'object',
    required: ['text'],
    properties: {
      text,
      maxSentences: { type: 'integer' },
      maxWords: { type: 'integer' },
      style: { type: 'string' },
      language: { type: 'string' },
    },
  },
  retrieve: {
    type: 'object',
    required: ['knowledgeBase', 'query'],
    properties: { knowledgeBase: text, query: text, topK: { type: 'integer' }, filter: { type: 'object' } },
  },
  analyze: {
    type: 'object',
    required: ['text'],
    properties: { text, aspects: { type: 'array' } },
  },
  classify: {
    type: 'object',
    required: ['text', 'labels'],
    properties: {
      text,
      labels: { type: 'array' },
      multiLabel: { type: 'boolean' },
      examples: { type: 'array' },
    },
  },
};
