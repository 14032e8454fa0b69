import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResidentRegistered } from '@shequ/contracts';
import { ManualClock, ReferenceProjection } from '@shequ/subgraph';
import { startTestSubgraph, TestEventPublisher, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { eventsRuleViolations } from '../src/application/rule-audit.js';
import { Team, TeamAward, TeamMember } from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

/**
 * A team's dates are history (fourth walk): `createTeam`, `addTeamMember`, `removeTeamMember` and `recordTeamAward`
 * took any valid date — a founding, a joining, a leaving or an award in 2099, a member joining (an award won) before
 * the team was founded — while the rule audit already called a future award a breach. Each is refused
 * `BAD_USER_INPUT` naming the field, nothing written; the audit names stored rows that break the rules.
 */
const CREATE = `mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id } } }`;
const ADD = `mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { member { id } } }`;
const REMOVE = `mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { team { id } } }`;
const AWARD = `mutation($input: RecordTeamAwardInput!) { recordTeamAward(input: $input) { award { id } } }`;

type Answer = { data?: Record<string, any>; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

describe.each(testDialects())('team dates on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let residents: TestEventPublisher;
  let teamId: string;
  // 2026-12-01 10:00 in China
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
  const em = () => service.orm.em.fork();
  const refused = (answer: Answer, field: string, text: string) => {
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(answer.errors?.[0]?.message).toContain(text);
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(eventsService, { dialect, natsUrl: nats.url, clock });
    residents = new TestEventPublisher(nats.url);
    for (const residentId of ['td-1', 'td-2'])
      await residents.publish(ResidentRegistered, {
        residentId,
        householdId: 'hh-1',
        buildingId: 'b-1',
        gridId: 'g-1',
        gender: null,
        birthDate: '1958-03-01',
        residenceType: 'REGISTERED',
        residencePermitExpiresOn: null,
      });
    await waitFor(async () => (await em().count(ReferenceProjection, { id: ['td-1', 'td-2'] })) === 2, {
      what: 'the reference projection',
    });
  });
  afterAll(async () => {
    await residents?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('refuses a team founded after today, nothing written', async () => {
    const answer = await service.graphql(CREATE, {
      input: { name: '未来合唱队', kind: 'CHOIR', foundedOn: '2099-01-01' },
    });
    refused(answer, 'foundedOn', '不能晚于今天');
    expect(await em().count(Team, {})).toBe(0);
    const created = await service.graphql(CREATE, {
      input: { name: '合唱队', kind: 'CHOIR', foundedOn: '2015-05-04' },
    });
    expect(created.errors).toBeUndefined();
    teamId = created.data.createTeam.team.id;
  });

  it('refuses a member joining after today or before the founding, nothing written', async () => {
    refused(
      await service.graphql(ADD, { input: { teamId, residentId: 'td-1', joinedOn: '2099-06-01' } }),
      'joinedOn',
      '不能晚于今天',
    );
    refused(
      await service.graphql(ADD, { input: { teamId, residentId: 'td-1', joinedOn: '2026-12-02' } }),
      'joinedOn',
      '不能晚于今天',
    );
    refused(
      await service.graphql(ADD, { input: { teamId, residentId: 'td-1', joinedOn: '2010-01-01' } }),
      'joinedOn',
      '不能早于团队成立日期（2015-05-04）',
    );
    expect(await em().count(TeamMember, {})).toBe(0);
    expect(
      (await service.graphql(ADD, { input: { teamId, residentId: 'td-1', joinedOn: '2026-12-01' } })).errors,
    ).toBeUndefined();
    expect(
      (await service.graphql(ADD, { input: { teamId, residentId: 'td-2', joinedOn: '2015-05-04' } })).errors,
    ).toBeUndefined();
  });

  it('refuses a member leaving after today, the member kept', async () => {
    refused(
      await service.graphql(REMOVE, { input: { teamId, residentId: 'td-2', leftOn: '2099-01-01' } }),
      'leftOn',
      '不能晚于今天',
    );
    expect((await em().findOneOrFail(TeamMember, { residentId: 'td-2' })).leftOn).toBeNull();
    expect(
      (await service.graphql(REMOVE, { input: { teamId, residentId: 'td-2', leftOn: '2026-11-30' } })).errors,
    ).toBeUndefined();
  });

  it('refuses an award after today, before the founding or without an awarding body, nothing written', async () => {
    const award = (input: Record<string, string>) =>
      service.graphql(AWARD, { input: { teamId, title: '区合唱比赛二等奖', awardedBy: '思明区文化馆', ...input } });
    refused(await award({ awardedOn: '2099-10-01' }), 'awardedOn', '不能晚于今天');
    refused(await award({ awardedOn: '2014-10-01' }), 'awardedOn', '不能早于团队成立日期');
    refused(await award({ awardedOn: '2026-10-01', awardedBy: '   ' }), 'awardedBy', '颁奖单位不能为空');
    expect(await em().count(TeamAward, {})).toBe(0);
    expect((await award({ awardedOn: '2026-10-01' })).errors).toBeUndefined();
  });

  it('the rule audit is silent over these rows and names stored rows that break the rules', async () => {
    expect(await eventsRuleViolations(em(), '2026-12-01')).toEqual([]);
    const fork = em();
    const team = await fork.findOneOrFail(Team, { id: teamId });
    fork.create(Team, {
      id: 'td-future',
      communityId: team.communityId,
      name: '明日队',
      kind: 'DANCE',
      foundedOn: '2099-01-01',
    });
    fork.create(TeamMember, {
      id: 'td-early',
      communityId: team.communityId,
      team,
      residentId: 'td-2',
      joinedOn: '2001-01-01',
      leftOn: '2002-01-01',
    });
    fork.create(TeamAward, {
      id: 'td-award',
      communityId: team.communityId,
      team,
      title: '未来奖',
      awardedBy: '思明区文化馆',
      awardedOn: '2099-01-01',
    });
    await fork.flush();
    const lines = await eventsRuleViolations(em(), '2026-12-01');
    expect(lines.find((l) => l.startsWith('团队 td-future'))).toContain('成立日期');
    expect(lines.find((l) => l.startsWith('团员 td-early'))).toContain('入团日期');
    expect(lines.find((l) => l.startsWith('获奖 td-award'))).toContain('获奖日期');
  });
});
