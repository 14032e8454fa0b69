import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, type NatsServerHandle } from '@shequ/testing';
import { eventsRuleViolations } from '../src/application/rule-audit.js';
import { CommunityEvent, ProgrammeItem } from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

/*
 * A gala's programme (fourth walk): `addGalaProgrammeItem` took a blank `form` («   ») and any number of items of up
 * to 180 minutes each — a two-hour gala with ten hours of programme — and `rescheduleCommunityEvent` shortened a gala
 * below its programme. Each is refused BAD_USER_INPUT naming the field, nothing written; the rule audit names a
 * stored gala whose programme does not fit and an item without a form.
 */
const PLAN = `mutation($input: PlanCommunityEventInput!) { planCommunityEvent(input: $input) { event { id } } }`;
const ITEM = `mutation($input: AddGalaProgrammeItemInput!) { addGalaProgrammeItem(input: $input) { item { position } } }`;
const RESCHEDULE = `mutation($input: RescheduleCommunityEventInput!) { rescheduleCommunityEvent(input: $input) { event { endsAt } } }`;

type Answer = { data?: Record<string, any>; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

describe.each(testDialects())('a gala’s programme on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let galaId: string;
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
  const em = () => service.orm.em.fork();
  const refused = (answer: Answer, field: string, text: string) => {
    expect(answer.errors?.[0]?.extensions, JSON.stringify(answer)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(answer.errors?.[0]?.message).toContain(text);
  };
  const item = (input: Record<string, unknown>) =>
    service.graphql(ITEM, { input: { eventId: galaId, title: '合唱', form: '合唱', durationMinutes: 60, ...input } });

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(eventsService, { dialect, natsUrl: nats.url, clock });
    // two hours: 19:00–21:00 China time
    const planned = await service.graphql(PLAN, {
      input: {
        title: '迎新年文艺晚会',
        type: 'GALA',
        startsAt: '2027-01-10T11:00:00Z',
        endsAt: '2027-01-10T13:00:00Z',
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
      },
    });
    expect(planned.errors).toBeUndefined();
    galaId = planned.data.planCommunityEvent.event.id;
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  it('refuses an item without a form, nothing written', async () => {
    refused(await item({ form: '   ' }), 'form', '节目形式不能为空');
    expect(await em().count(ProgrammeItem, {})).toBe(0);
  });

  it('refuses an item that would make the programme longer than the gala, nothing written', async () => {
    expect((await item({ durationMinutes: 60 })).errors).toBeUndefined();
    expect((await item({ title: '舞蹈', durationMinutes: 50 })).errors).toBeUndefined();
    refused(await item({ title: '小品', durationMinutes: 15 }), 'durationMinutes', '超过晚会时长 120 分钟');
    expect(await em().count(ProgrammeItem, {})).toBe(2);
    const last = await item({ title: '朗诵', durationMinutes: 10 });
    expect(last.errors).toBeUndefined();
    expect(last.data?.addGalaProgrammeItem.item.position).toBe(3);
  });

  it('refuses shortening the gala below its programme, nothing moved', async () => {
    const answer = await service.graphql(RESCHEDULE, {
      input: { eventId: galaId, startsAt: '2027-01-10T11:00:00Z', endsAt: '2027-01-10T12:30:00Z' },
    });
    refused(answer, 'endsAt', '节目单总时长 120 分钟超过晚会时长 90 分钟');
    expect((await em().findOneOrFail(CommunityEvent, { id: galaId })).endsAt.toISOString()).toBe(
      '2027-01-10T13:00:00.000Z',
    );
    const moved = await service.graphql(RESCHEDULE, {
      input: { eventId: galaId, startsAt: '2027-01-11T11:00:00Z', endsAt: '2027-01-11T13:30:00Z' },
    });
    expect(moved.errors).toBeUndefined();
  });

  it('the rule audit is silent over these rows and names a stored gala whose programme does not fit', async () => {
    expect(await eventsRuleViolations(em(), '2026-12-01')).toEqual([]);
    await em().nativeUpdate(ProgrammeItem, { position: 3 }, { durationMinutes: 60, form: ' ' });
    const lines = await eventsRuleViolations(em(), '2026-12-01');
    expect(lines.some((l) => l.startsWith(`活动 ${galaId}`) && l.includes('节目单不超过晚会时长'))).toBe(true);
    expect(lines.some((l) => l.startsWith('节目 ') && l.includes('节目形式为空'))).toBe(true);
    expect(lines).toHaveLength(2);
  });
});
