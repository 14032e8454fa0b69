import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type Caller, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { residentsService } from '../src/service.js';
import { placesFixture, residentIn, staffFixture } from './fixtures.js';

/*
 * A reference resolver must not tell whether an id exists: an unknown id and a record outside the caller's scope are
 * the same quiet null (no error, which would also take nothing else down in a list). Before, an unknown id was a
 * NOT_FOUND error and an out-of-scope one null. An unknown id is logged for operators (type and id, nothing else).
 */
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Resident { name } ... on Household { address } ... on Grid { code } ... on Building { name } ... on Staff { name }
} }`;
const TYPES = ['Resident', 'Household', 'Grid', 'Building', 'Staff'] as const;
const EXISTING: Record<(typeof TYPES)[number], string> = {
  Resident: 'resident-2',
  Household: 'household-0-2',
  Grid: 'grid-b',
  Building: 'building-1',
  Staff: 'staff-ss',
};
const otherCommunity: Caller = { role: 'community_admin', community: '350203008007' };
const gridWorkerElsewhere: Caller = { role: 'grid_worker', grids: ['350203008006-09'] };

describe.each(testDialects())('reference resolvers answer unknown and out-of-scope ids alike on %s', (dialect) => {
  let service: TestSubgraph;
  const lines: string[] = [];

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, {
      dialect,
      registeredCommunities: ['350203008006', '350203008007'],
      logLevel: 'warn',
      logDestination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      }),
    });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    residentIn(em, households[0], '林秀英', '1948-03-08', 2);
    await staffFixture(em);
    await em.flush();
  });
  afterAll(() => service?.stop());

  const resolve = (reps: Array<{ __typename: string; id: string }>, caller?: Caller) =>
    service.graphql(ENTITIES, { reps }, caller);

  it('the records exist: the caller of their community sees them', async () => {
    const answer = await resolve(
      TYPES.map((t) => ({ __typename: t, id: EXISTING[t] })),
      undefined,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data._entities.every((e: unknown) => e !== null)).toBe(true);
  });

  it.each([
    ['a community admin of another community', otherCommunity],
    ['a grid worker of another grid', gridWorkerElsewhere],
  ])('%s: an existing record and an unknown id get the same null, with no error', async (_who, caller) => {
    const reps = TYPES.flatMap((t) => [
      { __typename: t, id: EXISTING[t] },
      { __typename: t, id: `missing-${t}` },
    ]);
    const answer = await resolve(reps, caller);
    expect(answer.errors).toBeUndefined();
    const types = caller === gridWorkerElsewhere ? TYPES.filter((t) => t !== 'Staff') : TYPES;
    for (const type of types) {
      const index = reps.findIndex((r) => r.__typename === type);
      expect([answer.data._entities[index], answer.data._entities[index + 1]], type).toEqual([null, null]);
    }
  });

  it('an unknown id is a warning for operators with the type and id only; an out-of-scope one is not logged', async () => {
    lines.length = 0;
    await resolve(
      [
        { __typename: 'Resident', id: 'missing-ghost' },
        { __typename: 'Resident', id: 'resident-2' },
      ],
      otherCommunity,
    );
    const warnings = lines.map((line) => JSON.parse(line)).filter((l) => l.msg?.startsWith('dangling reference'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ type: 'Resident', id: 'missing-ghost' });
    expect(lines.join('')).not.toContain('resident-2');
    expect(lines.join('')).not.toContain('林秀英');
  });
});
