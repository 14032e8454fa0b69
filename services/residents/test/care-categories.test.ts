import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, type NatsServerHandle } from '@shequ/testing';
import { scanDueReviewsAndPermits } from '../src/application/scheduled-scan.js';
import { auditEntries } from './audit-entries.js';
import { CareReview, Resident } from '../src/entities/index.js';
import { OutboxMessage } from '@shequ/messaging';
import { residentsService } from '../src/service.js';
import { COMMUNITY, placesFixture, residentIn, staffFixture } from './fixtures.js';
import { countFor, publishedEvents } from './stream.js';

const CARE = `careRecord { id category startedOn source nextReviewOn endedOn endReason derived reviews { outcome reviewedOn reviewerStaffId note nextReviewOn } } resident { id }`;
const ADD = `mutation($input: AddCareCategoryInput!) { addCareCategory(input: $input) { ${CARE} } }`;
const REVIEW = `mutation($input: ReviewCareCategoryInput!) { reviewCareCategory(input: $input) { ${CARE} } }`;
const END = `mutation($input: EndCareCategoryInput!) { endCareCategory(input: $input) { ${CARE} } }`;
const CATEGORIES = `query($id: ID!) { resident(id: $id) { careCategories { category derived startedOn endedOn } } }`;

describe.each(testDialects())('care categories and floating population on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-11-30T08:00:00Z'));

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(residentsService, { dialect, natsUrl: nats.url, clock });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    await staffFixture(em);
    residentIn(em, households[0], '林秀英', '1940-03-08', 2); // 86: 高龄
    residentIn(em, households[0], '林建国', '1975-06-01', 3);
    residentIn(em, households[2], '陈丽', '1990-01-15', 4);
    const floating = residentIn(em, households[3], '马租客', '1998-02-02', 5);
    Object.assign(floating, {
      residenceType: 'FLOATING',
      residencePermitIssuedOn: '2026-01-10',
      residencePermitExpiresOn: '2026-12-20',
    });
    const later = residentIn(em, households[3], '马小妹', '2000-02-02', 6);
    Object.assign(later, {
      residenceType: 'FLOATING',
      residencePermitIssuedOn: '2026-06-01',
      residencePermitExpiresOn: '2027-05-31',
    });
    await em.flush();
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  it('adds 低保 with the first review six months on; reviews continue it, schedule the next, and terminate it', async () => {
    const added = await service.graphql(ADD, {
      input: {
        residentId: 'resident-3',
        category: 'MINIMUM_LIVING_ALLOWANCE',
        startedOn: '2026-01-31',
        source: '民政局审批',
      },
    });
    expect(added.errors).toBeUndefined();
    const record = added.data.addCareCategory.careRecord;
    expect(record).toMatchObject({
      category: 'MINIMUM_LIVING_ALLOWANCE',
      startedOn: '2026-01-31',
      nextReviewOn: '2026-07-31',
      derived: false,
    });

    const twice = await service.graphql(ADD, {
      input: {
        residentId: 'resident-3',
        category: 'MINIMUM_LIVING_ALLOWANCE',
        startedOn: '2026-02-01',
        source: '入户走访',
      },
    });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const reviewed = await service.graphql(REVIEW, {
      input: { careRecordId: record.id, outcome: 'CONTINUE', reviewedOn: '2026-08-31', reviewerStaffId: 'staff-ss' },
    });
    expect(reviewed.errors).toBeUndefined();
    expect(reviewed.data.reviewCareCategory.careRecord).toMatchObject({
      nextReviewOn: '2027-02-28',
      reviews: [
        { outcome: 'CONTINUE', reviewedOn: '2026-08-31', reviewerStaffId: 'staff-ss', nextReviewOn: '2027-02-28' },
      ],
    });
    const noNote = await service.graphql(REVIEW, {
      input: { careRecordId: record.id, outcome: 'TERMINATE', reviewedOn: '2026-11-01', reviewerStaffId: 'staff-ss' },
    });
    expect(noNote.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    const ended = await service.graphql(REVIEW, {
      input: {
        careRecordId: record.id,
        outcome: 'TERMINATE',
        reviewedOn: '2026-11-01',
        reviewerStaffId: 'staff-ss',
        note: '家庭收入超过低保标准',
      },
    });
    expect(ended.data.reviewCareCategory.careRecord).toMatchObject({
      endedOn: '2026-11-01',
      endReason: '家庭收入超过低保标准',
      nextReviewOn: null,
    });
    const afterEnd = await service.graphql(END, {
      input: { careRecordId: record.id, endedOn: '2026-11-02', reason: '重复' },
    });
    expect(afterEnd.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const events = await publishedEvents(service);
    expect([
      countFor(events, 'care_category.added', 'resident-3'),
      countFor(events, 'care_category.reviewed', 'resident-3'),
      countFor(events, 'care_category.ended', 'resident-3'),
    ]).toEqual([1, 2, 1]);
  });

  it('derives 高龄 from the birth date and refuses to add it by hand; filters residents by care category', async () => {
    const elder = await service.graphql(CATEGORIES, { id: 'resident-2' });
    expect(elder.data.resident.careCategories).toEqual([
      { category: 'ADVANCED_AGE', derived: true, startedOn: '2020-03-08', endedOn: null },
    ]);
    const manual = await service.graphql(ADD, {
      input: { residentId: 'resident-4', category: 'ADVANCED_AGE', startedOn: '2026-01-01', source: '手工' },
    });
    expect(manual.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'category' });
    await service.graphql(ADD, {
      input: {
        residentId: 'resident-2',
        category: 'ELDERLY_LIVING_ALONE',
        startedOn: '2026-10-01',
        source: '入户走访',
      },
    });
    const filtered = await service.graphql(
      `{ a: residents(filter: { careCategory: ADVANCED_AGE }) { totalCount } b: residents(filter: { careCategory: ELDERLY_LIVING_ALONE }) { totalCount edges { node { id } } } c: residents(filter: { minAge: 30, maxAge: 51 }) { totalCount } }`,
    );
    expect(filtered.data).toEqual({
      a: { totalCount: 1 },
      b: { totalCount: 1, edges: [{ node: { id: 'resident-2' } }] },
      c: { totalCount: 2 },
    });
    const noRight = await service.graphql(
      `{ residents(filter: { careCategory: ELDERLY_LIVING_ALONE }) { totalCount } }`,
      undefined,
      { role: 'party_affairs' },
    );
    expect(noRight.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const masked = await service.graphql(CATEGORIES, { id: 'resident-2' }, { role: 'party_affairs' });
    expect(masked.data.resident.careCategories).toBeNull();
  });

  it('gives the start of 高龄 (the 80th birthday, the birth date 80 years on) only to a caller who reads birth dates', async () => {
    // a grid worker reads care categories but not the birth date (its ID number masked): the day 高龄 began would
    // give the birth date whole
    const worker = { role: 'grid_worker' as const, grids: [`${COMMUNITY}-01`] };
    const seen = await service.graphql(CATEGORIES, { id: 'resident-2' }, worker);
    expect(seen.errors).toBeUndefined();
    expect(seen.data.resident.careCategories).toContainEqual({
      category: 'ADVANCED_AGE',
      derived: true,
      startedOn: null,
      endedOn: null,
    });
    const workerReads = await auditEntries(service, { callerId: 'test-grid_worker' });
    expect(workerReads.filter((e) => e.subjectId === 'resident-2').map((e) => e.fields)).toEqual(['careCategories']);
    // a caller who reads it raw gets the day, audited as a read of the birth date
    const admin = await service.graphql(CATEGORIES, { id: 'resident-2' });
    expect(admin.data.resident.careCategories).toContainEqual({
      category: 'ADVANCED_AGE',
      derived: true,
      startedOn: '2020-03-08',
      endedOn: null,
    });
    const adminReads = await auditEntries(service, { callerId: 'test-community_admin' });
    expect(adminReads.filter((e) => e.subjectId === 'resident-2').at(-1)?.fields).toBe('birthDate,careCategories');
  });

  it('lists reviews due before a date and floating residents whose permits expire before a date', async () => {
    // resident-2 独居老人 from 2026-10-01: quarterly, due 2027-01-01.
    const due = await service.graphql(
      `{ careReviewsDue(before: "2027-01-02") { totalCount edges { node { category nextReviewOn resident { id } } } } none: careReviewsDue(before: "2027-01-01") { totalCount } }`,
    );
    expect(due.data.careReviewsDue).toEqual({
      totalCount: 1,
      edges: [
        { node: { category: 'ELDERLY_LIVING_ALONE', nextReviewOn: '2027-01-01', resident: { id: 'resident-2' } } },
      ],
    });
    expect(due.data.none.totalCount).toBe(0);
    const expiring = await service.graphql(
      `{ floatingResidentsExpiring(before: "2027-01-01") { totalCount edges { node { id residencePermitExpiresOn } } } }`,
    );
    expect(expiring.data.floatingResidentsExpiring).toEqual({
      totalCount: 1,
      edges: [{ node: { id: 'resident-5', residencePermitExpiresOn: '2026-12-20' } }],
    });
  });

  it('refuses care records, reviews and endings dated after today, with the field named, writing nothing', async () => {
    const records = async () => [
      await service.orm.em.fork().count(OutboxMessage, {}),
      await service.orm.em.fork().count(CareReview, {}),
    ];
    const future = await service.graphql(ADD, {
      input: { residentId: 'resident-6', category: 'UNEMPLOYED', startedOn: '2026-12-15', source: '入户走访' },
    });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startedOn' });
    expect(future.errors?.[0]?.message).toMatch(/不能晚于今天（2026-11-30）/);
    const added = await service.graphql(ADD, {
      input: { residentId: 'resident-6', category: 'UNEMPLOYED', startedOn: '2026-11-30', source: '入户走访' },
    });
    expect(added.errors).toBeUndefined();
    const id = added.data.addCareCategory.careRecord.id;
    const before = await records();
    const review = await service.graphql(REVIEW, {
      input: { careRecordId: id, outcome: 'CONTINUE', reviewedOn: '2026-12-01', reviewerStaffId: 'staff-ss' },
    });
    expect(review.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reviewedOn' });
    const end = await service.graphql(END, { input: { careRecordId: id, endedOn: '2027-01-01', reason: '已就业' } });
    expect(end.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endedOn' });
    expect(await records()).toEqual(before);
    const stored = await service.graphql(
      `query($id: ID!) { resident(id: $id) { careCategories { category endedOn } } }`,
      { id: 'resident-6' },
    );
    expect(stored.data.resident.careCategories).toContainEqual({ category: 'UNEMPLOYED', endedOn: null });
  });

  it('expiring and expired permits are separate answers', async () => {
    const LISTS = `{ expiring: floatingResidentsExpiring(before: "2027-12-31") { totalCount edges { node { id } } } expired: floatingResidentsExpired { totalCount edges { node { id residencePermitExpiresOn } } } }`;
    // On 2026-12-20 the permit of resident-5 is valid through its last day; on 2026-12-21 it has expired.
    clock.set(new Date('2026-12-20T08:00:00Z'));
    const onLastDay = await service.graphql(LISTS);
    expect(onLastDay.errors).toBeUndefined();
    expect(onLastDay.data.expiring.edges.map((e: any) => e.node.id)).toContain('resident-5');
    expect(onLastDay.data.expired.totalCount).toBe(0);
    clock.set(new Date('2026-12-21T08:00:00Z'));
    const after = await service.graphql(LISTS);
    expect(after.data.expiring.edges.map((e: any) => e.node.id)).not.toContain('resident-5');
    expect(after.data.expired).toEqual({
      totalCount: 1,
      edges: [{ node: { id: 'resident-5', residencePermitExpiresOn: '2026-12-20' } }],
    });
    const noRight = await service.graphql(LISTS, undefined, { role: 'party_affairs' });
    expect(noRight.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    clock.set(new Date('2026-11-30T08:00:00Z'));
  });

  it('the scheduled scan publishes review_due and registration_expiring once per due date, and again after a renewal', async () => {
    clock.set(new Date('2026-11-30T08:00:00Z'));
    // Permit of resident-5 expires 2026-12-20 (within 30 days); the review of resident-2 is due 2027-01-01 (not within 7 days).
    // The service's own scheduled run (at start) may have announced it already; either way only once.
    await scanDueReviewsAndPermits(service);
    expect(await scanDueReviewsAndPermits(service)).toEqual({ reviewsDue: 0, permitsExpiring: 0 });
    clock.set(new Date('2026-12-26T08:00:00Z'));
    expect(await scanDueReviewsAndPermits(service)).toEqual({ reviewsDue: 1, permitsExpiring: 0 });
    expect(await scanDueReviewsAndPermits(service)).toEqual({ reviewsDue: 0, permitsExpiring: 0 });
    // Renewal: a new expiry date is announced again when it comes near.
    const renewed = await service.graphql(
      `mutation { updateResident(input: { residentId: "resident-5", residenceType: FLOATING, residencePermitIssuedOn: "2026-12-21", residencePermitExpiresOn: "2027-01-20" }) { resident { residencePermitExpiresOn } } }`,
    );
    expect(renewed.errors).toBeUndefined();
    expect(await scanDueReviewsAndPermits(service)).toEqual({ reviewsDue: 0, permitsExpiring: 1 });
    const events = await publishedEvents(service);
    expect(events.filter((e) => e.subject === 'shequ.residents.care_category.review_due').map((e) => e.data)).toEqual([
      { residentId: 'resident-2', category: 'ELDERLY_LIVING_ALONE', dueOn: '2027-01-01', gridId: 'grid-a' },
    ]);
    expect(
      events.filter((e) => e.subject === 'shequ.residents.floating.registration_expiring').map((e) => e.data),
    ).toEqual([
      { residentId: 'resident-5', expiresOn: '2026-12-20', gridId: 'grid-b' },
      { residentId: 'resident-5', expiresOn: '2027-01-20', gridId: 'grid-b' },
    ]);
    const stored = await service.orm.em.fork().findOneOrFail(Resident, 'resident-5');
    expect(stored.permitExpiringNotifiedFor).toBe('2027-01-20');
  });
  it('综治 sees 重点人员 records without ordinary care categories; a list filtered by a category is audited per resident', async () => {
    const tagged = await service.graphql(ADD, {
      input: { residentId: 'resident-4', category: 'KEY_PERSON', startedOn: '2026-09-01', source: '综治排查' },
    });
    expect(tagged.errors).toBeUndefined();
    await service.graphql(ADD, {
      input: { residentId: 'resident-4', category: 'DISABILITY', startedOn: '2026-09-01', source: '残联' },
    });
    const governance = { role: 'comprehensive_governance' as const, subject: 'staff-zz' };
    const seen = await service.graphql(CATEGORIES, { id: 'resident-4' }, governance);
    expect(seen.data.resident.careCategories.map((r: { category: string }) => r.category)).toEqual(['KEY_PERSON']);
    const civil = await service.graphql(CATEGORIES, { id: 'resident-4' }, { role: 'civil_affairs' });
    expect(civil.data.resident.careCategories.map((r: { category: string }) => r.category)).toEqual(['DISABILITY']);

    const listed = await service.graphql(
      `query KeyPersons { residents(filter: { careCategory: KEY_PERSON }) { edges { node { id } } } }`,
      {},
      governance,
    );
    expect(listed.data.residents.edges).toEqual([{ node: { id: 'resident-4' } }]);
    const entries = await auditEntries(service, { callerId: 'staff-zz', operation: 'KeyPersons' });
    expect(entries.map((e) => [e.subjectId, e.fields])).toEqual([['resident-4', 'sensitiveTags']]);
  });
});
