/** The `classify` built-in capability: one line of `builtinCapabilities` registers it. */
import { defineBuiltinCapability } from '../capability-descriptor.js';
import { classifyHandler } from './classify.capability.js';
import { ClassifyResolver } from './classify.resolver.js';

export const classifyCapability = defineBuiltinCapability({
  name: 'classify',
  description: 'Classify a text into given labels: zero-shot, or few-shot from examples.',
  handler: classifyHandler,
  localModels: [{ name: 'local/zero-shot-classifier', tags: ['classify'] }],
  resolver: ClassifyResolver,
});
