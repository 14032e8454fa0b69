import {
  RawQueryFragment,
  ReferenceKind,
  Utils,
  type EntityManager,
  type EntityMetadata,
  type EntityName,
  type FilterQuery,
  type MetadataStorage,
  type QueryOrderMap,
} from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { executePlain } from './plain-statement.js';

/**
 * Whole rows of one entity's table as plain objects shaped like the entity — scalar properties by property name
 * (types as the ORM maps them), each to-one reference as `{ <primary key>: value }` — without building entities
 * (no hydration, identity map or unit of work): for read-only pages and loader batches.
 *
 * The SELECT is built by MikroORM's query builder from the usual filter language, once per *shape* of the query:
 * every string in the filter becomes a bound parameter, so the same shape (the same filter keys, operators,
 * `$in` lengths, non-string values, order and limit) reuses the SQL text — no knex query building per call — and
 * SQLite reuses the prepared statement (`cacheStatements`). A shape whose strings the ORM does not pass through as
 * plain bindings (converted or written into the text) is built anew each time, with the same result.
 */
export async function entityRows<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  options: { orderBy?: QueryOrderMap<T> | QueryOrderMap<T>[]; limit?: number } = {},
): Promise<T[]> {
  const meta = em.getMetadata().get<T>(Utils.className(entity));
  const { sql, params } = selectStatement(em, meta, where, options);
  const rows = await executePlain<Record<string, unknown>>(em, sql, params);
  return rows.map((row) => rowToPlain(em, meta, row));
}

/** How many rows of `entity` match `where`: the ORM's `count` query, built once per filter shape like `entityRows`. */
export async function entityCount<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
): Promise<number> {
  const meta = em.getMetadata().get<T>(Utils.className(entity));
  const { sql, params } = selectStatement(em, meta, where, { count: true });
  const [row] = await executePlain<Record<string, unknown>>(em, sql, params);
  return Number(row ? Object.values(row)[0] : 0);
}

/** The SQL of `entityRows` (or of `entityCount`) with its bound parameters (`?` placeholders). */
export function selectStatement<T extends object>(
  em: EntityManager,
  meta: EntityMetadata<T>,
  where: FilterQuery<T>,
  options: StatementOptions<T>,
): { sql: string; params: unknown[] } {
  const strings: string[] = [];
  const shaped = parametrize(where, strings);
  if (shaped === UNCACHEABLE) return build(em, meta, where, options);
  const orderBy = options.orderBy ? JSON.stringify(options.orderBy) : '';
  const key = `${meta.className}|${options.count ? 'count' : ''}|${JSON.stringify(shaped)}|${orderBy}|${options.limit ?? ''}`;
  let byShape = shapes.get(em.getMetadata());
  if (!byShape) shapes.set(em.getMetadata(), (byShape = new Map<string, Template | null>()));
  let template = byShape.get(key);
  if (template === undefined) {
    template = compile(build(em, meta, shaped as FilterQuery<T>, options));
    byShape.set(key, template);
    if (byShape.size > SHAPES_KEPT) byShape.delete(byShape.keys().next().value as string);
  }
  if (template === null) return build(em, meta, where, options);
  return { sql: template.sql, params: template.slots.map((slot) => (slot.string ? strings[slot.at] : slot.value)) };
}

/** Shapes kept per ORM (least recently built first out). */
const SHAPES_KEPT = 500;
const MARK = '\u0001';
const UNCACHEABLE = Symbol('uncacheable');

type Slot = { string: true; at: number } | { string: false; value: unknown };
interface Template {
  sql: string;
  slots: Slot[];
}

interface StatementOptions<T extends object> {
  orderBy?: QueryOrderMap<T> | QueryOrderMap<T>[];
  limit?: number;
  count?: boolean;
}

const shapes = new WeakMap<MetadataStorage, Map<string, Template | null>>();

/** The filter with every string replaced by a marker (collected in `strings`); entities or raw SQL: uncacheable. */
function parametrize(value: unknown, strings: string[]): unknown {
  if (typeof value === 'string') {
    strings.push(value);
    return `${MARK}${strings.length - 1}${MARK}`;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const shaped = parametrize(item, strings);
      if (shaped === UNCACHEABLE) return UNCACHEABLE;
      out.push(shaped);
    }
    return out;
  }
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || !Utils.isPlainObject(value)) return UNCACHEABLE;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (RawQueryFragment.isKnownFragment(key)) return UNCACHEABLE;
    const shaped = parametrize((value as Record<string, unknown>)[key], strings);
    if (shaped === UNCACHEABLE) return UNCACHEABLE;
    out[key] = shaped;
  }
  return out;
}

/** A statement built with markers as a template, or null when a marker did not come through as a plain binding. */
function compile(built: { sql: string; params: unknown[] }): Template | null {
  if (built.sql.includes(MARK)) return null;
  const slots: Slot[] = [];
  for (const value of built.params) {
    if (typeof value === 'string' && value.includes(MARK)) {
      const at = Number(value.slice(1, -1));
      if (value.length < 3 || !value.startsWith(MARK) || !value.endsWith(MARK) || !Number.isInteger(at)) return null;
      slots.push({ string: true, at });
    } else if (value !== null && typeof value === 'object') {
      return null;
    } else {
      slots.push({ string: false, value });
    }
  }
  return { sql: built.sql, slots };
}

function build<T extends object>(
  em: EntityManager,
  meta: EntityMetadata<T>,
  where: FilterQuery<T>,
  options: StatementOptions<T>,
): { sql: string; params: unknown[] } {
  const qb = (em as unknown as SqlEntityManager).createQueryBuilder<T>(meta.className as EntityName<T>, 'e0' as never);
  if (options.count) qb.count();
  else qb.select('e0.*' as never);
  qb.where(where);
  if (options.orderBy) qb.orderBy(options.orderBy);
  if (options.limit !== undefined) qb.limit(options.limit);
  const { sql, bindings } = qb.getKnexQuery().toSQL();
  return { sql, params: [...bindings] };
}

/** A database row as the ORM maps it (column → property, types), each to-one reference as `{ id }`. */
export function rowToPlain<T extends object>(em: EntityManager, meta: EntityMetadata<T>, row: object): T {
  const mapped = em.getComparator().mapResult<T>(meta.className, row as never) as Record<string, unknown>;
  for (const prop of meta.relations) {
    const toOne =
      prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner === true);
    if (!toOne) continue;
    const value = mapped[prop.name];
    if (value === null || value === undefined || typeof value === 'object') continue;
    mapped[prop.name] = { [prop.targetMeta?.primaryKeys[0] ?? 'id']: value };
  }
  return mapped as T;
}
