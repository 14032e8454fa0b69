import { LockMode, type EntityManager } from '@mikro-orm/core';

/**
 * `FOR UPDATE` where the database has row locks (PostgreSQL); SQLite serialises writers itself.
 * Spread into find options of a read-then-write inside a transaction.
 */
export function forUpdate(em: EntityManager): { lockMode?: LockMode } {
  return em.getPlatform().constructor.name === 'PostgreSqlPlatform' ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {};
}

/**
 * `FOR SHARE` where the database has row locks (PostgreSQL) and `em` is in a transaction (a read outside one takes
 * no lock): a write's check of a row it relies on but does not change (a reference), so a change of that row
 * waits until the write commits. SQLite serialises writers itself.
 */
export function forShare(em: EntityManager): { lockMode?: LockMode } {
  return em.isInTransaction() && em.getPlatform().constructor.name === 'PostgreSqlPlatform'
    ? { lockMode: LockMode.PESSIMISTIC_READ }
    : {};
}
