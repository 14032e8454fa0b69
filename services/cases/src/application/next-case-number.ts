import type { EntityManager } from '@mikro-orm/core';
import { forUpdate } from '@shequ/database';
import { formatCaseNumber } from '../domain/case-number.js';
import { CaseNumberSequence } from '../entities/case-number-sequence.js';

/** Hands out the next 受理号 of `year` inside the caller's transaction (row-locked on PostgreSQL). */
export async function nextCaseNumber(em: EntityManager, year: number): Promise<string> {
  const sequence =
    (await em.findOne(CaseNumberSequence, { year }, forUpdate(em))) ?? em.create(CaseNumberSequence, { year, last: 0 });
  sequence.last += 1;
  return formatCaseNumber(year, sequence.last);
}
