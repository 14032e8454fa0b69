import type { EntityManager, EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

/**
 * The ids of at most `limit` rows per value of `key` among those matching `where`, first by `orderBy` (a window:
 * `row_number() over (partition by key order by …)`), so that a loader of the first N children of many parents reads
 * N rows per parent, however many children each has. Null when `key` or an ordering is not a plain column of the
 * entity (the caller then reads every row).
 */
export async function firstIdsPerKey<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  key: string,
  where: FilterQuery<T>,
  orderBy: QueryOrderMap<T> | undefined,
  limit: number,
): Promise<string[] | null> {
  const meta = em.getMetadata().find(entity);
  if (!meta || meta.primaryKeys.length !== 1 || meta.primaryKeys[0] !== 'id') return null;
  const columnOf = (property: string): string | null => {
    const names = (meta.properties as Record<string, { fieldNames?: string[] } | undefined>)[property]?.fieldNames;
    return names?.length === 1 ? names[0] : null;
  };
  const keyColumn = columnOf(key);
  const idColumn = columnOf(meta.primaryKeys[0]);
  if (!keyColumn || !idColumn) return null;
  const order: string[] = [];
  for (const [property, direction] of Object.entries(orderBy ?? {})) {
    const column = columnOf(property);
    const dir = String(direction).toLowerCase();
    if (!column || (dir !== 'asc' && dir !== 'desc')) return null;
    order.push(`"e0"."${column}" ${dir}`);
  }
  order.push(`"e0"."${idColumn}" asc`);
  const sqlEm = em as unknown as SqlEntityManager;
  const inner = sqlEm
    .createQueryBuilder(entity, 'e0')
    .select('e0.' + meta.primaryKeys[0])
    .where(where)
    .getKnexQuery();
  inner.select(
    sqlEm.getKnex().raw(`row_number() over (partition by "e0"."${keyColumn}" order by ${order.join(', ')}) as "rn"`),
  );
  const { sql, bindings } = inner.toSQL();
  const rows = (await em
    .getConnection()
    .execute(`select "t"."${idColumn}" as "id" from (${sql}) as "t" where "t"."rn" <= ?`, [
      ...bindings,
      limit,
    ])) as Array<{
    id: string;
  }>;
  return rows.map((row) => String(row.id));
}
