import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, ReferenceProjection } from '@shequ/subgraph';
import { startTestSubgraph, type Caller, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { GridProjection, MediationSession, ResidentProjection } from '../src/entities/index.js';
import { casesService } from '../src/service.js';

// A mediation of a case the caller does not see must be refused as an unknown one is. Before, an unknown mediation
// was «调解 <id> 不存在» and one of a hidden case «事项 <caseId> 不存在»: that it exists, and its case's id.
const COMMUNITY = '350203008006';
const SESSION = `mutation($input: RecordMediationSessionInput!) { recordMediationSession(input: $input) { mediation { id } } }`;
const CONCLUDE = `mutation($input: ConcludeMediationInput!) { concludeMediation(input: $input) { mediation { id } } }`;
const gridWorkerOf2: Caller = {
  role: 'grid_worker',
  subject: 'staff-grid-2',
  department: 'GRID',
  grids: [`${COMMUNITY}-02`],
};
const otherCommunity: Caller = { role: 'community_admin', community: '350203008007' };

describe.each(testDialects())('a mediation out of the caller’s scope on %s', (dialect) => {
  let service: TestSubgraph;
  let mediationId: string;
  let caseId: string;

  beforeAll(async () => {
    service = await startTestSubgraph(casesService, {
      dialect,
      clock: new ManualClock(new Date('2026-06-30T02:00:00Z')),
      registeredCommunities: [COMMUNITY, '350203008007'],
    });
    const em = service.orm.em.fork();
    const at = new Date('2026-06-01T00:00:00Z');
    const fact = (kind: ReferenceProjection['kind'], id: string, extra: Partial<ReferenceProjection> = {}) =>
      em.create(ReferenceProjection, { kind, id, communityId: COMMUNITY, sourceOccurredAt: at, ...extra });
    em.create(GridProjection, { gridId: 'g-1', communityId: COMMUNITY, code: `${COMMUNITY}-01`, name: '第1网格' });
    fact('GRID', 'g-1', { gridId: 'g-1' });
    fact('BUILDING', 'b-1', { parentId: 'g-1', gridId: 'g-1' });
    fact('HOUSEHOLD', 'hh-1', { parentId: 'b-1', gridId: 'g-1' });
    fact('RESIDENT', 'res-1', { parentId: 'hh-1', gridId: 'g-1' });
    em.create(ResidentProjection, {
      residentId: 'res-1',
      communityId: COMMUNITY,
      householdId: 'hh-1',
      buildingId: 'b-1',
      gridId: 'g-1',
      updatedAt: at,
    });
    fact('STAFF', 'staff-mediator', { department: 'COMPREHENSIVE_GOVERNANCE' });
    await em.flush();
    const opened = await service.graphql(
      `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`,
      {
        input: { reporterId: 'res-1', category: 'NEIGHBOUR_DISPUTE', channel: 'WALK_IN', description: '邻里噪音纠纷' },
      },
    );
    expect(opened.errors).toBeUndefined();
    caseId = opened.data.openCase.case.id;
    const started = await service.graphql(
      `mutation($input: StartMediationInput!) { startMediation(input: $input) { mediation { id } } }`,
      {
        input: {
          caseId,
          mediatorStaffId: 'staff-mediator',
          parties: [{ residentId: 'res-1' }, { description: '楼上租户' }],
        },
      },
    );
    expect(started.errors).toBeUndefined();
    mediationId = started.data.startMediation.mediation.id;
  });
  afterAll(() => service?.stop());

  const refusal = async (query: string, input: Record<string, unknown>, caller: Caller) => {
    const result = await service.graphql(query, { input }, caller);
    const [error] = result.errors ?? [];
    return { message: error?.message, code: error?.extensions?.code };
  };

  it.each([
    ['a grid worker of another grid', gridWorkerOf2],
    ['a community admin of another community', otherCommunity],
  ])(
    '%s: the same refusal for that mediation as for an unknown one, naming only the id given',
    async (_who, caller) => {
      const unknown = '019b0000-0000-7000-8000-000000000000';
      for (const [query, extra] of [
        [SESSION, { heldAt: '2026-06-29T06:00:00Z', notes: '双方到场' }],
        [CONCLUDE, { agreementReached: false }],
      ] as const) {
        const hidden = await refusal(query, { mediationId, ...extra }, caller);
        const missing = await refusal(query, { mediationId: unknown, ...extra }, caller);
        expect(hidden.code).toBe('NOT_FOUND');
        expect(missing).toEqual({ code: 'NOT_FOUND', message: hidden.message?.replace(mediationId, unknown) });
        expect(hidden.message).toBe(`mediationId：调解 ${mediationId} 不存在或不在您的范围内`);
        expect(hidden.message).not.toContain(caseId);
      }
      expect(await service.orm.em.fork().count(MediationSession, {})).toBe(0);
    },
  );
});
