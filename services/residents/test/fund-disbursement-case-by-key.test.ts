import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryApiKeys, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { residentsService } from '../src/service.js';
import { knownReferencesFixture, placesFixture, residentIn } from './fixtures.js';

// A disbursement's recipient and reason are shown only to callers who see care categories; the assistance case it
// answers names the same person (the case's reporter), and the free texts about the person's circumstances (why it
// was withdrawn, how an objection was decided) are shown by the same rule, as the statement and the objection are.
// Before, a key with fund:read and cases:read but not care:read got `case { id }` (and so, from cases, who was
// helped), `withdrawReason` and `challengeResolution`.
const PROPOSE = `mutation($input: ProposeFundDisbursementInput!) { proposeFundDisbursement(input: $input) { disbursement { id } } }`;
const LIST =
  '{ fundDisbursements(first: 10) { edges { node { id amountFen recipient { id } reason case { id } withdrawReason challengeResolution } } } }';
const WITHDRAW = `mutation($input: WithdrawFundDisbursementInput!) { withdrawFundDisbursement(input: $input) { disbursement { id } } }`;

/** Today in the community's time zone (UTC+8), as the service dates its records. */
const todayHere = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe.each(testDialects())('a fund disbursement’s case by key on %s', (dialect) => {
  let service: TestSubgraph;
  const keys = new InMemoryApiKeys();

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, { dialect, apiKeys: keys });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    residentIn(em, households[0], '谢晨阳', '1968-04-12', 3);
    await em.flush();
    await knownReferencesFixture(em, { caseIds: ['case-7'] });
    const proposed = await service.graphql(
      PROPOSE,
      {
        input: {
          residentId: 'resident-3',
          reason: 'ILLNESS',
          amountFen: 200000,
          statement: '术后康复',
          caseId: 'case-7',
        },
      },
      { role: 'civil_affairs' },
    );
    expect(proposed.errors).toBeUndefined();
    const withdrawn = await service.graphql(
      WITHDRAW,
      {
        input: {
          disbursementId: proposed.data.proposeFundDisbursement.disbursement.id,
          reason: '谢晨阳已获民政临时救助',
        },
      },
      { role: 'civil_affairs' },
    );
    expect(withdrawn.errors).toBeUndefined();
    // a second one, published, objected to and the objection dismissed
    const second = await service.graphql(
      PROPOSE,
      { input: { residentId: 'resident-3', reason: 'ILLNESS', amountFen: 100000, statement: '复查费用' } },
      { role: 'civil_affairs' },
    );
    const disbursementId = second.data.proposeFundDisbursement.disbursement.id;
    const today = todayHere();
    const steps: [string, Parameters<TestSubgraph['graphql']>[2]][] = [
      [
        `mutation($id: ID!, $today: Date!) { approveFundDisbursement(input: { disbursementId: $id, approvedOn: $today,
          approvers: ["林书记", "陈主任"] }) { disbursement { id } } }`,
        { role: 'community_admin' },
      ],
      [
        'mutation($id: ID!) { publishFundDisbursement(input: { disbursementId: $id, publicityDays: 7 }) { disbursement { id } } }',
        { role: 'civil_affairs' },
      ],
      [
        `mutation($id: ID!) { challengeFundDisbursement(input: { disbursementId: $id, note: "邻居反映其家境尚可" }) {
          disbursement { id } } }`,
        { role: 'civil_affairs' },
      ],
      [
        `mutation($id: ID!) { resolveFundDisbursementChallenge(input: { disbursementId: $id, upheld: false,
          resolution: "经入户核实谢晨阳确系因病致贫" }) { disbursement { id } } }`,
        { role: 'community_admin' },
      ],
    ];
    for (const [mutation, caller] of steps) {
      const variables = mutation.includes('$today') ? { id: disbursementId, today } : { id: disbursementId };
      const result = await service.graphql(mutation, variables, caller);
      expect(result.errors).toBeUndefined();
    }
  });
  afterAll(() => service?.stop());

  const listed = async (caller: Parameters<TestSubgraph['graphql']>[2]) => {
    const result = await service.graphql(LIST, {}, caller);
    expect(result.errors).toBeUndefined();
    return result.data.fundDisbursements.edges.map((e: { node: unknown }) => e.node);
  };

  it('a key without care:read sees the amount, not who was helped, why, the case nor the texts about them', async () => {
    const key = keys.issue(['fund:read', 'cases:read', 'residents:read', 'pii:read']).authorization;
    expect(await listed({ authorization: key })).toEqual([
      expect.objectContaining({ amountFen: 200000, recipient: null, reason: null, case: null, withdrawReason: null }),
      expect.objectContaining({ amountFen: 100000, recipient: null, reason: null, challengeResolution: null }),
    ]);
  });

  it('a key with care:read, and 保障站, see them', async () => {
    const key = keys.issue(['fund:read', 'cases:read', 'residents:read', 'care:read']).authorization;
    for (const caller of [{ authorization: key }, { role: 'civil_affairs' as const }])
      expect(await listed(caller)).toEqual([
        expect.objectContaining({
          recipient: { id: 'resident-3' },
          reason: 'ILLNESS',
          case: { id: 'case-7' },
          withdrawReason: '谢晨阳已获民政临时救助',
        }),
        expect.objectContaining({ challengeResolution: '异议不成立：经入户核实谢晨阳确系因病致贫' }),
      ]);
  });

  it('the outcome note of a declined application likewise', async () => {
    const programme = await service.graphql(
      'mutation { createFundProgramme(input: { kind: OUTSIDE_BODY, name: "红十字特别救助", sponsorName: "区红十字会" }) { programme { id } } }',
      {},
      { role: 'community_admin' },
    );
    expect(programme.errors).toBeUndefined();
    const applied = await service.graphql(
      `mutation($input: ApplyToFundProgrammeInput!) { applyToFundProgramme(input: $input) { application { id } } }`,
      {
        input: {
          programmeId: programme.data.createFundProgramme.programme.id,
          residentId: 'resident-3',
          appliedOn: todayHere(),
          statement: '大病医疗费用',
        },
      },
      { role: 'civil_affairs' },
    );
    expect(applied.errors).toBeUndefined();
    const decided = await service.graphql(
      `mutation($input: DecideFundApplicationInput!) { decideFundApplication(input: $input) { application { id } } }`,
      {
        input: {
          applicationId: applied.data.applyToFundProgramme.application.id,
          awarded: false,
          decidedOn: todayHere(),
          note: '谢晨阳家庭人均收入超过救助标准',
        },
      },
      { role: 'civil_affairs' },
    );
    expect(decided.errors).toBeUndefined();
    const APPLICATIONS = '{ fundApplications(first: 10) { edges { node { status applicant { id } outcomeNote } } } }';
    const noCare = keys.issue(['fund:read', 'residents:read']).authorization;
    const withoutCare = await service.graphql(APPLICATIONS, {}, { authorization: noCare });
    expect(withoutCare.errors).toBeUndefined();
    expect(withoutCare.data.fundApplications.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { status: 'DECLINED', applicant: null, outcomeNote: null },
    ]);
    const civil = await service.graphql(APPLICATIONS, {}, { role: 'civil_affairs' });
    expect(civil.data.fundApplications.edges[0].node).toEqual({
      status: 'DECLINED',
      applicant: { id: 'resident-3' },
      outcomeNote: '谢晨阳家庭人均收入超过救助标准',
    });
  });
});
