/**
 * `retrieve`: top-K passages of a knowledge base. Served in process by `local/bm25` (hybrid with
 * vectors when the knowledge base has an embedding model); it has no chat-model form.
 */
import { BadUserInputError, NoRouteError } from '../../errors/app-error.js';
import type { RetrievedChunk } from '../../knowledge/knowledge.service.js';
import { countTextTokens } from '../../nlp/token-count.js';
import type { BuiltinHandler } from '../capability-descriptor.js';
import { asObject, optionalInteger, requiredText } from '../input-validation.js';

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
    const filter = input.filter;
    if (filter !== undefined && filter !== null && (typeof filter !== 'object' || Array.isArray(filter))) {
      throw new BadUserInputError(
        'input.filter must be an object of metadata field → value (or list of values).',
      );
    }
    return {
      knowledgeBase: requiredText(input, 'knowledgeBase'),
      query: requiredText(input, 'query'),
      topK: optionalInteger(input, 'topK', 1, 100) ?? 5,
      filter: (filter ?? undefined) as Record<string, unknown> | undefined,
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
