/**
 * Input schemas of the built-in capabilities, for the playground form (the API types them as GraphQL
 * inputs, `SummarizeInput` etc., and publishes no JSON Schema for them). Same fields, limits and enums.
 */
import type { JsonSchema } from './schema-form.js';

export const BUILTIN_INPUT_SCHEMAS: Record<string, JsonSchema> = {
  summarize: {
    type: 'object',
    required: ['text'],
    properties: {
      text: { type: 'string', description: 'The text to summarize.' },
      maxSentences: {
        type: 'integer',
        minimum: 1,
        maximum: 100,
        description: 'At most this many sentences.',
      },
      maxWords: { type: 'integer', minimum: 1, description: 'About this many words at most.' },
      style: { type: 'string', enum: ['PARAGRAPH', 'BULLETS'] },
      language: { type: 'string', description: 'ISO 639-1 code of the summary language.' },
    },
  },
  analyze: {
    type: 'object',
    required: ['text'],
    properties: {
      text: { type: 'string', description: 'The text to analyze.' },
      aspects: {
        type: 'array',
        items: { type: 'string', enum: ['SENTIMENT', 'ENTITIES', 'KEYWORDS', 'LANGUAGE', 'STATS'] },
        description: 'What to look for (default: all). One per line.',
      },
    },
  },
  classify: {
    type: 'object',
    required: ['text', 'labels'],
    properties: {
      text: { type: 'string', description: 'The text to classify.' },
      labels: { type: 'array', items: { type: 'string' }, description: 'Candidate labels, one per line.' },
      multiLabel: { type: 'boolean', description: 'Return every label above the threshold.' },
      threshold: { type: 'number', minimum: 0, maximum: 1 },
    },
  },
  retrieve: {
    type: 'object',
    required: ['knowledgeBase', 'query'],
    properties: {
      knowledgeBase: { type: 'string', description: 'Name of the knowledge base.' },
      query: { type: 'string' },
      topK: { type: 'integer', minimum: 1, maximum: 50, default: 5 },
    },
  },
};
