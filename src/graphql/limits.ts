/**
 * Request limits shared by HTTP and WebSocket: selection depth, aliases, tokens and query cost as
 * validation rules (so they answer 400 / BAD_USER_INPUT, never 500), introspection off unless enabled.
 * None of them counts introspection, which has its own bounds (`introspection-limits.ts`).
 */
import {
  GraphQLError,
  Kind,
  getVariableValues,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import {
  introspectionBoundsRule,
  isIntrospectionField,
  isIntrospectionFragment,
  maxTokensRule,
} from './introspection-limits.js';
import {
  createComplexityRule,
  fieldExtensionsEstimator,
  simpleEstimator,
  type ComplexityEstimator,
} from './query-complexity.js';
import { expandedFieldCounts } from './fragment-expansion.js';

export interface OperationLimits {
  maxAliases: number;
  maxDepth: number;
  maxCost: number;
  maxTokens: number;
  maxValidationErrors: number;
}

function limitError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

export function maxAliasesRule(maxAliases: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    let insideIntrospection = 0;
    return {
      FragmentDefinition(node) {
        // Fragments on introspection types are introspection: not counted.
        return isIntrospectionFragment(node) ? false : undefined;
      },
      Field: {
        enter(node) {
          if (isIntrospectionField(node.name.value)) insideIntrospection++;
          else if (insideIntrospection === 0 && node.alias && ++aliases === maxAliases + 1) {
            context.reportError(limitError(`Too many aliases: at most ${maxAliases} per operation.`));
          }
        },
        leave(node) {
          if (isIntrospectionField(node.name.value)) insideIntrospection--;
        },
      },
    };
  };
}

export function maxDepthRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    // Depth of each fragment, computed once: a fragment fan-out must not cost 2^n (see fragment-expansion.ts).
    const fragmentDepths = new Map<string, number>();
    const depthOf = (selectionSet: SelectionSetNode | undefined, visiting: Set<string>): number => {
      if (!selectionSet) return 0;
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        let depth = 0;
        if (selection.kind === Kind.FIELD) {
          if (isIntrospectionField(selection.name.value)) continue;
          depth = selection.selectionSet ? 1 + depthOf(selection.selectionSet, visiting) : 1;
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          depth = depthOf(selection.selectionSet, visiting);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          const known = fragmentDepths.get(name);
          if (known !== undefined) depth = known;
          else if (fragment && !visiting.has(name)) {
            visiting.add(name);
            depth = depthOf(fragment.selectionSet, visiting);
            visiting.delete(name);
            fragmentDepths.set(name, depth);
          }
        }
        if (depth > deepest) deepest = depth;
        if (deepest > maxDepth) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(limitError(`Query is too deep: ${depth} levels, at most ${maxDepth}.`));
        }
      },
    };
  };
}

/** The cost rule needs the request's variables, so it is built per request. */
export function costRule(maxCost: number, variables: Record<string, unknown> | undefined): ValidationRule {
  const complexityRule = createComplexityRule({
    maximumComplexity: maxCost,
    variables: variables ?? {},
    estimators: costEstimators(),
    createError: (max, actual) => limitError(`Query is too expensive: cost ${actual}, at most ${max}.`),
  });
  // graphql-query-complexity expands every fragment spread anew (2^n on a fan-out); an operation
  // that maxExpandedFieldsRule refuses (reported there) is not handed to it.
  return (context: ValidationContext): ASTVisitor => {
    const document = context.getDocument();
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      if (expandedFieldCounts(document, definition).ordinary > maxCost) return {};
      // Variables that do not fit their types are reported as such after validation (BAD_USER_INPUT,
      // as on HTTP), not as a failure of this rule.
      const schema = context.getSchema();
      if (getVariableValues(schema, definition.variableDefinitions ?? [], variables ?? {}).errors) return {};
    }
    return complexityRule(context);
  };
}

/**
 * More selected fields (fragments expanded, in linear time) than the whole cost budget: refused
 * before any rule or plugin that expands fragments naively (depth, cost) meets a fan-out.
 */
export function maxExpandedFieldsRule(maxCost: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const { ordinary, introspection } = expandedFieldCounts(context.getDocument(), node);
      if (ordinary > maxCost) {
        context.reportError(
          limitError(`Query is too expensive: at least ${ordinary} fields selected, at most ${maxCost}.`),
        );
      }
      // Introspection is not counted above (its own rules bound it), but a fragment fan-out inside
      // it must not reach the naive walkers either.
      if (introspection > MAX_INTROSPECTION_FIELDS) {
        context.reportError(
          limitError(
            `Introspection is too large: ${introspection} fields selected, at most ${MAX_INTROSPECTION_FIELDS}.`,
          ),
        );
      }
    },
  });
}

/** Far above the standard introspection query with every option (about 300 expanded fields). */
const MAX_INTROSPECTION_FIELDS = 10_000;

/** Introspection costs nothing: it is bounded by its own rules. */
const introspectionEstimator: ComplexityEstimator = ({ field }) =>
  isIntrospectionField(field.name) ? 0 : undefined;

export function costEstimators(): ComplexityEstimator[] {
  return [introspectionEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })];
}

/** Rules beyond graphql-js's own, for Apollo's `validationRules`. */
export function staticRules(limits: OperationLimits, introspection: boolean): ValidationRule[] {
  return [
    maxTokensRule(limits.maxTokens),
    maxAliasesRule(limits.maxAliases),
    // Depth first (its fragment depths are memoized, so a fan-out is linear there too).
    maxDepthRule(limits.maxDepth),
    maxExpandedFieldsRule(limits.maxCost),
    introspection ? introspectionBoundsRule() : NoSchemaIntrospectionCustomRule,
  ];
}

/** The complete rule list for servers that run graphql-js directly (graphql-ws, SSE, multipart). */
export function allRules(
  limits: OperationLimits,
  introspection: boolean,
  variables: Record<string, unknown> | undefined,
): ValidationRule[] {
  return [...specifiedRules, ...staticRules(limits, introspection), costRule(limits.maxCost, variables)];
}
