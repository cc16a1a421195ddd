/**
 * The built-in workflow `answer-with-citations`: retrieve the top-K chunks of a knowledge base for a
 * question, summarize each retrieved chunk (forEach, in parallel), and answer with the summaries
 * joined, each followed by an `[n]` marker; `citations[n-1]` is the chunk marker n points to. Runs
 * offline on the local implementations (BM25 / hybrid retrieval, extractive summarizer); when a remote
 * model implements `summarize`, the summaries come from it.
 */
import type { WorkflowDefinition } from './workflow.types.js';

export const ANSWER_WITH_CITATIONS = 'answer-with-citations';

export const answerWithCitations: { name: string; description: string; definition: WorkflowDefinition } = {
  name: ANSWER_WITH_CITATIONS,
  description:
    'Answers a question from a knowledge base: retrieve the top-K chunks, summarize each, answer with [n] markers pointing to citations[n-1].',
  definition: {
    inputSchema: {
      type: 'object',
      required: ['knowledgeBase', 'question'],
      properties: {
        knowledgeBase: { type: 'string', description: 'The knowledge base to answer from.' },
        question: { type: 'string', description: 'The question.' },
        topK: {
          type: 'integer',
          minimum: 1,
          maximum: 20,
          description: 'Chunks to cite (default 5, as retrieve).',
        },
        maxSentencesPerChunk: {
          type: 'integer',
          minimum: 1,
          maximum: 10,
          description: 'Sentences per chunk summary (default: the summarizer default).',
        },
      },
    },
    steps: [
      {
        name: 'retrieve',
        capability: 'retrieve',
        input: { knowledgeBase: '/input/knowledgeBase', query: '/input/question', topK: '/input/topK' },
      },
      {
        name: 'summarize',
        capability: 'summarize',
        forEach: '/steps/retrieve/output/chunks',
        concurrency: 4,
        input: { text: '/item/text', maxSentences: '/input/maxSentencesPerChunk' },
      },
    ],
    output: {
      answer: {
        $join: { each: '/steps/summarize/output', template: '{{item.summary}} [{{number}}]', separator: ' ' },
      },
      citations: {
        $map: {
          each: '/steps/retrieve/output/chunks',
          to: {
            marker: '/number',
            documentId: '/item/documentId',
            chunkId: '/item/chunkId',
            text: '/item/text',
            score: '/item/score',
          },
        },
      },
    },
  },
};
