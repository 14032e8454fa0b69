import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityClass } from '@mikro-orm/core';
import { communityDay } from '@shequ/contracts';
import type { Orm } from '@shequ/database';
import { ManualClock } from '@shequ/subgraph';
import { seedDemoDatabase } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { casesService } from '../../services/cases/src/service.js';
import { casesRuleViolations } from '../../services/cases/src/application/rule-audit.js';
import { Case, CaseEvaluation, MediationParty, ProactiveTask, Visit } from '../../services/cases/src/entities/index.js';
import { eventsService } from '../../services/events/src/service.js';
import { eventsRuleViolations } from '../../services/events/src/application/rule-audit.js';
import {
  CommunityEvent,
  EventSponsor,
  Registration,
  TeamMember,
  Venue,
  VolunteerService,
} from '../../services/events/src/entities/index.js';
import { partybuildingService } from '../../services/partybuilding/src/service.js';
import { partybuildingRuleViolations } from '../../services/partybuilding/src/application/rule-audit.js';
import {
  PartyMember,
  PartyOrganization,
  PartyTransfer,
  RedFlagNomination,
} from '../../services/partybuilding/src/entities/index.js';
import { residentsService } from '../../services/residents/src/service.js';
import { validResidence } from '../../services/residents/src/domain/floating-permit.js';
import { validateRegistration } from '../../services/residents/src/domain/resident-registration.js';
import { Household, Organization, Resident, Staff } from '../../services/residents/src/entities/index.js';

/*
 * Every rule holds on every path that can write, the seeds included: the whole demo seed of the four services (each
 * in its own fresh database, as `npm start` loads it) and then the domain rules over everything written — residents'
 * registrations, partybuilding's every rule (`partybuildingRuleViolations`, the functions the API checks with, fed
 * residents' own record of each person), and every id one service keeps of residents' records found in residents'
 * own tables (no record points at nothing, across databases). A seed path that skips a rule fails here.
 */
const NOW = new Date('2026-12-02T02:00:00Z'); // 10:00 in 厦门, just after the demo's reference date
const today = communityDay(NOW);

type Kind = 'RESIDENT' | 'STAFF' | 'HOUSEHOLD' | 'ORGANIZATION';

describe.each(testDialects())('the demo of the four services keeps every rule on %s', (dialect) => {
  const orms: Partial<Record<'residents' | 'cases' | 'partybuilding' | 'events', Orm>> = {};
  const known = new Map<Kind, Set<string>>();
  let residentFacts: Map<
    string,
    { gender: string | null; birthDate: string | null; status: string; diedOn: string | null; communityId: string }
  >;

  beforeAll(async () => {
    for (const service of [residentsService, casesService, partybuildingService, eventsService])
      orms[service.name] = await seedDemoDatabase(service, { dialect, clock: new ManualClock(NOW) });
    const em = orms.residents!.em.fork();
    const residents = await em.find(Resident, {});
    residentFacts = new Map(
      residents.map((r) => [
        r.id,
        { gender: r.gender, birthDate: r.birthDate, status: r.status, diedOn: r.diedOn, communityId: r.communityId },
      ]),
    );
    known.set('RESIDENT', new Set(residents.map((r) => r.id)));
    known.set('STAFF', new Set((await em.find(Staff, {})).map((s) => s.id)));
    known.set('HOUSEHOLD', new Set((await em.find(Household, {})).map((h) => h.id)));
    known.set('ORGANIZATION', new Set((await em.find(Organization, {})).map((o) => o.id)));
  }, 900_000);
  afterAll(async () => {
    for (const orm of Object.values(orms)) await orm?.close(true);
  });

  /** Ids of residents' records a service keeps that residents' own tables do not hold. */
  async function unknownIds<T extends object>(orm: Orm, entity: EntityClass<T>, field: keyof T & string, kind: Kind) {
    const rows = await orm.em.fork().find(entity, {}, { fields: [field] as never });
    return rows
      .map((row) => (row as Record<string, unknown>)[field] as string | null)
      .filter((id): id is string => id !== null && !known.get(kind)!.has(id))
      .map((id) => `${entity.name}.${field} ${id}`);
  }

  it('registers every resident as the API would (ID number, phone, 居住证)', async () => {
    const residents = await orms.residents!.em.fork().find(Resident, {});
    expect(residents.length).toBeGreaterThan(2500);
    const problems: string[] = [];
    for (const r of residents) {
      try {
        const valid = validateRegistration({ name: r.name, idNumber: r.idNumber, phone: r.phone }, NOW);
        if (valid.birthDate !== r.birthDate || valid.gender !== r.gender)
          problems.push(`${r.id}: 出生日期或性别与身份证号不符`);
        validResidence(r);
      } catch (error) {
        problems.push(`${r.id}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps every party-building rule, with each member’s gender and birth date those of residents', async () => {
    const violations = await partybuildingRuleViolations(orms.partybuilding!.em.fork(), today, residentFacts);
    expect(violations).toEqual([]);
    // what the audit reads is what was seeded: the committee, its members, meetings and transfers
    const em = orms.partybuilding!.em.fork();
    expect(await em.count(PartyMember, { communityId: '350203008006' })).toBe(121);
    expect(await em.count(PartyTransfer, {})).toBeGreaterThanOrEqual(7);
  });

  it('finds a row that breaks a rule (the audit is not blind)', async () => {
    const em = orms.partybuilding!.em.fork();
    const member = await em.findOneOrFail(PartyMember, { communityId: '350203008006', stage: 'APPLICANT' });
    const { appliedOn, gender } = member;
    // an applicant's file dated before their 18th birthday and a gender residents do not record: two breaches
    member.appliedOn = member.birthDate!.replace(/^\d{4}/, (year) => String(Number(year) + 10));
    member.gender = gender === 'MALE' ? 'FEMALE' : 'MALE';
    await em.flush();
    try {
      const violations = await partybuildingRuleViolations(orms.partybuilding!.em.fork(), today, residentFacts);
      expect(violations.some((v) => v.includes(member.id) && v.includes('18'))).toBe(true);
      expect(violations.some((v) => v.includes(member.id) && v.includes('性别'))).toBe(true);
    } finally {
      member.appliedOn = appliedOn;
      member.gender = gender;
      await em.flush();
    }
  });

  it('keeps every cases rule: intake, the workflow’s steps, ratings, mediations, visits and proactive tasks', async () => {
    const violations = await casesRuleViolations(orms.cases!.em.fork(), today, residentFacts);
    expect(violations).toEqual([]);
    // what the audit reads is what was seeded: 莲秀社区's year of cases with their ratings, and its visits
    const em = orms.cases!.em.fork();
    expect(await em.count(Case, { communityId: '350203008006' })).toBe(120);
    expect(await em.count(CaseEvaluation, {})).toBeGreaterThan(20);
    expect(await em.count(ProactiveTask, { status: 'CLOSED', closedBy: 'VISIT' })).toBeGreaterThan(0);
  });

  it('finds a case that breaks a cases rule (the cases audit is not blind)', async () => {
    const em = orms.cases!.em.fork();
    const closed = await em.findOneOrFail(
      Case,
      { communityId: '350203008006', status: 'CLOSED' },
      { orderBy: { id: 'asc' } },
    );
    const { resolveDueAt, feedbackAt } = closed;
    // a time limit not the category's, and feedback dated before the case was resolved: two breaches
    closed.resolveDueAt = new Date(resolveDueAt.getTime() + 86_400_000);
    closed.feedbackAt = new Date(closed.resolvedAt!.getTime() - 3_600_000);
    await em.flush();
    try {
      const violations = await casesRuleViolations(orms.cases!.em.fork(), today, residentFacts);
      expect(violations.some((v) => v.includes(closed.number) && v.includes('办结时限'))).toBe(true);
      expect(violations.some((v) => v.includes(closed.number) && v.includes('反馈时间早于办结时间'))).toBe(true);
    } finally {
      closed.resolveDueAt = resolveDueAt;
      closed.feedbackAt = feedbackAt;
      await em.flush();
    }
  });

  it('keeps every events rule, with each resident’s birth date and status those of residents', async () => {
    const violations = await eventsRuleViolations(orms.events!.em.fork(), today, residentFacts);
    expect(violations).toEqual([]);
    // what the audit reads is what was seeded: a year of activities with registrations, teams and volunteer hours
    const em = orms.events!.em.fork();
    expect(await em.count(CommunityEvent, { communityId: '350203008006' })).toBeGreaterThan(50);
    expect(await em.count(Registration, {})).toBeGreaterThan(2000);
    expect(await em.count(TeamMember, {})).toBeGreaterThan(100);
    expect(await em.count(VolunteerService, {})).toBeGreaterThan(50);
  });

  it('finds an events row that breaks a rule (the audit is not blind)', async () => {
    const em = orms.events!.em.fork();
    const event = await em.findOneOrFail(
      CommunityEvent,
      { communityId: '350203008006', audience: 'ELDERLY', status: 'COMPLETED' },
      { orderBy: { startsAt: 'asc' } },
    );
    const registration = await em.findOneOrFail(
      Registration,
      { event, status: 'ATTENDED' },
      { orderBy: { id: 'asc' } },
    );
    const { audience, capacity } = event;
    const { attendedAt } = registration;
    // an event for children its elderly attended, fewer seats than came, and a check-in a day before it began: breaches
    event.audience = 'CHILDREN';
    event.capacity = 1;
    registration.attendedAt = new Date(event.startsAt.getTime() - 86_400_000);
    await em.flush();
    try {
      const violations = await eventsRuleViolations(orms.events!.em.fork(), today, residentFacts);
      expect(violations.some((v) => v.includes(registration.id) && v.includes('活动面向人群的年龄'))).toBe(true);
      expect(violations.some((v) => v.includes(event.id) && v.includes('超过名额'))).toBe(true);
      expect(violations.some((v) => v.includes(registration.id) && v.includes('签到'))).toBe(true);
    } finally {
      event.audience = audience;
      event.capacity = capacity;
      registration.attendedAt = attendedAt;
      await em.flush();
    }
  });

  it('points only at records residents holds, in every service', async () => {
    const { cases, partybuilding, events } = orms as Required<typeof orms>;
    const unknown = [
      ...(await unknownIds(cases, Case, 'reporterId', 'RESIDENT')),
      ...(await unknownIds(cases, Case, 'assigneeStaffId', 'STAFF')),
      ...(await unknownIds(cases, CaseEvaluation, 'raterResidentId', 'RESIDENT')),
      ...(await unknownIds(cases, MediationParty, 'residentId', 'RESIDENT')),
      ...(await unknownIds(cases, Visit, 'staffId', 'STAFF')),
      ...(await unknownIds(cases, Visit, 'householdId', 'HOUSEHOLD')),
      ...(await unknownIds(cases, ProactiveTask, 'residentId', 'RESIDENT')),
      ...(await unknownIds(partybuilding, PartyMember, 'residentId', 'RESIDENT')),
      ...(await unknownIds(partybuilding, PartyOrganization, 'secretaryResidentId', 'RESIDENT')),
      ...(await unknownIds(partybuilding, PartyTransfer, 'residentId', 'RESIDENT')),
      ...(await unknownIds(partybuilding, RedFlagNomination, 'staffId', 'STAFF')),
      ...(await unknownIds(events, Registration, 'residentId', 'RESIDENT')),
      ...(await unknownIds(events, TeamMember, 'residentId', 'RESIDENT')),
      ...(await unknownIds(events, VolunteerService, 'residentId', 'RESIDENT')),
      ...(await unknownIds(events, CommunityEvent, 'organiserOrganizationId', 'ORGANIZATION')),
      ...(await unknownIds(events, EventSponsor, 'organizationId', 'ORGANIZATION')),
      ...(await unknownIds(events, Venue, 'ownerOrganizationId', 'ORGANIZATION')),
    ];
    expect(unknown).toEqual([]);
  });
});
