import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResidentRegistered, type EventEnvelope } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { missingChineseDescriptions, ReferenceProjection } from '@shequ/subgraph';
import {
  InMemoryApiKeys,
  pendingSchemaChanges,
  knownReferences,
  startTestSubgraph,
  TestEventPublisher,
  type TestSubgraph,
} from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { Case, ResidentProjection } from '../src/entities/index.js';
import { buildCasesSchema } from '../src/graphql/schema.js';
import { casesService } from '../src/service.js';

const OPEN = `mutation Open($input: OpenCaseInput!) {
  openCase(input: $input) { case { id number status category channel department description reporter { id } assignedGrid { id } } }
}`;

const registered = (residentId: string, gridId: string) => ({
  residentId,
  householdId: `household-of-${residentId}`,
  buildingId: `building-of-${residentId}`,
  gridId,
  gender: 'FEMALE' as const,
  birthDate: '1950-03-08',
  residenceType: 'REGISTERED' as const,
  residencePermitExpiresOn: null,
});

describe.each(testDialects())('cases subgraph on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let residents: TestEventPublisher;

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(casesService, { dialect, natsUrl: nats.url });
    residents = new TestEventPublisher(nats.url);
  });
  afterAll(async () => {
    await residents?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('applies the committed migrations, which match the entities', async () => {
    expect(await pendingSchemaChanges(service)).toBe('');
  });

  const projection = (residentId: string) => service.orm.em.fork().findOne(ResidentProjection, { residentId });

  it('builds the resident projection from resident.registered on the stream', async () => {
    await residents.publish(ResidentRegistered, registered('res-1', 'grid-xiangxiu'));
    const row = await waitFor(() => projection('res-1'), { what: 'projection row' });
    await waitFor(() => service.orm.em.fork().findOne(ReferenceProjection, { kind: 'RESIDENT', id: 'res-1' }), {
      what: 'reference projection row',
    });
    expect(row).toMatchObject({ gridId: 'grid-xiangxiu', householdId: 'household-of-res-1', status: 'ACTIVE' });
  });

  it('opens a case routed to the reporter’s grid, numbered in sequence, with the category’s department', async () => {
    const first = await service.graphql(OPEN, {
      input: { reporterId: 'res-1', category: 'HOUSING_REPAIR', channel: 'HOTLINE', description: '卫生间顶棚渗水' },
    });
    expect(first.errors).toBeUndefined();
    const year = new Date().getFullYear();
    expect(first.data.openCase.case).toMatchObject({
      number: `SQ-${year}-000001`,
      status: 'RECEIVED',
      department: 'COMPREHENSIVE_GOVERNANCE',
      reporter: { id: 'res-1' },
      assignedGrid: { id: 'grid-xiangxiu' },
    });
    const second = await service.graphql(OPEN, {
      input: { reporterId: 'res-1', category: 'CERTIFICATE', channel: 'WALK_IN', description: '开具居住证明' },
    });
    expect(second.data.openCase.case).toMatchObject({ number: `SQ-${year}-000002`, department: 'OFFICE' });

    const rows = await service.orm.em.fork().find(OutboxMessage, { subject: 'shequ.cases.case.opened' });
    const opened = rows
      .map((r) => JSON.parse(r.payload) as EventEnvelope<any>)
      .find((e) => e.data.caseId === first.data.openCase.case.id);
    expect(opened?.data).toMatchObject({ category: 'HOUSING_REPAIR', gridId: 'grid-xiangxiu', residentIds: ['res-1'] });
  });

  it('routes a case once the reporter’s registration arrives after it', async () => {
    // The reference projection already knows the resident; the routing projection has not seen resident.registered.
    await knownReferences(service, [{ kind: 'RESIDENT', id: 'res-late' }]);
    const result = await service.graphql(OPEN, {
      input: {
        reporterId: 'res-late',
        category: 'NEIGHBOUR_DISPUTE',
        channel: 'ONLINE',
        description: '楼上装修噪音扰民',
      },
    });
    expect(result.data.openCase.case.assignedGrid).toBeNull();
    await residents.publish(ResidentRegistered, registered('res-late', 'grid-lianxiu'));
    const routed = await waitFor(
      async () => (await service.orm.em.fork().findOneOrFail(Case, result.data.openCase.case.id)).gridId,
      { what: 'late routing' },
    );
    expect(routed).toBe('grid-lianxiu');
  });

  it('applies a redelivered resident.registered once', async () => {
    const event = await residents.publish(ResidentRegistered, registered('res-twice', 'grid-a'));
    await waitFor(() => projection('res-twice'), { what: 'first delivery' });
    await residents.republish({ ...event, data: { ...event.data, gridId: 'grid-b' } });
    await residents.publish(ResidentRegistered, registered('res-marker', 'grid-a'));
    await waitFor(() => projection('res-marker'), { what: 'marker' });
    expect((await projection('res-twice'))?.gridId).toBe('grid-a');
  });

  it('rejects an empty description with BAD_USER_INPUT and writes nothing', async () => {
    const before = [await service.orm.em.fork().count(Case, {}), await service.orm.em.fork().count(OutboxMessage, {})];
    const result = await service.graphql(OPEN, {
      input: { reporterId: 'res-1', category: 'SANITATION', channel: 'GRID_PATROL', description: '  ' },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'description' });
    const unknownCategory = await service.graphql(OPEN, {
      input: { category: 'PARKING', channel: 'ONLINE', description: '停车难' },
    });
    expect(unknownCategory.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect([await service.orm.em.fork().count(Case, {}), await service.orm.em.fork().count(OutboxMessage, {})]).toEqual(
      before,
    );
  });

  it('contributes Resident.cases, newest first, batched for many residents', async () => {
    const result = await service.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Resident { id cases { category } } } }`,
      {
        reps: [
          { __typename: 'Resident', id: 'res-1' },
          { __typename: 'Resident', id: 'res-late' },
          { __typename: 'Resident', id: 'nobody' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      { id: 'res-1', cases: [{ category: 'CERTIFICATE' }, { category: 'HOUSING_REPAIR' }] },
      { id: 'res-late', cases: [{ category: 'NEIGHBOUR_DISPUTE' }] },
      { id: 'nobody', cases: [] },
    ]);
  });
});

describe('cases schema', () => {
  it('describes every type, field, argument and enum value in Chinese', async () => {
    const { schema } = await buildCasesSchema();
    expect(missingChineseDescriptions(schema)).toEqual([]);
  });
});

describe('machine clients', () => {
  it('call with an API key of their scopes only', async () => {
    const keys = new InMemoryApiKeys();
    const service = await startTestSubgraph(casesService, { apiKeys: keys });
    try {
      const platform = keys.issue(['cases:read']);
      const read = await service.graphql(
        '{ cases(first: 1) { totalCount } }',
        {},
        { authorization: platform.authorization },
      );
      expect(read.errors).toBeUndefined();
      const write = await service.graphql(
        OPEN,
        { input: { category: 'OTHER', channel: 'REFERRED', description: '区平台转办' } },
        { authorization: platform.authorization },
      );
      expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'cases:write' });
      keys.revoke(platform.keyId);
      const revoked = await service.graphql(
        '{ cases(first: 1) { totalCount } }',
        {},
        { authorization: platform.authorization },
      );
      expect(revoked.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await service.stop();
    }
  });
});
