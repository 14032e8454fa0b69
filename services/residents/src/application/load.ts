import type { EntityName } from '@mikro-orm/core';
import { NotFoundError } from '@shequ/errors';
import type { UnitOfWork } from '@shequ/subgraph';
import { forUpdate } from '@shequ/database';

/**
 * Loads a row of the caller's community that the caller may see, or throws NotFoundError. Every caller changes the
 * row after checking it (a resident's status, a care record): the row is locked for the transaction (PostgreSQL
 * `FOR UPDATE`, read afresh; SQLite serialises writers), so two concurrent changes that each pass the check on their
 * own never both apply (a death and a move-out of one person, one care category added twice).
 */
export async function loadVisible<T extends { id: string; communityId: string }>(
  uow: UnitOfWork,
  entity: EntityName<T>,
  id: string,
  communityId: string,
  label: string,
  visible: (row: T, em: UnitOfWork['em']) => Promise<boolean> = async () => true,
): Promise<T> {
  const row = (await uow.em.findOne(entity, { id, communityId } as never, {
    ...forUpdate(uow.em),
    refresh: true,
  })) as T | null;
  if (!row || !(await visible(row, uow.em))) throw new NotFoundError(label, id);
  return row;
}
