import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { residentsService } from '../src/service.js';
import { placesFixture, residentIn, staffFixture } from './fixtures.js';

const AGE = `query($id: ID!) { resident(id: $id) { age careCategories { category derived } } }`;

// Ages and "today" follow the community's calendar (Asia/Shanghai): at 01:00 Beijing time on 2 March, the UTC
// day is still 1 March, and residents used to compute ages on yesterday's date.
describe.each(testDialects())('residents count days in Beijing time on %s', (dialect) => {
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-03-01T16:01:00Z')); // 2026-03-02 00:01 in Beijing

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, { dialect, clock });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    await staffFixture(em);
    residentIn(em, households[0], '林秀英', '1946-03-02', 2);
    await em.flush();
  });
  afterAll(() => service?.stop());

  it('has a resident born on 2 March turn 80 (高龄) at 00:01 Beijing time, not at 08:00', async () => {
    const before = clock.now();
    clock.set(new Date('2026-03-01T15:59:00Z')); // 23:59 on 1 March in Beijing
    const eve = await service.graphql(AGE, { id: 'resident-2' });
    expect(eve.errors).toBeUndefined();
    expect(eve.data.resident).toMatchObject({ age: 79 });
    expect(eve.data.resident.careCategories).not.toContainEqual({ category: 'ADVANCED_AGE', derived: true });

    clock.set(before);
    const birthday = await service.graphql(AGE, { id: 'resident-2' });
    expect(birthday.errors).toBeUndefined();
    expect(birthday.data.resident.age).toBe(80);
    expect(birthday.data.resident.careCategories).toContainEqual({ category: 'ADVANCED_AGE', derived: true });
  });
});
