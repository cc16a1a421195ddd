/**
 * GraphQL Code Generator (`npm run codegen`, after `schema/schema.graphql` is emitted): typed documents
 * for the operations in `test/operations/`, so integration tests get checked variables and results,
 * and for the console's operations in `console/src/graphql/` (the browser app's queries and mutations).
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const typedDocuments = {
  plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
  config: {
    useTypeImports: true,
    enumsAsTypes: true,
    strictScalars: true,
    // What the scalars look like on the wire (JSON): DateTime is an RFC 3339 string.
    scalars: { DateTime: 'string', JSON: 'unknown' },
    avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
    skipTypename: true,
  },
};

const config: CodegenConfig = {
  schema: process.env.CAPGATE_CODEGEN_SCHEMA ?? 'schema/schema.graphql',
  ignoreNoDocuments: false,
  generates: {
    'test/generated/graphql.ts': { documents: ['test/operations/**/*.graphql'], ...typedDocuments },
    'console/src/generated/graphql.ts': {
      documents: ['console/src/graphql/**/*.graphql'],
      ...typedDocuments,
    },
  },
};

export default config;
