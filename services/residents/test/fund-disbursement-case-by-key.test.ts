import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryApiKeys, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { residentsService } from '../src/service.js';
import { knownReferencesFixture, placesFixture, residentIn } from './fixtures.js';

// A disbursement's recipient and reason are shown only to callers who see care categories; the assistance case it
// answers names the same person (the case's reporter) and is shown by the same rule. Before, a key with fund:read and
// cases:read but not care:read got `case { id }` and so, from cases, who was helped.
const PROPOSE = `mutation($input: ProposeFundDisbursementInput!) { proposeFundDisbursement(input: $input) { disbursement { id } } }`;
const LIST = '{ fundDisbursements(first: 10) { edges { node { id amountFen recipient { id } reason case { id } } } } }';

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
  });
  afterAll(() => service?.stop());

  const listed = async (caller: Parameters<TestSubgraph['graphql']>[2]) => {
    const result = await service.graphql(LIST, {}, caller);
    expect(result.errors).toBeUndefined();
    return result.data.fundDisbursements.edges.map((e: { node: unknown }) => e.node);
  };

  it('a key without care:read sees the amount, not who was helped, why, nor the case', async () => {
    const key = keys.issue(['fund:read', 'cases:read', 'residents:read', 'pii:read']).authorization;
    expect(await listed({ authorization: key })).toEqual([
      expect.objectContaining({ amountFen: 200000, recipient: null, reason: null, case: null }),
    ]);
  });

  it('a key with care:read, and 保障站, see them', async () => {
    const key = keys.issue(['fund:read', 'cases:read', 'residents:read', 'care:read']).authorization;
    for (const caller of [{ authorization: key }, { role: 'civil_affairs' as const }])
      expect(await listed(caller)).toEqual([
        expect.objectContaining({ recipient: { id: 'resident-3' }, reason: 'ILLNESS', case: { id: 'case-7' } }),
      ]);
  });
});
