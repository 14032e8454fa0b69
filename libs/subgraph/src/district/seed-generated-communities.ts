import type { EntityManager } from '@shequ/database';
import type { ReferenceDataset } from '../references/apply-reference.js';
import type { ServiceDependencies, SubgraphServiceDefinition } from '../subgraph-service.js';
import { GenerationProgress } from './bulk-insert.js';
import { generateIntoDatabase, type CommunityWriter } from './generate-into-database.js';

/**
 * The demo's generated communities (嘉莲街道 but 莲秀社区), written by the district generator's own writer after the
 * demo community: skipped when the writer finds them there already, silent but for one log line.
 */
export async function seedGeneratedCommunities<C extends ReferenceDataset>(
  deps: Pick<ServiceDependencies, 'orm' | 'logger'>,
  service: Pick<SubgraphServiceDefinition, 'name' | 'rollups'>,
  options: { communities: Iterable<C>; writer: CommunityWriter<C>; references: boolean },
): Promise<void> {
  const em = deps.orm.em.fork() as EntityManager;
  if (await options.writer.hasData(em)) return;
  const progress = new GenerationProgress(service.name, () => undefined);
  const summary = await generateIntoDatabase(em, service, { ...options, progress });
  deps.logger.info(
    { communities: summary.communities, rows: summary.rows, seconds: summary.seconds },
    'demo street: generated communities loaded',
  );
}
