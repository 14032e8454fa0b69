import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNamedType,
  isNonNullType,
  isObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/** A breaking change between two versions of the graph clients see, and whether it is allowed. */
export interface SchemaChange {
  /** Schema coordinate, e.g. `Query.cases`, `Query.cases.first`, `CaseStatus.CLOSED`. */
  path: string;
  type: string;
  message: string;
  /** True when the element was `@deprecated` in the old version: removing or retyping it is then allowed. */
  wasDeprecated: boolean;
  /**
   * True when an output field only became nullable (`[Case!]!` → `[Case!]`): dangerous, not breaking — a client
   * must now handle null (a field another service contributes, null while that service is down). Reported,
   * allowed; an issue must ask for it (see docs/conventions.md).
   */
  nullableOnly: boolean;
}

/** The API schema (what clients see) of a composed supergraph: no join__/link machinery, no @inaccessible. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/**
 * Breaking changes from `before` to `after` (graphql-inspector's diff, criticality BREAKING): removals and
 * type changes of types, fields, arguments, input fields and enum values. Each says whether the element was
 * deprecated in `before`; only those that were not deprecated fail the check (`violations`).
 */
export async function breakingChanges(before: GraphQLSchema, after: GraphQLSchema): Promise<SchemaChange[]> {
  const changes = await diff(before, after);
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .map((change) => ({
      path: change.path ?? '',
      type: String(change.type), // Change<any>: the type union is not inferred
      message: change.message,
      wasDeprecated: change.path !== undefined && isDeprecated(before, change.path),
      nullableOnly: change.path !== undefined && onlyBecameNullable(before, after, change.path),
    }));
}

/** The breaking changes that fail the check: those on elements that were not deprecated first. */
export const violations = (changes: readonly SchemaChange[]): SchemaChange[] =>
  changes.filter((change) => !change.wasDeprecated && !change.nullableOnly);

/** Whether the output field at `Type.field` kept its type and only lost non-null markers. */
export function onlyBecameNullable(before: GraphQLSchema, after: GraphQLSchema, path: string): boolean {
  const [typeName, fieldName, argument] = path.split('.');
  if (!typeName || !fieldName || argument !== undefined) return false;
  const fieldOf = (schema: GraphQLSchema) => {
    const type = schema.getType(typeName);
    return isObjectType(type) || isInterfaceType(type) ? type.getFields()[fieldName] : undefined;
  };
  const [old, now] = [fieldOf(before), fieldOf(after)];
  return !!old && !!now && widensToNullable(old.type, now.type);
}

function widensToNullable(old: GraphQLOutputType, now: GraphQLOutputType): boolean {
  if (isNonNullType(now)) return isNonNullType(old) && widensToNullable(old.ofType, now.ofType);
  if (isNonNullType(old)) return widensToNullable(old.ofType, now);
  if (isListType(old) || isListType(now))
    return isListType(old) && isListType(now) && widensToNullable(old.ofType, now.ofType);
  return isNamedType(old) && isNamedType(now) && old.name === now.name;
}

/** Whether the element at a schema coordinate (Type.field, Type.field.argument, Enum.VALUE) is deprecated. */
export function isDeprecated(schema: GraphQLSchema, path: string): boolean {
  const [typeName, member, argument] = path.split('.');
  const type = typeName ? schema.getType(typeName) : undefined;
  if (!type || member === undefined) return false;
  if (isEnumType(type)) return type.getValue(member)?.deprecationReason != null;
  if (isInputObjectType(type)) return type.getFields()[member]?.deprecationReason != null;
  if (isObjectType(type) || isInterfaceType(type)) {
    const field = type.getFields()[member];
    if (!field) return false;
    if (argument === undefined) return field.deprecationReason != null;
    return field.args.find((arg) => arg.name === argument)?.deprecationReason != null;
  }
  return false;
}
