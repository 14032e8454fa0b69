import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
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
 * type-graphql resolvers → Federation 2 subgraph schema: build the type-graphql schema, print it with its
 * directives (`@key`, `@shareable` …), prepend the federation `@link`, and let @apollo/subgraph build the
 * executable subgraph with the same resolvers plus the reference resolvers.
 */
export async function buildFederatedSchema(settings: FederatedSchemaSettings): Promise<FederatedSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: settings.resolvers,
    orphanedTypes: settings.orphanedTypes,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
    skipCheck: true,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}\n`;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Apollo's resolver map is loosely typed
  const resolvers: Record<string, any> = createResolversMap(typeGraphqlSchema);
  for (const [typeName, reference] of Object.entries(settings.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...((resolvers[typeName] as object | undefined) ?? {}), ...reference };
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  return { schema, sdl };
}
