import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset } from '@shequ/demo-data';
import { ResidentOverviewDocument } from '@shequ/client';
import { startSystem, type RunningSystem } from './system.js';

/**
 * Issue 14, fault 4: with one service down (killed with SIGKILL), a query that also selects its fields returns
 * everything else, the missing fields null, and an error per missing field that names the service, carries the
 * field's path and shows no internal address. Each of the four services in turn; each comes back afterwards.
 * During each outage a page asking root fields of all four services gets the three healthy ones and the down
 * service's root field null (root query fields are nullable), never `data: null`.
 */
describe('partial answers while one service is down', () => {
  let system: RunningSystem;
  const data = demoDataset();
  const resident = data.residents[0];

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  const CASES_WITH_REPORTERS = `{
    cases(first: 3) { edges { node { number reporter { id name } } } }
  }`;

  /** One root field per service, as a dashboard asks them in one request. */
  const ROOT_FIELDS = {
    residents: 'residents',
    cases: 'cases',
    partybuilding: 'partyMembers',
    events: 'communityEvents',
  } as const;
  const DASHBOARD = `{
    residents(first: 5) { totalCount edges { node { id name } } }
    cases(first: 5) { totalCount edges { node { number } } }
    partyMembers(first: 5) { totalCount edges { node { id } } }
    communityEvents(first: 5) { totalCount edges { node { id title } } }
  }`;

  /** While `down` is down: its root field null with an error naming it, the other services' root fields whole. */
  async function expectDashboardWithout(down: keyof typeof ROOT_FIELDS, before: any): Promise<void> {
    const during = await system.query(DASHBOARD);
    const field = ROOT_FIELDS[down];
    expect(during.data).not.toBeNull();
    expect(during.data[field]).toBeNull();
    for (const other of Object.values(ROOT_FIELDS).filter((f) => f !== field))
      expect(during.data[other]).toEqual(before[other]);
    expectOutageErrors(during.errors, down, field);
    expect(during.errors?.map((e: any) => e.path)).toEqual([[field]]);
  }

  function expectOutageErrors(errors: any[] | undefined, service: string, field: string): void {
    expect(errors?.length).toBeGreaterThan(0);
    for (const error of errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service });
      expect(error.message).toContain('暂时不可用');
      expect(JSON.stringify(error)).not.toMatch(/https?:\/\/|127\.0\.0\.1|ECONNREFUSED/);
      expect(error.path?.at(-1)).toBe(field);
    }
  }

  it.each([
    ['events', 'eventRegistrations'],
    ['partybuilding', 'partyMember'],
    ['cases', 'cases'],
  ] as const)(
    '%s down: a resident comes back with %s null and an error naming the service',
    async (down, field) => {
      const before = await system.query(ResidentOverviewDocument, { id: resident.id });
      expect(before.errors).toBeUndefined();
      expect(before.data?.resident?.name).toBe(resident.name);
      const dashboard = await system.query(DASHBOARD);
      expect(dashboard.errors).toBeUndefined();

      await system.kill(down);
      await expectDashboardWithout(down, dashboard.data);
      const during = await system.query(ResidentOverviewDocument, { id: resident.id });
      expect(during.data?.resident).toMatchObject({ name: resident.name, [field]: null });
      for (const other of ['cases', 'eventRegistrations', 'partyMember'].filter((f) => f !== field))
        expect(during.data?.resident?.[other as 'cases']).toEqual(before.data?.resident?.[other as 'cases']);
      expectOutageErrors(during.errors, down, field);
      expect(during.errors?.[0].path).toEqual(['resident', field]);

      await system.restart(down);
      const after = await system.query(ResidentOverviewDocument, { id: resident.id });
      expect(after.errors).toBeUndefined();
      expect(after.data).toEqual(before.data);
      // the first kill after start waits longest: the system is still working through the demo seed's events
    },
    300_000,
  );

  it('residents down: cases come back, their reporters null with errors naming the residents service', async () => {
    const before = await system.query(CASES_WITH_REPORTERS);
    expect(before.errors).toBeUndefined();
    const reported = before.data.cases.edges.filter((e: any) => e.node.reporter);
    expect(reported.length).toBeGreaterThan(0);
    const dashboard = await system.query(DASHBOARD);
    expect(dashboard.errors).toBeUndefined();

    await system.kill('residents');
    await expectDashboardWithout('residents', dashboard.data);
    const during = await system.query(CASES_WITH_REPORTERS);
    expect(during.data.cases.edges.map((e: any) => e.node.number)).toEqual(
      before.data.cases.edges.map((e: any) => e.node.number),
    );
    for (const edge of during.data.cases.edges) expect(edge.node.reporter).toBeNull();
    expectOutageErrors(during.errors, 'residents', 'name');
    for (const error of during.errors ?? [])
      expect(error.path).toEqual(['cases', 'edges', expect.any(Number), 'node', 'reporter', 'name']);

    await system.restart('residents');
    const after = await system.query(CASES_WITH_REPORTERS);
    expect(after.errors).toBeUndefined();
    expect(after.data).toEqual(before.data);
  }, 300_000);
});
