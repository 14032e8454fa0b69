import { MikroORM } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { ormConfig, type Orm } from '@shequ/database';
import { testDatabaseLocation, testDialects } from '@shequ/testing';
import { casesEntities } from '../src/entities/index.js';
import { casesMigrations } from '../src/migrations/index.js';

describe.each(testDialects())('the visit_grid migration on %s', (dialect) => {
  it('applies to a database that already holds visits, leaving their grid unknown', async () => {
    const location = testDatabaseLocation(dialect, 'visit_grid');
    // the service's lists (loaded, as openDatabase loads them when one is pending)
    const list = await casesMigrations.load(location.dialect);
    const orm = (await MikroORM.init(
      ormConfig({ location, entities: casesEntities, migrations: { sqlite: list, postgresql: list } }),
    )) as Orm;
    try {
      await orm.schema.ensureDatabase({ create: true });
      await orm.getMigrator().up({ to: 'Migration20261130125336_cases_workflow' });
      const connection = orm.em.getConnection();
      await connection.execute(
        `insert into visit (id, community_id, staff_id, household_id, resident_id, case_id, visited_at, notes, follow_ups)
         values ('v-old', '350203008006', 'staff-gw2', 'hh-old', null, null, ?, '入户走访', null)`,
        [new Date('2026-10-01T02:00:00Z')],
      );
      const applied = await orm.getMigrator().up();
      expect(applied.map((m) => m.name)).toContain('Migration20261130140829_visit_grid');
      const rows = await connection.execute(`select id, household_id, grid_id from visit`);
      expect(rows).toEqual([{ id: 'v-old', household_id: 'hh-old', grid_id: null }]);
    } finally {
      await orm.close(true);
    }
  });
});
