import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { composeResidentIdNumber, SYSTEM_ACTOR } from '@shequ/contracts';
import { rebuildRollup, SqliteWriteWorker } from '@shequ/database';
import { BatchedEvents, Outbox, OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import {
  importResidentStream,
  readImportStream,
  type ImportCounts,
  type ImportRowResult,
} from '../src/application/import-residents.js';
import { residentRollup } from '../src/application/statistics-rollup.js';
import { importFileIntoDatabase } from '../src/cli/offline-import.js';
import { Building, Grid, Household, Resident } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { COMMUNITY, placesFixture, residentIn } from './fixtures.js';

const id = (birth: string, seq: number) => composeResidentIdNumber('350203', birth, seq);
const HEADER = 'idNumber,name,phone,gridCode,building,unit,room,housing,relationToHead,landlordIdNumber';
const TODAY = new Date('2026-11-30T08:00:00Z');

/** Ten rows, read in chunks of four: 1–4 | 5–8 | 9–10. */
const ROWS = [
  `${id('1980-01-01', 101)},陈一,13800000101,,香秀里1号楼,5,501,,HEAD,`, // 1 created
  `${id('1981-01-01', 102)},陈二,13800000102,,香秀里1号楼,5,501,,SPOUSE,`, // 2 created, same new flat
  `${id('1982-01-01', 103)},陈三,12345,,香秀里1号楼,5,502,,,`, // 3 bad phone, middle of chunk 1
  `${id('1983-01-01', 104)},陈四,,350203008006-02,嘉莲里7号楼,1,101,,HEAD,`, // 4 created, new building
  `${id('1984-01-01', 105)},陈五,,,香秀里1号楼,5,503,出租,,${id('1980-01-01', 101)}`, // 5 rented, landlord from chunk 1
  `${id('1980-01-01', 101)},陈一,13800000101,,香秀里1号楼,5,501,,HEAD,`, // 6 duplicate of row 1, other chunk
  `${id('1948-03-08', 2)},林秀英,13911112222,,香秀里1号楼,1,101,,HEAD,`, // 7 existing: phone added
  `${id('1975-06-01', 3)},林建国,,,香秀里1号楼,1,101,,OTHER,`, // 8 existing, unchanged
  `${id('1985-01-01', 106)},陈六,,,香秀里1号楼,5,504,出租,,${id('1999-09-09', 999)}`, // 9 unknown landlord
  `${id('1986-01-01', 107)},"陈七",,,莲秀里2号楼,2,201,,HEAD,`, // 10 created
];
const FILE = [HEADER, ...ROWS].join('\r\n') + '\r\n';

/** The file in 5-byte pieces: every Chinese character (3 bytes in UTF-8) and many rows are cut in two. */
const pieces = (text: string, size = 5) => {
  const bytes = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
};

describe('reading an import file as a stream', () => {
  it('yields the records of each piece read as one batch (one async turn a piece, not one a row), in row order', async () => {
    const text = [HEADER, ...ROWS].join('\n') + '\n';
    const cut = text.indexOf('\n', text.indexOf(ROWS[4])) + 1; // pieces: header + rows 1–5 | rows 6–10
    const batches: number[][] = [];
    for await (const batch of readImportStream('CSV', [text.slice(0, cut), text.slice(cut)]))
      batches.push(batch.map((r) => r.row));
    expect(batches).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
    ]);
  });
});

describe.each(testDialects())('streaming district import on %s', (dialect) => {
  let service: TestSubgraph;
  let dir: string;

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, { dialect, clock: new ManualClock(TODAY) });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    residentIn(em, households[0], '林秀英', '1948-03-08', 2);
    residentIn(em, households[0], '林建国', '1975-06-01', 3);
    await em.flush();
    dir = mkdtempSync(join(tmpdir(), 'residents-import-'));
  });
  afterAll(async () => {
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const outbox = () => service.orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } });
  const run = async (reportPath: string, text = FILE, format: 'CSV' | 'JSON' | 'NDJSON' = 'CSV') => {
    const progress: ImportCounts[] = [];
    const counts = await importFileIntoDatabase(service.orm, {
      format,
      pieces: pieces(text),
      communityId: COMMUNITY,
      reportPath,
      today: TODAY,
      chunkSize: 4,
      onProgress: (c) => progress.push({ ...c }),
    });
    return { counts, progress };
  };
  const ndjson = (path: string) =>
    readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ImportRowResult);

  it('imports chunk by chunk: a bad row is refused with its field while the rest of its chunk goes in, a duplicate in a later chunk is refused, every row reported', async () => {
    const before = (await outbox()).length;
    const report = join(dir, 'first.ndjson');
    const { counts, progress } = await run(report);
    expect(counts).toEqual({ total: 10, created: 5, updated: 1, unchanged: 1, rejected: 3 });
    expect(progress.map((p) => p.total)).toEqual([4, 8, 10]);
    const rows = ndjson(report);
    expect(rows.map((r) => [r.row, r.outcome, r.field])).toEqual([
      [1, 'CREATED', null],
      [2, 'CREATED', null],
      [3, 'REJECTED', 'phone'],
      [4, 'CREATED', null],
      [5, 'CREATED', null],
      [6, 'REJECTED', 'idNumber'],
      [7, 'UPDATED', null],
      [8, 'UNCHANGED', null],
      [9, 'REJECTED', 'landlordIdNumber'],
      [10, 'CREATED', null],
    ]);
    expect(rows[5].reason).toMatch(/第 1 行/);
    expect(rows[6].residentId).toBe('resident-2');

    const em = service.orm.em.fork();
    const first = await em.findOneOrFail(Resident, { idNumber: id('1980-01-01', 101) }, { populate: ['household'] });
    expect(first).toMatchObject({ name: '陈一', phone: '13800000101', gender: 'MALE', movedInOn: '2026-11-30' });
    expect(first.household!.getEntity()).toMatchObject({
      address: '香秀里1号楼5单元501室',
      headResidentId: first.id,
    });
    const tenant = await em.findOneOrFail(Resident, { idNumber: id('1984-01-01', 105) }, { populate: ['household'] });
    expect(tenant.household!.getEntity()).toMatchObject({ housing: 'RENTED', landlordResidentId: first.id });
    expect(await em.count(Resident, { idNumber: id('1980-01-01', 101) })).toBe(1);
    expect((await em.findOneOrFail(Resident, 'resident-2')).phone).toBe('13911112222');

    // Events: 5 registered + 1 updated + the new building + 4 new flats (rows 1–2 share one), versions counted per record.
    const written = (await outbox()).slice(before).map((m) => JSON.parse(m.payload) as Record<string, any>);
    const bySubject = (s: string) => written.filter((e) => e.subject === s);
    expect(bySubject('shequ.residents.resident.registered')).toHaveLength(5);
    expect(bySubject('shequ.residents.resident.updated').map((e) => e.data)).toEqual([
      expect.objectContaining({ residentId: 'resident-2', changedFields: expect.arrayContaining(['phone']) }),
    ]);
    expect(bySubject('shequ.residents.building.registered')).toHaveLength(1);
    expect(bySubject('shequ.residents.household.registered')).toHaveLength(4);
    expect(written.every((e) => e.aggregateVersion >= 1)).toBe(true);
    const registered = bySubject('shequ.residents.resident.registered').find((e) => e.data.residentId === first.id)!;
    expect(registered.aggregateVersion).toBe(1);
    // No personal data in events.
    const payloads = JSON.stringify(written);
    for (const secret of ['陈一', id('1980-01-01', 101), '13800000101']) expect(payloads).not.toContain(secret);

    // The rollup counts every resident, under its building.
    const members = await service.orm.em
      .fork()
      .getConnection()
      .execute(
        `select m.member_id, m.building_id, h.building_id as actual from resident_rollup_member m
         join resident r on r.id = m.member_id left join household h on h.id = r.household_id`,
      );
    expect(members).toHaveLength(await em.count(Resident, {}));
    for (const m of members as Array<{ building_id: string; actual: string | null }>)
      expect(m.building_id).toBe(m.actual ?? '');
    // ... and its group counts (the rollup and its two coarser tables, counted from the new rows' keys in memory)
    // are exactly what a rebuild from the base tables gives.
    await expectRollupAsRebuilt(service.orm);
  });

  it('a second import of the same file reports every accepted row UNCHANGED, writes nothing and publishes nothing', async () => {
    const before = [(await outbox()).length, await service.orm.em.fork().count(Household, {})];
    const report = join(dir, 'again.csv');
    const { counts } = await run(report);
    expect(counts).toEqual({ total: 10, created: 0, updated: 0, unchanged: 7, rejected: 3 });
    expect([(await outbox()).length, await service.orm.em.fork().count(Household, {})]).toEqual(before);
    const lines = readFileSync(report, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('row,outcome,residentId,field,reason');
    expect(lines).toHaveLength(11);
    expect(lines[3]).toMatch(/^3,REJECTED,,phone,/);
  });

  it('reads a JSON array and NDJSON as streams, in pieces', async () => {
    const objects = [
      { idNumber: id('1990-02-02', 201), name: '江一', building: '莲秀里2号楼', unit: 3, room: 301 },
      'not a row',
      {
        note: 'a "[quoted]" {x}, y\\',
        idNumber: id('1991-02-02', 202),
        name: '江二',
        building: '莲秀里2号楼',
        unit: 3,
        room: 302,
      },
    ];
    const report = join(dir, 'json.ndjson');
    const { counts } = await run(report, JSON.stringify(objects, null, 1), 'JSON');
    expect(counts).toMatchObject({ total: 3, created: 2, rejected: 1 });
    expect(ndjson(report).map((r) => [r.row, r.outcome, r.reason])).toEqual([
      [1, 'CREATED', null],
      [2, 'REJECTED', '该行不是对象'],
      [3, 'CREATED', null],
    ]);
    const fresh = { idNumber: id('1992-02-02', 203), name: '江三', building: '莲秀里2号楼', unit: 3, room: 303 };
    const lines = [objects[0], fresh].map((o) => JSON.stringify(o)).join('\r\n');
    const again = await run(join(dir, 'lines.ndjson'), lines, 'NDJSON');
    expect(again.counts).toMatchObject({ total: 2, created: 1, unchanged: 1 });
  });

  it('an unreadable file is refused as a whole before anything is written', async () => {
    const before = (await outbox()).length;
    await expect(run(join(dir, 'bad.ndjson'), 'name,phone\n王五,13800000000\n')).rejects.toMatchObject({
      field: 'content',
    });
    await expect(run(join(dir, 'bad2.ndjson'), '{"idNumber": 1}', 'JSON')).rejects.toThrow(/对象数组/);
    expect((await outbox()).length).toBe(before);
  });

  it('one chunk with a duplicate and bad rows: nothing of a bad row is written, every row named in the report', async () => {
    const em = service.orm.em.fork();
    const before = [(await outbox()).length, await em.count(Resident, {}), await em.count(Household, {})];
    const good = id('1970-05-05', 301);
    const wrongCheck = id('1971-05-05', 302).slice(0, 17) + (id('1971-05-05', 302).endsWith('0') ? '1' : '0');
    const rows = [
      `${good},欧阳小明,,,莲秀里2号楼,6,601,,HEAD,`, // 1 created, no phone nor grid (NULLs)
      `${good},欧阳小明,,,莲秀里2号楼,6,601,,HEAD,`, // 2 duplicate of row 1 in the same chunk
      `${wrongCheck},司马光,,,莲秀里2号楼,6,602,,,`, // 3 bad ID number
      `${id('1972-05-05', 303)},诸葛亮,,,莲秀里2号楼,6,603,出租,,${id('1999-09-09', 998)}`, // 4 unknown landlord
      `${id('1973-05-05', 304)},上官婉儿,,,嘉莲里99号楼,1,101,,HEAD,`, // 5 new building without a grid code
      `${id('1974-05-05', 305)},"慕容复",,,莲秀里2号楼,6,604,出租,,${good}`, // 6 landlord from row 1, same chunk
    ];
    const report = join(dir, 'one-chunk.ndjson');
    const counts = await importFileIntoDatabase(service.orm, {
      format: 'CSV',
      pieces: pieces([HEADER, ...rows].join('\n')),
      communityId: COMMUNITY,
      reportPath: report,
      today: TODAY,
    });
    expect(counts).toEqual({ total: 6, created: 2, updated: 0, unchanged: 0, rejected: 4 });
    expect(ndjson(report).map((r) => [r.row, r.outcome, r.field])).toEqual([
      [1, 'CREATED', null],
      [2, 'REJECTED', 'idNumber'],
      [3, 'REJECTED', 'idNumber'],
      [4, 'REJECTED', 'landlordIdNumber'],
      [5, 'REJECTED', 'gridCode'],
      [6, 'CREATED', null],
    ]);
    const fresh = service.orm.em.fork();
    expect(await fresh.count(Resident, {})).toBe(before[1] + 2);
    // the bad rows left no resident, flat or building behind
    expect(
      await fresh.count(Resident, { idNumber: { $in: [wrongCheck, id('1972-05-05', 303), id('1973-05-05', 304)] } }),
    ).toBe(0);
    expect(await fresh.count(Household, { address: { $in: ['莲秀里2号楼6单元602室', '莲秀里2号楼6单元603室'] } })).toBe(
      0,
    );
    expect(await fresh.count(Household, {})).toBe(before[2] + 2);
    const owner = await fresh.findOneOrFail(Resident, { idNumber: good }, { populate: ['household'] });
    expect(owner).toMatchObject({ name: '欧阳小明', phone: null });
    const tenant = await fresh.findOneOrFail(
      Resident,
      { idNumber: id('1974-05-05', 305) },
      { populate: ['household'] },
    );
    expect(tenant.name).toBe('慕容复');
    expect(tenant.household!.getEntity()).toMatchObject({
      address: '莲秀里2号楼6单元604室',
      landlordResidentId: owner.id,
    });
    // two residents and their two new flats announced, each the first event of its record
    const written = (await outbox()).slice(before[0]).map((m) => JSON.parse(m.payload) as Record<string, any>);
    expect(written.map((e) => [e.type, e.aggregateVersion]).sort()).toEqual([
      ['household.registered', 1],
      ['household.registered', 1],
      ['resident.registered', 1],
      ['resident.registered', 1],
    ]);
  });

  it('importResidents over 10,000 rows answers counts, the first 10,000 results and the report file of every row', async () => {
    const rows = Array.from(
      { length: 10_005 },
      (_, i) => `${bigId(i)},居民${'甲乙丙丁戊'[i % 5]},,,莲秀里2号楼,8,${i + 1}`,
    );
    rows[10_002] = `${bigId(10_002)},居民,12345,,莲秀里2号楼,8,1`; // bad phone, after the answer's 10,000
    const content = ['idNumber,name,phone,gridCode,building,unit,room', ...rows].join('\n');
    const result = await service.graphql(
      `mutation($input: ImportResidentsInput!) { importResidents(input: $input) { total created rejected reportFile results { row outcome } } }`,
      { input: { format: 'CSV', content } },
    );
    expect(result.errors).toBeUndefined();
    const payload = result.data.importResidents;
    expect(payload).toMatchObject({ total: 10_005, created: 10_004, rejected: 1 });
    expect(payload.results).toHaveLength(10_000);
    expect(payload.results[9_999]).toEqual({ row: 10_000, outcome: 'CREATED' });
    const report = ndjson(payload.reportFile);
    expect(report).toHaveLength(10_005);
    expect(report[10_002]).toMatchObject({ row: 10_003, outcome: 'REJECTED', field: 'phone' });
    rmSync(payload.reportFile);
  });

  it('importResidents refuses JSON broken after its first chunk as a whole, writing nothing', async () => {
    const before = [(await outbox()).length, await service.orm.em.fork().count(Resident, {})];
    const objects = Array.from({ length: 1_500 }, (_, i) =>
      JSON.stringify({ idNumber: bigId(20_000 + i), name: '江水', building: '莲秀里2号楼', unit: 9, room: i + 1 }),
    );
    const content = `[${objects.join(',')}, {"idNumber": ]`;
    const result = await service.graphql(
      `mutation($input: ImportResidentsInput!) { importResidents(input: $input) { total } }`,
      { input: { format: 'JSON', content } },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    expect([(await outbox()).length, await service.orm.em.fork().count(Resident, {})]).toEqual(before);
  });

  it('overlap: the next chunk is prepared while the one before is written; flats and landlords of the chunk before are found, commits and outcomes stay in order, a failed chunk stops the next', async () => {
    const rows = [
      `${id('1960-02-01', 401)},何一,,,香秀里1号楼,8,801,,HEAD,`, // chunk 1: new flat X, its head
      `${id('1961-02-01', 402)},何二,,,香秀里1号楼,8,801,,SPOUSE,`,
      `${id('1962-02-01', 403)},何三,,,香秀里1号楼,8,801,,CHILD,`, // chunk 2: flat X of the chunk before
      `${id('1963-02-01', 404)},何四,,,香秀里1号楼,8,802,出租,,${id('1960-02-01', 401)}`, // landlord of chunk 1
      `${id('1964-02-01', 405)},何五,,,香秀里1号楼,8,803,,OTHER,`, // chunk 3: new flat Z, no head yet
      `${id('1965-02-01', 406)},何六,,,莲秀里2号楼,8,801,,HEAD,`,
      `${id('1966-02-01', 407)},何七,,,香秀里1号楼,8,803,,HEAD,`, // chunk 4: head of flat Z (chunk before)
      `${id('1967-02-01', 408)},何八,,,香秀里1号楼,8,803,,OTHER,`,
    ];
    const outboxOf = new Outbox('residents');
    const meta = { communityId: COMMUNITY, actor: SYSTEM_ACTOR, correlationId: 'overlap-test' };
    const importWith = async (lines: string[], failChunk?: number) => {
      let active = 0;
      let most = 0;
      let calls = 0;
      const reported: number[] = [];
      const counts = await importResidentStream(readImportStream('CSV', [[HEADER, ...lines].join('\n')]), {
        communityId: COMMUNITY,
        today: TODAY,
        chunkSize: 2,
        overlap: true,
        onRows: (results) => void reported.push(...results.map((r) => r.row)),
        runChunk: async (work) => {
          const call = calls++;
          active += 1;
          most = Math.max(most, active);
          try {
            return await service.orm.em.fork().transactional(async (em) => {
              const result = await work({ em, events: new BatchedEvents(outboxOf, meta) });
              // slow commits: the next chunk is sure to start meanwhile
              await new Promise((resolve) => setTimeout(resolve, 30));
              if (call === failChunk) throw new Error('chunk failed');
              return result;
            });
          } finally {
            active -= 1;
          }
        },
      });
      return { counts, most, reported };
    };
    const first = await importWith(rows);
    expect(first.counts).toEqual({ total: 8, created: 8, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.most).toBe(2);
    expect(first.reported).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const em = service.orm.em.fork();
    const people = await em.find(Resident, { idNumber: { $in: rows.map((r) => r.slice(0, 18)) } });
    const byName = new Map(people.map((p) => [p.name, p]));
    const flatX = await em.findOneOrFail(Household, { address: '香秀里1号楼8单元801室' });
    expect(await em.count(Household, { address: '香秀里1号楼8单元801室' })).toBe(1);
    expect(['何一', '何二', '何三'].map((n) => byName.get(n)!.household?.id)).toEqual([flatX.id, flatX.id, flatX.id]);
    expect(flatX.headResidentId).toBe(byName.get('何一')!.id);
    const rented = await em.findOneOrFail(Household, { address: '香秀里1号楼8单元802室' });
    expect(rented.landlordResidentId).toBe(byName.get('何一')!.id);
    const flatZ = await em.findOneOrFail(Household, { address: '香秀里1号楼8单元803室' });
    expect(await em.count(Household, { address: '香秀里1号楼8单元803室' })).toBe(1);
    expect(flatZ.headResidentId).toBe(byName.get('何七')!.id);
    expect(byName.get('何八')!.household?.id).toBe(flatZ.id);
    // the same file again: nothing changes
    const again = await importWith(rows);
    expect(again.counts).toMatchObject({ unchanged: 8 });

    // chunk 2 (call 2: call 0 loads the grids) fails: chunk 1 stays, chunks 3 and 4 write nothing
    const more = rows.map((r, i) => r.replace(r.slice(0, 18), id('1970-03-01', 501 + i)).replace(',8,', ',9,'));
    await expect(importWith(more, 2)).rejects.toThrow('chunk failed');
    const after = await service.orm.em
      .fork()
      .find(Resident, { idNumber: { $in: more.map((r) => r.slice(0, 18)) } }, { orderBy: { name: 'asc' } });
    expect(after.map((p) => p.name).sort()).toEqual(['何一', '何二'].sort());
  });

  it('the offline import on SQLite: chunks that only insert are written by a worker thread while the next is built; a chunk with an update after one is written here once that one is committed; outcomes, places, events and rollup as on one thread', async () => {
    const writes = vi.spyOn(SqliteWriteWorker.prototype, 'write');
    const importRows = (lines: string[], writeAside?: boolean) =>
      importFileIntoDatabase(service.orm, {
        format: 'CSV',
        pieces: [[HEADER, ...lines].join('\n')],
        communityId: COMMUNITY,
        reportPath: join(dir, `aside-${writes.mock.calls.length}.ndjson`),
        today: TODAY,
        chunkSize: 3,
        writeAside,
      });
    const a = [
      `${id('1950-04-01', 601)},苏一,,,香秀里1号楼,12,1201,,HEAD,`,
      `${id('1951-04-01', 602)},苏二,,,香秀里1号楼,12,1201,,SPOUSE,`,
      `${id('1952-04-01', 603)},苏三,,,香秀里1号楼,12,1202,,HEAD,`,
      `${id('1953-04-01', 604)},苏四,,,香秀里1号楼,12,1203,,HEAD,`,
      `${id('1954-04-01', 605)},苏五,,,香秀里1号楼,12,1203,,CHILD,`, // the flat of the chunk before
      `${id('1955-04-01', 606)},苏六,,,香秀里1号楼,12,1204,出租,,${id('1950-04-01', 601)}`, // its landlord
    ];
    expect(await importRows(a)).toMatchObject({ created: 6, rejected: 0 });
    expect(writes).toHaveBeenCalledTimes(dialect === 'sqlite' ? 2 : 0);
    const b = [
      `${id('1960-05-01', 611)},叶一,,350203008006-02,秀华里9号楼,1,101,,HEAD,`, // chunk 1: a new building
      `${id('1961-05-01', 612)},叶二,,,秀华里9号楼,1,101,,SPOUSE,`,
      `${id('1962-05-01', 613)},叶三,,,香秀里1号楼,12,1205,,HEAD,`,
      `${id('1950-04-01', 601)},苏一,13900000601,,香秀里1号楼,12,1201,,HEAD,`, // chunk 2: an update
      `${id('1963-05-01', 614)},叶四,,,秀华里9号楼,1,101,,CHILD,`, // the flat of chunk 1
      `${id('1964-05-01', 615)},叶五,,,秀华里9号楼,1,102,出租,,${id('1960-05-01', 611)}`, // landlord of chunk 1
      `${id('1965-05-01', 616)},叶六,,,秀华里9号楼,1,102,,OTHER,`, // chunk 3: the flat of chunk 2
      `${id('1966-05-01', 617)},叶七,,,香秀里1号楼,12,1205,,OTHER,`,
      `${id('1967-05-01', 618)},叶八,,,香秀里1号楼,12,1206,,HEAD,`,
    ];
    const events = (await outbox()).length;
    expect(await importRows(b)).toEqual({ total: 9, created: 8, updated: 1, unchanged: 0, rejected: 0 });
    // chunks 1 and 3 aside; chunk 2 (an update) here, after chunk 1 committed
    expect(writes).toHaveBeenCalledTimes(dialect === 'sqlite' ? 4 : 0);
    // 8 registered, 1 updated, 4 new flats, 1 new building
    expect((await outbox()).length - events).toBe(14);

    const em = service.orm.em.fork();
    const people = new Map(
      (await em.find(Resident, { idNumber: { $in: [...a, ...b].map((r) => r.slice(0, 18)) } })).map((p) => [p.name, p]),
    );
    const flatOf = (name: string) => people.get(name)!.household!.id;
    const flat = (address: string) => em.findOneOrFail(Household, { address });
    expect(people.get('苏一')!.phone).toBe('13900000601');
    expect(flatOf('苏五')).toBe(flatOf('苏四'));
    expect((await flat('香秀里1号楼12单元1204室')).landlordResidentId).toBe(people.get('苏一')!.id);
    expect((await flat('香秀里1号楼12单元1201室')).headResidentId).toBe(people.get('苏一')!.id);
    const building = await em.find(Building, { name: '秀华里9号楼' });
    const grid = await em.findOneOrFail(Grid, { code: '350203008006-02' });
    expect(building.map((x) => x.grid.id)).toEqual([grid.id]);
    expect(flatOf('叶四')).toBe(flatOf('叶一'));
    expect((await flat('秀华里9号楼1单元101室')).headResidentId).toBe(people.get('叶一')!.id);
    expect((await flat('秀华里9号楼1单元102室')).landlordResidentId).toBe(people.get('叶一')!.id);
    expect(flatOf('叶六')).toBe(flatOf('叶五'));
    expect(flatOf('叶七')).toBe(flatOf('叶三'));
    expect(await em.count(Household, { address: { $like: '秀华里9号楼%' } })).toBe(2);

    // the rollup's groups, counted as the chunks were written, are what a rebuild from the base tables gives
    await expectRollupAsRebuilt(service.orm);

    // again, with and without the worker: every row unchanged, nothing handed to the worker
    expect(await importRows(b)).toMatchObject({ unchanged: 9 });
    expect(await importRows(b, false)).toMatchObject({ unchanged: 9 });
    expect(writes).toHaveBeenCalledTimes(dialect === 'sqlite' ? 4 : 0);
    writes.mockRestore();
    // four imports, each starting a worker thread on SQLite: seconds on a loaded machine
  }, 120_000);

  it('the offline import on SQLite commits 2,000 rows a transaction and checkpoints the WAL less often while it runs (PostgreSQL: 1,000 rows a chunk)', async () => {
    const rows = Array.from(
      { length: 4_500 },
      (_, i) => `${bigId(40_000 + i)},河${'甲乙丙'[i % 3]},,,莲秀里2号楼,10,${i + 1}`,
    );
    const checkpointPages = async () =>
      Number(
        Object.values(
          (
            await service.orm.em.getConnection().execute<Array<Record<string, unknown>>>('pragma wal_autocheckpoint')
          )[0],
        )[0],
      );
    const progress: number[] = [];
    const during: number[] = [];
    // the file in two halves; between them (no chunk in flight on SQLite) the setting the import runs with
    async function* halves() {
      const text = ['idNumber,name,phone,gridCode,building,unit,room', ...rows].join('\n');
      yield text.slice(0, text.length / 2);
      if (dialect === 'sqlite') during.push(await checkpointPages());
      yield text.slice(text.length / 2);
    }
    const counts = await importFileIntoDatabase(service.orm, {
      format: 'CSV',
      pieces: halves(),
      communityId: COMMUNITY,
      reportPath: join(dir, 'transactions.ndjson'),
      today: TODAY,
      onProgress: (c) => progress.push(c.total),
    });
    expect(counts).toMatchObject({ total: 4_500, created: 4_500, rejected: 0 });
    if (dialect === 'sqlite') {
      expect(progress).toEqual([2_000, 4_000, 4_500]);
      expect(during).toEqual([10_000]);
      // back to SQLite's default once the import is done
      expect(await checkpointPages()).toBe(1000);
    } else expect(progress).toEqual([1_000, 2_000, 3_000, 4_000, 4_500]);
  });
});

/** A distinct valid ID number for each i (birth dates over 28 years, 997 sequence numbers a day). */
function bigId(i: number): string {
  const day = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 997) * 86_400_000).toISOString().slice(0, 10);
  return composeResidentIdNumber('350206', day, i % 997);
}

/** The resident rollup's groups (and some of its coarser tables), as kept by the writes, equal a rebuild's from the base tables. */
async function expectRollupAsRebuilt(orm: TestSubgraph['orm']): Promise<void> {
  const groups = async () => {
    const out: string[][] = [];
    for (const table of ['resident_rollup', 'resident_place_rollup', 'resident_count_rollup', 'resident_grid_rollup'])
      out.push(
        (await orm.em.fork().getConnection().execute<Array<Record<string, unknown>>>(`select * from ${table}`))
          .map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, String(v)])))
          .sort(),
      );
    return out;
  };
  const counted = await groups();
  await orm.em.fork().transactional((tx) => rebuildRollup(tx, residentRollup, tx.getTransactionContext()));
  expect(counted).toEqual(await groups());
}
