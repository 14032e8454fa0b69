import { buildSubgraphSchema } from '@apollo/subgraph';
import { MapperKind, mapSchema, printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLNonNull, parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { DateTimeScalar } from './scalars.js';

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

/** `__resolveReference` per entity type name: how this subgraph turns `{ __typename, id }` into an object. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each service types its own reference and context
export type ReferenceResolvers = Record<string, { __resolveReference(reference: any, context: any): unknown }>;

export interface FederatedSchema {
  schema: GraphQLSchema;
  /** The subgraph SDL (with federation directives) that composition reads. */
  sdl: string;
}

export interface FederatedSchemaSettings {
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
}

/**
 * Every root query field nullable (`cases(...): CaseConnection`, not `CaseConnection!`): any service can be down,
 * and the gateway then leaves the fields that service owns null with a SERVICE_UNAVAILABLE error naming it. A
 * non-null root field would carry that null up to `data` and take the other services' root fields of the same
 * request with it (issue 14). Mutations keep their non-null payloads: a request changes one thing at a time.
 */
export function nullableRootQueryFields(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType()?.name;
  return mapSchema(schema, {
    [MapperKind.QUERY_ROOT_FIELD]: (field, _name, typeName) =>
      typeName === query && field.type instanceof GraphQLNonNull ? { ...field, type: field.type.ofType } : field,
  });
}

/**
 * type-graphql resolvers → Federation 2 subgraph schema: build the type-graphql schema, make its root query fields
 * nullable, print it with its directives (`@key`, `@shareable` …), prepend the federation `@link`, and let
 * @apollo/subgraph build the executable subgraph with the same resolvers plus the reference resolvers.
 */
export async function buildFederatedSchema(settings: FederatedSchemaSettings): Promise<FederatedSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: settings.resolvers,
    orphanedTypes: settings.orphanedTypes,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
    skipCheck: true,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(nullableRootQueryFields(typeGraphqlSchema))}\n`;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Apollo's resolver map is loosely typed
  const resolvers: Record<string, any> = createResolversMap(typeGraphqlSchema);
  for (const [typeName, reference] of Object.entries(settings.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...((resolvers[typeName] as object | undefined) ?? {}), ...reference };
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  return { schema, sdl };
}
