import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import { queryLimitError } from './query-limits.js';

/**
 * Most items a list given as input may hold (an argument, an input field, a variable — `photoUrls`, meeting
 * attendance, a filter's `types`, webhook events …), wherever it is in the operation. Such a list becomes rows
 * written one by one or an `IN (…)` list of bound parameters; within the 1 MiB body a caller fitted some 100,000
 * items into one (SQLite refuses more than 32,766 parameters in a statement: an internal error; PostgreSQL planned
 * them all). The federation's `_entities(representations:)` is the gateway's own list, bounded by the cost.
 */
export const MAX_INPUT_LIST_ITEMS = 1000;

/** How deep into a variable's value lists are looked for (input types of the schema nest far less). */
const MAX_WALKED_DEPTH = 32;

/** Arguments whose lists are exempt: the gateway's entity fetches (sized by the query's cost, not by a caller). */
const EXEMPT_FIELDS = new Set(['_entities']);

export interface OversizedList {
  /** Where the list is: the argument and input fields (`input.photoUrls`), or the variable (`$ids`). */
  field: string;
  items: number;
}

/** The first list in the operation's arguments (literals and the variables they use) longer than the limit. */
export function oversizedInputList(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  limit = MAX_INPUT_LIST_ITEMS,
): OversizedList | null {
  let found: OversizedList | null = null;
  const checked = new Set<string>();
  // a variable nested deeper than any input type is refused by GraphQL's coercion; not walked past this (no stack
  // overflow on a value nested 100,000 deep)
  const inValue = (value: unknown, path: string, depth = 0): OversizedList | null => {
    if (depth > MAX_WALKED_DEPTH) return null;
    if (Array.isArray(value)) {
      if (value.length > limit) return { field: path, items: value.length };
      for (const [i, item] of value.entries()) {
        const inner = inValue(item, `${path}.${i}`, depth + 1);
        if (inner) return inner;
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        const inner = inValue(item, `${path}.${key}`, depth + 1);
        if (inner) return inner;
      }
    }
    return null;
  };
  const inNode = (node: ValueNode, path: string): OversizedList | null => {
    switch (node.kind) {
      case Kind.LIST: {
        if (node.values.length > limit) return { field: path, items: node.values.length };
        for (const [i, item] of node.values.entries()) {
          const inner = inNode(item, `${path}.${i}`);
          if (inner) return inner;
        }
        return null;
      }
      case Kind.OBJECT:
        for (const field of node.fields) {
          const inner = inNode(field.value, `${path}.${field.name.value}`);
          if (inner) return inner;
        }
        return null;
      case Kind.VARIABLE: {
        const name = node.name.value;
        if (checked.has(name)) return null;
        checked.add(name);
        return inValue(variables?.[name], path);
      }
      default:
        return null;
    }
  };
  visit(document, {
    Field(field) {
      if (found) return false;
      if (EXEMPT_FIELDS.has(field.name.value)) return false;
      for (const argument of field.arguments ?? []) {
        found = inNode(argument.value, argument.name.value);
        if (found) return false;
      }
      return undefined;
    },
    VariableDefinition(definition) {
      // a default value is input too (`query($ids: [ID!] = [...])`)
      if (!found && definition.defaultValue)
        found = inNode(definition.defaultValue, `$${definition.variable.name.value}`);
      return false;
    },
  });
  return found;
}

/** `QUERY_LIMIT_EXCEEDED` for an input list over `MAX_INPUT_LIST_ITEMS`, naming where it is. */
export function checkInputLists(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  limit = MAX_INPUT_LIST_ITEMS,
): void {
  const oversized = oversizedInputList(document, variables, limit);
  if (!oversized) return;
  const error = queryLimitError('maxListItems', limit, oversized.items, `输入列表「${oversized.field}」的项数`);
  (error.extensions as Record<string, unknown>).field = oversized.field;
  throw error;
}
