import { Kind, type DocumentNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';
import type { SubgraphName } from './subgraph-endpoints.js';

/** What a front end may be told about a subgraph: its name and what it holds, never its address. */
export const SUBGRAPH_LABELS: Record<SubgraphName, string> = {
  residents: '居民服务（人口、房屋、单位）',
  cases: '社情民意服务（事项、走访、评议）',
  partybuilding: '党建服务',
  events: '活动服务（活动、团队、场地）',
};

/** `extensions.code` of the errors that stand for a part of the answer missing because a subgraph is down. */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/**
 * The errors of a fetch the subgraph did not answer (connection refused, timeout, 502–504 without a GraphQL body):
 * one per field the fetch would have filled, with a path the gateway completes to the place in the answer
 * (`_entities` indexes become the entities' paths). The fields are left null, so the rest of the answer comes back.
 */
export function outageErrors(
  service: SubgraphName,
  document: DocumentNode | undefined,
  variables: Record<string, unknown> | undefined,
): GraphQLFormattedError[] {
  const message = `${SUBGRAPH_LABELS[service]}暂时不可用，这部分数据缺失（${service}）`;
  const extensions = { code: SERVICE_UNAVAILABLE, service, serviceLabel: SUBGRAPH_LABELS[service] };
  const operation = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const roots = operation ? responseNames(operation.selectionSet) : [];
  const representations = Array.isArray(variables?.representations) ? variables.representations.length : 0;
  const entities = operation?.selectionSet.selections.find(
    (s) => s.kind === Kind.FIELD && s.name.value === '_entities',
  );
  if (entities?.kind === Kind.FIELD && entities.selectionSet) {
    const fields = responseNames(entities.selectionSet);
    const errors: GraphQLFormattedError[] = [];
    for (let index = 0; index < representations; index += 1)
      for (const field of fields) errors.push({ message, path: ['_entities', index, field], extensions });
    return errors.length > 0 ? errors : [{ message, extensions }];
  }
  return roots.length > 0 ? roots.map((root) => ({ message, path: [root], extensions })) : [{ message, extensions }];
}

/** Response names (alias or name) of the fields selected, through inline fragments (`... on Resident { cases }`). */
function responseNames(selectionSet: SelectionSetNode): string[] {
  const names = new Set<string>();
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') names.add(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      for (const name of responseNames(selection.selectionSet)) names.add(name);
    }
  }
  return [...names];
}

/** Any `http(s)://…` left in a message (a library's error text) is an internal address: replaced by a word. */
export function withoutAddresses(message: string): string {
  return message.replace(/\bhttps?:\/\/[^\s"',)]+/g, '（内部地址）');
}
