import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, PiiAuditRecord } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { residentsService } from '../src/service.js';
import { auditEntries } from './audit-entries.js';
import { COMMUNITY, placesFixture, residentIn } from './fixtures.js';
import { CareRecord, Resident } from '../src/entities/index.js';

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Resident { id age }
  ... on Household { members { id age } }
} }`;

// 文化 reads residents (`residents:read`) and their age, not their birth date: the age is derived from the birth
// date (an age and a masked ID number narrow the birth date to a year), so each age shown is a personal-data read.
describe.each(testDialects())('Resident.age is audited on every path that shows it on %s', (dialect) => {
  let service: TestSubgraph;
  let caller = 0;
  const culture = () => ({ role: 'culture' as const, subject: `culture-${++caller}` });

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, {
      dialect,
      clock: new ManualClock(new Date('2026-11-30T08:00:00Z')),
    });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    residentIn(em, households[0], '林华清', '1992-01-18', 31);
    residentIn(em, households[0], '刘芳美', '1950-03-09', 32);
    residentIn(em, households[1], '陈丽', '2015-06-01', 33);
    await em.flush();
    for (const id of ['resident-31', 'resident-32'])
      em.create(CareRecord, {
        id: `care-${id}`,
        communityId: COMMUNITY,
        resident: em.getReference(Resident, id),
        category: 'MINIMUM_LIVING_ALLOWANCE',
        startedOn: '2026-01-01',
        source: '民政局审批',
      });
    await em.flush();
  });
  afterAll(async () => {
    await service?.stop();
  });

  const entriesOf = async (callerId: string) =>
    (await auditEntries(service, { callerId })).map((e) => `${e.subjectId}:${e.fields}`).sort();

  it('audits the age of one resident read by a caller who may not read the birth date', async () => {
    const as = culture();
    const result = await service.graphql(`{ resident(id: "resident-31") { id age birthDate } }`, {}, as);
    expect(result.errors).toBeUndefined();
    expect(result.data.resident).toEqual({ id: 'resident-31', age: 34, birthDate: null });
    expect(await entriesOf(as.subject)).toEqual(['resident-31:age']);
  });

  it('audits each age on a page in the one record of the request', async () => {
    const as = culture();
    const result = await service.graphql(`{ residents(first: 10) { edges { node { id age } } } }`, {}, as);
    expect(result.errors).toBeUndefined();
    expect(result.data.residents.edges.map((e: any) => e.node.age)).toEqual([34, 76, 11]);
    expect(await entriesOf(as.subject)).toEqual(['resident-31:age', 'resident-32:age', 'resident-33:age']);
    expect(await service.orm.em.fork().count(PiiAuditRecord, { callerId: as.subject })).toBe(1);
  });

  it('audits ages read through members of a household and _entities from other services', async () => {
    const viaHousehold = culture();
    const household = await service.graphql(
      ENTITIES,
      { representations: [{ __typename: 'Household', id: 'household-0-1' }] },
      viaHousehold,
    );
    expect(household.errors).toBeUndefined();
    expect(household.data._entities[0].members.map((m: any) => m.age).sort()).toEqual([34, 76]);
    expect(await entriesOf(viaHousehold.subject)).toEqual(['resident-31:age', 'resident-32:age']);

    const viaEntities = culture();
    const entities = await service.graphql(
      ENTITIES,
      { representations: [{ __typename: 'Resident', id: 'resident-33' }] },
      viaEntities,
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data._entities).toEqual([{ id: 'resident-33', age: 11 }]);
    expect(await entriesOf(viaEntities.subject)).toEqual(['resident-33:age']);
  });

  it('audits the residents a list filtered by age shows, the age selected or not', async () => {
    const as = culture();
    const result = await service.graphql(
      `{ residents(first: 10, filter: { minAge: 60 }) { edges { node { id name } } } }`,
      {},
      as,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.residents.edges.map((e: any) => e.node.id)).toEqual(['resident-32']);
    expect(await entriesOf(as.subject)).toEqual(['resident-32:age']);
  });

  it('audits the residents an age-filtered totalCount counts, with no node selected', async () => {
    // a name prefix and minAge, totalCount alone: 1 tells 刘芳美 is 60 or older
    const alone = culture();
    const counted = await service.graphql(
      `{ residents(first: 0, filter: { namePrefix: "刘", minAge: 60 }) { totalCount } }`,
      {},
      alone,
    );
    expect(counted.errors).toBeUndefined();
    expect(counted.data.residents.totalCount).toBe(1);
    expect(await entriesOf(alone.subject)).toEqual(['resident-32:age']);

    const none = culture();
    const nobody = await service.graphql(
      `{ residents(first: 0, filter: { namePrefix: "刘", maxAge: 59 }) { totalCount } }`,
      {},
      none,
    );
    expect(nobody.data.residents.totalCount).toBe(0);
    expect(await entriesOf(none.subject)).toEqual([]);

    // the count beyond the page: everyone it counts, not only the page's residents
    const paged = culture();
    const page = await service.graphql(
      `{ residents(first: 1, filter: { maxAge: 40 }) { totalCount edges { node { id } } } }`,
      {},
      paged,
    );
    expect(page.errors).toBeUndefined();
    expect(page.data.residents).toEqual({ totalCount: 2, edges: [{ node: { id: 'resident-31' } }] });
    expect(await entriesOf(paged.subject)).toEqual(['resident-31:age', 'resident-33:age']);
    expect(await service.orm.em.fork().count(PiiAuditRecord, { callerId: paged.subject })).toBe(1);
  });

  it('audits the age of everyone a care list filtered by age counts, beside their care category', async () => {
    const result = await service.graphql(
      `{ residents(first: 0, filter: { careCategory: MINIMUM_LIVING_ALLOWANCE, minAge: 60 }) { totalCount } }`,
      {},
      { role: 'community_admin', subject: 'admin-care-age' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.residents.totalCount).toBe(1);
    expect(await entriesOf('admin-care-age')).toEqual(['resident-32:age,careCategories']);
  });

  it('records the age beside the birth date for a caller who reads both', async () => {
    const result = await service.graphql(
      `{ resident(id: "resident-32") { age birthDate } }`,
      {},
      { role: 'community_admin', subject: 'admin-age' },
    );
    expect(result.data.resident).toEqual({ age: 76, birthDate: '1950-03-09' });
    expect(await entriesOf('admin-age')).toEqual(['resident-32:age,birthDate']);
  });

  it('records nothing for residents read without their age', async () => {
    const as = culture();
    const result = await service.graphql(`{ residents(first: 10) { edges { node { id name } } } }`, {}, as);
    expect(result.errors).toBeUndefined();
    expect(await entriesOf(as.subject)).toEqual([]);
  });
});
