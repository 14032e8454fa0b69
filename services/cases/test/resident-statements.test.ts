import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BuildingMovedToGrid,
  GridRegistered,
  ResidentRegistered,
  type EventDefinition,
  type EventData,
} from '@shequ/contracts';
import { afterCommitOf, statementsDuring } from '@shequ/database';
import { envelopeFor, type SourceConsumer } from '@shequ/messaging';
import { ImpliedPlaces, ManualClock, ReferenceProjection } from '@shequ/subgraph';
import { knownReferences, startTestSubgraph, type Caller, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, type NatsServerHandle } from '@shequ/testing';
import { Case } from '../src/entities/index.js';
import { casesService } from '../src/service.js';

const meta = { communityId: '350203008006', actor: { kind: 'system' as const, id: 'test' }, correlationId: 'req-s' };
const admin: Caller = { role: 'community_admin', subject: 'staff-admin' };
const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id status } } }`;
const ASSIGN = `mutation($input: AssignCaseInput!) { assignCase(input: $input) { case { id status } } }`;

let sequence = 0;
/** A residents' event as the server hands it to cases' durable (version 1 of its record, at `occurredAt`). */
function delivered<D extends EventDefinition>(definition: D, data: EventData<D>, occurredAt: string) {
  const event = {
    ...envelopeFor(definition, data, { ...meta, occurredAt: new Date(occurredAt) }),
    aggregateVersion: 1,
  };
  return {
    subject: event.subject,
    data: new TextEncoder().encode(JSON.stringify(event)),
    info: { deliveryCount: 1, streamSequence: ++sequence } as never,
    ack: () => {},
    nak: () => {},
    term: () => {},
  };
}

const registration = (residentId: string, householdId: string, buildingId: string, gridId: string) => ({
  residentId,
  householdId,
  buildingId,
  gridId,
  gender: null,
  birthDate: '1970-01-01',
  residenceType: 'REGISTERED' as const,
  residencePermitExpiresOn: null,
});

describe.each(testDialects())('statements cases runs per resident event on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let residents: SourceConsumer;
  const clock = new ManualClock(new Date('2026-06-30T02:00:00Z'));
  const row = (kind: 'HOUSEHOLD' | 'BUILDING', id: string) =>
    service.orm.em.fork().findOne(ReferenceProjection, { kind, id });
  const apply = (messages: ReturnType<typeof delivered>[]) =>
    statementsDuring(service.orm, () => residents.processBatch(messages));
  const referenceWrites = (statements: string[]) =>
    statements.filter((sql) => sql.startsWith('insert into "reference_projection"'));

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(casesService, { dialect, natsUrl: nats.url, clock });
    residents = service.durables.find((durable) => durable.source === 'residents')!;
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  it('writes a known household and building once, and leaves a building changed since as it was changed', async () => {
    const first = await apply([
      delivered(ResidentRegistered, registration('r-1', 'hh-1', 'b-1', 'g-1'), '2026-06-01T00:00:00Z'),
    ]);
    expect(referenceWrites(first)).toHaveLength(3);
    expect(await row('BUILDING', 'b-1')).toMatchObject({ parentId: 'g-1', gridId: 'g-1' });
    expect(await row('HOUSEHOLD', 'hh-1')).toMatchObject({ parentId: 'b-1', gridId: 'g-1' });

    // the building redrawn into another grid by residents' later event
    await apply([
      delivered(
        BuildingMovedToGrid,
        { buildingId: 'b-1', fromGridId: 'g-1', toGridId: 'g-2', movedOn: '2026-06-02' },
        '2026-06-02T00:00:00Z',
      ),
    ]);
    const moved = await row('BUILDING', 'b-1');
    expect(moved).toMatchObject({ parentId: 'g-2', gridId: 'g-2' });

    // a neighbour of the same household and building (their registration names an older grid): the implied rows are
    // known, so only the resident's row is written, and the building stays as the move left it
    const second = await apply([
      delivered(ResidentRegistered, registration('r-2', 'hh-1', 'b-1', 'g-1'), '2026-06-03T00:00:00Z'),
    ]);
    expect(referenceWrites(second)).toHaveLength(1);
    expect(await row('BUILDING', 'b-1')).toEqual(moved);
    expect(await row('HOUSEHOLD', 'hh-1')).toMatchObject({ parentId: 'b-1', gridId: 'g-2' });

    // a new household in the known building: the household is written, the building not
    const third = await apply([
      delivered(ResidentRegistered, registration('r-3', 'hh-3', 'b-1', 'g-2'), '2026-06-04T00:00:00Z'),
    ]);
    expect(referenceWrites(third)).toHaveLength(2);
    expect(await row('HOUSEHOLD', 'hh-3')).toMatchObject({ parentId: 'b-1', gridId: 'g-2' });
    expect(await row('BUILDING', 'b-1')).toEqual(moved);
  });

  it('learns a household as known only from a committed transaction, never from one rolled back', async () => {
    const implied = new ImpliedPlaces(afterCommitOf(service.orm));
    const facts = {
      kind: 'HOUSEHOLD' as const,
      id: 'hh-rolled-back',
      communityId: meta.communityId,
      parentId: 'b-x',
      gridId: 'g-x',
      occurredAt: new Date('2026-06-05T00:00:00Z'),
    };
    await expect(
      service.orm.em.fork().transactional(async (em) => {
        await implied.imply(em, facts);
        throw new Error('the batch fails after the household was written');
      }),
    ).rejects.toThrow('the batch fails');
    expect(await row('HOUSEHOLD', 'hh-rolled-back')).toBeNull();
    expect(implied.knows('HOUSEHOLD', 'hh-rolled-back')).toBe(false);

    await service.orm.em.fork().transactional((em) => implied.imply(em, facts));
    expect(await row('HOUSEHOLD', 'hh-rolled-back')).toMatchObject({ parentId: 'b-x', gridId: 'g-x' });
    expect(implied.knows('HOUSEHOLD', 'hh-rolled-back')).toBe(true);
  });

  it('keeps at most its limit of known rows, forgetting the oldest first', async () => {
    const implied = new ImpliedPlaces(afterCommitOf(service.orm), 2);
    const imply = (id: string) =>
      service.orm.em.fork().transactional((em) =>
        implied.imply(em, {
          kind: 'BUILDING',
          id,
          communityId: meta.communityId,
          parentId: null,
          gridId: null,
          occurredAt: new Date('2026-06-06T00:00:00Z'),
        }),
      );
    for (const id of ['b-l1', 'b-l2', 'b-l3']) await imply(id);
    expect(['b-l1', 'b-l2', 'b-l3'].map((id) => implied.knows('BUILDING', id))).toEqual([false, true, true]);
  });

  it('finds a reporter’s cases without a grid and waiting unassigned with one look-up, and places and routes them', async () => {
    await knownReferences(service, [
      { kind: 'RESIDENT', id: 'r-w' },
      { kind: 'STAFF', id: 'staff-x', department: 'GRID', gridIds: [] },
    ]);
    await apply([
      delivered(
        GridRegistered,
        { gridId: 'g-w', code: '350203008006-07', name: '测试网格', gridWorkerStaffId: 'staff-gw' },
        '2026-06-01T00:00:00Z',
      ),
    ]);
    const open = async (description: string) => {
      const result = await service.graphql(
        OPEN,
        { input: { reporterId: 'r-w', category: 'SANITATION', channel: 'ONLINE', description } },
        admin,
      );
      expect(result.errors).toBeUndefined();
      return result.data.openCase.case.id as string;
    };
    const waiting = await open('楼下垃圾无人清运');
    const assigned = await open('路灯不亮');
    const assigning = await service.graphql(ASSIGN, { input: { caseId: assigned, assigneeStaffId: 'staff-x' } }, admin);
    expect(assigning.errors).toBeUndefined();

    const statements = await apply([
      delivered(ResidentRegistered, registration('r-w', 'hh-w', 'b-w', 'g-w'), '2026-06-07T00:00:00Z'),
    ]);
    expect(statements.filter((sql) => /from "?case_record"? where "?reporter_id"? =/.test(sql))).toHaveLength(1);
    const em = service.orm.em.fork();
    expect(await em.findOneOrFail(Case, waiting)).toMatchObject({
      gridId: 'g-w',
      status: 'ASSIGNED',
      assigneeStaffId: 'staff-gw',
    });
    expect(await em.findOneOrFail(Case, assigned)).toMatchObject({
      gridId: 'g-w',
      status: 'ASSIGNED',
      assigneeStaffId: 'staff-x',
    });
  });
});
