import type { EntityClass } from '@mikro-orm/core';
import type { RunningSubgraph } from '../subgraph-service.js';
import { ReferenceProjection, type ReferenceKind } from '../references/reference-projection.js';
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

/** A column of a service's entity that holds an id of residents' records of one kind. */
export interface ReferenceColumn {
  entity: EntityClass<object>;
  field: string;
  kind: ReferenceKind;
}

/**
 * Tests of a seed (or any data written without the API): the ids in `columns` that the service's reference
 * projection does not know, as `Entity.field=id`, so a demo that points at nothing fails with what it points at.
 */
export async function unresolvedReferences(
  service: Pick<RunningSubgraph, 'orm'>,
  columns: ReferenceColumn[],
): Promise<string[]> {
  const em = service.orm.em.fork();
  const problems: string[] = [];
  for (const { entity, field, kind } of columns) {
    const rows = (await em.find(entity, { [field]: { $ne: null } }, { fields: [field] as never })) as Array<
      Record<string, unknown>
    >;
    const ids = [...new Set(rows.map((row) => row[field] as string))];
    const known = new Set<string>();
    for (let i = 0; i < ids.length; i += 500)
      for (const row of await em.find(ReferenceProjection, { kind, id: { $in: ids.slice(i, i + 500) } }))
        known.add(row.id);
    problems.push(...ids.filter((id) => !known.has(id)).map((id) => `${entity.name}.${field}=${id}`));
  }
  return problems;
}
