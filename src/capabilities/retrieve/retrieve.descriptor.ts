/** The `retrieve` built-in capability: one line of `builtinCapabilities` registers it. */
import { defineBuiltinCapability } from '../capability-descriptor.js';
import { retrieveHandler } from './retrieve.capability.js';
import { RetrieveResolver } from './retrieve.resolver.js';

export const retrieveCapability = defineBuiltinCapability({
  name: 'retrieve',
  description:
    'Retrieve the passages of a knowledge base that best answer a query (BM25, hybrid with embeddings).',
  handler: retrieveHandler,
  localModels: [{ name: 'local/bm25', tags: ['retrieve'] }],
  resolver: RetrieveResolver,
});
