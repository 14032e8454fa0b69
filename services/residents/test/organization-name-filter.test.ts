import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, type NatsServerHandle } from '@shequ/testing';
import { residentsService } from '../src/service.js';
import { placesFixture } from './fixtures.js';

const REGISTER = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { organization { id } } }`;
const LIST = `query($part: String!) { organizations(filter: { nameContains: $part }) { edges { node { name } } } }`;

describe.each(testDialects())('organizations by a part of the name on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  const namesFor = async (part: string): Promise<string[]> => {
    const answer = await service.graphql(LIST, { part });
    expect(answer.errors).toBeUndefined();
    return answer.data.organizations.edges.map((e: { node: { name: string } }) => e.node.name).sort();
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(residentsService, {
      dialect,
      natsUrl: nats.url,
      clock: new ManualClock(new Date('2026-11-30T08:00:00Z')),
    });
    await placesFixture(service.orm.em.fork());
    for (const name of ['莲秀_志愿服务队', '100%爱心驿站', 'ABC 合唱团', 'abc 舞蹈队', '莲秀志愿服务队'])
      expect((await service.graphql(REGISTER, { input: { name, kind: 'VOLUNTEER_TEAM' } })).errors).toBeUndefined();
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  it('matches _ and % literally, not as wildcards (SQLite matched nothing for them)', async () => {
    expect(await namesFor('_')).toEqual(['莲秀_志愿服务队']);
    expect(await namesFor('秀_志')).toEqual(['莲秀_志愿服务队']);
    expect(await namesFor('%')).toEqual(['100%爱心驿站']);
    expect(await namesFor('志愿服务队')).toEqual(['莲秀_志愿服务队', '莲秀志愿服务队']);
  });

  it('matches case-sensitively on both databases', async () => {
    expect(await namesFor('ABC')).toEqual(['ABC 合唱团']);
    expect(await namesFor('abc')).toEqual(['abc 舞蹈队']);
  });
});
