import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/core';
import { composeResidentIdNumber, SYSTEM_ACTOR } from '@shequ/contracts';
import { rebuildRollup } from '@shequ/database';
import { BatchedEvents, CONCURRENCY_RETRIES, Outbox, OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { importResidentStream, readImportStream, type ImportRowResult } from '../src/application/import-residents.js';
import { residentRollup } from '../src/application/statistics-rollup.js';
import { importFileIntoDatabase } from '../src/cli/offline-import.js';
import { Building, Household, Resident } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { COMMUNITY, placesFixture } from './fixtures.js';

const IMPORT = `mutation($input: ImportResidentsInput!) { importResidents(input: $input) { total created updated unchanged rejected results { row outcome residentId field reason } } }`;
const HEADER = 'idNumber,name,phone,gridCode,building,unit,room,housing,relationToHead,landlordIdNumber';
const TODAY = new Date('2026-11-30T08:00:00Z');
const id = (birth: string, seq: number) => composeResidentIdNumber('350203', birth, seq);

/** A statement in the transaction of `em` (the core EntityManager type has no `execute`). */
function sql<T = Array<Record<string, unknown>>>(em: EntityManager, text: string, params: unknown[] = []): Promise<T> {
  return em.getConnection().execute(text, params, 'all', em.getTransactionContext()) as Promise<T>;
}

/** What an import wrote: residents of the file, places it names, its events, and the rollup as a rebuild counts it. */
async function written(service: TestSubgraph, idNumbers: string[], since: Set<string>) {
  const em = service.orm.em.fork();
  const residents = await em.find(Resident, { idNumber: { $in: idNumbers } }, { orderBy: { idNumber: 'asc' } });
  const events = (await em.find(OutboxMessage, {}))
    .filter((m) => !since.has(m.id))
    .map((m) => JSON.parse(m.payload) as { subject: string; data: Record<string, unknown> });
  const subjects: Record<string, number> = {};
  for (const e of events) subjects[e.subject] = (subjects[e.subject] ?? 0) + 1;
  return { em, residents, events, subjects };
}

/** The resident rollup's tables, as kept by the writes, equal a rebuild's from the base tables. */
async function expectRollupAsRebuilt(service: TestSubgraph): Promise<void> {
  const groups = async () => {
    const out: string[][] = [];
    for (const table of ['resident_rollup', 'resident_count_rollup', 'resident_grid_rollup'])
      out.push(
        (await sql(service.orm.em.fork(), `select * from ${table}`))
          .map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, String(v)])))
          .sort(),
      );
    return out;
  };
  const counted = await groups();
  await service.orm.em.fork().transactional((tx) => rebuildRollup(tx, residentRollup, tx.getTransactionContext()));
  expect(counted).toEqual(await groups());
}

/** The outbox rows written so far (those of an import are the others after it). */
const outboxIds = async (service: TestSubgraph) =>
  new Set((await service.orm.em.fork().find(OutboxMessage, {}, { fields: ['id'] })).map((m) => m.id));

/**
 * Another transaction (PostgreSQL) locks `first` for update, and once this database's other backend (the import's)
 * waits for a lock, locks `second`: when the import holds `second` and waits for `first`, a deadlock. The other
 * transaction's own check comes much later (deadlock_timeout 10 s), so PostgreSQL aborts the import's (1 s).
 * `holding` settles once `first` is held; `done` with whether the import was seen waiting.
 */
function interfere(service: TestSubgraph, first: string, second: string) {
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const done = service.orm.em.fork().transactional(async (tx) => {
    await sql(tx, `set local deadlock_timeout = '10s'`);
    await sql(tx, first);
    const [{ pid }] = await sql<Array<{ pid: number }>>(tx, 'select pg_backend_pid() as pid');
    held();
    for (let i = 0; i < 500; i++) {
      const waiting = await sql(
        service.orm.em.fork(),
        `select pid from pg_stat_activity where datname = current_database() and pid <> ? and wait_event_type = 'Lock'`,
        [pid],
      );
      if (waiting.length) {
        await sql(tx, second);
        return true;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return false;
  });
  return { holding, done };
}

describe.each(testDialects().filter((d) => d === 'postgresql'))(
  'an import chunk PostgreSQL aborts as a deadlock (%s)',
  (dialect) => {
    let service: TestSubgraph;

    beforeAll(async () => {
      service = await startTestSubgraph(residentsService, { dialect, clock: new ManualClock(TODAY) });
      await placesFixture(service.orm.em.fork());
    });
    afterAll(() => service?.stop());

    it('is run again from clean state: every row the success it is without the other transaction, written once', async () => {
      // the flats the 户主 rows name, in id order: the chunk locks H1 first, then H2
      const [h1, h2] = ['household-0-1', 'household-0-2'];
      const rows = [
        `${id('1971-01-01', 801)},郑一,,,香秀里1号楼,1,101,,HEAD,`, // head of H1 (stored, no head)
        `${id('1972-01-01', 802)},郑二,,,香秀里1号楼,1,201,,HEAD,`, // head of H2 (stored, no head)
        `${id('1973-01-01', 803)},郑三,,${COMMUNITY}-01,郑家楼,2,202,,HEAD,`, // a new building and flat
        `${id('1974-01-01', 804)},郑四,,,郑家楼,2,202,,SPOUSE,`, // the same new flat
      ];
      const idNumbers = rows.map((r) => r.slice(0, 18));
      const since = await outboxIds(service);

      // the other transaction holds H2 and, once the import holds H1 and waits for H2, asks for H1
      const other = interfere(
        service,
        `select id from household where id = '${h2}' for update`,
        `select id from household where id = '${h1}' for update`,
      );
      await other.holding;
      const result = await service.graphql(IMPORT, { input: { format: 'CSV', content: [HEADER, ...rows].join('\n') } });
      expect(await other.done).toBe(true);

      expect(result.errors).toBeUndefined();
      const payload = result.data.importResidents;
      expect(payload).toMatchObject({ total: 4, created: 4, updated: 0, unchanged: 0, rejected: 0 });
      expect(payload.results.map((r: ImportRowResult) => [r.row, r.outcome])).toEqual([
        [1, 'CREATED'],
        [2, 'CREATED'],
        [3, 'CREATED'],
        [4, 'CREATED'],
      ]);
      const { em, residents, events, subjects } = await written(service, idNumbers, since);
      expect(residents.map((r) => r.name)).toEqual(['郑一', '郑二', '郑三', '郑四']);
      // the ids answered are those written (not the aborted try's)
      expect(payload.results.map((r: ImportRowResult) => r.residentId)).toEqual(residents.map((r) => r.id));
      const [one, two, three, four] = residents;
      expect((await em.findOneOrFail(Household, h1)).headResidentId).toBe(one.id);
      expect((await em.findOneOrFail(Household, h2)).headResidentId).toBe(two.id);
      expect(await em.count(Building, { name: '郑家楼' })).toBe(1);
      const flats = await em.find(Household, { address: '郑家楼2单元202室' });
      expect(flats).toHaveLength(1);
      expect(flats[0].headResidentId).toBe(three.id);
      expect([three.household?.id, four.household?.id]).toEqual([flats[0].id, flats[0].id]);
      // the events of one import, once: four residents, one building, one flat
      expect(events).toHaveLength(6);
      expect(subjects['shequ.residents.resident.registered']).toBe(4);
      expect(
        events
          .filter((e) => e.subject === 'shequ.residents.resident.registered')
          .map((e) => e.data.residentId)
          .sort(),
      ).toEqual(residents.map((r) => r.id).sort());
      await expectRollupAsRebuilt(service);

      // re-importing changes nothing
      const again = await service.graphql(IMPORT, { input: { format: 'CSV', content: [HEADER, ...rows].join('\n') } });
      expect(again.data.importResidents).toMatchObject({ unchanged: 4 });
    });

    it('the offline import (chunks overlapping on two connections): the aborted chunk runs again, the next after it', async () => {
      const [h1, h2] = ['household-1-1', 'household-1-2'];
      const rows = [
        `${id('1951-02-01', 821)},钟一,,,莲秀里2号楼,1,101,,HEAD,`, // chunk 1: head of H1
        `${id('1952-02-01', 822)},钟二,,,莲秀里2号楼,1,201,,HEAD,`, // head of H2
        `${id('1953-02-01', 823)},钟三,,,莲秀里2号楼,1,101,,SPOUSE,`, // chunk 2: H1
        `${id('1954-02-01', 824)},钟四,,,莲秀里2号楼,3,301,出租,,${id('1951-02-01', 821)}`, // landlord of chunk 1
      ];
      const since = await outboxIds(service);
      const dir = mkdtempSync(join(tmpdir(), 'residents-retry-'));
      try {
        const other = interfere(
          service,
          `select id from household where id = '${h2}' for update`,
          `select id from household where id = '${h1}' for update`,
        );
        await other.holding;
        const report = join(dir, 'report.ndjson');
        const counts = await importFileIntoDatabase(service.orm, {
          format: 'CSV',
          pieces: [[HEADER, ...rows].join('\n')],
          communityId: COMMUNITY,
          reportPath: report,
          today: TODAY,
          chunkSize: 2,
        });
        expect(await other.done).toBe(true);
        expect(counts).toEqual({ total: 4, created: 4, updated: 0, unchanged: 0, rejected: 0 });
        const reported = readFileSync(report, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as ImportRowResult);
        expect(reported.map((r) => [r.row, r.outcome])).toEqual([1, 2, 3, 4].map((row) => [row, 'CREATED']));
        const { em, residents, subjects } = await written(
          service,
          rows.map((r) => r.slice(0, 18)),
          since,
        );
        expect(residents.map((r) => r.name)).toEqual(['钟一', '钟二', '钟三', '钟四']);
        expect(reported.map((r) => r.residentId)).toEqual(residents.map((r) => r.id));
        expect((await em.findOneOrFail(Household, h1)).headResidentId).toBe(residents[0].id);
        expect((await em.findOneOrFail(Household, h2)).headResidentId).toBe(residents[1].id);
        expect(residents[2].household?.id).toBe(h1);
        const rented = await em.find(Household, { address: '莲秀里2号楼3单元301室' });
        expect(rented.map((h) => [h.id, h.landlordResidentId])).toEqual([
          [residents[3].household?.id, residents[0].id],
        ]);
        expect(subjects).toEqual({
          'shequ.residents.resident.registered': 4,
          'shequ.residents.household.registered': 1,
        });
        await expectRollupAsRebuilt(service);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('the address register import too: its transaction aborted as a deadlock is run again, every row created once', async () => {
      const IMPORT_ADDRESSES = `mutation($input: ImportAddressRegisterInput!) { importAddressRegister(input: $input) {
        total created unchanged rejected results { row outcome buildingId householdId field reason } } }`;
      const content = [
        '网格编码,楼栋,单元,室',
        `${COMMUNITY}-01,卫家楼,1,101`, // a new building in grid-a (its insert checks grid-a: KEY SHARE) and flat
        `,香秀里1号楼,7,701`, // a new flat in building-0 (its insert checks building-0)
      ].join('\n');
      const since = await outboxIds(service);
      // the other transaction holds building-0 and, once the import (holding its key share of grid-a) waits for it,
      // asks for grid-a
      const other = interfere(
        service,
        `select id from building where id = 'building-0' for update`,
        `select id from grid where id = 'grid-a' for update`,
      );
      await other.holding;
      const result = await service.graphql(IMPORT_ADDRESSES, { input: { format: 'CSV', content } });
      expect(await other.done).toBe(true);
      expect(result.errors).toBeUndefined();
      const payload = result.data.importAddressRegister;
      expect(payload).toMatchObject({ total: 2, created: 2, unchanged: 0, rejected: 0 });
      const em = service.orm.em.fork();
      const buildings = await em.find(Building, { name: '卫家楼' });
      expect(buildings.map((b) => b.id)).toEqual([payload.results[0].buildingId]);
      const flats = await em.find(Household, { address: '香秀里1号楼7单元701室' });
      expect(flats.map((h) => [h.id, h.building.id])).toEqual([[payload.results[1].householdId, 'building-0']]);
      const { events } = await written(service, [], since);
      // once each: the new building, its flat, the new flat in building-0
      const seen = (list: unknown[][]) => list.map((e) => JSON.stringify(e)).sort();
      expect(seen(events.map((e) => [e.subject, e.data.buildingId, e.data.householdId ?? null]))).toEqual(
        seen([
          ['shequ.residents.building.registered', payload.results[0].buildingId, null],
          ['shequ.residents.household.registered', payload.results[0].buildingId, payload.results[0].householdId],
          ['shequ.residents.household.registered', 'building-0', payload.results[1].householdId],
        ]),
      );
      const again = await service.graphql(IMPORT_ADDRESSES, { input: { format: 'CSV', content } });
      expect(again.data.importAddressRegister).toMatchObject({ created: 0, unchanged: 2 });
    });
  },
);

describe.each(testDialects())('an import chunk aborted as a concurrency failure on %s', (dialect) => {
  let service: TestSubgraph;

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, { dialect, clock: new ManualClock(TODAY) });
    await placesFixture(service.orm.em.fork());
  });
  afterAll(() => service?.stop());

  const outbox = new Outbox('residents');
  const meta = { communityId: COMMUNITY, actor: SYSTEM_ACTOR, correlationId: 'retry-test' };
  /**
   * The import with chunks of two rows, the next prepared while the one before is written (`overlap`); the runs of
   * a chunk's transaction numbered by `fail` (0 loads the grids) end with its error instead of a commit, after the
   * chunk's work ran (the chunk after it has then taken its rows).
   */
  const importWith = async (lines: string[], fail: (call: number) => Error | null) => {
    let calls = 0;
    const reported: ImportRowResult[] = [];
    const counts = await importResidentStream(readImportStream('CSV', [[HEADER, ...lines].join('\n')]), {
      communityId: COMMUNITY,
      today: TODAY,
      chunkSize: 2,
      overlap: true,
      onRows: (results) => void reported.push(...results),
      runChunk: (work) => {
        const call = calls++;
        return service.orm.em.fork().transactional(async (em) => {
          const result = await work({ em, events: new BatchedEvents(outbox, meta) });
          // slow commits: the next chunk is sure to build meanwhile
          await new Promise((resolve) => setTimeout(resolve, 30));
          const error = fail(call);
          if (error) throw error;
          return result;
        });
      },
    });
    return { counts, reported, calls };
  };
  const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

  it('runs the chunk again, alone and from clean state, and builds the chunk after it again if it took its rows', async () => {
    const lines = [
      `${id('1960-05-01', 901)},冯一,,${COMMUNITY}-02,冯家楼,1,101,,HEAD,`, // chunk 1: a new building and flat
      `${id('1961-05-01', 902)},冯二,,,冯家楼,1,101,,SPOUSE,`,
      `${id('1962-05-01', 903)},冯三,,,冯家楼,1,101,,CHILD,`, // chunk 2: the flat chunk 1 made
      `${id('1963-05-01', 904)},冯四,,,冯家楼,1,102,出租,,${id('1960-05-01', 901)}`, // landlord made by chunk 1
      `${id('1964-05-01', 905)},冯五,,,冯家楼,1,102,,OTHER,`, // chunk 3
    ];
    const since = await outboxIds(service);
    // chunk 1's first run (call 1) aborted once it is built; its second run the same
    const aborted = [1, 3];
    let failedRuns = 0;
    const { counts, reported, calls } = await importWith(lines, (call) => {
      if (!aborted.includes(call)) return null;
      failedRuns += 1;
      return deadlock();
    });
    expect(failedRuns).toBe(2);
    // 0 the grids; 1 chunk 1, aborted; 2 chunk 2, which took chunk 1's rows, ends; 3 chunk 1 again, aborted; 4 chunk 1
    // again; 5 chunk 2 again, alone; 6 chunk 3
    expect(calls).toBe(7);
    expect(counts).toEqual({ total: 5, created: 5, updated: 0, unchanged: 0, rejected: 0 });
    expect(reported.map((r) => [r.row, r.outcome])).toEqual([1, 2, 3, 4, 5].map((row) => [row, 'CREATED']));
    const { em, residents, events, subjects } = await written(
      service,
      lines.map((l) => l.slice(0, 18)),
      since,
    );
    expect(residents.map((r) => r.name)).toEqual(['冯一', '冯二', '冯三', '冯四', '冯五']);
    expect(reported.map((r) => r.residentId)).toEqual(residents.map((r) => r.id));
    const buildings = await em.find(Building, { name: '冯家楼' });
    expect(buildings).toHaveLength(1);
    const [own, rented] = await Promise.all(
      ['冯家楼1单元101室', '冯家楼1单元102室'].map((address) => em.find(Household, { address })),
    );
    expect([own.length, rented.length]).toEqual([1, 1]);
    expect(own[0].building.id).toBe(buildings[0].id);
    expect(own[0].headResidentId).toBe(residents[0].id);
    expect(rented[0]).toMatchObject({ housing: 'RENTED', landlordResidentId: residents[0].id });
    expect(residents.map((r) => r.household?.id)).toEqual([
      own[0].id,
      own[0].id,
      own[0].id,
      rented[0].id,
      rented[0].id,
    ]);
    // one of each: five residents, the building, two flats
    expect(events).toHaveLength(8);
    expect(subjects['shequ.residents.resident.registered']).toBe(5);
    await expectRollupAsRebuilt(service);
    // re-importing changes nothing
    expect((await importWith(lines, () => null)).counts).toMatchObject({ unchanged: 5 });
  });

  it('stops after a bounded number of runs with the last failure; any other failure is not run again', async () => {
    const lines = [
      `${id('1965-06-01', 911)},韩一,,,香秀里1号楼,1,101,,OTHER,`,
      `${id('1966-06-01', 912)},韩二,,,香秀里1号楼,1,101,,OTHER,`,
    ];
    let runs = 0;
    await expect(
      importWith(lines, (call) => (call === 0 ? null : Object.assign(deadlock(), { message: `deadlock ${++runs}` }))),
    ).rejects.toThrow(`deadlock ${CONCURRENCY_RETRIES + 1}`);
    expect(runs).toBe(CONCURRENCY_RETRIES + 1);
    // with a chunk after it (which took its rows each time): the same last failure, the chunk after not run again
    runs = 0;
    const started = Date.now();
    await expect(
      importWith([...lines, `${id('1967-06-01', 913)},韩三,,,香秀里1号楼,1,101,,OTHER,`], (call) =>
        call === 0 ? null : Object.assign(deadlock(), { message: `deadlock ${++runs}` }),
      ),
    ).rejects.toThrow(`deadlock ${CONCURRENCY_RETRIES + 1}`);
    expect(runs).toBe(CONCURRENCY_RETRIES + 1);
    expect(Date.now() - started).toBeLessThan(10_000);

    runs = 0;
    await expect(
      importWith(lines, (call) => {
        if (call === 0) return null;
        runs += 1;
        return new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(runs).toBe(1);
    expect(await service.orm.em.fork().count(Resident, { name: { $in: ['韩一', '韩二'] } })).toBe(0);
  });
});
