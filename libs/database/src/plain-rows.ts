import { raw, type EntityManager, type EntityName, type FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

/**
 * Rows of a few properties as plain objects keyed by property name (a to-one relation gives the related id),
 * without building entities: for aggregates over thousands of rows (statistics), where hydrating entities into
 * the identity map costs ten times the query. Same filter language as `em.find`; `R` describes the row.
 */
export async function plainRows<R extends object, T extends object = object>(
  em: EntityManager,
  entity: EntityName<T>,
  properties: ReadonlyArray<keyof R & string>,
  where: FilterQuery<T>,
): Promise<R[]> {
  const qb = (em as unknown as SqlEntityManager).createQueryBuilder(entity);
  const rows = await qb
    .select([...properties] as never)
    .where(where)
    .execute('all', true);
  return rows as unknown as R[];
}

/** The sum of a numeric property over the rows matching `where` (0 when none), in one aggregate query. */
export async function columnSum<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  property: keyof T & string,
  where: FilterQuery<T>,
): Promise<number> {
  const qb = (em as unknown as SqlEntityManager).createQueryBuilder(entity, 'e');
  const meta = em.getMetadata().find(entity);
  const column = (meta?.properties as Record<string, { fieldNames: string[] }> | undefined)?.[property]?.fieldNames[0];
  const row = await qb
    .select(raw(`coalesce(sum(e.${column ?? property}), 0) as total`))
    .where(where)
    .execute('get', false);
  return Number((row as unknown as { total: number | string } | undefined)?.total ?? 0);
}

/**
 * `select <property> from <entity> where …` as a subquery for a filter such as `{ id: { $in: subquery(…) } }`: the
 * database runs it as a semi-join, where reading the ids first would send every one of them back as a list (which
 * grows with the rows and runs into the bound-parameter limit).
 */
export function subquery<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  property: keyof T & string,
  where: FilterQuery<T>,
): string[] {
  const qb = (em as unknown as SqlEntityManager).createQueryBuilder(entity, 'sub');
  // Typed as the list it stands for, so it fits where a filter takes `$in: string[]`.
  return qb
    .select(`sub.${property}` as never)
    .where(where)
    .getKnexQuery() as unknown as string[];
}
