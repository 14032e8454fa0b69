import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { residentsService } from '../src/service.js';
import { knownReferencesFixture, placesFixture, residentIn } from './fixtures.js';

// 文化 records collections at an event (`fund:collections`) but does not read the fund's donors (`fund:read`): the
// donation its mutation returns must not tell who a registered donor is. Before: `donation { donor { name residentId } }`
// gave any donor's name and resident to the culture role, a donor who asked not to be named included.
const DONOR = `mutation($input: RegisterFundDonorInput!) { registerFundDonor(input: $input) { donor { id } } }`;
const COLLECT = `mutation($input: RecordFundDonationInput!) { recordFundDonation(input: $input) {
  donation { id amountFen donor { id kind name residentId organizationId namedInReport } } } }`;

describe.each(testDialects())('a collection recorded by 文化 on %s', (dialect) => {
  let service: TestSubgraph;
  let donorId: string;

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, { dialect });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    residentIn(em, households[0], '谢晨阳', '1968-04-12', 3);
    await em.flush();
    await knownReferencesFixture(em, { eventIds: ['gala-may'] });
    const donor = await service.graphql(
      DONOR,
      { input: { kind: 'PARTY_MEMBER', residentId: 'resident-3', namedInReport: false } },
      { role: 'community_admin' },
    );
    expect(donor.errors).toBeUndefined();
    donorId = donor.data.registerFundDonor.donor.id;
  });
  afterAll(() => service?.stop());

  const collect = (receiptNumber: string, role: 'culture' | 'civil_affairs') =>
    service.graphql(
      COLLECT,
      {
        input: {
          form: 'MONEY',
          amountFen: 5000,
          receiptNumber,
          receivedOn: '2026-05-20',
          eventId: 'gala-may',
          donorId,
        },
      },
      { role },
    );

  it('gives the culture role the donor only as the id it named, not who the donor is', async () => {
    const result = await collect('GALA-1', 'culture');
    expect(result.errors).toBeUndefined();
    expect(result.data.recordFundDonation.donation).toMatchObject({
      amountFen: 5000,
      donor: { id: donorId, name: null, residentId: null, organizationId: null },
    });
  });

  it('gives roles that read the fund the donor in full', async () => {
    const result = await collect('GALA-2', 'civil_affairs');
    expect(result.errors).toBeUndefined();
    expect(result.data.recordFundDonation.donation.donor).toMatchObject({
      id: donorId,
      kind: 'PARTY_MEMBER',
      name: '谢晨阳',
      residentId: 'resident-3',
      namedInReport: false,
    });
  });
});
