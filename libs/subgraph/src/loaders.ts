import DataLoader from 'dataloader';
import type { EntityManager, EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';

/**
 * Per-request DataLoaders: every field that fetches by key goes through one, so a list of N parents costs
 * one query per batch instead of N.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<any, any>>();

  constructor(private readonly em: EntityManager) {}

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
  byId<T extends { id: string }>(entity: EntityName<T>, name = String(typeof entity === 'function' ? entity.name : entity)): DataLoader<string, T | null> {
    return this.custom(`byId:${name}`, async (ids) => {
      const found = await this.em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
      const byId = new Map(found.map((e) => [e.id, e as T]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /** All entities whose `key` column equals each requested value (one `IN` query per batch). */
  manyBy<T extends object, K extends keyof T & string>(
    entity: EntityName<T>,
    key: K,
    options: { where?: FilterQuery<T>; orderBy?: QueryOrderMap<T>; limitPerKey?: number; name?: string } = {},
  ): DataLoader<string, T[]> {
    const name = options.name ?? `${String(typeof entity === 'function' ? entity.name : entity)}.${key}`;
    return this.custom(`manyBy:${name}`, async (values) => {
      const where = { $and: [{ [key]: { $in: [...values] } }, options.where ?? {}] } as unknown as FilterQuery<T>;
      const rows = await this.em.find(entity, where, { orderBy: options.orderBy });
      const grouped = new Map<string, T[]>(values.map((v) => [v, []]));
      for (const row of rows as T[]) {
        const value = row[key] as unknown;
        const id = typeof value === 'object' && value !== null && 'id' in value ? String((value as { id: unknown }).id) : String(value);
        const group = grouped.get(id);
        if (group && (options.limitPerKey === undefined || group.length < options.limitPerKey)) group.push(row);
      }
      return values.map((v) => grouped.get(v) ?? []);
    });
  }
}
