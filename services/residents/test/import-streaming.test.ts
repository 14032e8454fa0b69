import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeResidentIdNumber } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import type { ImportCounts, ImportRowResult } from '../src/application/import-residents.js';
import { importFileIntoDatabase } from '../src/cli/offline-import.js';
import { Household, Resident } from '../src/entities/index.js';
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
});

/** A distinct valid ID number for each i (birth dates over 28 years, 997 sequence numbers a day). */
function bigId(i: number): string {
  const day = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 997) * 86_400_000).toISOString().slice(0, 10);
  return composeResidentIdNumber('350206', day, i % 997);
}
