/**
 * graphql-query-complexity's ESM build imports `graphql/*.mjs`, a second copy of graphql next to the
 * CommonJS one every other package loads ("Cannot use GraphQLObjectType from another module or
 * realm"). Its CommonJS build shares our copy.
 */
import { createRequire } from 'node:module';
import type * as QueryComplexity from 'graphql-query-complexity';

const require = createRequire(import.meta.url);
const queryComplexity = require('graphql-query-complexity') as typeof QueryComplexity;

export const { createComplexityRule, fieldExtensionsEstimator, getComplexity, simpleEstimator } =
  queryComplexity;

export type ComplexityEstimator = QueryComplexity.ComplexityEstimator;
