import js from '@eslint/js';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'test/generated/**',
      'console/src/generated/**',
      'tools/ferretdb/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The schema linter: the generated SDL must follow schema/CONVENTIONS.md with zero findings.
    files: ['schema/schema.graphql'],
    languageOptions: {
      parser: graphqlPlugin.parser,
      parserOptions: { graphQLConfig: { schema: 'schema/schema.graphql' } },
    },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...graphqlPlugin.configs['flat/schema-recommended'].rules,
      ...graphqlPlugin.configs['flat/schema-relay'].rules,
      // Bounded lists of values (roles, implementations, a run's attempts) stay plain lists.
      // Run (whose id is the run id that runEvents takes) is not a Node yet: see CONVENTIONS.md.
      '@graphql-eslint/relay-edge-types': [
        'error',
        { listTypeCanWrapOnlyEdgeType: false, shouldImplementNode: false },
      ],
      // `first`/`after` always; `last`/`before` where cheap (CONVENTIONS.md, "Connections").
      '@graphql-eslint/relay-arguments': ['error', { includeBoth: false }],
      '@graphql-eslint/require-description': [
        'error',
        {
          types: true,
          rootField: true,
          FieldDefinition: true,
          InputValueDefinition: true,
          EnumValueDefinition: true,
          DirectiveDefinition: true,
        },
      ],
      // Results and embedded values are not entities: they have no id (CONVENTIONS.md, "Ids").
      '@graphql-eslint/strict-id-in-types': [
        'error',
        {
          acceptedIdNames: ['id'],
          acceptedIdTypes: ['ID'],
          exceptions: {
            suffixes: ['Payload', 'Connection', 'Edge', 'Result', 'Policy', 'Stats', 'Meta'],
            types: [
              'BudgetAlert',
              'Entity',
              'Implementation',
              'Keyword',
              'LabelScore',
              'MaskingPattern',
              'PageInfo',
              'Pricing',
              'RateLimitHitRow',
              'RetrievedChunk',
              'RouteAttempt',
              'RunEvent',
              'Sentiment',
              'Usage',
              'UsageRow',
              'WorkflowEvent',
              'WorkflowStep',
              'WorkflowStepRun',
            ],
          },
        },
      ],
    },
  },
);
