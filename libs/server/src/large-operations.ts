import { Kind, OperationTypeNode, parse, type DocumentNode } from 'graphql';

/**
 * The operations allowed a body above the ordinary 1 MiB limit (the district import): named root mutation
 * fields, up to `maxBodyBytes`. Every other request keeps the ordinary limit, however it is spelled.
 */
export interface LargeOperations {
  maxBodyBytes: number;
  /** Root mutation fields, e.g. `importResidents`. */
  mutationFields: readonly string[];
}

/**
 * Whether a body that is over the ordinary limit carries only allowed large operations: one request (not a
 * batch) whose document holds exactly one operation, a mutation whose root selections are all allowed
 * fields (no fragments, no other operations to pick from).
 */
export function isAllowedLargeBody(body: unknown, allowed: LargeOperations): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const query = (body as { query?: unknown }).query;
  if (typeof query !== 'string') return false;
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true, maxTokens: 10_000 });
  } catch {
    return false;
  }
  if (document.definitions.length !== 1) return false;
  const [operation] = document.definitions;
  if (operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== OperationTypeNode.MUTATION) return false;
  return operation.selectionSet.selections.every(
    (selection) =>
      selection.kind === Kind.FIELD &&
      (allowed.mutationFields.includes(selection.name.value) || selection.name.value === '__typename'),
  );
}
