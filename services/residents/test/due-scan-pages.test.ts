import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { countingOutbox, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { scanDueReviewsAndPermits } from '../src/application/scheduled-scan.js';
import { CareRecord, type Household } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { COMMUNITY, placesFixture, residentIn } from './fixtures.js';

const REVIEW_DUE = 'shequ.residents.care_category.review_due';
const PERMIT_EXPIRING = 'shequ.residents.floating.registration_expiring';

describe.each(testDialects())('the due scan in pages on %s', (dialect) => {
  let service: TestSubgraph;
  // nothing is due at the service's own run at start; the tests move the clock
  const clock = new ManualClock(new Date('2026-01-01T08:00:00Z'));
  let households: Household[];
  let next = 100;

  /** `count` residents with a care record due on `dueOn` and `count` floating residents whose permit expires on `expiresOn`. */
  async function dueRows(count: number, dueOn: string, expiresOn: string) {
    const em = service.orm.em.fork();
    for (let i = 0; i < count; i++) {
      const household = households[i % households.length];
      const cared = residentIn(em, household, '关爱对象', '1950-01-01', next++);
      em.create(CareRecord, {
        id: `care-${cared.id}`,
        communityId: COMMUNITY,
        resident: cared,
        category: 'ELDERLY_LIVING_ALONE',
        startedOn: '2025-01-01',
        source: '入户走访',
        nextReviewOn: dueOn,
      });
      const floating = residentIn(em, household, '流动人口', '1995-05-05', next++);
      Object.assign(floating, {
        residenceType: 'FLOATING',
        residencePermitIssuedOn: '2026-01-10',
        residencePermitExpiresOn: expiresOn,
      });
    }
    await em.flush();
  }

  async function announced(subject: string) {
    const rows = await service.orm.em.fork().find(OutboxMessage, { subject }, { orderBy: { id: 'asc' } });
    return rows.map((row) => JSON.parse(row.payload) as { correlationId: string; data: Record<string, unknown> });
  }

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, { dialect, clock });
    // these tests run the scan themselves and count its pages: the service's own scheduled scan (a first tick at start)
    // would otherwise take some of the records between two of their pages (the transaction line gives the event loop
    // turns between commit groups)
    await Promise.all(service.tasks.filter((task) => task.name === 'residents-due-scan').map((task) => task.stop()));
    const em = service.orm.em.fork();
    ({ households } = await placesFixture(em));
    // never announced: a record of a resident who moved out, an ended record, a permit announced already
    const gone = residentIn(em, households[0], '已迁出', '1950-01-01', 90);
    gone.status = 'MOVED_OUT';
    em.create(CareRecord, {
      id: 'care-gone',
      communityId: COMMUNITY,
      resident: gone,
      category: 'DISABILITY',
      startedOn: '2025-01-01',
      source: '入户走访',
      nextReviewOn: '2026-12-03',
    });
    const ended = residentIn(em, households[1], '已结束', '1950-01-01', 91);
    em.create(CareRecord, {
      id: 'care-ended',
      communityId: COMMUNITY,
      resident: ended,
      category: 'DISABILITY',
      startedOn: '2025-01-01',
      source: '入户走访',
      nextReviewOn: '2026-12-03',
      endedOn: '2026-06-01',
    });
    const told = residentIn(em, households[2], '已提醒', '1995-05-05', 92);
    Object.assign(told, {
      residenceType: 'FLOATING',
      residencePermitIssuedOn: '2026-01-10',
      residencePermitExpiresOn: '2026-12-20',
      permitExpiringNotifiedFor: '2026-12-20',
    });
    await em.flush();
    await dueRows(7, '2026-12-05', '2026-12-20');
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('announces every due row exactly once across transactions of at most a page each, then nothing', async () => {
    clock.set(new Date('2026-12-01T08:00:00Z'));
    const counting = countingOutbox(service.outbox);
    const result = await scanDueReviewsAndPermits({ ...service, outbox: counting.outbox }, { pageSize: 3 });
    expect(result).toEqual({ reviewsDue: 7, permitsExpiring: 7 });
    // 7 rows in pages of 3: 3 transactions for each kind; no transaction holds more than a page
    expect(counting.transactions()).toBe(6);
    expect(counting.largestTransaction()).toBeLessThanOrEqual(3);
    // only the events themselves are entities in a page's transaction (no care records, residents, households …)
    expect(counting.largestIdentityMap()).toBeLessThanOrEqual(3);

    const reviews = await announced(REVIEW_DUE);
    expect(reviews).toHaveLength(7);
    expect(new Set(reviews.map((e) => e.correlationId)).size).toBe(7);
    expect(reviews[0].data).toEqual({
      residentId: 'resident-100',
      category: 'ELDERLY_LIVING_ALONE',
      dueOn: '2026-12-05',
      gridId: 'grid-a',
    });
    expect(reviews.map((e) => e.data.gridId).sort()).toEqual([
      ...Array<string>(4).fill('grid-a'),
      ...Array<string>(3).fill('grid-b'),
    ]);
    const permits = await announced(PERMIT_EXPIRING);
    expect(permits).toHaveLength(7);
    expect(permits.map((e) => e.data.residentId)).not.toContain('resident-92');
    expect(permits[0].data).toEqual({ residentId: 'resident-101', expiresOn: '2026-12-20', gridId: 'grid-a' });

    expect(await scanDueReviewsAndPermits(service, { pageSize: 3 })).toEqual({ reviewsDue: 0, permitsExpiring: 0 });
    expect(await announced(REVIEW_DUE)).toHaveLength(7);
    expect(await announced(PERMIT_EXPIRING)).toHaveLength(7);
  });

  it('announces each row once when two scans run at the same time', async () => {
    await dueRows(9, '2026-12-06', '2026-12-21');
    const [a, b] = await Promise.all([
      scanDueReviewsAndPermits(service, { pageSize: 2 }),
      scanDueReviewsAndPermits(service, { pageSize: 2 }),
    ]);
    expect(a.reviewsDue + b.reviewsDue).toBe(9);
    expect(a.permitsExpiring + b.permitsExpiring).toBe(9);
    const reviews = await announced(REVIEW_DUE);
    expect(reviews).toHaveLength(16);
    expect(new Set(reviews.map((e) => e.data.residentId)).size).toBe(16);
    const permits = await announced(PERMIT_EXPIRING);
    expect(permits).toHaveLength(16);
    expect(new Set(permits.map((e) => e.data.residentId)).size).toBe(16);
    expect(await scanDueReviewsAndPermits(service)).toEqual({ reviewsDue: 0, permitsExpiring: 0 });
  });
});
