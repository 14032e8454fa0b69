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

/**
 * Most selections the measure expands (each field, inline fragment and fragment spread, counted once for every place
 * a fragment is spread): beyond it the operation is refused before anything else is counted. Twenty fragments each
 * spreading the next twice are a document of a kilobyte that expands to a million selections: measuring it took
 * 2.5 s of the gateway's only thread, 25 of them over a minute. A front end's largest page expands to some hundreds.
 */
export const MAX_EXPANDED_SELECTIONS = 10_000;

/** Operations in one batched HTTP request (a JSON array body). */
export const MAX_BATCHED_OPERATIONS = 5;

export interface OperationMeasure {
  depth: number;
  aliases: number;
  rootFields: number;
  cost: number;
}

/** Depth, aliases and root fields of an operation, and its cost as a function of the variables. */
interface CompiledMeasure {
  depth: number;
  aliases: number;
  rootFields: number;
  cost: Cost;
  operation: OperationDefinitionNode | undefined;
}

/** A cost known from the document alone (a number) or depending on variables (`first: $n`, representations). */
type Cost = number | ((values: Record<string, unknown>) => number);

const costAt = (cost: Cost, values: Record<string, unknown>): number =>
  typeof cost === 'number' ? cost : cost(values);

function sum(terms: Cost[]): Cost {
  let fixed = 0;
  const variable: Array<(values: Record<string, unknown>) => number> = [];
  for (const term of terms) {
    if (typeof term === 'number') fixed += term;
    else variable.push(term);
  }
  if (variable.length === 0) return fixed;
  return (values) => variable.reduce((total, term) => total + term(values), fixed);
}

function times(size: Cost, each: Cost): Cost {
  if (typeof size === 'number' && typeof each === 'number') return size * each;
  if (each === 0 || size === 0) return 0;
  return (values) => costAt(size, values) * costAt(each, values);
}

const PAGE_ARGUMENTS = ['first', 'last'];
/** List fields inside a connection: sized by the connection's page size (`first`). */
const PAGE_LISTS = new Set(['edges', 'nodes']);

/**
 * Measures are a function of the document (and, for the cost, of the variables it sizes lists with): compiled
 * once per schema, document and operation name. Apollo Server hands the same parsed document object for the same
 * query text (its document cache), so a front end's page is measured once, not per request.
 */
const compiled = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, CompiledMeasure>>>();

/**
 * Depth, aliases, root fields and cost of one operation. The cost counts what the servers have to fetch, as
 * Apollo's demand control and the IBM GraphQL cost specification do: every field returning an object (or a list
 * of them) costs 1 per object; scalars and enums cost nothing (they come with their object); a list multiplies
 * its objects by its size — `first`/`last` when given, the default page size when absent, the number of
 * representations for `_entities` (the gateway's entity fetches), its `count` for a list sized by one, 10 for a
 * list without page arguments. A
 * connection's page size sizes its `edges`/`nodes`; its page-level fields (`totalCount`, `pageInfo`) are counted
 * once, not once per row. Introspection (`__schema`, `__type`) and `__typename` cost nothing; their depth and
 * aliases count.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables: Record<string, unknown> = {},
): OperationMeasure {
  let bySchema = compiled.get(schema);
  if (!bySchema) compiled.set(schema, (bySchema = new WeakMap<DocumentNode, Map<string, CompiledMeasure>>()));
  let byName = bySchema.get(document);
  if (!byName) bySchema.set(document, (byName = new Map<string, CompiledMeasure>()));
  const key = operationName ?? '';
  let measure = byName.get(key);
  if (!measure) byName.set(key, (measure = compileMeasure(schema, document, operationName)));
  const { depth, aliases, rootFields, cost, operation } = measure;
  if (typeof cost === 'number') return { depth, aliases, rootFields, cost };
  // a variable left out takes its default: `query($n: Int = 100)` costs 100 per row, not the default page size
  const values: Record<string, unknown> = { ...variables };
  for (const definition of operation?.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (values[name] === undefined && definition.defaultValue)
      values[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return { depth, aliases, rootFields, cost: cost(values) };
}

function compileMeasure(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
): CompiledMeasure {
  const operation = pickOperation(document, operationName);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measure: CompiledMeasure = { depth: 0, aliases: 0, rootFields: 0, cost: 0, operation };
  if (!operation) return measure;
  const root =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return measure;

  let expanded = 0;
  /** `pageSize`: the page size of the connection whose fields these are (sizes its `edges`/`nodes`). */
  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType | undefined,
    depth: number,
    seen: ReadonlySet<string>,
    pageSize: Cost | undefined,
  ): Cost => {
    const costs: Cost[] = [];
    for (const selection of selectionSet.selections) {
      expanded += 1;
      if (expanded > MAX_EXPANDED_SELECTIONS)
        throw queryLimitError('maxExpandedSelections', MAX_EXPANDED_SELECTIONS, expanded, '展开片段后的选择数');
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
              undefined,
            );
          continue;
        }
        const field =
          parent && 'getFields' in parent
            ? (parent.getFields()[name] as GraphQLField<unknown, unknown> | undefined)
            : undefined;
        const named = field ? getNamedType(field.type) : undefined;
        const child = named && isCompositeType(named) ? named : undefined;
        if (!selection.selectionSet) continue; // a scalar or an enum: comes with its object
        const paged = field ? field.args.some((a) => PAGE_ARGUMENTS.includes(a.name)) : false;
        const list = field ? isListType(getNullableType(field.type)) : false;
        const args = selection.arguments ?? [];
        if (paged && !list) {
          // a connection: one object, its page size sizes its edges / nodes
          const size = pageSizeOf(args);
          costs.push(sum([1, walk(selection.selectionSet, child, depth + 1, seen, size)]));
          continue;
        }
        const each = sum([1, walk(selection.selectionSet, child, depth + 1, seen, undefined)]);
        if (name === '_entities') costs.push(times(representationsOf(args), each));
        else if (!list) costs.push(each);
        else if (field?.args.some((a) => a.name === SIZE_ARGUMENT)) costs.push(times(sizeOf(args), each));
        else if (paged) costs.push(times(pageSizeOf(args), each));
        else if (PAGE_LISTS.has(name) && pageSize !== undefined) costs.push(times(pageSize, each));
        else costs.push(times(UNPAGED_LIST_COST, each));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        costs.push(
          walk(selection.selectionSet, typed && isCompositeType(typed) ? typed : parent, depth, seen, pageSize),
        );
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        const typed = schema.getType(fragment.typeCondition.name.value);
        costs.push(
          walk(
            fragment.selectionSet,
            typed && isCompositeType(typed) ? typed : parent,
            depth,
            new Set([...seen, name]),
            pageSize,
          ),
        );
      }
    }
    return sum(costs);
  };
  measure.cost = walk(operation.selectionSet, root, 1, new Set(), undefined);
  return measure;
}

/** A value of the operation's arguments: a literal now, a variable when the request's values are known. */
function argumentValue(
  args: readonly { name: { value: string }; value: ValueNode }[],
  argument: string,
): { literal: unknown } | { variable: ValueNode } | undefined {
  const node = args.find((a) => a.name.value === argument);
  if (!node) return undefined;
  if (node.value.kind === Kind.VARIABLE || containsVariable(node.value)) return { variable: node.value };
  return { literal: valueFromASTUntyped(node.value) };
}

function containsVariable(value: ValueNode): boolean {
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(containsVariable);
  if (value.kind === Kind.OBJECT) return value.fields.some((f) => containsVariable(f.value));
  return false;
}

const asPageSize = (size: unknown): number | undefined =>
  typeof size === 'number' && Number.isFinite(size) ? Math.max(0, Math.floor(size)) : undefined;

/** `first` (or `last`) when given, the default page size when absent. */
function pageSizeOf(args: readonly { name: { value: string }; value: ValueNode }[]): Cost {
  for (const argument of PAGE_ARGUMENTS) {
    const found = argumentValue(args, argument);
    if (!found) continue;
    if ('literal' in found) {
      const size = asPageSize(found.literal);
      if (size !== undefined) return size;
      continue;
    }
    const rest = PAGE_ARGUMENTS.slice(PAGE_ARGUMENTS.indexOf(argument) + 1);
    const fallback = rest.length ? pageSizeOf(args.filter((a) => rest.includes(a.name.value))) : DEFAULT_LIST_COST;
    return (values) => asPageSize(valueFromASTUntyped(found.variable, values)) ?? costAt(fallback, values);
  }
  return DEFAULT_LIST_COST;
}

/** A list without pages whose length the caller names (`drawRaters(count: 100)`): that many objects. */
const SIZE_ARGUMENT = 'count';

function sizeOf(args: readonly { name: { value: string }; value: ValueNode }[]): Cost {
  const found = argumentValue(args, SIZE_ARGUMENT);
  if (!found) return UNPAGED_LIST_COST;
  if ('literal' in found) return asPageSize(found.literal) ?? UNPAGED_LIST_COST;
  return (values) => asPageSize(valueFromASTUntyped(found.variable, values)) ?? UNPAGED_LIST_COST;
}

/** The gateway's entity fetches: as many objects as representations. */
function representationsOf(args: readonly { name: { value: string }; value: ValueNode }[]): Cost {
  const found = argumentValue(args, 'representations');
  if (!found) return DEFAULT_LIST_COST;
  const count = (value: unknown) => (Array.isArray(value) ? value.length : DEFAULT_LIST_COST);
  if ('literal' in found) return count(found.literal);
  return (values) => count(valueFromASTUntyped(found.variable, values));
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
  let found = introspecting.get(document);
  if (found === undefined) introspecting.set(document, (found = asksForSchema(document)));
  return found;
}

/** Per parsed document (Apollo Server reuses it for the same query text). */
const introspecting = new WeakMap<DocumentNode, boolean>();

function asksForSchema(document: DocumentNode): boolean {
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
 * other introspection query obeys the depth limit like every query. Printed on the first introspection query a
 * process sees, not when this module loads (32 parses and prints: ~50 ms of every process's start).
 */
let standardIntrospectionTexts: Set<string> | undefined;
const standardIntrospectionQueries = (): Set<string> =>
  (standardIntrospectionTexts ??= new Set(
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
  ));

export function isStandardIntrospectionQuery(document: DocumentNode): boolean {
  let standard = standardIntrospection.get(document);
  if (standard === undefined)
    standardIntrospection.set(document, (standard = standardIntrospectionQueries().has(print(document))));
  return standard;
}

const standardIntrospection = new WeakMap<DocumentNode, boolean>();
