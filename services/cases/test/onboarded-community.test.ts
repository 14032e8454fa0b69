import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BuildingMovedToGrid,
  BuildingRegistered,
  CommunityRegistered,
  GridRegistered,
  HouseholdRegistered,
  ResidentRegistered,
  StreetRegistered,
} from '@shequ/contracts';
import { ManualClock, ReferenceProjection } from '@shequ/subgraph';
import { startTestSubgraph, TestEventPublisher, type Caller, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { Case, Open311Request, ProactiveTask, ResidentProjection, Visit } from '../src/entities/index.js';
import { caseStatistics } from '../src/application/case-statistics.js';
import { caseStatisticsFromCases } from '../src/application/case-statistics-base.js';
import { casesService } from '../src/service.js';

/*
 * 莲顺社区 (350203008007) is onboarded after the service started: residents announces the community, its grids, a
 * building, a flat and residents; its admin opens a case at once. Then the grid boundary is redrawn: the building
 * moves to the other grid, and its residents' open case and open task follow, so do a hotline case reported at its
 * flat (Open311 address_id) and the flat's visits (the new grid's worker sees them); a finished case keeps its grid.
 */
const COMMUNITY = '350203008007';
const admin: Caller = { role: 'community_admin', community: COMMUNITY };
const streetAdmin: Caller = { role: 'street_admin', community: '350203008', actingCommunity: COMMUNITY };
const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id status assignedGrid { id } } } }`;

describe.each(testDialects())('a community onboarded at run time, and a grid redraw, on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let publisher: TestEventPublisher;
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
  const meta = { communityId: COMMUNITY };

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(casesService, { dialect, natsUrl: nats.url, clock });
    publisher = new TestEventPublisher(nats.url);
    await publisher.publish(
      CommunityRegistered,
      { communityId: COMMUNITY, name: '莲顺社区', streetCode: '350203008', districtCode: '350203' },
      meta,
    );
    for (const n of [1, 2])
      await publisher.publish(
        GridRegistered,
        { gridId: `ls-grid-${n}`, code: `${COMMUNITY}-0${n}`, name: `莲顺第${n}网格`, gridWorkerStaffId: null },
        meta,
      );
    await publisher.publish(BuildingRegistered, { buildingId: 'ls-b1', gridId: 'ls-grid-1' }, meta);
    await publisher.publish(
      HouseholdRegistered,
      { householdId: 'ls-h1', buildingId: 'ls-b1', gridId: 'ls-grid-1' },
      meta,
    );
    for (const [residentId, residenceType] of [
      ['ls-r1', 'REGISTERED'],
      ['ls-r2', 'FLOATING'],
    ] as const)
      await publisher.publish(
        ResidentRegistered,
        {
          residentId,
          householdId: 'ls-h1',
          buildingId: 'ls-b1',
          gridId: 'ls-grid-1',
          gender: 'FEMALE',
          birthDate: '1980-02-02',
          residenceType,
          residencePermitExpiresOn: residenceType === 'FLOATING' ? '2027-06-01' : null,
        },
        meta,
      );
  });
  afterAll(async () => {
    await publisher?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('lets the new community open cases as soon as residents has announced it, its admins only', async () => {
    // the reporter's announcement reaches two consumers (the reference facts and the routing projection): a case
    // opened between the two gets its grid when the projection arrives (upsertResidentProjection), so the grid is
    // asserted once both have it
    await waitFor(() => service.orm.em.fork().findOne(ResidentProjection, { residentId: 'ls-r1' }), {
      timeoutMs: 20_000,
      what: 'the reporter’s projection',
    });
    const opened = await waitFor(
      async () => {
        const result = await service.graphql(
          OPEN,
          { input: { reporterId: 'ls-r1', category: 'HOUSING_REPAIR', channel: 'WALK_IN', description: '楼道灯不亮' } },
          admin,
        );
        return result.errors ? null : result.data.openCase.case;
      },
      { timeoutMs: 20_000, what: 'the new community’s first case' },
    );
    expect(opened.assignedGrid).toEqual({ id: 'ls-grid-1' });
    const byStreet = await service.graphql(
      OPEN,
      { input: { reporterId: 'ls-r1', category: 'CERTIFICATE', channel: 'WALK_IN', description: '开具居住证明' } },
      streetAdmin,
    );
    expect(byStreet.errors).toBeUndefined();
    const foreign = await service.graphql(
      OPEN,
      { input: { reporterId: 'ls-r1', category: 'HOUSING_REPAIR', channel: 'WALK_IN', description: '跨社区' } },
      { role: 'community_admin' },
    );
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reporterId' });
  });

  it('refuses a token for a place residents never announced, reads too; takes it once the place is announced', async () => {
    const LATE = '350203008098';
    const LIST = `{ cases(first: 5) { totalCount } }`;
    // refused as a caller (an analyst, once taken, meets FORBIDDEN on the list: no cases:read)
    const refusedAsCaller = (answer: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
      ['UNAUTHENTICATED', 'NOT_YET_SYNCED'].includes(String(answer.errors?.[0]?.extensions?.code));
    const callers: Caller[] = [
      { role: 'community_admin', community: LATE },
      { role: 'analyst', community: LATE },
      { role: 'civil_affairs', community: COMMUNITY, communities: [LATE] },
      { role: 'street_admin', community: '350203099' },
      { role: 'analyst', community: '350299' },
    ];
    for (const caller of callers) {
      const refused = await service.graphql(LIST, {}, caller);
      // UNAUTHENTICATED, or NOT_YET_SYNCED (retryable) should the projection still be catching up on a slow machine
      expect(refused.errors?.[0]?.extensions?.code, JSON.stringify(caller)).toMatch(
        /^(UNAUTHENTICATED|NOT_YET_SYNCED)$/,
      );
      expect(refused.errors?.[0]?.message).toMatch(
        /(社区 350203008098|街道 350203099|区 350299) (尚未登记|本服务尚未同步)/,
      );
      expect(refused.data ?? null).toBeNull();
    }
    // a district admin's own district is the exception: it exists from the first street that admin registers
    expect((await service.graphql(LIST, {}, { role: 'district_admin', community: '350299' })).errors).toBeUndefined();
    // announced at 10:00, taken at 10:01: a new street (before any community of it) and a new community
    await publisher.publish(
      StreetRegistered,
      { streetCode: '350203099', name: '新街道', districtCode: '350203', districtName: '思明区' },
      { communityId: '350203099' },
    );
    await publisher.publish(
      CommunityRegistered,
      { communityId: LATE, name: '新社区', streetCode: '350203008', districtCode: '350203' },
      { communityId: LATE },
    );
    for (const caller of callers.slice(0, 4))
      await waitFor(async () => (refusedAsCaller(await service.graphql(LIST, {}, caller)) ? null : true), {
        timeoutMs: 20_000,
        what: `${JSON.stringify(caller)} taken once its place is announced`,
      });
    expect((await service.graphql(LIST, {}, callers[4])).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('holds residents’ events of a community not announced yet, and applies them once it is', async () => {
    const EARLY = '350203008097';
    const resident = (residentId: string, communityId: string) =>
      publisher.publish(
        ResidentRegistered,
        {
          residentId,
          householdId: null,
          buildingId: null,
          gridId: null,
          gender: 'MALE',
          birthDate: '1970-01-01',
          residenceType: 'REGISTERED',
          residencePermitExpiresOn: null,
        },
        { communityId },
      );
    const em = () => service.orm.em.fork();
    await resident('early-r1', EARLY);
    // a later event of a known community is applied: the held one before it is not (in either projection)
    await resident('known-r9', COMMUNITY);
    await waitFor(() => em().findOne(ResidentProjection, { residentId: 'known-r9' }), {
      timeoutMs: 20_000,
      what: 'the later event of a known community',
    });
    expect(await em().count(ReferenceProjection, { kind: 'RESIDENT', id: 'early-r1' })).toBe(0);
    expect(await em().count(ResidentProjection, { residentId: 'early-r1' })).toBe(0);
    await publisher.publish(
      CommunityRegistered,
      { communityId: EARLY, name: '后到社区', streetCode: '350203008', districtCode: '350203' },
      { communityId: EARLY },
    );
    // delivered again after its pause: now applied by both
    await waitFor(() => em().findOne(ResidentProjection, { residentId: 'early-r1' }), {
      timeoutMs: 30_000,
      what: 'the held event, once its community is announced',
    });
    expect(await em().count(ReferenceProjection, { kind: 'RESIDENT', id: 'early-r1' })).toBe(1);
  });

  it('writes nothing in a community residents never announced: a street admin naming it', async () => {
    const GHOST = '350203008099';
    const input = { category: 'HOUSING_REPAIR', channel: 'WALK_IN', description: '未入驻社区的事项' };
    for (const caller of [{ role: 'street_admin', community: '350203008', actingCommunity: GHOST }] as Caller[]) {
      const refused = await service.graphql(OPEN, { input }, caller);
      // BAD_USER_INPUT, or NOT_YET_SYNCED (retryable) should the projection still be catching up on a slow machine
      expect(refused.errors?.[0]?.extensions?.code, JSON.stringify(caller)).toMatch(
        /^(BAD_USER_INPUT|NOT_YET_SYNCED)$/,
      );
      expect(refused.errors?.[0]?.extensions?.field).toBe('community');
      expect(refused.errors?.[0]?.message).toMatch(/社区 350203008099 尚未登记/);
    }
    expect(await service.orm.em.fork().count(Case, { communityId: GHOST })).toBe(0);
  });

  it('moves open cases and open tasks of a redrawn building to its new grid; finished cases keep theirs', async () => {
    const em = () => service.orm.em.fork();
    await waitFor(
      async () => ((await em().count(ProactiveTask, { residentId: 'ls-r2', status: 'OPEN' })) ? true : null),
      {
        timeoutMs: 20_000,
        what: 'the floating resident’s task',
      },
    );
    const cases = await em().find(Case, { reporterId: 'ls-r1' }, { orderBy: { openedAt: 'asc', id: 'asc' } });
    expect(cases).toHaveLength(2);
    await em().nativeUpdate(Case, { id: cases[1].id }, { status: 'CLOSED' });
    // a hotline report at the flat (no reporter) and visits: the flat's and another building's
    const hotline = await service.graphql(
      OPEN,
      { input: { category: 'HOUSING_REPAIR', channel: 'HOTLINE', description: '楼顶渗水' } },
      admin,
    );
    expect(hotline.errors).toBeUndefined();
    const hotlineCase = hotline.data.openCase.case.id as string;
    await em().nativeUpdate(Case, { id: hotlineCase }, { gridId: 'ls-grid-1' });
    const writes = em();
    writes.create(Open311Request, {
      id: 'ls-o1',
      communityId: COMMUNITY,
      caseId: hotlineCase,
      clientId: 'key-12345',
      addressId: 'ls-h1',
      submittedAt: clock.now(),
    });
    for (const [id, householdId] of [
      ['ls-v1', 'ls-h1'],
      ['ls-v2', 'ls-h-elsewhere'],
    ])
      writes.create(Visit, {
        id,
        communityId: COMMUNITY,
        staffId: 'ls-staff',
        householdId,
        gridId: 'ls-grid-1',
        visitedAt: clock.now(),
        notes: '入户走访',
      });
    await writes.flush();
    const VISITS = `query($id: ID!) { _entities(representations: [{ __typename: "Household", id: $id }]) {
      ... on Household { visits { id } } } }`;
    const gridWorker = (n: number): Caller => ({
      role: 'grid_worker',
      community: COMMUNITY,
      grids: [`${COMMUNITY}-0${n}`],
    });
    const visitsSeenBy = async (n: number) =>
      (
        (await service.graphql(VISITS, { id: 'ls-h1' }, gridWorker(n))).data._entities[0].visits as { id: string }[]
      ).map((v) => v.id);
    expect(await visitsSeenBy(1)).toEqual(['ls-v1']);
    expect(await visitsSeenBy(2)).toEqual([]);
    await publisher.publish(
      BuildingMovedToGrid,
      { buildingId: 'ls-b1', fromGridId: 'ls-grid-1', toGridId: 'ls-grid-2', movedOn: '2026-12-01' },
      meta,
    );
    await waitFor(
      async () =>
        (await em().findOne(ResidentProjection, { residentId: 'ls-r1' }))?.gridId === 'ls-grid-2' ? true : null,
      { timeoutMs: 20_000, what: 'the projection to follow the building' },
    );
    const after = await em().find(Case, { reporterId: 'ls-r1' }, { orderBy: { openedAt: 'asc', id: 'asc' } });
    expect(after.map((c) => [c.status, c.gridId])).toEqual([
      [cases[0].status, 'ls-grid-2'],
      ['CLOSED', 'ls-grid-1'],
    ]);
    expect((await em().findOneOrFail(Case, hotlineCase)).gridId).toBe('ls-grid-2');
    expect(Object.fromEntries((await em().find(Visit, {})).map((v) => [v.id, v.gridId]))).toMatchObject({
      'ls-v1': 'ls-grid-2',
      'ls-v2': 'ls-grid-1',
    });
    expect(await visitsSeenBy(2)).toEqual(['ls-v1']);
    expect(await visitsSeenBy(1)).toEqual([]);
    const tasks = await em().find(ProactiveTask, { residentId: 'ls-r2', status: 'OPEN' });
    expect(tasks.map((t) => t.gridId)).toEqual(tasks.map(() => 'ls-grid-2'));
    // The statistics rollup follows the UPDATE that moved the case (it bypasses the unit of work).
    const scope = [{ communityId: after[0].communityId }];
    const byGrid = await caseStatistics(em(), scope, ['GRID']);
    expect(byGrid.find((g) => g.key.GRID === 'ls-grid-2')?.count).toBeGreaterThan(0);
    expect(byGrid).toEqual(await caseStatisticsFromCases(em(), scope, ['GRID']));
  });
});
