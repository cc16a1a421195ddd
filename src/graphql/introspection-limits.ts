/**
 * Introspection has its own bounds instead of the ordinary ones. The standard introspection query
 * (`getIntrospectionQuery()` with every option) is 15 levels deep, so counting it against the depth,
 * alias, cost and token limits would refuse every schema tool (codegen, GraphiQL, graphql-inspector).
 * Instead the ordinary limits skip the introspection meta-fields (`__schema`, `__type` and fragments
 * on introspection types), and introspection itself is bounded here: one introspection field per
 * operation, `ofType` nested at most {@link MAX_OF_TYPE_DEPTH} times, at most
 * {@link MAX_INTROSPECTION_DEPTH} levels below the meta-field, and at most
 * {@link INTROSPECTION_TOKEN_ALLOWANCE} tokens. graphql-js's own `MaxIntrospectionDepthRule` (in its
 * specified rules) already bounds the `fields`/`interfaces`/`possibleTypes`/`inputFields` cycles.
 */
import {
  GraphQLError,
  Kind,
  Lexer,
  TokenKind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** The standard query nests `ofType` 9 times; one more is allowed for clients that go deeper. */
export const MAX_OF_TYPE_DEPTH = 10;
/** Levels below `__schema`/`__type` (the standard query needs 14). */
export const MAX_INTROSPECTION_DEPTH = 20;
/** Tokens of introspection the document may hold on top of the ordinary token limit (the standard query has about 300). */
export const INTROSPECTION_TOKEN_ALLOWANCE = 2000;

export function isIntrospectionField(name: string): boolean {
  return name === '__schema' || name === '__type';
}

/** A fragment on `__Type`, `__Field`… can only be used inside introspection. */
export function isIntrospectionFragment(fragment: FragmentDefinitionNode): boolean {
  return fragment.typeCondition.name.value.startsWith('__');
}

function introspectionError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

/** One introspection field per operation, with bounded depth and `ofType` nesting. */
export function introspectionBoundsRule(): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    interface Walk {
      depth: number;
      ofTypes: number;
    }
    // Each fragment is measured once (memoized): a fan-out of fragments that each spread the
    // previous one twice costs a linear walk, not 2^n (see fragment-expansion.ts).
    const walks = new Map<string, Walk>();
    // Depth and ofType nesting below one introspection field, following fragments (cycles are
    // graphql-js's NoFragmentCyclesRule's to report).
    const measure = (selectionSet: SelectionSetNode | undefined, visiting: Set<string>): Walk => {
      const walk: Walk = { depth: 0, ofTypes: 0 };
      if (!selectionSet) return walk;
      for (const selection of selectionSet.selections) {
        let inner: Walk;
        if (selection.kind === Kind.FIELD) {
          inner = measure(selection.selectionSet, visiting);
          inner = {
            depth: selection.selectionSet ? inner.depth + 1 : 1,
            ofTypes: inner.ofTypes + (selection.name.value === 'ofType' ? 1 : 0),
          };
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          inner = measure(selection.selectionSet, visiting);
        } else {
          const name = selection.name.value;
          const known = walks.get(name);
          const fragment = fragments.get(name);
          if (known) inner = known;
          else if (!fragment || visiting.has(name)) continue;
          else {
            visiting.add(name);
            inner = measure(fragment.selectionSet, visiting);
            visiting.delete(name);
            walks.set(name, inner);
          }
        }
        walk.depth = Math.max(walk.depth, inner.depth);
        walk.ofTypes = Math.max(walk.ofTypes, inner.ofTypes);
      }
      return walk;
    };
    // The introspection fields reachable from a selection set (outside introspection): how many,
    // and the first one's selection set. Memoized per fragment like `measure`.
    interface Roots {
      count: number;
      first: SelectionSetNode | undefined;
    }
    const fragmentRoots = new Map<string, Roots>();
    const rootsOf = (selectionSet: SelectionSetNode | undefined, visiting: Set<string>): Roots => {
      const roots: Roots = { count: 0, first: undefined };
      if (!selectionSet) return roots;
      const add = (inner: Roots) => {
        roots.count += inner.count;
        roots.first ??= inner.first;
      };
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (isIntrospectionField(selection.name.value))
            add({ count: 1, first: selection.selectionSet ?? emptySet });
          else add(rootsOf(selection.selectionSet, visiting));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          add(rootsOf(selection.selectionSet, visiting));
        } else {
          const name = selection.name.value;
          const known = fragmentRoots.get(name);
          const fragment = fragments.get(name);
          if (known) add(known);
          else if (fragment && !visiting.has(name)) {
            visiting.add(name);
            const inner = rootsOf(fragment.selectionSet, visiting);
            visiting.delete(name);
            fragmentRoots.set(name, inner);
            add(inner);
          }
        }
      }
      return roots;
    };
    return {
      OperationDefinition(node) {
        const roots = rootsOf(node.selectionSet, new Set());
        if (roots.count > 1) {
          context.reportError(
            introspectionError(
              `Too much introspection: ${roots.count} introspection fields (__schema, __type), at most 1 per operation.`,
            ),
          );
          return;
        }
        const root = roots.first;
        if (!root) return;
        const walk = measure(root, new Set());
        if (walk.ofTypes > MAX_OF_TYPE_DEPTH) {
          context.reportError(
            introspectionError(
              `Introspection is too deep: ofType nested ${walk.ofTypes} times, at most ${MAX_OF_TYPE_DEPTH}.`,
            ),
          );
        } else if (walk.depth > MAX_INTROSPECTION_DEPTH) {
          context.reportError(
            introspectionError(
              `Introspection is too deep: ${walk.depth} levels, at most ${MAX_INTROSPECTION_DEPTH}.`,
            ),
          );
        }
      },
    };
  };
}

const emptySet: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: [] };

/**
 * Counts the document's tokens, telling apart those inside introspection (the meta-fields'
 * selections and fragments on introspection types) from the rest.
 */
export function countTokens(document: DocumentNode): { ordinary: number; introspection: number } {
  const source = document.loc?.source;
  if (!source) return { ordinary: 0, introspection: 0 };
  const ranges: Array<[number, number]> = [];
  const collect = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD && isIntrospectionField(selection.name.value)) {
        if (selection.loc) ranges.push([selection.loc.start, selection.loc.end]);
      } else if (selection.kind !== Kind.FRAGMENT_SPREAD) {
        collect(selection.selectionSet);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION && isIntrospectionFragment(definition)) {
      if (definition.loc) ranges.push([definition.loc.start, definition.loc.end]);
    } else if (
      definition.kind === Kind.OPERATION_DEFINITION ||
      definition.kind === Kind.FRAGMENT_DEFINITION
    ) {
      collect(definition.selectionSet);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const lexer = new Lexer(source);
  let ordinary = 0;
  let introspection = 0;
  let range = 0;
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
    while (range < ranges.length && ranges[range]![1] <= token.start) range++;
    const current = ranges[range];
    if (current && token.start >= current[0]) introspection++;
    else ordinary++;
  }
  return { ordinary, introspection };
}

/**
 * The token limit, applied after parsing (which allows `maxTokens + INTROSPECTION_TOKEN_ALLOWANCE`):
 * ordinary tokens against `maxTokens`, introspection tokens against the allowance.
 */
export function maxTokensRule(maxTokens: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const { ordinary, introspection } = countTokens(context.getDocument());
    if (ordinary > maxTokens) {
      context.reportError(introspectionError(`Document contains more than ${maxTokens} tokens.`));
    } else if (introspection > INTROSPECTION_TOKEN_ALLOWANCE) {
      context.reportError(
        introspectionError(
          `Introspection is too large: more than ${INTROSPECTION_TOKEN_ALLOWANCE} tokens of introspection.`,
        ),
      );
    }
    return {};
  };
}

/** What the parser is given as `maxTokens`: the ordinary limit plus the introspection allowance. */
export function parserMaxTokens(maxTokens: number): number {
  return maxTokens + INTROSPECTION_TOKEN_ALLOWANCE;
}
