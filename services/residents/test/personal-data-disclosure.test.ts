import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessControl, ROLE_NAMES, type Role } from '@shequ/auth';
import { auditEntries } from './audit-entries.js';
import { InMemoryApiKeys, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { CareRecord } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { COMMUNITY, placesFixture, residentIn, staffFixture } from './fixtures.js';

const GRID_A = `${COMMUNITY}-01`;
const GRID_B = `${COMMUNITY}-02`;
const access = (role: Role) =>
  new AccessControl({
    kind: 'user',
    id: 't',
    name: 't',
    communityId: COMMUNITY,
    department: null,
    roles: [role],
    grids: [],
  });
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  __typename
  ... on Resident { id name }
  ... on Staff { id name position }
  ... on Organization { id name }
  ... on Grid { id name }
} }`;

describe('residents: nothing shown completes what is masked; derived answers are audited; every entry point scoped', () => {
  let service: TestSubgraph;
  const apiKeys = new InMemoryApiKeys();
  let idNumber: string;

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, { apiKeys });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    const resident = residentIn(em, households[0], '林建国', '1992-01-18', 3);
    idNumber = resident.idNumber;
    residentIn(em, households[2], '陈丽', '1990-01-15', 4);
    em.create(CareRecord, {
      id: 'care-1',
      communityId: COMMUNITY,
      resident,
      category: 'MINIMUM_LIVING_ALLOWANCE',
      startedOn: '2026-01-01',
      source: '测试',
      nextReviewOn: '2026-07-01',
    });
    em.create(CareRecord, {
      id: 'care-2',
      communityId: COMMUNITY,
      resident,
      category: 'KEY_PERSON',
      startedOn: '2026-01-01',
      source: '测试',
    });
    await em.flush();
    await staffFixture(em);
  });
  afterAll(() => service?.stop());

  const readers = ROLE_NAMES.filter((r) => r !== 'district_platform' && access(r).can('residents:read'));

  it.each(readers)('%s: the exact birth date only where the ID number is raw; age for everyone', async (role) => {
    const result = await service.graphql(
      `{ resident(id: "resident-3") { idNumber birthDate age } }`,
      {},
      { role, grids: [GRID_A] },
    );
    expect(result.errors).toBeUndefined();
    const r = result.data.resident;
    expect(r.age).toBeGreaterThan(30);
    if (r.idNumber === idNumber) expect(r.birthDate).toBe('1992-01-18');
    else {
      expect(r.idNumber).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
      expect(r.birthDate, `${role} would rebuild the ID number`).toBeNull();
    }
  });

  it('a raw birth date is audited like the ID number', async () => {
    await service.graphql(
      `{ resident(id: "resident-3") { birthDate } }`,
      {},
      { role: 'civil_affairs', subject: 'bd-1' },
    );
    const entries = await auditEntries(service, { callerId: 'bd-1' });
    expect(entries.map((e) => e.fields)).toEqual(['birthDate']);
  });

  it('API keys: pii:read gives contact data and birth date, care categories and sensitive tags need their own scopes', async () => {
    const query = `{ resident(id: "resident-3") { idNumber birthDate careCategories { category } } }`;
    const pii = await service.graphql(
      query,
      {},
      { authorization: apiKeys.issue(['residents:read', 'pii:read']).authorization },
    );
    expect(pii.errors).toBeUndefined();
    expect(pii.data.resident).toEqual({ idNumber, birthDate: '1992-01-18', careCategories: null });
    const masked = await service.graphql(query, {}, { authorization: apiKeys.issue(['residents:read']).authorization });
    expect(masked.data.resident.birthDate).toBeNull();
    const care = await service.graphql(
      query,
      {},
      { authorization: apiKeys.issue(['residents:read', 'care:read']).authorization },
    );
    expect(care.data.resident.careCategories).toEqual([{ category: 'MINIMUM_LIVING_ALLOWANCE' }]);
    const sensitive = await service.graphql(
      query,
      {},
      {
        authorization: apiKeys.issue(['residents:read', 'sensitive:read']).authorization,
      },
    );
    expect(sensitive.data.resident.careCategories).toEqual([{ category: 'KEY_PERSON' }]);
  });

  it('a count-only read filtered by care category is audited for every resident it counts', async () => {
    const result = await service.graphql(
      `query CountOnly { residents(first: 0, filter: { householdId: "household-0-1", careCategory: MINIMUM_LIVING_ALLOWANCE }) { totalCount } }`,
      {},
      { role: 'civil_affairs', subject: 'count-only' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.residents.totalCount).toBe(1);
    const entries = await auditEntries(service, { callerId: 'count-only' });
    expect(entries.map((e) => [e.subjectId, e.fields])).toEqual([['resident-3', 'careCategories']]);
  });

  it('the list of care reviews due is audited: each record is its resident’s care category', async () => {
    const result = await service.graphql(
      `{ careReviewsDue(before: "2030-01-01", first: 10) { edges { node { id category } } } }`,
      {},
      { role: 'civil_affairs', subject: 'reviews-due' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.careReviewsDue.edges).toHaveLength(1);
    const entries = await auditEntries(service, { callerId: 'reviews-due' });
    expect(entries.map((e) => [e.subjectId, e.fields])).toEqual([['resident-3', 'careCategories']]);
  });

  describe("_entities applies the root queries' permission and row scope", () => {
    const entities = (representations: unknown[], caller: Parameters<TestSubgraph['graphql']>[2]) =>
      service.graphql(ENTITIES, { representations }, caller);

    it('an analyst (whose staff query is FORBIDDEN) gets no Staff or Organization', async () => {
      const forbidden = await service.graphql(
        `{ staff(first: 1) { totalCount } }`,
        {},
        { role: 'analyst', community: '350203008' },
      );
      expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const result = await entities([{ __typename: 'Staff', id: 'staff-grid-a' }], {
        role: 'analyst',
        community: '350203008',
      });
      expect(result.errors).toBeUndefined();
      expect(result.data._entities).toEqual([null]);
      const admin = await entities([{ __typename: 'Staff', id: 'staff-grid-a' }], {});
      expect(admin.data._entities).toEqual([
        { __typename: 'Staff', id: 'staff-grid-a', name: '陈网格', position: '专职网格员' },
      ]);
    });

    it('a grid worker gets residents and grids of their own grids only', async () => {
      const result = await entities(
        [
          { __typename: 'Resident', id: 'resident-3' },
          { __typename: 'Resident', id: 'resident-4' },
          { __typename: 'Grid', id: 'grid-a' },
          { __typename: 'Grid', id: 'grid-b' },
        ],
        { role: 'grid_worker', grids: [GRID_A] },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data._entities.map((e: any) => e?.id ?? null)).toEqual(['resident-3', null, 'grid-a', null]);
      const other = await entities([{ __typename: 'Grid', id: 'grid-a' }], { role: 'grid_worker', grids: [GRID_B] });
      expect(other.data._entities).toEqual([null]);
    });
  });
});
