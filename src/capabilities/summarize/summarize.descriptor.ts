/** The `summarize` built-in capability: one line of `builtinCapabilities` registers it. */
import { defineBuiltinCapability } from '../capability-descriptor.js';
import { summarizeHandler } from './summarize.capability.js';
import { SummarizeResolver } from './summarize.resolver.js';

export const summarizeCapability = defineBuiltinCapability({
  name: 'summarize',
  description: 'Summarize a text: extractive (graph-based) offline, or abstractive on a remote model.',
  handler: summarizeHandler,
  localModels: [{ name: 'local/extractive-summarizer', tags: ['summarize', 'streaming'] }],
  resolver: SummarizeResolver,
});
