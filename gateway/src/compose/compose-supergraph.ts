import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse, printSchema } from 'graphql';
import { SUBGRAPHS } from '../subgraph-endpoints.js';

/**
 * Build step: composes gateway/supergraph.graphql from the SDL each service printed at its own build
 * (services/<name>/schema.graphql), and gateway/api-schema.graphql, the schema clients see (no federation
 * directives), from which the typed client is generated and the saved queries are checked. No service needs to
 * run. A composition error fails the build.
 */
export function composeSupergraph(
  sdlFor: (name: string) => string,
): { supergraphSdl: string; apiSchemaSdl: string } | { errors: string[] } {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({
      name: s.name,
      url: `http://127.0.0.1:${s.defaultPort}/graphql`,
      typeDefs: parse(sdlFor(s.name)),
    })),
  );
  if (result.errors) return { errors: result.errors.map((e) => e.message) };
  // validated here, once: the gateway builds it at start without validating it again (supergraphGateway)
  const invalid = supergraphErrors(result.supergraphSdl);
  if (invalid) return { errors: [invalid] };
  return {
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()),
  };
}

/** What the gateway's validation at start would report of this supergraph (undefined: nothing). */
export function supergraphErrors(supergraphSdl: string): string | undefined {
  try {
    Supergraph.build(supergraphSdl, { validateSupergraph: true }).subgraphs();
    return undefined;
  } catch (error) {
    return `invalid supergraph: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const root = new URL('../../../', import.meta.url);
  const result = composeSupergraph((name) => readFileSync(new URL(`services/${name}/schema.graphql`, root), 'utf8'));
  if ('errors' in result) {
    console.error(`supergraph composition failed (${result.errors.length} errors):\n- ${result.errors.join('\n- ')}`);
    process.exit(1);
  }
  const target = fileURLToPath(new URL('gateway/supergraph.graphql', root));
  writeFileSync(target, result.supergraphSdl);
  writeFileSync(fileURLToPath(new URL('gateway/api-schema.graphql', root)), `${result.apiSchemaSdl}\n`);
  console.log(`supergraph composed from ${SUBGRAPHS.length} subgraphs → ${target} (API schema: api-schema.graphql)`);
}
