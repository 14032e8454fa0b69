import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { PartyTrainingSession, PartyYearPlan } from '../src/entities/index.js';
import { MAX_TRAINING_HEADCOUNT } from '../src/domain/training-counts.js';
import { partybuildingService } from '../src/service.js';

/*
 * GraphQL's Int took any count up to 2,147,483,647: a training session «with two billion participants» went into
 * the year's running total, a year's plan recruited two billion members. Both are refused BAD_USER_INPUT naming the
 * field with its bounds, nothing written.
 */
const TRAINING = `mutation($input: RecordPartyTrainingSessionInput!) { recordPartyTrainingSession(input: $input) { session { id } } }`;
const PLAN = `mutation($input: SetPartyYearPlanInput!) { setPartyYearPlan(input: $input) { year } }`;

describe.each(testDialects())('party-building counts within their bounds on %s', (dialect) => {
  let service: TestSubgraph;
  const em = () => service.orm.em.fork();

  beforeAll(async () => {
    service = await startTestSubgraph(partybuildingService, {
      dialect,
      clock: new ManualClock(new Date('2026-03-15T02:00:00Z')),
    });
  });
  afterAll(() => service?.stop());

  it('refuses a training session of two billion participants, nothing written', async () => {
    const record = (headCount: number) =>
      service.graphql(TRAINING, { input: { heldOn: '2026-03-10', title: '党校现场教学', headCount } });
    const answer = await record(2_000_000_000);
    expect(answer.errors?.[0]).toMatchObject({
      message: `参训人数须为 1 至 ${MAX_TRAINING_HEADCOUNT} 之间的整数（收到 2000000000）`,
      extensions: { code: 'BAD_USER_INPUT', field: 'headCount' },
    });
    expect(await em().count(PartyTrainingSession, {})).toBe(0);
    expect((await record(45)).errors).toBeUndefined();
  });

  it('refuses a year plan recruiting or training two billion, nothing written', async () => {
    const plan = (recruitmentTarget: number, trainingHeadcountTarget: number) =>
      service.graphql(PLAN, { input: { year: 2026, recruitmentTarget, trainingHeadcountTarget } });
    const recruiting = await plan(2_000_000_000, 300);
    expect(recruiting.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recruitmentTarget' });
    expect(recruiting.errors?.[0]?.message).toMatch(/^发展目标须为 0 至 1000 之间的整数/);
    const training = await plan(5, 2_000_000_000);
    expect(training.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'trainingHeadcountTarget',
    });
    expect(await em().count(PartyYearPlan, {})).toBe(0);
    expect((await plan(5, 300)).errors).toBeUndefined();
  });
});
