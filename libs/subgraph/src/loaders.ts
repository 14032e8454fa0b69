import DataLoader from 'dataloader';
import type { EntityManager, EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import { entityRows, firstIdsPerKey } from '@shequ/database';

/**
 * Per-request DataLoaders: every field that fetches by key goes through one, so a list of N parents costs
 * one query per batch instead of N.
 */
export class Loaders {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one map holds loaders of every key and value type
  private readonly loaders = new Map<string, DataLoader<any, any>>();
  private readonly computed = new Map<string, Promise<unknown>>();

  constructor(private readonly em: EntityManager) {}

  /** A value computed at most once per request (e.g. the caller's row scope), shared by every field. */
  once<T>(name: string, compute: () => Promise<T>): Promise<T> {
    let value = this.computed.get(name) as Promise<T> | undefined;
    if (!value) {
      value = compute();
      this.computed.set(name, value);
    }
    return value;
  }

  /** A loader of your own, created once per request under `name`. */
  custom<K, V>(name: string, batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch);
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /** Entities by primary key `id`; a missing one loads as null. */
  byId<T extends { id: string }>(entity: EntityName<T>): DataLoader<string, T | null> {
    return this.byKey(entity, 'id');
  }

  /** Entities by a unique string column; a missing one loads as null. */
  byKey<T extends object, K extends keyof T & string>(entity: EntityName<T>, key: K): DataLoader<string, T | null> {
    const name = `${entityName(entity)}.${key}`;
    return this.custom(`byKey:${name}`, async (values) => {
      const found = await this.em.find(entity, { [key]: { $in: [...values] } } as unknown as FilterQuery<T>);
      const byValue = new Map(found.map((e) => [String((e as T)[key]), e as T]));
      return values.map((v) => byValue.get(v) ?? null);
    });
  }

  /**
   * Plain rows by primary key `id` (shaped like the entity: scalar properties, each to-one reference as `{ id }`;
   * not managed, no methods), one SQL statement with bound parameters per batch: for read-only fields whose
   * resolvers read properties and reference ids only. A missing one loads as null.
   */
  rowsById<T extends { id: string }>(entity: EntityName<T>): DataLoader<string, T | null> {
    return this.custom<string, T | null>(`rowsById:${entityName(entity)}`, async (ids) => {
      const found = await entityRows(this.em, entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
      const byId = new Map(found.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /**
   * All entities whose `key` column equals each requested value (one `IN` query per batch); with `limitPerKey`, the
   * first that many of each value by `orderBy` (then by id), chosen by the database.
   */
  manyBy<T extends object, K extends keyof T & string>(
    entity: EntityName<T>,
    key: K,
    options: { where?: FilterQuery<T>; orderBy?: QueryOrderMap<T>; limitPerKey?: number; name?: string } = {},
  ): DataLoader<string, T[]> {
    const name = options.name ?? `${entityName(entity)}.${key}`;
    return this.custom(`manyBy:${name}`, async (values) => {
      const where = { $and: [{ [key]: { $in: [...values] } }, options.where ?? {}] } as unknown as FilterQuery<T>;
      // the first `limitPerKey` of each key chosen by the database, then read: not every child of every parent
      const ids =
        options.limitPerKey === undefined
          ? null
          : await firstIdsPerKey(this.em, entity, key, where, options.orderBy, options.limitPerKey);
      const rows =
        ids === null
          ? await this.em.find(entity, where, { orderBy: options.orderBy })
          : ids.length
            ? await this.em.find(entity, { id: { $in: ids } } as unknown as FilterQuery<T>, {
                orderBy: { ...options.orderBy, id: idOrder(options.orderBy) } as QueryOrderMap<T>,
              })
            : [];
      const grouped = new Map<string, T[]>(values.map((v) => [v, []]));
      for (const row of rows as T[]) {
        const value = row[key] as unknown;
        const id = typeof value === 'object' && value !== null && 'id' in value ? String(value.id) : String(value);
        const group = grouped.get(id);
        if (group && (options.limitPerKey === undefined || group.length < options.limitPerKey)) group.push(row);
      }
      return values.map((v) => grouped.get(v) ?? []);
    });
  }
}

/** The name an entity is known by, for loader keys. */
function entityName<T extends object>(entity: EntityName<T>): string {
  if (typeof entity === 'string') return entity;
  if (typeof entity === 'function') return entity.name;
  return 'name' in entity && typeof entity.name === 'string' ? entity.name : 'entity';
}

/** The order by id last (ties broken as the database chose): the requested one, or ascending. */
function idOrder(orderBy: object | undefined): unknown {
  return (orderBy as Record<string, unknown> | undefined)?.id ?? 'asc';
}
