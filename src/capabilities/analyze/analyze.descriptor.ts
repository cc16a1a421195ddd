/** The `analyze` built-in capability: one line of `builtinCapabilities` registers it. */
import { defineBuiltinCapability } from '../capability-descriptor.js';
import { analyzeHandler } from './analyze.capability.js';
import { AnalyzeResolver } from './analyze.resolver.js';

export const analyzeCapability = defineBuiltinCapability({
  name: 'analyze',
  description: 'Analyze a text: sentiment, entities with offsets, keywords, language and statistics.',
  handler: analyzeHandler,
  localModels: [{ name: 'local/text-analyzer', tags: ['analyze'] }],
  resolver: AnalyzeResolver,
});
