import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { partybuildingRuleViolations } from '../src/application/rule-audit.js';
import { PartyOrganization, PartyOrganizationChange } from '../src/entities/index.js';
import { partybuildingService } from '../src/service.js';

/*
 * An organisation's dates are history (fourth walk): `createPartyOrganization` took an `establishedOn` in 2099 (the
 * branch then refused every meeting until then) and `changePartyOrganization` a `changedOn` in the future or before
 * the organisation was established. Both are refused BAD_USER_INPUT naming the field, nothing written; the rule audit
 * names stored organisations and changes that break the rule.
 */
const CREATE = `mutation($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { organization { id } } }`;
const CHANGE = `mutation($input: ChangePartyOrganizationInput!) { changePartyOrganization(input: $input) { organization { name } } }`;
const TODAY = '2026-03-15';

type Answer = { data?: Record<string, any>; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

describe.each(testDialects())('party organisations’ dates on %s', (dialect) => {
  let service: TestSubgraph;
  let committee: string;
  const em = () => service.orm.em.fork();
  const refused = (answer: Answer, field: string, text: string) => {
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(answer.errors?.[0]?.message).toContain(text);
  };
  const written = async () => [await em().count(PartyOrganization, {}), await em().count(PartyOrganizationChange, {})];

  beforeAll(async () => {
    service = await startTestSubgraph(partybuildingService, {
      dialect,
      clock: new ManualClock(new Date(`${TODAY}T02:00:00Z`)),
    });
  });
  afterAll(() => service?.stop());

  it('refuses an organisation established after today, nothing written', async () => {
    const before = await written();
    for (const establishedOn of ['2099-07-01', '2026-03-16'])
      refused(
        await service.graphql(CREATE, { input: { name: '社区党委', level: 'COMMITTEE', establishedOn } }),
        'establishedOn',
        '不能晚于今天',
      );
    expect(await written()).toEqual(before);
    const created = await service.graphql(CREATE, {
      input: { name: '社区党委', level: 'COMMITTEE', establishedOn: '2004-06-18' },
    });
    expect(created.errors).toBeUndefined();
    committee = created.data.createPartyOrganization.organization.id;
  });

  it('refuses a change dated after today or before the establishment, nothing written', async () => {
    const before = await written();
    const change = (changedOn: string) =>
      service.graphql(CHANGE, { input: { organizationId: committee, name: '社区党委（更名）', changedOn } });
    refused(await change('2099-01-01'), 'changedOn', '不能晚于今天');
    refused(await change('1990-01-01'), 'changedOn', '不能早于该党组织的成立日期（2004-06-18）');
    expect(await written()).toEqual(before);
    expect((await em().findOneOrFail(PartyOrganization, { id: committee })).name).toBe('社区党委');
    expect((await change('2021-11-12')).errors).toBeUndefined();
  });

  it('the rule audit is silent over these rows and names stored ones that break the rule', async () => {
    expect(await partybuildingRuleViolations(em(), TODAY)).toEqual([]);
    const fork = em();
    const { communityId } = await fork.findOneOrFail(PartyOrganization, { id: committee });
    const organization = fork.create(PartyOrganization, {
      id: 'od-future',
      communityId,
      name: '未来党委',
      level: 'COMMITTEE',
      establishedOn: '2099-01-01',
    });
    fork.create(PartyOrganizationChange, {
      id: 'od-early',
      communityId,
      organization: fork.getReference(PartyOrganization, committee),
      kind: 'RENAMED',
      changedOn: '1990-01-01',
      fromValue: 'a',
      toValue: 'b',
      note: null,
    });
    expect(organization.id).toBe('od-future');
    await fork.flush();
    const lines = await partybuildingRuleViolations(em(), TODAY);
    expect(lines.some((l) => l.startsWith('党组织 od-future') && l.includes('成立日期'))).toBe(true);
    expect(lines.some((l) => l.startsWith('党组织调整 od-early') && l.includes('调整日期'))).toBe(true);
    expect(lines).toHaveLength(2);
  });
});
