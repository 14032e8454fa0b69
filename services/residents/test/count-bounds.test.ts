import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, type NatsServerHandle } from '@shequ/testing';
import { Organization } from '../src/entities/organization.js';
import { MAX_ORGANIZATION_MEMBERS } from '../src/domain/place-codes.js';
import { residentsService } from '../src/service.js';

// GraphQL's Int took an organisation «of two billion members or volunteers», summed into the places' figures.
const REGISTER = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { organization { id } } }`;

describe.each(testDialects())('an organisation’s member count within its bounds on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(residentsService, {
      dialect,
      natsUrl: nats.url,
      clock: new ManualClock(new Date('2026-11-30T08:00:00Z')),
    });
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  it('refuses two billion members naming memberCount, nothing written; the largest allowed is taken', async () => {
    const register = (name: string, memberCount: number) =>
      service.graphql(REGISTER, { input: { name, kind: 'VOLUNTEER_TEAM', memberCount } });
    const answer = await register('莲秀志愿服务队', 2_000_000_000);
    expect(answer.errors?.[0]).toMatchObject({
      message: `成员/志愿者人数须为 0 至 ${MAX_ORGANIZATION_MEMBERS} 之间的整数（收到 2000000000）`,
      extensions: { code: 'BAD_USER_INPUT', field: 'memberCount' },
    });
    expect(await service.orm.em.fork().count(Organization, {})).toBe(0);
    expect((await register('莲秀志愿服务队', MAX_ORGANIZATION_MEMBERS)).errors).toBeUndefined();
  });
});
