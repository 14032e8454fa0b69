import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { composeResidentIdNumber, type CareCategory } from '@shequ/contracts';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type Caller, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { residentWhere } from '../src/application/resident-query.js';
import { Building, CareRecord, Grid, Household, Resident } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';

/*
 * The resident list as a district sees it (issue 16): every page kind (by grid, name prefix, care category, none),
 * paged with cursors, gives exactly the residents in the caller's rows, and `totalCount` is their number on every
 * page — for the district admin, a community admin, and never a resident of another district.
 */
const TODAY = '2026-12-01';
const COMMUNITIES = ['350203008006', '350203010001', '350206001001']; // the last is in another district
const NAMES = [
  '林秀英',
  '林建国',
  '王芳',
  '李小明',
  '李小红',
  '陈丽',
  '王_伟',
  '林%',
  '黄海',
  '李大山',
  '王强',
  '陈小宝',
];

interface Person {
  id: string;
  community: string;
  grid: string;
  name: string;
  birthDate: string;
  open: CareCategory[];
}

const people: Person[] = COMMUNITIES.flatMap((community, c) =>
  NAMES.map((name, i) => ({
    id: `resident-${c}-${String(i).padStart(2, '0')}`,
    community,
    grid: `grid-${c}-${i % 2}`,
    name,
    birthDate: i % 4 === 0 ? `194${i % 10}-03-08` : `19${70 + i}-06-01`,
    open: [
      ...(i % 3 === 0 ? (['MINIMUM_LIVING_ALLOWANCE'] as const) : []),
      ...(i % 5 === 1 ? (['DISABILITY'] as const) : []),
    ],
  })),
);

const districtAdmin: Caller = { role: 'district_admin', community: '350203' };
const adminOf = (community: string): Caller => ({ role: 'community_admin', community });

const PAGE = `query($filter: ResidentFilter, $after: String) {
  residents(first: 2, after: $after, filter: $filter) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } }
}`;

describe.each(testDialects())('resident list pages on %s', (dialect) => {
  let service: TestSubgraph;

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, {
      dialect,
      clock: new ManualClock(new Date(`${TODAY}T02:00:00Z`)),
      registeredCommunities: COMMUNITIES, // callers of each see their own (a token's community must be registered)
    });
    const em = service.orm.em.fork();
    COMMUNITIES.forEach((communityId, c) => {
      for (const g of [0, 1]) {
        const grid = em.create(Grid, {
          id: `grid-${c}-${g}`,
          communityId,
          code: `${communityId}-0${g + 1}`,
          name: `第${g + 1}网格`,
        });
        const building = em.create(Building, {
          id: `building-${c}-${g}`,
          communityId,
          grid,
          name: `${g + 1}号楼`,
          address: `${g + 1}号`,
        });
        em.create(Household, {
          id: `household-${c}-${g}`,
          communityId,
          building,
          unit: '1单元',
          room: '101室',
          address: `${g + 1}号楼1单元101室`,
        });
      }
    });
    await em.flush();
    people.forEach((p, n) => {
      const resident = em.create(Resident, {
        id: p.id,
        communityId: p.community,
        name: p.name,
        idNumber: composeResidentIdNumber(p.community.slice(0, 6), p.birthDate, n + 1),
        birthDate: p.birthDate,
        household: em.getReference(Household, `household-${p.grid.slice(5)}`),
      });
      for (const category of p.open)
        em.create(CareRecord, {
          id: `care-${n}-${category.slice(0, 4)}`,
          communityId: p.community,
          resident,
          category,
          startedOn: '2025-01-01',
          source: '民政局审批',
        });
      // An ended record of another category matches nothing.
      em.create(CareRecord, {
        id: `care-${n}-ended`,
        communityId: p.community,
        resident,
        category: 'UNEMPLOYED',
        startedOn: '2024-01-01',
        source: '入户走访',
        endedOn: '2025-01-01',
      });
    });
    await em.flush();
  });
  afterAll(() => service?.stop());

  /** Every page of `filter` as `caller`: the ids in order, and each page's totalCount. */
  async function allPages(filter: Record<string, unknown> | null, caller: Caller) {
    const ids: string[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const result: { data?: any; errors?: unknown } = await service.graphql(PAGE, { filter, after }, caller);
      expect(result.errors).toBeUndefined();
      const { edges, totalCount, pageInfo } = result.data.residents;
      ids.push(...edges.map((e: { node: { id: string } }) => e.node.id));
      totals.push(totalCount);
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    return { ids, totals };
  }

  const advancedAge = (p: Person) => p.birthDate <= '1946-12-01';
  const kinds: Array<[string, Record<string, unknown> | null, (p: Person) => boolean]> = [
    ['no filter', null, () => true],
    ['a grid', { gridId: 'grid-1-0' }, (p) => p.grid === 'grid-1-0'],
    ['a name prefix', { namePrefix: '林' }, (p) => p.name.startsWith('林')],
    ['a two-character name prefix', { namePrefix: '李小' }, (p) => p.name.startsWith('李小')],
    // LIKE's wildcards in a prefix are plain characters (SQLite's LIKE has no escape character unless told)
    ['a prefix with _', { namePrefix: '王_' }, (p) => p.name.startsWith('王_')],
    ['a prefix with %', { namePrefix: '林%' }, (p) => p.name.startsWith('林%')],
    ['低保', { careCategory: 'MINIMUM_LIVING_ALLOWANCE' }, (p) => p.open.includes('MINIMUM_LIVING_ALLOWANCE')],
    ['残疾', { careCategory: 'DISABILITY' }, (p) => p.open.includes('DISABILITY')],
    ['an ended category only', { careCategory: 'UNEMPLOYED' }, () => false],
    ['高龄 (from the birth date)', { careCategory: 'ADVANCED_AGE' }, advancedAge],
    [
      '低保 in a grid',
      { careCategory: 'MINIMUM_LIVING_ALLOWANCE', gridId: 'grid-0-0' },
      (p) => p.grid === 'grid-0-0' && p.open.includes('MINIMUM_LIVING_ALLOWANCE'),
    ],
  ];

  it.each(kinds)(
    'pages by %s give exactly the caller’s matches, with totalCount on every page',
    async (_k, filter, match) => {
      for (const [caller, inRows] of [
        [districtAdmin, (p: Person) => p.community.startsWith('350203')],
        [adminOf(COMMUNITIES[1]), (p: Person) => p.community === COMMUNITIES[1]],
      ] as const) {
        const expected = people.filter((p) => inRows(p) && match(p)).map((p) => p.id);
        const { ids, totals } = await allPages(filter, caller);
        expect(ids).toEqual([...expected].sort());
        expect(new Set(totals)).toEqual(new Set([expected.length]));
      }
    },
  );

  it('filters by care category with a subquery (a semi-join), never a list of resident ids', async () => {
    const em = service.orm.em.fork() as SqlEntityManager;
    const where = await residentWhere(
      em,
      { careCategory: 'MINIMUM_LIVING_ALLOWANCE' },
      [{ communityId: { $like: '350203%' } }],
      TODAY,
    );
    const sql = em
      .createQueryBuilder(Resident, 'r0')
      .select('r0.id')
      .where(where as never)
      .getFormattedQuery();
    expect(sql).toMatch(/in \(select [`"]sub[`"]\.[`"]resident_id[`"] from [`"]care_record[`"]/);
    expect(sql).not.toMatch(/resident-\d/);
  });
});
