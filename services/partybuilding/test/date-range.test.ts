import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { PartyTrainingSession } from '../src/entities/index.js';
import { partybuildingService } from '../src/service.js';

/*
 * The Date scalar took any year from 0001 to 9999: a training session «held» in the year 1000 was stored (its only
 * rule: not after today). Every Date and DateTime a caller gives is now between 1900-01-01 and 2100-12-31
 * (libs/subgraph scalars), BAD_USER_INPUT naming the field, nothing written.
 */
const TRAINING = `mutation($input: RecordPartyTrainingSessionInput!) { recordPartyTrainingSession(input: $input) { session { id } } }`;

describe.each(testDialects())('dates a caller gives lie between 1900 and 2100 on %s', (dialect) => {
  let service: TestSubgraph;
  beforeAll(async () => {
    service = await startTestSubgraph(partybuildingService, {
      dialect,
      clock: new ManualClock(new Date('2026-03-15T02:00:00Z')),
    });
  });
  afterAll(() => service?.stop());

  it('refuses a training session held in the year 1000, in a variable or written in the document', async () => {
    const byVariable = await service.graphql(TRAINING, {
      input: { heldOn: '1000-03-10', title: '党校现场教学', headCount: 40 },
    });
    expect(byVariable.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.heldOn' });
    expect(byVariable.errors?.[0]?.message).toContain('1900-01-01 至 2100-12-31');
    const literal = await service.graphql(
      `mutation { recordPartyTrainingSession(input: { heldOn: "1899-12-31", title: "党校现场教学", headCount: 40 }) { session { id } } }`,
    );
    expect(literal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(literal.errors?.[0]?.message).toContain('1900-01-01 至 2100-12-31');
    expect(await service.orm.em.fork().count(PartyTrainingSession, {})).toBe(0);
    const fine = await service.graphql(TRAINING, {
      input: { heldOn: '2026-03-10', title: '党校现场教学', headCount: 40 },
    });
    expect(fine.errors).toBeUndefined();
  });
});
