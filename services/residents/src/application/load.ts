import type { EntityName } from '@mikro-orm/core';
import { NotFoundError } from '@shequ/errors';
import type { UnitOfWork } from '@shequ/subgraph';

/** Loads a row of the caller's community that the caller may see, or throws NotFoundError. */
export async function loadVisible<T extends { id: string; communityId: string }>(
  uow: UnitOfWork,
  entity: EntityName<T>,
  id: string,
  communityId: string,
  label: string,
  visible: (row: T, em: UnitOfWork['em']) => Promise<boolean> = async () => true,
): Promise<T> {
  const row = (await uow.em.findOne(entity, { id, communityId } as never)) as T | null;
  if (!row || !(await visible(row, uow.em))) throw new NotFoundError(label, id);
  return row;
}
