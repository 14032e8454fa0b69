import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { knownReferences, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { PartyMember, RedFlagNomination } from '../src/entities/index.js';
import { partybuildingService } from '../src/service.js';

/**
 * Concurrent writes whose checks all pass and whose inserts meet at a unique index (the loser is answered CONFLICT
 * with a Chinese message, not INTERNAL_SERVER_ERROR, and writes nothing). On SQLite the writes take turns, so the
 * rule's own check answers; on PostgreSQL the index does.
 */
const CREATE_ORG = `mutation($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { organization { id } } }`;
const ENROL = `mutation($input: EnrolPartyMemberInput!) { enrolPartyMember(input: $input) { member { id } } }`;
const NOMINATE = `mutation($input: NominateRedFlagInput!) { nominateRedFlag(input: $input) { period { period } } }`;

type Answer = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
const codes = (answers: Answer[]) =>
  answers.map((a) => (a.errors ? String(a.errors[0].extensions?.code) : 'OK')).sort();

describe.each(testDialects())('unique-index races in party-building on %s', (dialect) => {
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-06-30T02:00:00Z'));
  const branches: string[] = [];

  beforeAll(async () => {
    service = await startTestSubgraph(partybuildingService, { dialect, clock });
    const residents = Array.from({ length: 4 }, (_, i) => ({
      kind: 'RESIDENT' as const,
      id: `ur-${i}`,
      birthDate: '1980-01-01',
    }));
    await knownReferences(service, [
      ...residents,
      { kind: 'STAFF', id: 'ur-staff-a', department: 'FAMILY_PLANNING' },
      { kind: 'STAFF', id: 'ur-staff-b', department: 'SOCIAL_SECURITY' },
    ]);
    const committee = await service.graphql(CREATE_ORG, {
      input: { name: '社区党委', level: 'COMMITTEE', establishedOn: '2010-07-01' },
    });
    const parentId = committee.data.createPartyOrganization.organization.id;
    for (const name of ['第一党支部', '第二党支部']) {
      const created = await service.graphql(CREATE_ORG, {
        input: { name, level: 'BRANCH', parentId, establishedOn: '2010-07-01' },
      });
      branches.push(created.data.createPartyOrganization.organization.id);
    }
  });
  afterAll(() => service?.stop());

  it('enrols a resident into one of two 党支部 enrolling them at once; the other is answered CONFLICT', async () => {
    for (let i = 0; i < 4; i++) {
      const answers: Answer[] = await Promise.all(
        branches.map((branchId) =>
          service.graphql(ENROL, { input: { residentId: `ur-${i}`, branchId, appliedOn: '2025-01-05' } }),
        ),
      );
      expect(codes(answers)).toEqual(['CONFLICT', 'OK']);
      // the rule's own answer, whether its check (SQLite's turns) or the unique index (PostgreSQL) caught it
      expect(answers.find((a) => a.errors)?.errors?.[0].message).toBe(`居民 ur-${i} 已有党员档案`);
      expect(await service.orm.em.fork().count(PartyMember, { residentId: `ur-${i}` })).toBe(1);
    }
  });

  it('takes both of the first two nominations of a month (two departments), as one after the other would be', async () => {
    const nominations = [
      { department: 'FAMILY_PLANNING', staffId: 'ur-staff-a' },
      { department: 'SOCIAL_SECURITY', staffId: 'ur-staff-b' },
    ];
    for (const period of ['2026-01', '2026-02', '2026-03']) {
      const answers: Answer[] = await Promise.all(
        nominations.map((n) => service.graphql(NOMINATE, { input: { period, ...n } })),
      );
      expect(answers.map((a) => a.errors?.[0]?.message ?? 'OK')).toEqual(['OK', 'OK']);
      expect(await service.orm.em.fork().count(RedFlagNomination, { period: { period } })).toBe(2);
    }
  });

  it('answers the second of two first nominations of one department with the rule’s message', async () => {
    for (const period of ['2026-04', '2026-05']) {
      const answers: Answer[] = await Promise.all(
        [0, 1].map(() =>
          service.graphql(NOMINATE, { input: { period, department: 'FAMILY_PLANNING', staffId: 'ur-staff-a' } }),
        ),
      );
      expect(codes(answers)).toEqual(['CONFLICT', 'OK']);
      expect(answers.find((a) => a.errors)?.errors?.[0].message).toBe(
        '本期「计生（计划生育）」已有提名人，每个部门每期只能提名一人',
      );
      expect(await service.orm.em.fork().count(RedFlagNomination, { period: { period } })).toBe(1);
    }
  });
});
