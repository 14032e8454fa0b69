import { pino } from 'pino';
import { testDatabaseLocation, type TestDialect } from '@shequ/testing';
import type { Clock } from '../clock.js';
import { startSubgraphService, type RunningSubgraph, type SubgraphServiceDefinition } from '../subgraph-service.js';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

export interface TestSubgraph extends RunningSubgraph {
  /** POSTs a GraphQL operation to the running subgraph. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
}

/**
 * A real subgraph for resolver and persistence tests: HTTP on a free port, a fresh SQLite file or
 * PostgreSQL database (migrations applied), NATS at `natsUrl` (or nowhere: events then wait in the outbox).
 */
export async function startTestSubgraph(
  definition: SubgraphServiceDefinition,
  options: { dialect?: TestDialect; natsUrl?: string; clock?: Clock; seed?: boolean; logLevel?: string } = {},
): Promise<TestSubgraph> {
  const running = await startSubgraphService(definition, {
    config: { port: 0, natsUrl: options.natsUrl ?? 'nats://127.0.0.1:9', seed: options.seed ? 'demo' : 'none' },
    location: testDatabaseLocation(options.dialect ?? 'sqlite', definition.name),
    clock: options.clock,
    logger: pino({ level: options.logLevel ?? process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  const endpoint = `http://127.0.0.1:${running.http.port}/graphql`;
  return {
    ...running,
    async graphql(query, variables, headers) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse;
    },
  };
}

/** SQL that would still be needed to match the entities after all migrations ran ('' when in sync). */
export async function pendingSchemaChanges(service: RunningSubgraph): Promise<string> {
  return (await service.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim();
}
