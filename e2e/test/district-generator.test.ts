import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CareCategories, parseResidentIdNumber } from '@shequ/contracts';
import { openDatabase, type EntityManager } from '@shequ/database';
import { DEMO_REFERENCE_DATE } from '@shequ/demo-data';
import type { SubgraphServiceDefinition } from '@shequ/subgraph';
import { tempDir, type TempDir } from '@shequ/testing';
import { casesRuleViolations } from '../../services/cases/src/application/rule-audit.js';
import { Case, CaseEvaluation } from '../../services/cases/src/entities/index.js';
import { casesService } from '../../services/cases/src/service.js';
import { eventsRuleViolations } from '../../services/events/src/application/rule-audit.js';
import { eventsService } from '../../services/events/src/service.js';
import { partybuildingRuleViolations } from '../../services/partybuilding/src/application/rule-audit.js';
import { partybuildingService } from '../../services/partybuilding/src/service.js';
import { ROOT, SERVICES } from './system.js';

/** The part of better-sqlite3 (MikroORM's SQLite driver) the test reads with. */
interface Db {
  prepare(sql: string): { all(): unknown[]; get(): unknown };
  close(): unknown;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (
  path: string,
  options?: { readonly?: boolean },
) => Db;

/** `npm run generate` at a tiny size into SQLite files (the build is the test pipeline's). */
function generate(dir: string): string {
  return execFileSync(process.execPath, [`${ROOT}scripts/generate.mjs`, '--residents', '300', '--data-dir', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function dump(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'mikro_orm%' order by name`)
    .all() as Array<{ name: string }>;
  return Object.fromEntries(
    tables.map(({ name }) => [name, db.prepare(`select * from "${name}" order by 1, 2`).all()]),
  );
}

const column = (db: Db, sql: string) => (db.prepare(sql).all() as Array<{ v: string }>).map((r) => r.v);

describe('npm run generate (300 residents, SQLite)', () => {
  let first: TempDir;
  let second: TempDir;
  const db: Record<string, Db> = {};
  beforeAll(() => {
    first = tempDir('shequ-generate-a-');
    second = tempDir('shequ-generate-b-');
    generate(first.path);
    generate(second.path);
    for (const service of SERVICES) db[service] = new Database(`${first.path}/${service}.sqlite`, { readonly: true });
  }, 300_000);
  afterAll(() => {
    for (const d of Object.values(db)) d.close();
    first?.remove();
    second?.remove();
  });

  it('writes a district: streets, communities with 12-digit codes, grids, buildings, households, residents, care, cases with ratings, party members, events', () => {
    const count = (service: string, table: string) =>
      (db[service].prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
    expect(count('residents', 'resident')).toBe(300);
    expect(count('residents', 'street')).toBeGreaterThanOrEqual(3);
    const codes = column(db.residents, `select id as v from community`);
    expect(codes.length).toBeGreaterThanOrEqual(3);
    for (const code of codes) expect(code).toMatch(/^350203\d{6}$/);
    expect(codes).toContain('350203008001');
    expect(codes).not.toContain('350203008006');
    for (const table of ['grid', 'building', 'household', 'care_record', 'staff'])
      expect(count('residents', table), table).toBeGreaterThan(0);
    expect(count('cases', 'case_record')).toBeGreaterThanOrEqual(55);
    expect(count('cases', 'case_evaluation')).toBeGreaterThan(0);
    expect(count('partybuilding', 'party_member')).toBeGreaterThan(0);
    expect(count('events', 'community_event')).toBeGreaterThan(0);
    expect(count('events', 'registration')).toBeGreaterThan(0);
  });

  it('gives every resident a valid 18-digit ID number (GB 11643 checksum), unique, matching gender and birth date', () => {
    const rows = db.residents.prepare(`select id_number, gender, birth_date from resident`).all() as Array<{
      id_number: string;
      gender: string;
      birth_date: string;
    }>;
    expect(new Set(rows.map((r) => r.id_number)).size).toBe(rows.length);
    for (const row of rows) {
      const parsed = parseResidentIdNumber(row.id_number);
      expect(parsed, row.id_number).toMatchObject({
        ok: true,
        value: { gender: row.gender, birthDate: row.birth_date },
      });
      expect(row.id_number[17], row.id_number).toBe(checkDigit(row.id_number));
    }
  });

  it('names only records that exist: every reference to another service resolves in the residents database', () => {
    const residents = new Set(column(db.residents, `select id as v from resident`));
    const grids = new Set(column(db.residents, `select id as v from grid`));
    const staff = new Set(column(db.residents, `select id as v from staff`));
    const tables: Record<string, Set<string>> = {
      RESIDENT: residents,
      GRID: grids,
      STAFF: staff,
      HOUSEHOLD: new Set(column(db.residents, `select id as v from household`)),
      BUILDING: new Set(column(db.residents, `select id as v from building`)),
      COMMUNITY: new Set(column(db.residents, `select id as v from community`)),
      ORGANIZATION: new Set(column(db.residents, `select id as v from organization`)),
    };
    const missing = (values: string[], known: Set<string>) => values.filter((v) => v !== null && !known.has(v));
    expect(missing(column(db.cases, `select reporter_id as v from case_record`), residents)).toEqual([]);
    expect(missing(column(db.cases, `select grid_id as v from case_record`), grids)).toEqual([]);
    expect(missing(column(db.cases, `select assignee_staff_id as v from case_record`), staff)).toEqual([]);
    expect(missing(column(db.cases, `select rater_resident_id as v from case_evaluation`), residents)).toEqual([]);
    expect(missing(column(db.cases, `select resident_id as v from resident_projection`), residents)).toEqual([]);
    expect(missing(column(db.cases, `select grid_id as v from grid_projection`), grids)).toEqual([]);
    expect(missing(column(db.partybuilding, `select resident_id as v from party_member`), residents)).toEqual([]);
    expect(missing(column(db.events, `select resident_id as v from registration`), residents)).toEqual([]);
    expect(missing(column(db.events, `select resident_id as v from resident_profile`), residents)).toEqual([]);
    expect(missing(column(db.events, `select grid_id as v from grid_code`), grids)).toEqual([]);
    for (const service of ['cases', 'partybuilding', 'events']) {
      const rows = db[service].prepare(`select kind, id from reference_projection`).all() as Array<{
        kind: string;
        id: string;
      }>;
      expect(rows.length).toBeGreaterThan(300);
      expect(rows.filter((r) => !tables[r.kind]?.has(r.id))).toEqual([]);
    }
  });

  /** Residents' record of each generated person, as each service's rule audit takes it. */
  function residentFacts() {
    const rows = db.residents
      .prepare(`select id, gender, birth_date, status, died_on, community_id from resident`)
      .all() as Array<{
      id: string;
      gender: string | null;
      birth_date: string | null;
      status: string;
      died_on: string | null;
      community_id: string;
    }>;
    return new Map(
      rows.map((r) => [
        r.id,
        { gender: r.gender, birthDate: r.birth_date, status: r.status, diedOn: r.died_on, communityId: r.community_id },
      ]),
    );
  }

  /**
   * `check` over a copy of the service's generated SQLite file, opened with MikroORM as the service opens it (the
   * files compared for determinism stay as written).
   */
  async function withGeneratedDatabase<T>(
    definition: SubgraphServiceDefinition,
    check: (em: EntityManager) => Promise<T>,
  ): Promise<T> {
    const copy = tempDir(`shequ-generate-${definition.name}-`);
    for (const suffix of ['', '-wal'])
      if (existsSync(`${first.path}/${definition.name}.sqlite${suffix}`))
        copyFileSync(
          `${first.path}/${definition.name}.sqlite${suffix}`,
          `${copy.path}/${definition.name}.sqlite${suffix}`,
        );
    const orm = await openDatabase({
      location: { dialect: 'sqlite', dbName: `${copy.path}/${definition.name}.sqlite` },
      entities: definition.entities,
      migrations: definition.migrations,
      log: () => undefined,
    });
    try {
      return await check(orm.em.fork());
    } finally {
      await orm.close(true);
      copy.remove();
    }
  }

  // the generator's "today" is the demo's reference date (`--today` not given)
  it('keeps every cases rule in the cases it writes (the cases rule audit, residents’ facts from its database)', async () => {
    await withGeneratedDatabase(casesService, async (em) => {
      expect(await casesRuleViolations(em, DEMO_REFERENCE_DATE, residentFacts())).toEqual([]);
      // what the audit read: the cases with their steps, ratings, and some resolved late (flagged by the scan)
      expect(await em.count(Case, { status: 'CLOSED' })).toBeGreaterThan(30);
      expect(await em.count(Case, { resolveOverdueAt: { $ne: null } })).toBeGreaterThan(0);
      expect(await em.count(CaseEvaluation, {})).toBeGreaterThan(0);
    });
  });

  it('keeps every events and party-building rule (the audits the demo passes), with residents’ facts from its database', async () => {
    const facts = residentFacts();
    expect(
      await withGeneratedDatabase(eventsService, (em) => eventsRuleViolations(em, DEMO_REFERENCE_DATE, facts)),
    ).toEqual([]);
    expect(
      await withGeneratedDatabase(partybuildingService, (em) =>
        partybuildingRuleViolations(em, DEMO_REFERENCE_DATE, facts),
      ),
    ).toEqual([]);
  });

  it('keeps the residents rollup equal to the GROUP BY over the base tables', () => {
    const keys = `community_id, building_id, gender, birth_date, residence_type, status, care_mask, name_initial`;
    const rollup = db.residents.prepare(`select ${keys}, n from resident_rollup order by ${keys}`).all();
    const grouped = db.residents
      .prepare(
        `select ${keys}, count(*) as n from (
           select r.community_id, coalesce(h.building_id, '') as building_id, coalesce(r.gender, '') as gender,
             coalesce(r.birth_date, '') as birth_date, r.residence_type, r.status,
             coalesce((select sum(distinct ${careMaskCase()}) from care_record c
                       where c.resident_id = r.id and c.ended_on is null), 0) as care_mask,
             substr(r.name, 1, 1) as name_initial
           from resident r left join household h on h.id = r.household_id) group by ${keys} order by ${keys}`,
      )
      .all();
    expect(rollup.length).toBeGreaterThan(0);
    expect(rollup).toEqual(grouped);
  });

  it('fills the residents rollup by grid and birth year (statistics by age) equal to the GROUP BY over the base tables', () => {
    const keys = `community_id, grid_id, birth_year, gender, residence_type, status, care_mask`;
    const rollup = db.residents.prepare(`select ${keys}, n from resident_age_rollup order by ${keys}`).all();
    const grouped = db.residents
      .prepare(
        `select ${keys}, count(*) as n from (
           select r.community_id, coalesce(b.grid_id, '') as grid_id, coalesce(substr(r.birth_date, 1, 4), '') as birth_year,
             coalesce(r.gender, '') as gender, r.residence_type, r.status,
             coalesce((select sum(distinct ${careMaskCase()}) from care_record c
                       where c.resident_id = r.id and c.ended_on is null), 0) as care_mask
           from resident r left join household h on h.id = r.household_id left join building b on b.id = h.building_id)
         group by ${keys} order by ${keys}`,
      )
      .all();
    expect(rollup.length).toBeGreaterThan(0);
    expect(rollup).toEqual(grouped);
    // and its smaller copies (status only; status and care categories; no grid or care categories; no birth year), summed from it
    for (const [table, smaller] of [
      ['resident_age_grid_rollup', 'community_id, grid_id, birth_year, status'],
      ['resident_age_care_rollup', 'community_id, grid_id, birth_year, status, care_mask'],
      ['resident_age_people_rollup', 'community_id, birth_year, gender, residence_type, status'],
      ['resident_grid_rollup', 'community_id, grid_id, gender, residence_type, status, care_mask'],
    ]) {
      const rows = db.residents.prepare(`select ${smaller}, n from ${table} order by ${smaller}`).all();
      const summed = db.residents
        .prepare(`select ${smaller}, sum(n) as n from resident_age_rollup group by ${smaller} order by ${smaller}`)
        .all();
      expect(rows.length, table).toBeGreaterThan(0);
      expect(rows, table).toEqual(summed);
    }
  });

  it('keeps the open care records per community and category (care_open_rollup) and when each record opened', () => {
    const rollup = db.residents
      .prepare(`select community_id, category, n from care_open_rollup order by community_id, category`)
      .all();
    const grouped = db.residents
      .prepare(
        `select community_id, category, count(*) as n from care_record where ended_on is null
         group by community_id, category order by community_id, category`,
      )
      .all();
    expect(rollup.length).toBeGreaterThan(0);
    expect(rollup).toEqual(grouped);
    // opened at the start of its start date in Asia/Shanghai (UTC+8), as the migration backfills older records
    const wrong = db.residents
      .prepare(
        `select id from care_record where opened_at is null or opened_at != (strftime('%s', started_on) - 28800) * 1000`,
      )
      .all();
    expect(wrong).toEqual([]);
  });

  it('leaves planner statistics for the bulk-loaded rows in every database (ANALYZE after the load)', () => {
    for (const service of SERVICES) {
      const analysed = column(db[service], `select distinct tbl as v from sqlite_stat1 order by 1`);
      expect(analysed.length, service).toBeGreaterThan(3);
    }
    expect(column(db.residents, `select distinct tbl as v from sqlite_stat1`)).toEqual(
      expect.arrayContaining(['resident', 'household', 'care_record']),
    );
  });

  it('is deterministic: two runs write the same rows', () => {
    for (const service of SERVICES) {
      const other = new Database(`${second.path}/${service}.sqlite`, { readonly: true });
      try {
        expect(dump(other), service).toEqual(dump(db[service]));
      } finally {
        other.close();
      }
    }
  });
});

/** The care mask as the rollup keeps it: one bit per category in the vocabulary's order. */
function careMaskCase(): string {
  return `case c.category ${CareCategories.codes.map((code, i) => `when '${code}' then ${2 ** i}`).join(' ')} else 0 end`;
}

/** GB 11643-1999 check digit, computed here independently of the code under test. */
function checkDigit(idNumber: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, w, i) => total + w * Number(idNumber[i]), 0);
  return '10X98765432'[sum % 11];
}
