import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CaseCategories,
  CaseChannels,
  CaseStatuses,
  communityMonth,
  Departments,
  type EvaluationGrade,
} from '@shequ/contracts';
import { ensureRollups, rebuildRollup } from '@shequ/database';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { moveCasesToGrid } from '../src/application/case-grid-updates.js';
import { caseStatistics, caseStatisticsRows } from '../src/application/case-statistics.js';
import { caseStatisticsFromCases } from '../src/application/case-statistics-base.js';
import { caseRollup } from '../src/application/case-statistics-rollup.js';
import { controlCaseStatistics, controlCaseStatisticsRows } from '../src/application/case-statistics-disclosure.js';
import { caseStatisticsKeyer, withCaseStatisticsKeys } from '../src/application/case-statistics-keys.js';
import { caseStatisticsValues } from '../src/application/case-statistics-values.js';
import type { StatisticsGroup } from '../src/domain/statistics.js';
import type { CaseStatisticsDimension } from '../src/domain/vocabularies.js';
import { Case, CaseEvaluation } from '../src/entities/index.js';
import { casesService } from '../src/service.js';

const COMMUNITY = '350203008006';
const OTHER = '350203008007';
const GRADES: EvaluationGrade[] = ['EXCELLENT', 'GOOD', 'FAIR', 'POOR'];
type Row = Record<string, unknown>;
const asDate = (value: unknown) => (value instanceof Date ? value : new Date(Number(value) || String(value)));

const DIMENSIONS: CaseStatisticsDimension[][] = [
  [],
  ['CATEGORY'],
  ['MONTH'],
  ['CATEGORY', 'MONTH'],
  ['GRID', 'STATUS'],
  ['DEPARTMENT', 'CHANNEL', 'MONTH'],
];
const FILTERS = [
  {},
  { openedFrom: new Date('2026-02-28T16:00:00Z'), openedTo: new Date('2026-08-31T16:00:00Z') },
  { openedTo: new Date('2026-05-31T16:00:00Z'), department: 'OFFICE' },
  { channel: 'HOTLINE' },
  // windows off month boundaries: whole months from the rollup, the partial months' days from the members
  { openedFrom: new Date('2026-03-14T16:00:00Z'), openedTo: new Date('2026-06-14T16:00:00Z') },
  {
    openedFrom: new Date('2026-04-10T03:00:00Z'),
    openedTo: new Date('2026-04-20T03:00:00Z'),
    category: 'HOUSING_REPAIR',
  },
  { openedFrom: new Date('2026-05-15T16:00:00Z'), channel: 'HOTLINE' },
  { openedTo: new Date('2026-07-10T00:00:00Z'), department: 'OFFICE' },
  // the members' opening times: a window from a month's local midnight to mid-month, from mid-month to a month's
  // local midnight, one millisecond either side of local midnights, and one inside a single day
  { openedFrom: new Date('2026-02-28T16:00:00Z'), openedTo: new Date('2026-04-17T09:30:00Z') },
  { openedFrom: new Date('2026-01-20T08:00:00Z'), openedTo: new Date('2026-05-31T16:00:00Z') },
  { openedFrom: new Date('2026-03-31T15:59:59.999Z'), openedTo: new Date('2026-06-30T16:00:00.001Z') },
  { openedFrom: new Date('2026-04-30T16:00:00.001Z'), openedTo: new Date('2026-05-31T15:59:59.999Z') },
  { openedFrom: new Date('2026-04-14T16:00:00Z'), openedTo: new Date('2026-04-15T16:00:00Z'), channel: 'HOTLINE' },
];

/** Each dimension's values as the groups have them. */
const valuesOf = (groups: StatisticsGroup[], dimensions: CaseStatisticsDimension[]) =>
  dimensions.map((d) => [...new Set(groups.map((g) => g.key[d] ?? null))]);

describe.each(testDialects())('case statistics rollup on %s', (dialect) => {
  let service: TestSubgraph;
  const sql = (text: string, params: unknown[] = []) => service.orm.em.getConnection().execute<Row[]>(text, params);
  const fresh = () => service.orm.em.fork();

  /** The rollup's groups recounted by hand from the case and evaluation rows (months with the calendar). */
  async function groupedByHand(): Promise<string[]> {
    const cases = await sql(`select * from case_record`);
    const ratings = await sql(
      `select case_id, grade, count(*) as n from case_evaluation where valid = true group by case_id, grade`,
    );
    const groups = new Map<string, number[]>();
    for (const c of cases) {
      const opened = asDate(c.opened_at);
      const resolved = c.resolved_at == null ? null : asDate(c.resolved_at);
      const key = [
        c.community_id,
        c.category,
        c.channel,
        c.status,
        c.grid_id ?? '',
        c.department,
        communityMonth(opened),
      ].join('|');
      const figures = groups.get(key) ?? [0, 0, 0, 0, 0, 0, 0, 0];
      figures[0] += 1;
      if (resolved) {
        figures[1] += 1;
        if (resolved.getTime() <= asDate(c.resolve_due_at).getTime()) figures[2] += 1;
        figures[3] += resolved.getTime() - opened.getTime();
      }
      for (const r of ratings.filter((r) => r.case_id === c.id))
        figures[4 + GRADES.indexOf(r.grade as EvaluationGrade)] += Number(r.n);
      groups.set(key, figures);
    }
    return [...groups].map(([key, figures]) => `${key}|${figures.join('|')}`).sort();
  }

  const rollupRows = async () =>
    (await sql(`select * from case_rollup where n <> 0`))
      .map((r) =>
        [
          ...caseRollup.keyColumns.map((c) => String(r[c])),
          ...['n', ...caseRollup.measureColumns!].map((c) => String(Number(r[c]))),
        ].join('|'),
      )
      .sort();

  /** Every case is a member of the rollup carrying its opening time (what a window's partial months are read by). */
  async function expectMembersOpenedAsCases() {
    const rows = await sql(
      `select c."opened_at" as "case_at", m."opened_at" as "member_at" from "case_record" c
       left join "case_rollup_member" m on m."member_id" = c."id"`,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(row.member_at).not.toBeNull();
      expect(asDate(row.member_at).getTime()).toBe(asDate(row.case_at).getTime());
    }
  }

  /** The coarser table (no grid) equals the rollup's groups summed without the grid. */
  async function expectAreaRollupEqualsRollup() {
    const measures = ['n', ...caseRollup.measureColumns!];
    const area = caseRollup.coarser![0];
    const summed = new Map<string, number[]>();
    for (const r of await sql(`select * from case_rollup`)) {
      const key = area.keyColumns.map((c) => String(r[c])).join('|');
      const sums = summed.get(key) ?? measures.map(() => 0);
      measures.forEach((m, i) => (sums[i] += Number(r[m])));
      summed.set(key, sums);
    }
    const expected = [...summed]
      .filter(([, sums]) => sums.some((n) => n !== 0))
      .map(([key, sums]) => `${key}|${sums.join('|')}`)
      .sort();
    const actual = (await sql(`select * from case_area_rollup`))
      .filter((r) => measures.some((m) => Number(r[m]) !== 0))
      .map((r) => [...area.keyColumns.map((c) => String(r[c])), ...measures.map((m) => String(Number(r[m])))].join('|'))
      .sort();
    expect(actual).toEqual(expected);
    expect(actual.length).toBeGreaterThan(0);
  }

  async function expectSameAsFromCases(scopes: Array<Array<Record<string, unknown>>>) {
    let compared = 0;
    for (const scope of scopes)
      for (const groupBy of DIMENSIONS)
        for (const filter of FILTERS) {
          const expected = await caseStatisticsFromCases(fresh(), scope, groupBy, filter);
          expect(await caseStatistics(fresh(), scope, groupBy, filter)).toEqual(expected);
          compared += expected.length;
        }
    return compared;
  }

  beforeAll(async () => {
    service = await startTestSubgraph(casesService, { dialect, seed: true, registeredCommunities: [COMMUNITY, OTHER] });
  });
  afterAll(() => service?.stop());

  it('counts the demo cases as the base tables do, and answers as the former grouped query over the cases', async () => {
    const byHand = await groupedByHand();
    expect(byHand.length).toBeGreaterThan(20);
    expect(await rollupRows()).toEqual(byHand);
    await expectMembersOpenedAsCases();
    await expectAreaRollupEqualsRollup();
    expect(await expectSameAsFromCases([[{ communityId: COMMUNITY }]])).toBeGreaterThan(100);
  });

  it('gives every group its keys in the order of groupBy, with Chinese labels, in the natural order', async () => {
    const query = `query($groupBy: [CaseStatisticsDimension!]!) {
      caseStatistics(groupBy: $groupBy) { keys { dimension value label } category gridId month count suppressed } }`;
    const grids = new Map(
      (await sql(`select grid_id, name from grid_projection`)).map((r) => [String(r.grid_id), String(r.name)]),
    );
    const categories = CaseCategories.codes as readonly string[];
    for (const caller of [{}, { role: 'analyst' as const }]) {
      const result = await service.graphql(query, { groupBy: ['MONTH', 'GRID', 'CATEGORY'] }, caller);
      expect(result.errors).toBeUndefined();
      const groups = result.data.caseStatistics as Row[];
      expect(groups.length).toBeGreaterThan(10);
      const keys = groups.map((g) => g.keys as Array<{ dimension: string; value: string; label: string }>);
      for (const [i, [month, grid, category]] of keys.entries()) {
        expect([month.dimension, grid.dimension, category.dimension]).toEqual(['MONTH', 'GRID', 'CATEGORY']);
        expect(month.label).toBe(`${month.value.slice(0, 4)}年${Number(month.value.slice(5))}月`);
        expect(grid.label).toBe(grid.value === 'UNKNOWN' ? '未知' : grids.get(grid.value));
        expect(category.label).toBe(CaseCategories.labels[category.value as keyof typeof CaseCategories.labels]);
        // the former columns say the same
        expect([groups[i].month, groups[i].gridId ?? 'UNKNOWN', groups[i].category]).toEqual([
          month.value,
          grid.value,
          category.value,
        ]);
      }
      // months chronologically, then grids by name (Chinese collation, unknown last), then categories as declared
      const collator = new Intl.Collator('zh-Hans-CN', { numeric: true, sensitivity: 'base' });
      for (let i = 1; i < keys.length; i++) {
        const [a, b] = [keys[i - 1], keys[i]];
        const order =
          a[0].value.localeCompare(b[0].value) ||
          Number(a[1].value === 'UNKNOWN') - Number(b[1].value === 'UNKNOWN') ||
          collator.compare(a[1].label, b[1].label) ||
          categories.indexOf(a[2].value) - categories.indexOf(b[2].value);
        expect(order, JSON.stringify([a, b])).toBeLessThan(0);
      }
    }
  });

  it('answers caseStatistics with the JSON graphql-js gives (plain answers), for every caller, selection and window', async () => {
    const query = `query($groupBy: [CaseStatisticsDimension!]!, $filter: CaseStatisticsFilter, $labels: Boolean!) {
      ROOT(groupBy: $groupBy, filter: $filter) {
        __typename keys { dimension value label @include(if: $labels) } ...Columns
        rate: onTimeRate averageResolutionHours ratings { excellent good fair poor } suppressed
      } }
      fragment Columns on CaseStatisticsGroup { category channel status gridId department month count resolved }`;
    const window = { openedFrom: '2026-01-14T16:00:00Z', openedTo: '2026-03-20T16:00:00Z' };
    for (const caller of [{}, { role: 'analyst' as const }, { role: 'analyst' as const, community: '350203008' }])
      for (const [groupBy, filter] of [
        [['GRID', 'MONTH', 'CATEGORY'], null],
        [['CHANNEL', 'STATUS', 'DEPARTMENT'], window],
        [[], window],
      ] as const) {
        const variables = { groupBy, filter, labels: groupBy.length > 0 };
        // the plain path answers a lone caseStatistics (counted); beside another root field graphql-js answers it
        const before = service.plainAnswers.of('caseStatistics');
        const plain = await service.graphql(query.replace('ROOT', 'caseStatistics'), variables, caller);
        expect(service.plainAnswers.of('caseStatistics'), JSON.stringify([caller, groupBy])).toBe(before + 1);
        const executed = await service.graphql(
          query.replace('ROOT', 'caseStatistics').replace('{\n      caseStatistics', '{ __typename caseStatistics'),
          variables,
          caller,
        );
        expect(service.plainAnswers.of('caseStatistics')).toBe(before + 1);
        expect(plain.errors).toBeUndefined();
        expect(executed.data.__typename).toBe('Query');
        expect((plain.data.caseStatistics as Row[]).length).toBeGreaterThan(0);
        expect(JSON.stringify(plain.data.caseStatistics)).toBe(JSON.stringify(executed.data.caseStatistics));
      }
    // the comparison above holds with the plain path off too: the field is declared for it
    expect(casesService.plainAnswers).toContain('caseStatistics');
  });

  it('builds an analyst’s controlled table straight from the rollup’s rows exactly as from its groups', async () => {
    let compared = 0;
    for (const scope of [[{ communityId: COMMUNITY }], [{ communityId: { $like: '350203008%' } }]])
      for (const groupBy of [
        ...DIMENSIONS,
        ['GRID', 'MONTH'],
        ['MONTH', 'GRID', 'CATEGORY'],
      ] as CaseStatisticsDimension[][])
        for (const filter of FILTERS) {
          if (!groupBy.length) continue;
          const rows = await caseStatisticsRows(fresh(), scope, groupBy, filter);
          const groups = await caseStatistics(fresh(), scope, groupBy, filter);
          // a value listed that nobody is counted in (zero cells), beside those counted
          const values = valuesOf(groups, groupBy).map((v, i) => [
            ...new Set(groupBy[i] === 'GRID' ? [...v, 'grid-nobody'] : groupBy[i] === 'MONTH' ? ['2025-11', ...v] : v),
          ]);
          const keyer = await caseStatisticsKeyer(
            fresh(),
            groupBy,
            values.flat().filter((v): v is string => !!v),
          );
          const ordered = values.map((v, i) => keyer.ordered(i, v));
          // before: the rows made groups (`groupsFromRows`), controlled, keyed and put in order
          const expected = await withCaseStatisticsKeys(
            fresh(),
            groupBy,
            controlCaseStatistics(groups, ordered, groupBy, true),
            keyer,
          );
          const actual = controlCaseStatisticsRows(
            rows,
            ordered,
            ordered.map((v, i) => v.map((value) => keyer.keyOf(i, value))),
            groupBy,
          );
          expect(JSON.stringify(actual)).toBe(JSON.stringify(expected.map(({ key: _, ...group }) => group)));
          compared += actual.length;
        }
    expect(compared).toBeGreaterThan(1000);
  });

  it('stays equal after status, category and grid changes, ratings added, invalidated, removed, cases deleted', async () => {
    const em = fresh();
    const open = await em.find(
      Case,
      { status: { $in: ['RECEIVED', 'ASSIGNED', 'IN_PROGRESS'] } },
      { orderBy: { id: 'asc' } },
    );
    const closed = await em.find(Case, { status: 'CLOSED' }, { orderBy: { id: 'asc' }, limit: 3 });
    expect(open.length).toBeGreaterThan(1);
    open[0].status = 'RESOLVED';
    open[0].resolvedAt = new Date(open[0].openedAt.getTime() + 5 * 3_600_000);
    closed[0].category = closed[0].category === 'SANITATION' ? 'PUBLIC_SECURITY' : 'SANITATION';
    const extra = em.create(Case, {
      id: 'case-elsewhere',
      communityId: OTHER,
      number: 'TEST-OTHER-1',
      category: 'SANITATION',
      channel: 'WALK_IN',
      department: 'OFFICE',
      description: '测试事项',
      gridId: 'grid-other',
      openedAt: new Date('2026-03-03T02:00:00Z'),
      acknowledgeDueAt: new Date('2026-03-04T02:00:00Z'),
      resolveDueAt: new Date('2026-03-10T02:00:00Z'),
    } as never);
    const doomed = em.create(Case, {
      id: 'case-doomed',
      communityId: COMMUNITY,
      number: 'TEST-DOOMED-1',
      category: 'SANITATION',
      channel: 'WALK_IN',
      department: 'OFFICE',
      description: '测试事项',
      openedAt: new Date('2026-04-03T02:00:00Z'),
      acknowledgeDueAt: new Date('2026-04-04T02:00:00Z'),
      resolveDueAt: new Date('2026-04-10T02:00:00Z'),
    } as never);
    em.create(CaseEvaluation, {
      id: 'evaluation-extra',
      communityId: COMMUNITY,
      caseId: closed[1].id,
      grade: 'POOR',
      reason: '处理太慢',
      valid: true,
      raterKind: 'REPORTER',
      evaluatedAt: new Date('2026-06-01T02:00:00Z'),
    } as never);
    await em.flush();
    const evaluations = await em.find(CaseEvaluation, { valid: true }, { orderBy: { id: 'asc' }, limit: 2 });
    evaluations[0].valid = false;
    evaluations[0].invalidReason = '复核无效';
    em.remove(evaluations[1]);
    em.remove(doomed);
    await em.flush();
    expect(extra.id).toBe('case-elsewhere');
    // Grid moves bypass the unit of work (one UPDATE for many cases) and recount in the same transaction.
    await fresh().transactional((tx) => moveCasesToGrid(tx, { id: { $in: [open[1].id, closed[2].id] } }, 'grid-new'));
    expect(await rollupRows()).toEqual(await groupedByHand());
    await expectMembersOpenedAsCases();
    await expectAreaRollupEqualsRollup();
    const grids = (await sql(`select distinct grid_id from case_record where grid_id is not null`)).map(
      (r) => r.grid_id as string,
    );
    expect(
      await expectSameAsFromCases([
        [{ communityId: COMMUNITY }],
        [{ communityId: { $like: '350203008%' } }],
        [{ communityId: { $in: [OTHER] } }],
        [{ communityId: COMMUNITY }, { department: { $in: ['OFFICE', 'SOCIAL_SECURITY'] } }],
        [{ communityId: COMMUNITY }, { gridId: { $in: ['grid-new', grids[0]] } }],
      ]),
    ).toBeGreaterThan(100);
  });

  it('reads the rollup, not the cases (an emptied rollup answers nothing), and counts an upgraded database at start', async () => {
    const before = await caseStatistics(fresh(), [{ communityId: COMMUNITY }], ['CATEGORY']);
    expect(before.length).toBeGreaterThan(2);
    await sql(`delete from case_rollup`);
    await sql(`delete from case_area_rollup`);
    expect(await caseStatistics(fresh(), [{ communityId: COMMUNITY }], ['CATEGORY'])).toEqual([]);
    // A window off month boundaries reads its whole months from the rollup too (here emptied), and only the days of
    // its partial months from each case's own figures (the rollup's members), never the cases with their evaluations.
    const scope = [{ communityId: COMMUNITY }];
    const offMonth = { openedFrom: new Date('2026-03-14T16:00:00Z'), openedTo: new Date('2026-06-14T16:00:00Z') };
    const partialMonths = await Promise.all(
      [
        { openedFrom: offMonth.openedFrom, openedTo: new Date('2026-03-31T16:00:00Z') },
        { openedFrom: new Date('2026-05-31T16:00:00Z'), openedTo: offMonth.openedTo },
      ].map((window) => caseStatisticsFromCases(fresh(), scope, ['CATEGORY'], window)),
    );
    const offMonthCount = (groups: StatisticsGroup[]) => groups.reduce((n, g) => n + g.count, 0);
    expect(offMonthCount(await caseStatistics(fresh(), scope, ['CATEGORY'], offMonth))).toBe(
      offMonthCount(partialMonths.flat()),
    );
    expect(offMonthCount(partialMonths.flat())).toBeGreaterThan(0);
    // the partial months are the members opened then, read by the members' opening time: no case read
    const spy = vi.spyOn(service.orm.em.getConnection(), 'execute');
    try {
      await caseStatistics(fresh(), scope, ['GRID', 'CATEGORY'], offMonth);
      const read = spy.mock.calls
        .map(([text]) => (typeof text === 'string' ? text : ''))
        .filter((text) => /case_rollup_member/.test(text));
      expect(read).toHaveLength(2);
      for (const text of read) expect(text).not.toMatch(/case_record/);
    } finally {
      spy.mockRestore();
    }
    await sql(`delete from case_rollup_member`);
    expect(await caseStatistics(fresh(), scope, ['CATEGORY'], offMonth)).toEqual([]);
    await fresh().transactional((tx) => rebuildRollup(tx, caseRollup, tx.getTransactionContext()));
    expect(await caseStatistics(fresh(), [{ communityId: COMMUNITY }], ['CATEGORY'])).toEqual(before);
    await sql(`delete from case_rollup`);
    await sql(`delete from case_rollup_member`);
    await ensureRollups(service.orm.em, [caseRollup]);
    expect(await rollupRows()).toEqual(await groupedByHand());
    await expectMembersOpenedAsCases();
    await expectAreaRollupEqualsRollup();
    // A coarser table added to a counted rollup (its migration leaves it empty) is filled at start.
    await sql(`delete from case_area_rollup`);
    await ensureRollups(service.orm.em, [caseRollup]);
    await expectAreaRollupEqualsRollup();
    expect(await caseStatistics(fresh(), [{ communityId: COMMUNITY }], ['CATEGORY'])).toEqual(before);
  });

  it('writes a rebuilt rollup’s groups in the order of their keys, so a community’s groups lie together', async () => {
    // PostgreSQL's hash aggregate wrote them in hash order: a street's groups spread over most of a district's pages
    await fresh().transactional((tx) => rebuildRollup(tx, caseRollup, tx.getTransactionContext()));
    const position = dialect === 'postgresql' ? 'ctid' : 'rowid';
    for (const [table, keys] of [
      ['case_rollup', caseRollup.keyColumns],
      ['case_area_rollup', caseRollup.coarser![0].keyColumns],
    ] as const) {
      const columns = keys.map((c) => `"${c}"`).join(', ');
      const stored = await sql(`select ${columns} from "${table}" order by ${position}`);
      expect(stored.length, table).toBeGreaterThan(20);
      expect(stored, table).toEqual(await sql(`select ${columns} from "${table}" order by ${columns}`));
    }
  });

  it('keeps a rebuilt rollup’s groups in their pages as they change, on PostgreSQL', async () => {
    if (dialect !== 'postgresql') return;
    await fresh().transactional((tx) => rebuildRollup(tx, caseRollup, tx.getTransactionContext()));
    const pageOf = (ctid: unknown) => Number(/^\((\d+),/.exec(String(ctid))![1]);
    const keys = caseRollup.keyColumns.map((c) => `"${c}"`).join(', ');
    // the first page's groups (full when written without room): each changed once, as a new case would
    const first = await sql(`select ctid, ${keys} from case_rollup order by ctid limit 10`);
    expect(first).toHaveLength(10);
    const pages = first.map((row) => pageOf(row.ctid));
    expect(new Set(pages).size).toBe(1);
    const total = Number((await sql(`select count(*) as "n" from case_rollup`))[0].n);
    expect(Math.max(...(await sql(`select ctid from case_rollup`)).map((row) => pageOf(row.ctid)))).toBeGreaterThan(
      pages[0],
    );
    for (const row of first)
      await sql(
        `update case_rollup set "n" = "n" + 1 where ${caseRollup.keyColumns.map((c) => `"${c}" = ?`).join(' and ')}`,
        caseRollup.keyColumns.map((c) => row[c]),
      );
    const after = await sql(
      `select ctid from case_rollup where (${keys}) in (${first.map(() => `(${caseRollup.keyColumns.map(() => '?').join(', ')})`).join(', ')})`,
      first.flatMap((row) => caseRollup.keyColumns.map((c) => row[c])),
    );
    expect(after.map((row) => pageOf(row.ctid))).toEqual(pages);
    expect(Number((await sql(`select count(*) as "n" from case_rollup`))[0].n)).toBe(total);
    await fresh().transactional((tx) => rebuildRollup(tx, caseRollup, tx.getTransactionContext()));
  });

  it('counts an analyst’s table once when no filter but the time window narrows it', async () => {
    // before, the analyst's groups were counted a second time, the same query, only to list the values present
    const spy = vi.spyOn(service.orm.em.getConnection(), 'execute');
    try {
      const query = `{ caseStatistics(groupBy: [CATEGORY, MONTH]) { category month count suppressed } }`;
      const result = await service.graphql(query, undefined, { role: 'analyst' });
      expect(result.errors).toBeUndefined();
      // the grouped sums over the rollup (background scans of the service may run meanwhile: not these)
      const reads = spy.mock.calls.filter(([sql]) => typeof sql === 'string' && /sum\(g\."n"\) as "count"/.test(sql));
      expect(reads).toHaveLength(1);
      const exact = (await service.graphql(query, undefined, { role: 'community_admin' })).data.caseStatistics;
      const listed = result.data.caseStatistics as Array<{ category: string; month: string; count: number | null }>;
      // every category × month of the scope listed; the counts shown are the exact ones
      expect(listed.length).toBe(
        new Set(exact.map((g: any) => g.category)).size * new Set(exact.map((g: any) => g.month)).size,
      );
      for (const g of listed.filter((g) => g.count !== null))
        expect(g.count).toBe(exact.find((e: any) => e.category === g.category && e.month === g.month)?.count ?? 0);
    } finally {
      spy.mockRestore();
    }
  });

  it('counts an analyst’s filtered table once: the values listed come from the vocabularies, the grid projection and the window', async () => {
    // before, a filter other than the window (here a category) made the groups be counted a second time without
    // it, only to list the values present in the scope and window
    const dimensions: CaseStatisticsDimension[] = ['GRID', 'MONTH'];
    const window = { openedFrom: new Date('2026-02-28T16:00:00Z'), openedTo: new Date('2026-08-31T16:00:00Z') };
    const category = 'HOUSING_REPAIR';
    const spy = vi.spyOn(service.orm.em.getConnection(), 'execute');
    process.env.SHEQU_DISCLOSURE_THRESHOLD = '2';
    try {
      const query = `query($filter: CaseStatisticsFilter) {
        caseStatistics(groupBy: [GRID, MONTH], filter: $filter) { gridId month count resolved suppressed } }`;
      const filter = { ...window, category };
      const result = await service.graphql(query, { filter }, { role: 'analyst', community: COMMUNITY });
      expect(result.errors).toBeUndefined();
      const reads = spy.mock.calls.filter(([sql]) => typeof sql === 'string' && /sum\(g\."n"\) as "count"/.test(sql));
      expect(reads).toHaveLength(1);
      spy.mockRestore();
      // here every grid of the community and every month of the window has cases: the table is the one controlled
      // over the values present in the scope and window (counted without the category, as before)
      const scope = [{ communityId: COMMUNITY }];
      const present = await caseStatistics(fresh(), scope, dimensions, window);
      const presentValues = valuesOf(present, dimensions);
      const listed = await caseStatisticsValues(
        fresh(),
        { cases: scope, community: { communityId: COMMUNITY }, gridIds: null, departments: null },
        dimensions,
        filter,
      );
      expect(listed.map((v) => [...v].sort())).toEqual(presentValues.map((v) => [...v].sort()));
      const counted = await caseStatistics(fresh(), scope, dimensions, filter);
      const expected = controlCaseStatistics(counted, presentValues, dimensions, true);
      const shape = (g: { count: number | null; resolved: number | null; suppressed: string | null }) => ({
        count: g.count,
        resolved: g.resolved,
        suppressed: g.suppressed,
      });
      const table = (groups: Array<{ grid: string | null; month: string | null } & Parameters<typeof shape>[0]>) =>
        Object.fromEntries(groups.map((g) => [`${g.grid ?? '-'} ${g.month}`, shape(g)]));
      const answered = table(
        (result.data.caseStatistics as any[]).map((g) => ({ ...g, grid: g.gridId, month: g.month })),
      );
      expect(answered).toEqual(
        table(expected.map((g) => ({ ...g, grid: g.key.GRID ?? null, month: g.key.MONTH ?? null }))),
      );
      // some cells shown, some suppressed: the comparison says something
      const cells = Object.values(answered);
      expect(cells.some((c) => c.count !== null) && cells.some((c) => c.count === null)).toBe(true);
    } finally {
      delete process.env.SHEQU_DISCLOSURE_THRESHOLD;
      spy.mockRestore();
    }
  });

  it('lists each vocabulary value its scope has had a case of, in the vocabulary’s order: none only another scope had', async () => {
    const columns = { CATEGORY: 'category', CHANNEL: 'channel', STATUS: 'status', DEPARTMENT: 'department' } as const;
    const vocabularies = {
      CATEGORY: CaseCategories,
      CHANNEL: CaseChannels,
      STATUS: CaseStatuses,
      DEPARTMENT: Departments,
    };
    const dimensions = Object.keys(columns) as Array<keyof typeof columns>;
    const grid = String(
      (await sql(`select min(grid_id) as g from case_rollup where community_id = ? and grid_id <> ''`, [COMMUNITY]))[0]
        .g,
    );
    const scopes = [
      { where: `community_id = '${COMMUNITY}'`, scope: { communityId: COMMUNITY }, gridIds: null },
      { where: `community_id like '350203008%'`, scope: { communityId: { $like: '350203008%' } }, gridIds: null },
      { where: `community_id = '${OTHER}'`, scope: { communityId: OTHER }, gridIds: null },
      // a grid worker's: the rollup with grids, its grid only
      {
        where: `community_id = '${COMMUNITY}' and grid_id = '${grid}'`,
        scope: { communityId: COMMUNITY },
        gridIds: new Set([grid]),
      },
    ];
    const listedOf = async ({ scope, gridIds }: (typeof scopes)[number]) =>
      caseStatisticsValues(
        fresh(),
        {
          cases: gridIds ? [scope, { gridId: { $in: [...gridIds] } }] : [scope],
          community: scope,
          gridIds,
          departments: null,
        },
        dimensions,
        {},
      );
    const lists: string[][][] = [];
    for (const entry of scopes) {
      const byHand: string[][] = [];
      for (const d of dimensions) {
        const rows = await sql(`select distinct ${columns[d]} as v from case_rollup where ${entry.where} and n > 0`);
        const found = new Set(rows.map((r) => String(r.v)));
        byHand.push(vocabularies[d].codes.filter((code) => found.has(code)));
      }
      expect(await listedOf(entry), entry.where).toEqual(byHand);
      lists.push(byHand);
    }
    // the other community (one case) has had fewer categories than 莲秀: a value only another scope had is not listed
    expect(lists[2][0].length).toBeLessThan(lists[0][0].length);
  });

  it('lists the months of the window within the scope’s first and last month, whatever the filter', async () => {
    const scope = [{ communityId: COMMUNITY }];
    const values = (filter: Record<string, unknown>) =>
      caseStatisticsValues(
        fresh(),
        { cases: scope, community: { communityId: COMMUNITY }, gridIds: null, departments: null },
        ['MONTH'],
        filter,
      ).then(([months]) => months);
    const months = (
      await sql(`select distinct opened_month as m from case_rollup where community_id = ? and n > 0`, [COMMUNITY])
    ).map((r) => String(r.m));
    const [first, last] = [months.reduce((a, b) => (a < b ? a : b)), months.reduce((a, b) => (a > b ? a : b))];
    const all = await values({});
    expect([all[0], all[all.length - 1]]).toEqual([first, last]);
    // consecutive months, none missing between
    for (let i = 1; i < all.length; i++) expect(all[i]! > all[i - 1]!).toBe(true);
    expect(all.length).toBe(
      (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5)) - Number(first.slice(5)) + 1,
    );
    // a window: its months (1 March to 1 June of the community calendar: March, April, May), the filter aside
    expect(
      await values({
        openedFrom: new Date('2026-02-28T16:00:00Z'),
        openedTo: new Date('2026-05-31T16:00:00Z'),
        category: 'OTHER',
      }),
    ).toEqual(['2026-03', '2026-04', '2026-05'].filter((m) => m >= first && m <= last));
  });

  it('answers analysts through the API within their community or street', async () => {
    // the total of the caller's scope (one group: below the disclosure threshold it is suppressed)
    const query = `{ caseStatistics(groupBy: []) { count suppressed } }`;
    const count = async (caller: Record<string, unknown>) => {
      const result = await service.graphql(query, undefined, { role: 'analyst', ...caller });
      expect(result.errors).toBeUndefined();
      const groups = result.data.caseStatistics as Array<{ count: number | null }>;
      expect(groups).toHaveLength(1);
      return groups[0].count;
    };
    const own = Number((await sql(`select count(*) as n from case_record where community_id = ?`, [COMMUNITY]))[0].n);
    expect(await count({})).toBe(own);
    // the street: 莲秀, the demo street's other communities and the one added by this test
    const street = Number(
      (await sql(`select count(*) as n from case_record where community_id like ?`, ['350203008%']))[0].n,
    );
    expect(street).toBeGreaterThan(own);
    expect(await count({ community: '350203008' })).toBe(street);
    // one case there: an analyst is not told it
    expect(await count({ community: OTHER })).toBeNull();
  });
});
