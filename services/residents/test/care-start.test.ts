import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, type NatsServerHandle } from '@shequ/testing';
import { CareRecord } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { auditEntries } from './audit-entries.js';
import { COMMUNITY, placesFixture, residentIn } from './fixtures.js';

/*
 * A care record starts on or after the resident's birth (fourth walk): `addCareCategory` took a 留守儿童 record
 * started in 1990 for a child born in 2016 (any date not after today). Refused BAD_USER_INPUT on `startedOn`, nothing
 * written, without naming the birth date (an API key may hold care:write without reading birth dates), and each
 * check is a use of the birth date in the resident's trail, passed or refused.
 */
const ADD = `mutation($input: AddCareCategoryInput!) { addCareCategory(input: $input) { careRecord { id startedOn } } }`;

describe.each(testDialects())('a care record starts after the birth on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  const civilAffairs = { role: 'civil_affairs' as const };

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(residentsService, {
      dialect,
      natsUrl: nats.url,
      clock: new ManualClock(new Date('2026-11-30T08:00:00Z')),
    });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    residentIn(em, households[0], '林小雨', '2016-04-12', 41);
    await em.flush();
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  const add = (startedOn: string) =>
    service.graphql(
      ADD,
      { input: { residentId: 'resident-41', category: 'LEFT_BEHIND_CHILD', startedOn, source: '网格员走访' } },
      civilAffairs,
    );
  const uses = async () =>
    (await auditEntries(service, { callerId: 'test-civil_affairs', communityId: COMMUNITY })).filter(
      (e) => e.subjectId === 'resident-41' && e.fields === 'birthDate',
    ).length;

  it('refuses a start before the birth without naming it, nothing written, the check in the trail', async () => {
    const before = await uses();
    for (const startedOn of ['1990-01-01', '2016-04-11']) {
      const refused = await add(startedOn);
      expect(refused.errors?.[0]?.extensions, JSON.stringify(refused)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'startedOn',
      });
      expect(refused.errors?.[0]?.message).toContain('出生日期');
      expect(refused.errors?.[0]?.message).not.toMatch(/2016-04-12|20160412/);
    }
    expect(await service.orm.em.fork().count(CareRecord, {})).toBe(0);
    expect((await uses()) - before).toBe(2);
  });

  it('records a start on or after the birth, the check in the trail too', async () => {
    const before = await uses();
    const added = await add('2024-09-01');
    expect(added.errors).toBeUndefined();
    expect(added.data.addCareCategory.careRecord.startedOn).toBe('2024-09-01');
    expect((await uses()) - before).toBe(1);
  });
});
