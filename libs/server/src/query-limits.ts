import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  valueFromASTUntyped,
  visit,
  BREAK,
  getIntrospectionQuery,
  parse,
  print,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** The bounds every GraphQL request must stay within, at the gateway and again in each subgraph. */
export interface QueryLimits {
  /** Deepest nesting of fields (root fields are depth 1). */
  maxDepth: number;
  /** Aliased fields in one operation. */
  maxAliases: number;
  /** Fields selected at the root of one operation. */
  maxRootFields: number;
  /** Total cost (see `measureOperation`). */
  maxCost: number;
}

/** Which budget a caller gets: front ends (people, machine clients) or analysts' statistics queries. */
export type QueryBudget = 'frontEnd' | 'analyst';

/** Page size a list costs when the query does not say `first` (the connections' default page size). */
export const DEFAULT_LIST_COST = 20;

/**
 * What a list without page arguments costs: such lists are small, fixed collections of their parent
 * (an organisation's sub-organisations, a gala's programme items, a case's timeline), so a 3-level tree
 * stays well inside a front end's budget while a runaway nesting still adds up.
 */
export const UNPAGED_LIST_COST = 10;

/** The limits' values (README "Query limits"): analysts get a larger, still bounded, cost budget. */
export const QUERY_LIMITS: Readonly<Record<QueryBudget, QueryLimits>> = {
  frontEnd: { maxDepth: 12, maxAliases: 30, maxRootFields: 15, maxCost: 10_000 },
  analyst: { maxDepth: 12, maxAliases: 30, maxRootFields: 15, maxCost: 50_000 },
};

/** Operations in one batched HTTP request (a JSON array body). */
export const MAX_BATCHED_OPERATIONS = 5;

export interface OperationMeasure {
  depth: number;
  aliases: number;
  rootFields: number;
  cost: number;
}

const PAGE_ARGUMENTS = ['first', 'last'];
/** List fields inside a connection: their size is the connection's page size, already counted. */
const PAGE_LISTS = new Set(['edges', 'nodes']);

/**
 * Depth, aliases, root fields and cost of one operation. Cost: every field costs 1; a field returning a
 * list multiplies what is selected below it by its page size — `first`/`last` when given, the default page
 * size when absent, the number of representations for `_entities` (the gateway's entity fetches).
 * Introspection (`__schema`, `__type`) and `__typename` cost nothing; their depth and aliases count.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables: Record<string, unknown> = {},
): OperationMeasure {
  const operation = pickOperation(document, operationName);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measure: OperationMeasure = { depth: 0, aliases: 0, rootFields: 0, cost: 0 };
  if (!operation) return measure;
  // a variable left out takes its default: `query($n: Int = 100)` costs 100 per row, not the default page size
  const values: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (values[name] === undefined && definition.defaultValue)
      values[name] = valueFromASTUntyped(definition.defaultValue);
  }
  const root =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return measure;

  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType | undefined,
    depth: number,
    seen: ReadonlySet<string>,
  ): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        // every alias counts, `__typename` ones too (200 of them are 200 aliases)
        if (selection.alias) measure.aliases += 1;
        if (name === '__typename') continue;
        if (depth === 1) measure.rootFields += 1;
        measure.depth = Math.max(measure.depth, depth);
        if (name === '__schema' || name === '__type') {
          // introspection costs nothing but obeys the depth and alias limits like any other selection
          const introspectionType = schema.getType(name === '__schema' ? '__Schema' : '__Type');
          if (selection.selectionSet)
            walk(
              selection.selectionSet,
              introspectionType && isCompositeType(introspectionType) ? introspectionType : undefined,
              depth + 1,
              seen,
            );
          continue;
        }
        const field =
          parent && 'getFields' in parent
            ? (parent.getFields()[name] as GraphQLField<unknown, unknown> | undefined)
            : undefined;
        const named = field ? getNamedType(field.type) : undefined;
        const child = named && isCompositeType(named) ? named : undefined;
        const below = selection.selectionSet ? walk(selection.selectionSet, child, depth + 1, seen) : 0;
        cost += 1 + listSize(name, field, selection.arguments ?? [], values) * below;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        cost += walk(selection.selectionSet, typed && isCompositeType(typed) ? typed : parent, depth, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        const typed = schema.getType(fragment.typeCondition.name.value);
        cost += walk(
          fragment.selectionSet,
          typed && isCompositeType(typed) ? typed : parent,
          depth,
          new Set([...seen, name]),
        );
      }
    }
    return cost;
  };
  measure.cost = walk(operation.selectionSet, root, 1, new Set());
  return measure;
}

function listSize(
  name: string,
  field: GraphQLField<unknown, unknown> | undefined,
  args: readonly { name: { value: string }; value: ValueNode }[],
  variables: Record<string, unknown>,
): number {
  const value = (argument: string) => {
    const node = args.find((a) => a.name.value === argument);
    return node ? valueFromASTUntyped(node.value, variables) : undefined;
  };
  if (name === '_entities') {
    const representations = value('representations');
    return Array.isArray(representations) ? representations.length : DEFAULT_LIST_COST;
  }
  const paged = field ? field.args.some((a) => PAGE_ARGUMENTS.includes(a.name)) : false;
  if (paged) {
    for (const argument of PAGE_ARGUMENTS) {
      const size = value(argument);
      if (typeof size === 'number' && Number.isFinite(size)) return Math.max(0, Math.floor(size));
    }
    return DEFAULT_LIST_COST;
  }
  if (field && isListType(getNullableType(field.type)) && !PAGE_LISTS.has(name)) return UNPAGED_LIST_COST;
  return 1;
}

function pickOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

const MEASURED: Array<{ limit: keyof QueryLimits; figure: keyof OperationMeasure; what: string }> = [
  { limit: 'maxDepth', figure: 'depth', what: '查询深度' },
  { limit: 'maxAliases', figure: 'aliases', what: '别名数' },
  { limit: 'maxRootFields', figure: 'rootFields', what: '根字段数' },
  { limit: 'maxCost', figure: 'cost', what: '查询成本' },
];

/** `QUERY_LIMIT_EXCEEDED`, naming the limit, its value and the query's figure. */
export function queryLimitError(limit: string, value: number, actual: number, what: string): GraphQLError {
  return new GraphQLError(`查询超出限制：${what} ${actual} 超过上限 ${value}（${limit}）`, {
    extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit, value, actual, http: { status: 400 } },
  });
}

/** The first limit the measured operation breaks, as an error; null when it is within all of them. */
export function checkQueryLimits(measure: OperationMeasure, limits: QueryLimits): GraphQLError | null {
  for (const { limit, figure, what } of MEASURED) {
    if (measure[figure] > limits[limit]) return queryLimitError(limit, limits[limit], measure[figure], what);
  }
  return null;
}

/** Whether a document asks for the schema anywhere (`__schema`, `__type`, `_service`), fragments included. */
export function isIntrospection(document: DocumentNode, _operationName?: string | null): boolean {
  // anywhere in the document: at the root, inside inline fragments and named fragments alike
  let found = false;
  visit(document, {
    Field(node) {
      if (SCHEMA_FIELDS.has(node.name.value)) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Fields that reveal the schema: introspection, and a subgraph's federation SDL (`_service { sdl }`). */
const SCHEMA_FIELDS = new Set(['__schema', '__type', '_service']);

/**
 * graphql-js's own introspection query (every option combination), printed: schema tools send exactly this.
 * Its nesting (15 levels of `ofType`) is fixed and bounded, so it alone is exempt from `maxDepth`; any
 * other introspection query obeys the depth limit like every query.
 */
const STANDARD_INTROSPECTION = new Set(
  Array.from({ length: 32 }, (_, bits) =>
    print(
      parse(
        getIntrospectionQuery({
          descriptions: (bits & 1) === 0,
          specifiedByUrl: (bits & 2) !== 0,
          directiveIsRepeatable: (bits & 4) !== 0,
          schemaDescription: (bits & 8) !== 0,
          inputValueDeprecation: (bits & 16) !== 0,
        }),
      ),
    ),
  ),
);

export function isStandardIntrospectionQuery(document: DocumentNode): boolean {
  return STANDARD_INTROSPECTION.has(print(document));
}
