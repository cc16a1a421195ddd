/**
 * The static map of built-in capabilities: adding one is a folder (`<name>/` with its handler,
 * resolver and `<name>.descriptor.ts`) plus one line here. Handlers, the registry seed (local
 * models, descriptions), the GraphQL resolvers and the reserved names are all derived from it.
 */
// Descriptors carry their type-graphql resolver, whose decorators need the metadata polyfill first.
import 'reflect-metadata';
import { analyzeCapability } from './analyze/analyze.descriptor.js';
import type { CapabilityDescriptor } from './capability-descriptor.js';
import { classifyCapability } from './classify/classify.descriptor.js';
import { retrieveCapability } from './retrieve/retrieve.descriptor.js';
import { summarizeCapability } from './summarize/summarize.descriptor.js';

export const builtinCapabilities = {
  summarize: summarizeCapability,
  retrieve: retrieveCapability,
  analyze: analyzeCapability,
  classify: classifyCapability,
} as const satisfies Record<string, CapabilityDescriptor>;
