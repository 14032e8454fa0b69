import 'reflect-metadata';
import { Query, Resolver } from 'type-graphql';
import { buildFederatedSchema, referenceEntities, type SubgraphServiceDefinition } from '../src/index.js';

@Resolver()
class NothingResolver {
  @Query(() => Number, { description: '无' })
  nothing(): number {
    return 0;
  }
}

/**
 * A subgraph with nothing of its own (one query, the reference projection's tables, no migrations), named `events`:
 * what the tests of shared mechanisms start, with `overrides` (its registry, its scheduled tasks …).
 */
export function standInSubgraph(overrides: Partial<SubgraphServiceDefinition> = {}): SubgraphServiceDefinition {
  return {
    name: 'events',
    defaultPort: 0,
    entities: [...referenceEntities],
    migrations: { sqlite: [], postgresql: [] },
    buildSchema: () => buildFederatedSchema({ resolvers: [NothingResolver] }),
    communities: { isRegistered: async () => true, isRegisteredRegion: async () => true },
    ...overrides,
  };
}
