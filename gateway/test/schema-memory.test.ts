import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadApiSchema, supergraphGateway } from '../src/gateway-server.js';
import { API_SCHEMA_PATH } from '../src/gateway-config.js';

const SUPERGRAPH = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

/** What the gateway keeps for its life: no source locations of the schemas, no telemetry of Apollo's. */
describe('the gateway’s schemas in memory', () => {
  it('builds the supergraph without source locations and without Apollo’s meter provider', async () => {
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    const gateway = supergraphGateway(readFileSync(SUPERGRAPH, 'utf8'), {});
    // Apollo's gateway registers the shutdown of its usage-metrics meter provider here when telemetry is on
    expect((gateway as unknown as { toDispose: unknown[] }).toDispose).toEqual([]);
    await gateway.load();
    try {
      const planner = (gateway as unknown as { queryPlanner: { supergraph: { schema: SupergraphSchema } } })
        .queryPlanner;
      const schema = planner.supergraph.schema;
      const resident = schema.type('Resident');
      expect(resident?.sourceAST).toBeDefined();
      expect(resident?.sourceAST?.loc).toBeUndefined();
      expect(schema.schemaDefinition.sourceAST?.loc).toBeUndefined();
    } finally {
      await gateway.stop();
    }
  });

  it('loads the API schema without source locations', () => {
    const schema = loadApiSchema(API_SCHEMA_PATH);
    expect(schema.getQueryType()?.astNode).toBeDefined();
    expect(schema.getQueryType()?.astNode?.loc).toBeUndefined();
    expect(schema.getType('Resident')?.astNode?.loc).toBeUndefined();
  });
});

interface SupergraphSchema {
  type(name: string): { sourceAST?: { loc?: unknown } } | undefined;
  schemaDefinition: { sourceAST?: { loc?: unknown } };
}
