import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
// the two parts of @apollo/subgraph a built subgraph needs; its index loads @apollo/federation-internals
import { addResolversToSchema } from '@apollo/subgraph/dist/schema-helper/buildSchemaFromSDL.js';
import { entitiesResolver } from '@apollo/subgraph/dist/types.js';
import { MapperKind, mapSchema, printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  buildASTSchema,
  GraphQLNonNull,
  graphql,
  Kind,
  parse,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
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
 * @apollo/subgraph build the executable subgraph with the same resolvers plus the reference resolvers — validating it
 * as a subgraph, unless this exact SDL was validated by the build (`validated`: see `ValidatedSubgraphs`).
 */
export async function buildFederatedSchema(
  settings: FederatedSchemaSettings,
  validated: ValidatedSubgraphs = defaultValidatedSubgraphs,
): Promise<FederatedSchema> {
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
  const built = validated.recording ? undefined : validated.read(sdl);
  if (built) return { schema: subgraphSchemaOf(built, resolvers), sdl };
  // not validated at build time (or building now): @apollo/subgraph validates the subgraph, as it always did
  const { buildSubgraphSchema } = await import('@apollo/subgraph');
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  if (validated.recording) await validated.record(sdl, schema, resolvers);
  return { schema, sdl };
}

/**
 * What `buildSubgraphSchema` made of a subgraph SDL it validated at build time: the subgraph's full SDL (federation's
 * `_service`, `_entities`, `_Any`, `link__Import` … added; also what `_service { sdl }` answers) and the names of
 * the types it only extends (Apollo gives them an empty definition).
 */
interface BuiltSubgraph {
  subgraphSdl: string;
  extendedOnly: Array<{ kind: DefinitionNode['kind']; name: string }>;
}

/**
 * The executable subgraph schema from a built subgraph, without validating it again as a subgraph: what
 * `buildSubgraphSchema` does after `buildSubgraph` (graphql-js's `buildASTSchema` — with its own SDL validation —
 * of the subgraph's SDL, then the `_service` and `_entities` resolvers and the service's). Neither
 * @apollo/federation-internals nor @apollo/subgraph's index is loaded (0.1–0.2 s of CPU per service at start).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Apollo's resolver map is loosely typed
function subgraphSchemaOf(built: BuiltSubgraph, resolvers: Record<string, any>): GraphQLSchema {
  const document = parse(built.subgraphSdl, { noLocation: true });
  const empty = built.extendedOnly.map(
    ({ kind, name }) =>
      (kind === Kind.SCHEMA_DEFINITION
        ? { kind, operationTypes: [] }
        : { kind, name: { kind: Kind.NAME, value: name } }) as DefinitionNode,
  );
  const schema = buildASTSchema({ kind: Kind.DOCUMENT, definitions: [...document.definitions, ...empty] });
  for (const { kind, name } of built.extendedOnly) {
    if (kind === Kind.SCHEMA_DEFINITION) schema.astNode = undefined;
    else {
      const type = schema.getType(name);
      if (type) type.astNode = undefined;
    }
  }
  const queryRoot = schema.getQueryType()?.name;
  if (!queryRoot) throw new Error('子图缺少 Query 根类型');
  addResolversToSchema(schema, { [queryRoot]: { _service: () => ({ sdl: built.subgraphSdl }) } });
  if (schema.getType('_Entity')) {
    addResolversToSchema(schema, {
      [queryRoot]: {
        _entities: (
          _source: unknown,
          { representations }: { representations: unknown[] },
          context: unknown,
          info: GraphQLResolveInfo,
        ): unknown => entitiesResolver({ representations, context, info }) as unknown,
      },
      _Entity: { __resolveType: (parent: { __typename: string }) => parent.__typename },
    });
  }
  addResolversToSchema(schema, resolvers);
  return schema;
}

/**
 * Subgraph SDLs validated by @apollo/subgraph at build time (each service's `print-schema`, through
 * `writeSubgraphSdl`), keyed by a hash of the SDL and of @apollo/subgraph's version: at start a service whose
 * type-graphql schema prints exactly such an SDL builds its schema without validating it again; any other SDL
 * (changed code not rebuilt, another library version, a test's schema) is validated as before.
 */
export class ValidatedSubgraphs {
  recording = false;
  constructor(readonly directory: URL) {}

  private fileOf(sdl: string): URL {
    const version = (createRequire(import.meta.url)('@apollo/subgraph/package.json') as { version: string }).version;
    const key = createHash('sha256').update(`@apollo/subgraph ${version}\n`).update(sdl).digest('hex');
    return new URL(`${key}.json`, this.directory);
  }

  read(sdl: string): BuiltSubgraph | undefined {
    try {
      return JSON.parse(readFileSync(this.fileOf(sdl), 'utf8')) as BuiltSubgraph;
    } catch {
      return undefined;
    }
  }

  /**
   * Records `schema`, built and validated by `buildSubgraphSchema` from `sdl`, when the schema built from the
   * record without validation prints the same (with directives) and answers `_service` alike; otherwise throws.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Apollo's resolver map is loosely typed
  async record(sdl: string, schema: GraphQLSchema, resolvers: Record<string, any>): Promise<void> {
    const answer = await graphql({ schema, source: '{ _service { sdl } }' });
    const subgraphSdl = (answer.data?._service as { sdl?: string } | undefined)?.sdl;
    if (!subgraphSdl) throw new Error(`子图 _service 无 SDL：${JSON.stringify(answer.errors)}`);
    const built: BuiltSubgraph = { subgraphSdl, extendedOnly: extendedOnly(parse(subgraphSdl, { noLocation: true })) };
    const rebuilt = subgraphSchemaOf(built, resolvers);
    const again = await graphql({ schema: rebuilt, source: '{ _service { sdl } }' });
    if (
      printSchemaWithDirectives(rebuilt) !== printSchemaWithDirectives(schema) ||
      (again.data?._service as { sdl?: string } | undefined)?.sdl !== subgraphSdl
    )
      throw new Error('由已校验的子图 SDL 构建的模式与 @apollo/subgraph 构建的不一致');
    mkdirSync(this.directory, { recursive: true });
    const file = this.fileOf(sdl);
    const temporary = new URL(`${file.href}.${process.pid}.tmp`);
    writeFileSync(temporary, JSON.stringify(built));
    renameSync(temporary, file);
  }
}

/** Types (and the schema) the subgraph SDL only extends: `buildSubgraphSchema` gives each an empty definition. */
function extendedOnly(document: DocumentNode): BuiltSubgraph['extendedOnly'] {
  const schemaEntry: BuiltSubgraph['extendedOnly'] = [{ kind: Kind.SCHEMA_DEFINITION, name: '' }];
  const defined = new Set<string>();
  let schemaDefined = false;
  const extended = new Map<string, DefinitionNode['kind']>();
  let schemaExtended = false;
  const definitionKind: Partial<Record<string, DefinitionNode['kind']>> = {
    [Kind.SCALAR_TYPE_EXTENSION]: Kind.SCALAR_TYPE_DEFINITION,
    [Kind.OBJECT_TYPE_EXTENSION]: Kind.OBJECT_TYPE_DEFINITION,
    [Kind.INTERFACE_TYPE_EXTENSION]: Kind.INTERFACE_TYPE_DEFINITION,
    [Kind.UNION_TYPE_EXTENSION]: Kind.UNION_TYPE_DEFINITION,
    [Kind.ENUM_TYPE_EXTENSION]: Kind.ENUM_TYPE_DEFINITION,
    [Kind.INPUT_OBJECT_TYPE_EXTENSION]: Kind.INPUT_OBJECT_TYPE_DEFINITION,
  };
  for (const node of document.definitions) {
    if (node.kind === Kind.SCHEMA_DEFINITION) schemaDefined = true;
    else if (node.kind === Kind.SCHEMA_EXTENSION) schemaExtended = true;
    else if ('name' in node && node.name) {
      const kind = definitionKind[node.kind];
      if (kind) extended.set(node.name.value, kind);
      else defined.add(node.name.value);
    }
  }
  return [
    ...(schemaExtended && !schemaDefined ? schemaEntry : []),
    ...[...extended].filter(([name]) => !defined.has(name)).map(([name, kind]) => ({ kind, name })),
  ];
}

/** Where the services' builds record their validated subgraphs: libs/subgraph/.validated-subgraphs (git-ignored). */
export const defaultValidatedSubgraphs = new ValidatedSubgraphs(new URL('../.validated-subgraphs/', import.meta.url));
