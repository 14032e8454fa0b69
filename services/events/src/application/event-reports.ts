import type { CommunityWhere } from '@shequ/subgraph';
import type { EntityManager } from '@mikro-orm/core';
import { InvalidInputError } from '@shequ/errors';
import { galaPlan, type GalaMonth } from '../domain/gala-plan.js';
import { CommunityEvent } from '../entities/community-event.js';

type Scope = CommunityWhere;

/** Which months of `year` have a gala planned or held (China time). */
export async function galaPlanOf(em: EntityManager, scope: Scope, year: number): Promise<GalaMonth[]> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new InvalidInputError('year', '年份须在 2000–2100 之间');
  const from = new Date(Date.UTC(year - 1, 11, 31, 16));
  const to = new Date(Date.UTC(year, 11, 31, 16));
  const galas = await em.find(
    CommunityEvent,
    { ...scope, type: 'GALA', startsAt: { $gte: from, $lt: to } },
    { fields: ['id', 'startsAt', 'status'] },
  );
  return galaPlan(year, galas);
}
