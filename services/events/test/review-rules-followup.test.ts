import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/core';
import { ormConfig, type Orm } from '@shequ/database';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDatabaseLocation, testDialects, type NatsServerHandle } from '@shequ/testing';
import { CommunityEvent, Team } from '../src/entities/index.js';
import { eventsEntities } from '../src/entities/index.js';
import { eventsMigrations } from '../src/migrations/index.js';
import { eventsService } from '../src/service.js';

/** Faults left by the review of 2026-12-04 afternoon: a rehearsal of a gala that is over, two teams of one name. */
const PLAN = `mutation($input: PlanCommunityEventInput!) { planCommunityEvent(input: $input) { event { id } } }`;
const CANCEL = `mutation($id: ID!) { cancelCommunityEvent(input: { eventId: $id, reason: "台风预警" }) { event { status } } }`;
const CREATE_TEAM = `mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id } } }`;

type Answer = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

describe.each(testDialects())('events follow-up rules on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
  const em = () => service.orm.em.fork();

  const plan = async (input: Record<string, unknown>) =>
    service.graphql(PLAN, {
      input: {
        startsAt: '2027-01-20T07:00:00Z',
        endsAt: '2027-01-20T09:00:00Z',
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
        ...input,
      },
    });

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(eventsService, { dialect, natsUrl: nats.url, clock });
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  it('attaches no rehearsal to a gala that was cancelled or is over (CONFLICT naming rehearsalForId)', async () => {
    const galaOf = async (title: string) => {
      const planned = await plan({ title, type: 'GALA', capacity: 80 });
      expect(planned.errors).toBeUndefined();
      return planned.data.planCommunityEvent.event.id as string;
    };
    const cancelled = await galaOf('元宵晚会');
    expect((await service.graphql(CANCEL, { id: cancelled })).errors).toBeUndefined();
    const finished = await galaOf('迎新晚会');
    // held and completed (the path through startCommunityEvent/completeCommunityEvent is the events-graph test's)
    await em().nativeUpdate(CommunityEvent, { id: finished }, { status: 'COMPLETED' });
    const before = await em().count(CommunityEvent, { type: 'REHEARSAL' });
    for (const [gala, label] of [
      [cancelled, '已取消'],
      [finished, '已结束'],
    ]) {
      const rehearsal = await plan({ title: '彩排', type: 'REHEARSAL', rehearsalForId: gala });
      expect(rehearsal.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'rehearsalForId' });
      expect(rehearsal.errors?.[0]?.message).toContain(label);
    }
    expect(await em().count(CommunityEvent, { type: 'REHEARSAL' })).toBe(before);
    const live = await galaOf('春节联欢晚会');
    expect((await plan({ title: '彩排', type: 'REHEARSAL', rehearsalForId: live })).errors).toBeUndefined();
  });

  it('creates one team of a name when several requests create it at once; the others are answered CONFLICT', async () => {
    for (const name of ['太极队', '葫芦丝队', '模特队']) {
      const answers: Answer[] = await Promise.all(
        Array.from({ length: 3 }, () => service.graphql(CREATE_TEAM, { input: { name, kind: 'DANCE' } })),
      );
      const codes = answers.map((a) => (a.errors ? String(a.errors[0].extensions?.code) : 'OK')).sort();
      expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
      for (const answer of answers.filter((a) => a.errors)) {
        expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'name' });
        expect(answer.errors?.[0]?.message).toBe(`已有名为「${name}」的团队`);
      }
      expect(await em().count(Team, { name })).toBe(1);
    }
  });

  it('renames the teams that already share a name in a community when the unique index is added', async () => {
    const list = await eventsMigrations.load(dialect);
    const at = list.findIndex((m) => m.name.endsWith('_team_name_unique'));
    expect(at).toBeGreaterThan(0);
    const orm = (await MikroORM.init(
      ormConfig({
        location: testDatabaseLocation(dialect, 'team_name_unique'),
        entities: eventsEntities as never,
        migrations: { sqlite: list, postgresql: list },
      }),
    )) as Orm;
    try {
      await orm.getMigrator().up({ to: list[at - 1].name });
      await orm.em
        .getConnection()
        .execute(
          `insert into team (id, community_id, name, kind) values ('t1', '350203008006', '秧歌队', 'YANGGE'), ('t2', '350203008006', '秧歌队', 'YANGGE'), ('t3', '350203008006', '秧歌队', 'YANGGE'), ('t4', '350203008007', '秧歌队', 'YANGGE')`,
        );
      await orm.getMigrator().up();
      const rows = await orm.em.getConnection().execute(`select id, name from team order by id`);
      expect(rows).toEqual([
        { id: 't1', name: '秧歌队' },
        { id: 't2', name: '秧歌队（重名 t2）' },
        { id: 't3', name: '秧歌队（重名 t3）' },
        { id: 't4', name: '秧歌队' },
      ]);
    } finally {
      await orm.close(true);
    }
  });
});
