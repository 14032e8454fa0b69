import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLSchema,
} from 'graphql';

const CJK = /[\u4e00-\u9fff]/;
const FEDERATION_TYPES =
  /^(_Service|_Entity|_Any|_FieldSet|FieldSet|link__.*|federation__.*|Query|Mutation|Subscription)$/;
const FEDERATION_FIELDS = new Set(['_service', '_entities']);

/**
 * Every type, field, argument and enum value of our own must say in Chinese what it is (DESIGN §7).
 * Returns the coordinates that do not (empty when all is well).
 */
export function missingChineseDescriptions(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    if (!description || !CJK.test(description)) missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
    const ownType = !FEDERATION_TYPES.test(type.name);
    if (ownType) check(type.name, type.description);
    if (
      (isObjectType(type) || isInterfaceType(type)) &&
      (ownType || /^(Query|Mutation|Subscription)$/.test(type.name))
    ) {
      for (const field of Object.values(type.getFields())) {
        if (FEDERATION_FIELDS.has(field.name)) continue;
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    } else if (isInputObjectType(type) && ownType) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type) && ownType) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    } else if (isUnionType(type)) {
      // the union's own description is checked above
    }
  }
  return missing;
}
