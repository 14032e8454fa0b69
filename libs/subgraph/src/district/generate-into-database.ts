import type { ServiceName } from '@shequ/contracts';
import { rebuildRollup, type EntityManager } from '@shequ/database';
import type { SubgraphServiceDefinition } from '../subgraph-service.js';
import { referenceFactsOf, referenceRowOf, type ReferenceDataset } from '../references/apply-reference.js';
import { ReferenceProjection } from '../references/reference-projection.js';
import { BulkInsert, GenerationProgress } from './bulk-insert.js';

/** What one service writes of a generated community into its own tables. */
export interface CommunityWriter<C> {
  /** True when the service's tables already hold records: the generator never writes over existing data. */
  hasData(em: EntityManager): Promise<boolean>;
  writeCommunity(community: C, out: BulkInsert): Promise<void>;
  /** After the last community (e.g. counters such as the case number sequence). */
  finish?(em: EntityManager): Promise<void>;
}

export interface GenerationOptions<C extends ReferenceDataset> {
  communities: Iterable<C>;
  writer: CommunityWriter<C>;
  /** Fill the reference projection (residents' records as the other services know them). Not for residents itself. */
  references: boolean;
  progress?: GenerationProgress;
}

export interface GenerationSummary {
  communities: number;
  rows: number;
  seconds: number;
}

/**
 * Writes generated communities into a service's database: one transaction per community (multi-row inserts), the
 * reference projection where the service keeps one, then every rollup the service declares recounted in SQL.
 */
export async function generateIntoDatabase<C extends ReferenceDataset>(
  em: EntityManager,
  definition: Pick<SubgraphServiceDefinition, 'name' | 'rollups'>,
  options: GenerationOptions<C>,
): Promise<GenerationSummary> {
  const progress = options.progress ?? new GenerationProgress(definition.name);
  let communities = 0;
  for (const community of options.communities) {
    communities += 1;
    await em.fork().transactional(async (tx) => {
      const out = new BulkInsert(tx, progress, () => `${communities} 个社区（${community.community.code}）`);
      if (options.references) await out.insert(ReferenceProjection, referenceRows(community, definition.name));
      await options.writer.writeCommunity(community, out);
    });
  }
  await em.fork().transactional(async (tx) => {
    await options.writer.finish?.(tx);
    for (const rollup of definition.rollups ?? []) await rebuildRollup(tx, rollup, tx.getTransactionContext());
  });
  return { communities, rows: progress.rows, seconds: (Date.now() - progress.startedAt) / 1000 };
}

/** The reference projection's rows of a generated community, as residents' events would state them (epoch-dated). */
function referenceRows(community: ReferenceDataset, service: ServiceName) {
  return referenceFactsOf(community, new Date(0), service).map(referenceRowOf);
}
