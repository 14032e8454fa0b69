import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Orm } from '@shequ/database';
import { testDatabaseLocation, testDialects } from '@shequ/testing';
import { partybuildingRuleViolations } from '../src/application/rule-audit.js';
import { PartyMember, PartyOrganization } from '../src/entities/index.js';
import { partybuildingService } from '../src/service.js';

/*
 * The party rule audit's lines go to test reports, logs and metrics: each names the record (its id) and the rule
 * broken, never the person's values — a birth date, the age on a stage's date, a gender — which the graph shows only
 * to callers allowed them (and audits).
 */
const TODAY = '2026-12-02';
const C = '350203999001';

describe.each(testDialects())('the partybuilding rule audit names no personal value on %s', (dialect) => {
  let orm: Orm;
  beforeAll(async () => {
    orm = await openDatabase({
      location: testDatabaseLocation(dialect, 'party_audit_pii'),
      entities: partybuildingService.entities,
      migrations: partybuildingService.migrations,
    });
    const em = orm.em.fork();
    const committee = em.create(PartyOrganization, { id: 'o-1', communityId: C, name: '社区党委', level: 'COMMITTEE' });
    const branch = em.create(PartyOrganization, {
      id: 'o-2',
      communityId: C,
      name: '第一党支部',
      level: 'BRANCH',
      parent: committee,
    });
    // the file's birth date and gender differ from residents'
    em.create(PartyMember, {
      id: 'm-mismatch',
      communityId: C,
      residentId: 'r-1',
      branch,
      stage: 'APPLICANT',
      stageSince: '2020-05-04',
      appliedOn: '2020-05-04',
      gender: 'MALE',
      birthDate: '1985-07-16',
    });
    // applied at 16 (born 2004-09-30, applied 2021-03-01)
    em.create(PartyMember, {
      id: 'm-young',
      communityId: C,
      residentId: 'r-2',
      branch,
      stage: 'APPLICANT',
      stageSince: '2021-03-01',
      appliedOn: '2021-03-01',
      gender: 'FEMALE',
      birthDate: '2004-09-30',
    });
    await em.flush();
  });
  afterAll(() => orm?.close(true));

  it('names the record and the rule of a birth date, an age or a gender, never the value', async () => {
    const residents = new Map([
      ['r-1', { gender: 'FEMALE', birthDate: '1986-02-11', status: 'ACTIVE' }],
      ['r-2', { gender: 'FEMALE', birthDate: '2004-09-30', status: 'ACTIVE' }],
    ]);
    const lines = await partybuildingRuleViolations(orm.em.fork(), TODAY, residents);
    expect(lines).toEqual(
      expect.arrayContaining([
        '党员 m-mismatch: 出生日期与居民档案不一致',
        '党员 m-mismatch: 性别与居民档案不一致',
        expect.stringMatching(/^党员 m-young: 不符合规则「发展阶段及其日期（含年满 18 周岁）」/),
      ]),
    );
    for (const line of lines) {
      expect(line).not.toMatch(/1985|1986|2004|07-16|02-11|09-30/); // birth dates, on record or on file
      expect(line).not.toMatch(/\d+ ?岁|周岁（|男|女/); // an age on a date, a gender
    }
  });
});
