import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementsDuring } from '@shequ/database';
import { knownReferences, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { Visit } from '../src/entities/index.js';
import { casesService } from '../src/service.js';

/*
 * Household.visits checked each visit about a case one after another: the case of one visit was loaded (a statement)
 * before the next visit's, so a page of households cost as many statements as its most visited household had visits
 * about cases. The linked cases of the whole page are loaded in one batch now; the visits shown are the same.
 */
const COMMUNITY = '350203008006';
const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`;
const VISITS = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Household { id visits(first: 5) { id caseId visitedAt } } } }`;
const HOUSEHOLDS = ['hh-1', 'hh-2', 'hh-3', 'hh-4'];
const PER_HOUSEHOLD = 6;

describe.each(testDialects())('a page of households reads the visits’ cases in one batch on %s', (dialect) => {
  let service: TestSubgraph;

  beforeAll(async () => {
    service = await startTestSubgraph(casesService, { dialect });
    await knownReferences(service, [{ kind: 'RESIDENT', id: 'res-visited' }]);
    const cases: string[] = [];
    for (let i = 0; i < HOUSEHOLDS.length * PER_HOUSEHOLD; i++) {
      const result = await service.graphql(OPEN, {
        input: { reporterId: 'res-visited', category: 'SANITATION', channel: 'WALK_IN', description: `楼道杂物 ${i}` },
      });
      expect(result.errors).toBeUndefined();
      cases.push(result.data.openCase.case.id);
    }
    const em = service.orm.em.fork();
    // each household: six visits about a case of its own, and one about no case
    HOUSEHOLDS.forEach((householdId, h) => {
      for (let v = 0; v <= PER_HOUSEHOLD; v++)
        em.create(Visit, {
          id: `visit-${h}-${v}`,
          communityId: COMMUNITY,
          staffId: 'staff-1',
          householdId,
          caseId: v < PER_HOUSEHOLD ? cases[h * PER_HOUSEHOLD + v] : null,
          visitedAt: new Date(Date.UTC(2026, 10, 1 + v, 2)),
          notes: `走访 ${v}`,
        });
    });
    await em.flush();
  });
  afterAll(() => service?.stop());

  it('shows the latest visits of each household, loading their cases in one statement', async () => {
    const run = () => service.graphql(VISITS, { reps: HOUSEHOLDS.map((id) => ({ __typename: 'Household', id })) });
    let result!: Awaited<ReturnType<typeof run>>;
    const statements = await statementsDuring(service.orm, async () => {
      result = await run();
    });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities.map((h: { id: string; visits: Array<{ id: string }> }) => [h.id, h.visits])).toEqual(
      HOUSEHOLDS.map((id, h) => [
        id,
        [6, 5, 4, 3, 2].map((v) => ({
          id: `visit-${h}-${v}`,
          caseId: v === PER_HOUSEHOLD ? null : expect.any(String),
          visitedAt: new Date(Date.UTC(2026, 10, 1 + v, 2)).toISOString(),
        })),
      ]),
    );
    expect(result.data._entities[0].visits[0].caseId).toBeNull();
    // the visits (one statement) and their cases (one): not one statement per visit about a case
    expect(statements.filter((sql) => /from [`"]case_record[`"]/.test(sql))).toHaveLength(1);
  });
});
