/**
 * Typical front-end and analyst queries through the real gateway (nats-server, four services with the demo
 * community and the gateway as processes, started once as the end-to-end tests do). For each operation: a
 * warm-up, sequential requests, then a fixed number in flight; requests/second and p50/p95/p99 latency.
 * Run with `npm run bench` (root, through turbo) or `npm run bench` in e2e/. Not part of `npm test`.
 */
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationFor, type Caller } from '@shequ/subgraph/testing';
import { startSystem, type RunningSystem } from '../test/system.js';
import { measure, table, type MeasureSettings, type OperationFigures } from './measure.js';
import { waitUntilIdle } from './settle.js';

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

const SETTINGS: MeasureSettings = {
  warmup: number('BENCH_WARMUP', 10),
  sequential: number('BENCH_SEQUENTIAL', 100),
  sequentialSeconds: number('BENCH_SEQUENTIAL_SECONDS', 6),
  inFlight: number('BENCH_IN_FLIGHT', 8),
  concurrentSeconds: number('BENCH_CONCURRENT_SECONDS', 8),
};

const COMMUNITY_ADMIN: Caller = { role: 'community_admin' };
/** A street analyst (嘉莲街道), as the statistics tests use. */
const ANALYST: Caller = { role: 'analyst', community: '350203008' };

/** The README's first example, one list page of 20. */
const RESIDENT_LIST_PAGE = `{
  residents(first: 20, filter: { namePrefix: "林" }) {
    totalCount
    edges { node {
      name gender birthDate idNumber phone
      household { address building { name grid { name } } }
      cases { number status assignedGrid { name } }
      partyMember { stage branch { name } }
      eventRegistrations { status event { title startsAt venue { name } } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** One resident's page: every field of the four services. */
const RESIDENT_BY_ID = `query($id: ID!) {
  resident(id: $id) {
    id name idNumber phone gender birthDate age relationToHead residenceType residencePermitIssuedOn
    residencePermitExpiresOn status movedInOn movedOutOn moveOutDestination diedOn
    careCategories { category }
    household {
      address unit room housing
      building { name grid { name } }
      head { name } members { name relationToHead }
      visits { visitedAt staff { name } }
    }
    cases { number status category channel priority description openedAt assignedGrid { name } assignee { name } }
    partyMember { stage branch { name } }
    eventRegistrations { status event { title startsAt venue { name } } }
    volunteerHours { totalHours }
  }
}`;

const CASE_STATISTICS = `{
  caseStatistics(groupBy: [CATEGORY, MONTH]) { category month count }
}`;

const RESIDENT_STATISTICS = `{
  residentStatistics(groupBy: [GRID, AGE_BAND]) { total groups { keys { dimension value label } count } }
}`;

/** A heavy page: 100 residents with their household and (up to 10) cases; within a front end's cost budget. */
const RESIDENTS_100_WITH_CASES = `{
  residents(first: 100) {
    totalCount
    edges { node {
      id name gender age
      household { address building { name } }
      cases(first: 10) { number status category assignedGrid { name } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('the federated graph under load, through the gateway', () => {
  let system: RunningSystem;
  const results: OperationFigures[] = [];
  const loadAverages: number[][] = [];
  let startSeconds = 0;
  let idleAfter: number | undefined;

  beforeAll(async () => {
    loadAverages.push(os.loadavg());
    const started = performance.now();
    system = await startSystem();
    startSeconds = (performance.now() - started) / 1000;
    idleAfter = await waitUntilIdle(system.processes);
  });
  afterAll(async () => {
    await system?.stop();
    loadAverages.push(os.loadavg());
    const cpus = os.cpus();
    const lifecycle = process.env.npm_lifecycle_event
      ? `npm run ${process.env.npm_lifecycle_event} (${process.env.npm_lifecycle_script}) in e2e/`
      : process.argv.join(' ');
    const report = [
      '',
      '## Federated queries through the gateway',
      '',
      `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}`,
      `node ${process.version}; load average before ${loadAverages[0].map((l) => l.toFixed(1)).join(' ')}, after ${loadAverages[1].map((l) => l.toFixed(1)).join(' ')}`,
      `command: ${lifecycle}`,
      `system started in ${startSeconds.toFixed(0)} s, idle (seed events relayed and applied) ${idleAfter === undefined ? 'not checked (no /proc)' : `${idleAfter.toFixed(0)} s later`}`,
      `settings: warm-up ${SETTINGS.warmup}, sequential ${SETTINGS.sequential} (at most ${SETTINGS.sequentialSeconds} s), ${SETTINGS.inFlight} in flight for ${SETTINGS.concurrentSeconds} s`,
      '',
      table(results, SETTINGS.inFlight),
      '',
    ].join('\n');
    process.stdout.write(`${report}\n`);
  });

  /** Prepares one request (token signed once, as a front end holds it) that fails on any GraphQL error. */
  async function operation(query: string, variables: Record<string, unknown> | undefined, caller: Caller) {
    const headers = { 'content-type': 'application/json', ...(await authorizationFor(caller)) };
    const body = JSON.stringify({ query, variables });
    let bytes = 0;
    const request = async () => {
      const response = await fetch(system.gatewayUrl, { method: 'POST', headers, body });
      const text = await response.text();
      const result = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
      if (!response.ok || result.errors || !result.data) throw new Error(`${response.status}: ${text.slice(0, 500)}`);
      bytes = text.length;
    };
    await request();
    return { request, bytes: () => bytes };
  }

  async function run(name: string, query: string, variables: Record<string, unknown> | undefined, caller: Caller) {
    const { request, bytes } = await operation(query, variables, caller);
    const result = await measure(name, request, SETTINGS);
    results.push({ ...result, name: `${name} (${(bytes() / 1024).toFixed(1)} KiB)` });
    expect(result.sequential.requests).toBeGreaterThan(0);
    expect(result.concurrent.requests).toBeGreaterThan(0);
  }

  it('resident list page (README example, first 20)', () =>
    run('resident list page', RESIDENT_LIST_PAGE, undefined, COMMUNITY_ADMIN));

  it('one resident by id, every field', async () => {
    // A party member with cases and event registrations: the resident page that touches all four services.
    const found = await system.query(
      `{ partyMembers(first: 50) { edges { node { resident { id cases { id } eventRegistrations { id } } } } } }`,
    );
    expect(found.errors).toBeUndefined();
    const residents = found.data.partyMembers.edges.map((e: any) => e.node.resident);
    const busiest = residents.sort(
      (a: any, b: any) => b.cases.length + b.eventRegistrations.length - (a.cases.length + a.eventRegistrations.length),
    )[0];
    await run('resident by id, every field', RESIDENT_BY_ID, { id: busiest.id }, COMMUNITY_ADMIN);
  });

  it('caseStatistics (analyst)', () =>
    run('caseStatistics by category × month (analyst)', CASE_STATISTICS, undefined, ANALYST));

  it('residentStatistics (analyst)', () =>
    run('residentStatistics by grid × age band (analyst)', RESIDENT_STATISTICS, undefined, ANALYST));

  it('residents(first: 100) with cases', () =>
    run('residents(first: 100) with household and cases', RESIDENTS_100_WITH_CASES, undefined, COMMUNITY_ADMIN));
});
