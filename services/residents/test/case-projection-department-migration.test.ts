import { MikroORM } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { ormConfig, type Orm } from '@shequ/database';
import { testDatabaseLocation, testDialects } from '@shequ/testing';
import { residentsEntities } from '../src/entities/index.js';
import { residentsMigrations } from '../src/migrations/index.js';

const MIGRATION = 'Migration20261206030638_case_projection_department';

describe.each(testDialects())('the case_projection_department migration on %s', (dialect) => {
  it('gives the cases projected before it their department: 保障站 for a 救助申请, unknown for the others', async () => {
    const location = testDatabaseLocation(dialect, 'case_projection_department');
    const list = await residentsMigrations.load(location.dialect);
    const at = list.findIndex((migration) => migration.name === MIGRATION);
    expect(at).toBeGreaterThan(0);
    const orm = (await MikroORM.init(
      ormConfig({ location, entities: residentsEntities, migrations: { sqlite: list, postgresql: list } }),
    )) as Orm;
    try {
      await orm.schema.ensureDatabase({ create: true });
      await orm.getMigrator().up({ to: list[at - 1].name });
      const connection = orm.em.getConnection();
      const when = new Date('2026-10-01T02:00:00Z');
      await connection.execute(
        `insert into case_projection (case_id, community_id, category, status, updated_at) values
         ('c-help', '350203008006', 'ASSISTANCE_APPLICATION', 'OPEN', ?),
         ('c-repair', '350203008006', 'HOUSING_REPAIR', 'OPEN', ?)`,
        [when, when],
      );
      const applied = await orm.getMigrator().up();
      expect(applied.map((m) => m.name)).toContain(MIGRATION);
      const rows = await connection.execute(`select case_id, department from case_projection order by case_id`);
      expect(rows).toEqual([
        { case_id: 'c-help', department: 'SOCIAL_SECURITY' },
        { case_id: 'c-repair', department: null },
      ]);
    } finally {
      await orm.close(true);
    }
  });
});
