/**
 * `retrieve`: top-K passages of a knowledge base. Served in process by `local/bm25` (hybrid with
 * vectors when the knowledge base has an embedding model); it has no chat-model form.
 */
import { BadUserInputError, NoRouteError } from '../../errors/app-error.js';
import type { RetrievedChunk } from '../../knowledge/knowledge.service.js';
import { countTextTokens } from '../../nlp/token-count.js';
import type { BuiltinHandler } from '../capability-descriptor.js';
import { INPUT_LIMITS, assertMaxItems, assertMaxLength, excerpt } from '../input-limits.js';
import { asObject, optionalInteger, requiredText } from '../input-validation.js';

const limits = INPUT_LIMITS.retrieve;

export interface RetrieveRequest {
  knowledgeBase: string;
  query: string;
  topK: number;
  filter?: Record<string, unknown>;
}

export interface RetrieveOutput {
  chunks: RetrievedChunk[];
}

export const retrieveHandler: BuiltinHandler<RetrieveRequest, RetrieveOutput> = {
  streamsText: false,

  parseInput(raw) {
    const input = asObject(raw);
    const knowledgeBase = requiredText(input, 'knowledgeBase');
    assertMaxLength(knowledgeBase, limits.knowledgeBaseCharacters, 'input.knowledgeBase');
    const query = requiredText(input, 'query');
    assertMaxLength(query, limits.queryCharacters, 'input.query');
    return {
      knowledgeBase,
      query,
      topK: optionalInteger(input, 'topK', 1, 100) ?? 5,
      filter: parseFilter(input.filter),
    };
  },

  inputText: (input) => input.query,
  expectedOutputTokens: () => 0,

  async runLocal(_model, input, context) {
    if (!context.knowledge || !context.caller)
      throw new Error('retrieve needs the knowledge service and the caller');
    const { chunks } = await context.knowledge.search(input.knowledgeBase, input.query, {
      topK: input.topK,
      filter: input.filter,
      signal: context.signal,
      access: {
        teamId: context.principal.teamId,
        admin: context.principal.admin ?? false,
        caller: context.caller,
      },
    });
    return {
      output: { chunks },
      inputTokens: countTextTokens(input.query),
      outputTokens: chunks.reduce((sum, chunk) => sum + countTextTokens(chunk.text), 0),
    };
  },

  buildPrompt() {
    throw new NoRouteError('retrieve runs on the knowledge index (local/bm25); chat models cannot serve it.');
  },

  parseOutput() {
    throw new NoRouteError('retrieve has no chat-model form.');
  },
};

/** Metadata equality filter: field → scalar, or field → list of scalars ("one of"); every part capped. */
function parseFilter(filter: unknown): Record<string, unknown> | undefined {
  if (filter === undefined || filter === null) return undefined;
  const shape = 'input.filter must be an object of metadata field → value (or list of values).';
  if (typeof filter !== 'object' || Array.isArray(filter)) throw new BadUserInputError(shape);
  const entries = Object.entries(filter);
  assertMaxItems(entries, limits.filterFields, 'input.filter');
  for (const [field, value] of entries) {
    assertMaxLength(field, limits.filterKeyCharacters, 'input.filter field name');
    const values = Array.isArray(value) ? value : [value];
    assertMaxItems(values, limits.filterValues, `input.filter[${excerpt(field)}]`);
    for (const item of values) {
      if (item !== null && typeof item === 'object') throw new BadUserInputError(shape);
      if (typeof item === 'string') {
        assertMaxLength(item, limits.filterValueCharacters, `input.filter[${excerpt(field)}] value`);
      }
    }
  }
  return filter as Record<string, unknown>;
}
