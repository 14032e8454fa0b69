import type { RunningSubgraph } from '../subgraph-service.js';
import { applyReferenceFacts, type ReferenceFacts } from '../references/apply-reference.js';

/**
 * Tests of one service: records what residents would have announced (residents, staff, households …) in the
 * service's reference projection, so writes that refer to them pass the reference check.
 */
export async function knownReferences(
  service: Pick<RunningSubgraph, 'orm'>,
  facts: Array<Omit<ReferenceFacts, 'communityId' | 'occurredAt'> & { communityId?: string; occurredAt?: Date }>,
): Promise<void> {
  await service.orm.em.fork().transactional(async (em) => {
    for (const fact of facts)
      await applyReferenceFacts(em, {
        communityId: '350203008006',
        occurredAt: new Date(0),
        status: 'ACTIVE',
        ...fact,
      });
  });
}
