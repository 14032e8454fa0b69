import { LockMode, type EntityManager } from '@mikro-orm/core';

/**
 * `FOR UPDATE` where the database has row locks (PostgreSQL); SQLite serialises writers itself.
 * Spread into find options of a read-then-write inside a transaction.
 */
export function forUpdate(em: EntityManager): { lockMode?: LockMode } {
  return em.getPlatform().constructor.name === 'PostgreSqlPlatform' ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {};
}
