import type { EntityManager } from '@mikro-orm/core';

/**
 * Runs `work` and tells the most rows any one statement sent through the ORM's connection returned meanwhile (the
 * connection's `execute`, which MikroORM's finds, counts, query builders and the services' plain statements go
 * through): what a test asserts to show a summary or a page reads no statement that grows with the rows covered.
 * The connection is as before once `work` settles.
 */
export async function largestStatementResult<T>(
  orm: { em: EntityManager },
  work: () => Promise<T>,
): Promise<{ value: T; largest: number }> {
  const connection = orm.em.getConnection() as unknown as { execute: (...args: unknown[]) => Promise<unknown> };
  const own = Object.hasOwn(connection, 'execute');
  const execute = connection.execute;
  let largest = 0;
  connection.execute = async function (this: unknown, ...args: unknown[]) {
    const result = await execute.apply(this, args);
    if (Array.isArray(result)) largest = Math.max(largest, result.length);
    return result;
  };
  try {
    return { value: await work(), largest };
  } finally {
    if (own) connection.execute = execute;
    else delete (connection as { execute?: unknown }).execute;
  }
}
