import { HeaderMap, type ApolloServerPlugin, type BaseContext, type GraphQLResponse } from '@apollo/server';
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  OperationTypeNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';

/**
 * How many answers the plain path (`plainAnswersPlugin`) gave, per root field, since the service started: a service's
 * test asks its root field and checks the count went up — a field no longer answered by the plain path (undeclared,
 * or a type or value the path gives back to graphql-js) fails it, which comparing the two paths' JSON cannot see.
 */
export class PlainAnswerCounts {
  private readonly counts = new Map<string, number>();

  count(field: string): void {
    this.counts.set(field, (this.counts.get(field) ?? 0) + 1);
  }

  /** The answers given by the plain path to this root field so far (0 if none). */
  of(field: string): number {
    return this.counts.get(field) ?? 0;
  }
}

/**
 * How many objects a completer copies without meeting one again before it stops remembering its copies (an answer's
 * groups, keys built per cell): above a dimension's values in any district table, so shared keys are always met.
 */
const MEMO_TRIAL = 2048;

/** Why the plain path gives the operation back to graphql-js, which then answers (and shapes any error) as always. */
class NotPlain extends Error {}

/** A response key and the field it reads (`__typename` included), collected once per selection set and type. */
interface PlainField {
  responseKey: string;
  fieldName: string;
  type: GraphQLOutputType | null; // null: __typename
  selectionSet: SelectionSetNode | undefined;
}

/**
 * Root query fields whose answer is **plain data** — every field below them is a property of its object of the same
 * name (no field resolver, no argument below the root), no abstract type — and reading which changes nothing, are
 * answered without graphql-js executing the answer field by field. graphql-js completes each field of each object
 * (its resolver wrapped by type-graphql, a resolve-info object, a path, type checks): a statistics answer of 37,000
 * groups, each with its keys, is 400,000 fields, ~5 µs a group of CPU plus the garbage. Here the root field's own
 * resolver runs as graphql-js would call it (arguments and variables coerced by graphql-js's functions, the same
 * context), and its value is copied along the operation's selections (aliases, fragments on the same type, `@skip` /
 * `@include`, `__typename`), leaves serialized by their scalar or enum type: the same `data`, in the same order.
 *
 * Anything else goes to graphql-js unchanged (Apollo Server's `responseForOperation` returns null): a mutation, a
 * root field not declared plain or beside another, a field with arguments below the root, an abstract type, a null
 * where the schema says non-null, a value a leaf type cannot serialize — and an error thrown by the resolver, which
 * graphql-js then meets again and reports with its path and code as always (the resolver, reading only, runs twice).
 */
export function plainAnswersPlugin<TContext extends BaseContext>(
  fields: readonly string[],
  /** Counts, per root field, the answers given by the plain path (`PlainAnswerCounts`): what a test checks. */
  answered?: PlainAnswerCounts,
): ApolloServerPlugin<TContext> {
  const plain = new Set(fields);
  return {
    async requestDidStart() {
      return {
        async responseForOperation(requestContext): Promise<GraphQLResponse | null> {
          const { operation, schema, document, request, contextValue } = requestContext;
          if (!plain.size || operation?.operation !== OperationTypeNode.QUERY || !document) return null;
          const roots = operation.selectionSet.selections;
          if (
            !roots.every((node) => node.kind === Kind.FIELD && plain.has(node.name.value) && !node.directives?.length)
          )
            return null;
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (coerced.errors) return null;
          const variables = coerced.coerced;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions)
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          const queryType = schema.getQueryType()!;
          // each selection set's fields for each type, collected once per request (variables may change them)
          const collected = new Map<SelectionSetNode, Map<GraphQLObjectType, PlainField[]>>();
          const data: Record<string, unknown> = {};
          try {
            for (const node of roots) {
              if (node.kind !== Kind.FIELD) return null;
              const field = queryType.getFields()[node.name.value];
              if (!field?.resolve) return null;
              const responseKey = node.alias?.value ?? node.name.value;
              // the same response key twice at the root: graphql-js merges the two selections; leave that to it
              if (Object.hasOwn(data, responseKey)) return null;
              const info: GraphQLResolveInfo = {
                fieldName: node.name.value,
                fieldNodes: [node],
                returnType: field.type,
                parentType: queryType,
                path: { prev: undefined, key: responseKey, typename: queryType.name },
                schema,
                fragments,
                rootValue: undefined,
                operation,
                variableValues: variables,
              };
              let value: unknown;
              try {
                value = await field.resolve(undefined, getArgumentValues(field, node, variables), contextValue, info);
              } catch {
                return null;
              }
              data[responseKey] = completer(field.type, node.selectionSet)(value);
            }
          } catch {
            // NotPlain, or a value a leaf type cannot serialize: graphql-js meets it and reports it as always
            return null;
          }
          if (answered) for (const node of roots) if (node.kind === Kind.FIELD) answered.count(node.name.value);
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data } },
          };

          /**
           * A function copying a value of this type along this selection set: the types' kinds worked out once per
           * request (graphql-js asks for them at every field of every object), so each value is a property read, a
           * leaf's `serialize`, or a loop.
           */
          function completer(
            type: GraphQLOutputType,
            selectionSet: SelectionSetNode | undefined,
          ): (value: unknown) => unknown {
            if (isNonNullType(type)) {
              const inner = completer(type.ofType, selectionSet);
              return (value) => {
                if (value == null) throw new NotPlain();
                return inner(value);
              };
            }
            if (isListType(type)) {
              const item = completer(type.ofType, selectionSet);
              return (value) => {
                if (value == null) return null;
                if (Array.isArray(value)) {
                  const items = new Array<unknown>(value.length);
                  for (let i = 0; i < value.length; i++) items[i] = item(value[i]);
                  return items;
                }
                // any other iterable, as graphql-js takes it (a list made as it is read: libs/auth
                // `crossTableGroupList`), so that its items are copied one by one and never all held at once
                if (typeof value !== 'object' || typeof (value as Iterable<unknown>)[Symbol.iterator] !== 'function')
                  throw new NotPlain();
                const items: unknown[] = [];
                for (const element of value as Iterable<unknown>) items.push(item(element));
                return items;
              };
            }
            if (isLeafType(type))
              return (value) => {
                if (value == null) return null;
                const serialized: unknown = type.serialize(value);
                if (serialized === undefined) throw new NotPlain();
                return serialized;
              };
            if (!isObjectType(type) || !selectionSet) throw new NotPlain();
            const fields = fieldsOf(selectionSet, type).map((field) => ({
              key: field.responseKey,
              name: field.fieldName,
              copy: field.type === null ? null : completer(field.type, field.selectionSet),
            }));
            const typename = type.name;
            // this completer's copies in this answer, by source object: a resolver sharing one key object per value
            // across cells (cases' keyer, party's keys) gets one copy per key, not one per cell. Per completer — one
            // type and selection set at one place of the operation — so a copy is never reused under other
            // selections; plain objects only (a class instance's getters may compute); a copy printed twice prints
            // the same. Values of one object each (the groups themselves, keys built per cell) never meet their
            // copy again: after `MEMO_TRIAL` copies without a hit the completer stops remembering (a Map entry per
            // object cost more than the copy saved).
            let copies: Map<object, Record<string, unknown>> | null = new Map();
            let hits = 0;
            return (value) => {
              if (value == null) return null;
              if (typeof value !== 'object') throw new NotPlain();
              let plainObject = false;
              if (copies) {
                const prototype: unknown = Object.getPrototypeOf(value);
                plainObject = prototype === Object.prototype || prototype === null;
                if (plainObject) {
                  const copied = copies.get(value);
                  if (copied) {
                    hits += 1;
                    return copied;
                  }
                }
              }
              const source = value as Record<string, unknown>;
              const result: Record<string, unknown> = {};
              for (const field of fields) result[field.key] = field.copy ? field.copy(source[field.name]) : typename;
              if (plainObject && copies) {
                if (hits === 0 && copies.size >= MEMO_TRIAL) copies = null;
                else copies.set(value, result);
              }
              return result;
            };
          }

          function fieldsOf(selectionSet: SelectionSetNode, type: GraphQLObjectType): PlainField[] {
            let byType = collected.get(selectionSet);
            if (!byType) collected.set(selectionSet, (byType = new Map<GraphQLObjectType, PlainField[]>()));
            const known = byType.get(type);
            if (known) return known;
            const found: PlainField[] = [];
            collect(selectionSet, type, found, new Set());
            const merged = new Map<string, PlainField>();
            for (const field of found) {
              const before = merged.get(field.responseKey);
              if (!before) merged.set(field.responseKey, field);
              // the same key selected twice with subselections: graphql-js merges them; leave that to it
              else if (before.selectionSet || field.selectionSet) throw new NotPlain();
            }
            const fields = [...merged.values()];
            byType.set(type, fields);
            return fields;
          }

          function collect(
            selectionSet: SelectionSetNode,
            type: GraphQLObjectType,
            into: PlainField[],
            visited: Set<string>,
          ): void {
            for (const selection of selectionSet.selections) {
              if (!included(selection)) continue;
              if (selection.kind === Kind.FIELD) {
                const name = selection.name.value;
                const responseKey = selection.alias?.value ?? name;
                if (name === '__typename') {
                  into.push({ responseKey, fieldName: name, type: null, selectionSet: undefined });
                  continue;
                }
                const field = type.getFields()[name];
                if (!field || selection.arguments?.length || field.args.length) throw new NotPlain();
                if (!isLeafType(getNamedType(field.type)) && !isObjectType(getNamedType(field.type)))
                  throw new NotPlain();
                into.push({ responseKey, fieldName: name, type: field.type, selectionSet: selection.selectionSet });
              } else if (selection.kind === Kind.INLINE_FRAGMENT) {
                const condition = selection.typeCondition?.name.value;
                if (condition && condition !== type.name) throw new NotPlain();
                collect(selection.selectionSet, type, into, visited);
              } else {
                const name = selection.name.value;
                if (visited.has(name)) continue;
                visited.add(name);
                const fragment = fragments[name];
                if (!fragment || fragment.typeCondition.name.value !== type.name) throw new NotPlain();
                collect(fragment.selectionSet, type, into, visited);
              }
            }
          }

          function included(selection: SelectionSetNode['selections'][number]): boolean {
            if (!selection.directives?.length) return true;
            if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) return false;
            if (getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if === false) return false;
            return true;
          }
        },
      };
    },
  };
}
