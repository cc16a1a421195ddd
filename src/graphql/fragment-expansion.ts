/**
 * How many field selections an operation has once its fragments are expanded, computed once per
 * fragment (memoized), so a fan-out of fragments that each spread the previous one twice costs a
 * linear walk here, while a naive expansion (depth and cost rules) would take 2^n steps. Cycles,
 * which graphql-js's own rule reports, count as 0.
 */
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { isIntrospectionField } from './introspection-limits.js';

/**
 * Field selections outside introspection (`ordinary`) and inside `__schema`/`__type`
 * (`introspection`, which the ordinary limits do not count but which is bounded on its own).
 */
export function expandedFieldCounts(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): { ordinary: number; introspection: number } {
  let introspection = 0;
  let ordinary = 0;
  for (const selection of operation.selectionSet.selections) {
    const count = expandedFieldCount(document, {
      ...operation,
      selectionSet: { ...operation.selectionSet, selections: [selection] },
    });
    if (selection.kind === Kind.FIELD && isIntrospectionField(selection.name.value)) introspection += count;
    else ordinary += count;
  }
  return { ordinary, introspection };
}

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

export function expandedFieldCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const countOf = (selectionSet: SelectionSetNode | undefined): number => {
    if (!selectionSet) return 0;
    let count = 0;
    for (const selection of selectionSet.selections) {
      // Introspection is not counted: it has its own bounds (introspection-limits.ts).
      if (selection.kind === Kind.FIELD) {
        if (!INTROSPECTION_FIELDS.has(selection.name.value)) count += 1 + countOf(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) count += countOf(selection.selectionSet);
      else count += fragmentCount(selection.name.value);
    }
    return count;
  };
  const fragmentCount = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || visiting.has(name)) return 0;
    visiting.add(name);
    const count = countOf(fragment.selectionSet);
    visiting.delete(name);
    memo.set(name, count);
    return count;
  };
  return countOf(operation.selectionSet);
}
