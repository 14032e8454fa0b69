import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, type NatsServerHandle } from '@shequ/testing';
import { Resident } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { auditEntries } from './audit-entries.js';
import { COMMUNITY, placesFixture, residentIn } from './fixtures.js';

const MOVE_OUT = `mutation($input: MoveOutResidentInput!) { moveOutResident(input: $input) { resident { id } } }`;
const MOVE = `mutation($input: MoveResidentInput!) { moveResident(input: $input) { resident { id } } }`;
const DEATH = `mutation($input: RecordResidentDeathInput!) { recordResidentDeath(input: $input) { resident { id } } }`;

// A grid worker writes moves, move-outs and deaths of its grid's residents but sees neither their birth date nor
// their ID number raw (350203********0038): the birth date is digits 7–14 of that number.
describe.each(testDialects())('life dates refused without telling the birth date on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  const worker = { role: 'grid_worker' as const, grids: [`${COMMUNITY}-01`] };

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(residentsService, {
      dialect,
      natsUrl: nats.url,
      clock: new ManualClock(new Date('2026-11-30T08:00:00Z')),
    });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    const settled = residentIn(em, households[0], '林华清', '1992-01-18', 31);
    settled.movedInOn = '2010-05-01';
    residentIn(em, households[0], '刘芳美', '1994-03-09', 32); // no moving-in date on record
    await em.flush();
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  const refusal = async (query: string, input: Record<string, unknown>) => {
    const result = await service.graphql(query, { input }, worker);
    expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result)).toBe('BAD_USER_INPUT');
    return { field: result.errors![0].extensions!.field, message: result.errors![0].message };
  };

  it('never names the birth date in a refusal, on any path that checks a date against it', async () => {
    const refusals = [
      await refusal(DEATH, { residentId: 'resident-31', diedOn: '1980-01-01' }),
      await refusal(DEATH, { residentId: 'resident-32', diedOn: '1980-01-01' }),
      await refusal(MOVE_OUT, { residentId: 'resident-32', movedOutOn: '1980-01-01', destination: '厦门市湖里区' }),
      await refusal(MOVE, { residentId: 'resident-32', householdId: 'household-0-2', movedInOn: '1980-01-01' }),
    ];
    for (const { message } of refusals) {
      expect(message).not.toMatch(/1992|1994|0118|0309/);
    }
    expect(refusals.map((r) => r.field)).toEqual(['diedOn', 'diedOn', 'movedOutOn', 'movedInOn']);
    const em = service.orm.em.fork();
    expect((await em.find(Resident, {})).map((r) => r.status)).toEqual(['ACTIVE', 'ACTIVE']);
  });

  it('words a date before birth and one between birth and the moving-in alike (no bisecting between refusals)', async () => {
    const beforeBirth = await refusal(MOVE_OUT, {
      residentId: 'resident-31',
      movedOutOn: '1990-06-01',
      destination: '厦门市湖里区',
    });
    const afterBirth = await refusal(MOVE_OUT, {
      residentId: 'resident-31',
      movedOutOn: '1999-06-01',
      destination: '厦门市湖里区',
    });
    expect(beforeBirth.message.replace('1990-06-01', '…')).toBe(afterBirth.message.replace('1999-06-01', '…'));
    expect(afterBirth.message).toContain('2010-05-01'); // the moving-in date, which the worker reads
  });

  it('records each check of a life date against the birth date in the resident’s trail, refused or passed', async () => {
    // the yes or no still tells whether the person was born by a date the worker chose: not untraced
    const uses = async (residentId: string) =>
      (await auditEntries(service, { callerId: 'test-grid_worker', communityId: COMMUNITY })).filter(
        (e) => e.subjectId === residentId,
      );
    const before = (await uses('resident-32')).length;
    await refusal(DEATH, { residentId: 'resident-32', diedOn: '1994-03-08' });
    expect((await uses('resident-32')).slice(before)).toEqual([
      { subjectType: 'Resident', subjectId: 'resident-32', fields: 'birthDate' },
    ]);
    const moved = await service.graphql(
      MOVE_OUT,
      { input: { residentId: 'resident-32', movedOutOn: '2026-11-01', destination: '厦门市湖里区' } },
      worker,
    );
    expect(moved.errors).toBeUndefined();
    expect((await uses('resident-32')).slice(before)).toHaveLength(2);
  });
});
