import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { Case, CaseEvaluation, CaseTimelineEntry } from '../src/entities/index.js';
import { casesService } from '../src/service.js';

describe('demo seed', () => {
  let service: TestSubgraph;
  beforeAll(async () => {
    service = await startTestSubgraph(casesService, { seed: true });
  });
  afterAll(() => service?.stop());

  it('loads about a year of cases through the workflow, with evaluations, some of them invalid', async () => {
    const em = service.orm.em.fork();
    expect(await em.count(Case, { communityId: '350203008006' })).toBe(120);
    // the demo street's generated communities have theirs too (one case a year per twenty residents)
    expect(await em.count(Case, {})).toBeGreaterThan(120);
    expect(await em.count(Case, { status: 'CLOSED' })).toBeGreaterThan(90);
    expect(await em.count(Case, { category: 'PARTY_MEMBERSHIP_TRANSFER' })).toBeGreaterThan(5);
    expect(await em.count(CaseTimelineEntry, { action: 'CLOSE' })).toBe(await em.count(Case, { status: 'CLOSED' }));
    const evaluations = await em.find(CaseEvaluation, {});
    expect(evaluations.length).toBeGreaterThan(30);
    expect(evaluations.some((e) => !e.valid)).toBe(true);

    const stats = await service.graphql('{ caseStatistics(groupBy: [MONTH]) { month count onTimeRate } }');
    expect(stats.errors).toBeUndefined();
    expect(stats.data.caseStatistics).toHaveLength(12);
    const rate = stats.data.caseStatistics[3].onTimeRate;
    expect(rate).toBeGreaterThan(0.5);
    expect(rate).toBeLessThanOrEqual(1);
  });
});
