import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { plainRows, refreshRollup } from '@shequ/database';
import { Case } from '../entities/case.js';
import { caseRollup } from './case-statistics-rollup.js';

/**
 * Moves the cases matching `where` into grid `gridId` in one UPDATE (bypassing the unit of work), and recounts
 * them in the statistics rollup in the same transaction, since the rollup subscriber does not see such writes.
 */
export async function moveCasesToGrid(em: EntityManager, where: FilterQuery<Case>, gridId: string): Promise<void> {
  const ids = (await plainRows<{ id: string }, Case>(em, Case, ['id'], where)).map((row) => row.id);
  await moveCaseIdsToGrid(em, ids, gridId);
}

/** `moveCasesToGrid` for cases known by id. */
export async function moveCaseIdsToGrid(em: EntityManager, ids: readonly string[], gridId: string): Promise<void> {
  if (ids.length === 0) return;
  await em.nativeUpdate(Case, { id: { $in: [...ids] } }, { gridId });
  await refreshRollup(em, caseRollup, [...ids], em.getTransactionContext());
}
