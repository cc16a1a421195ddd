/**
 * Request limits shared by HTTP and WebSocket: selection depth, aliases, tokens and query cost as
 * validation rules (so they answer 400 / BAD_USER_INPUT, never 500), introspection off unless enabled.
 * None of them counts introspection, which has its own bounds (`introspection-limits.ts`).
 */
import {
  GraphQLError,
  Kind,
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
          if (fragment && !visiting.has(name)) {
            visiting.add(name);
            depth = depthOf(fragment.selectionSet, visiting);
            visiting.delete(name);
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
  return createComplexityRule({
    maximumComplexity: maxCost,
    variables: variables ?? {},
    estimators: costEstimators(),
    createError: (max, actual) => limitError(`Query is too expensive: cost ${actual}, at most ${max}.`),
  });
}

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
    maxDepthRule(limits.maxDepth),
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
