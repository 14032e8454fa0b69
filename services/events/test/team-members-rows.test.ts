import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph, largestStatementResult } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { Team, TeamMember } from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

/*
 * A page of teams with memberCount and members(first: N) read every current member of every team on the page: the
 * count counted them in memory, the list kept the first N. The database counts them now (`group by` team) and
 * chooses the first N of each; the answers are those over every member.
 */
const COMMUNITY = '350203008006';
const NOW = new Date('2026-06-15T02:00:00Z');
const PAGE = `{ teams(first: 10) { edges { node { id memberCount members(first: 3) { id joinedOn } } } } }`;

describe.each(testDialects())('a team page counts and lists members by the database on %s', (dialect) => {
  let service: TestSubgraph;
  const fresh = () => service.orm.em.fork();

  beforeAll(async () => {
    service = await startTestSubgraph(eventsService, { dialect, clock: new ManualClock(NOW) });
    const em = fresh();
    const teams = ['yangge', 'yaogu', 'choir'].map((id, i) =>
      em.create(Team, { id: `team-${id}`, communityId: COMMUNITY, name: `队伍 ${i}`, kind: 'YANGGE' }),
    );
    let n = 0;
    const member = (team: Team, joinedOn: string, leftOn: string | null = null) =>
      em.create(TeamMember, {
        id: `tm-${String(++n).padStart(3, '0')}`,
        communityId: COMMUNITY,
        team,
        residentId: `res-${n}`,
        joinedOn,
        leftOn,
      });
    // the first team: 30 current members (two joined the same day) and 6 who left; the second: 2; the third: none
    const day = (d: number) => `2024-${String((d % 12) + 1).padStart(2, '0')}-0${1 + Math.floor(d / 12)}`;
    for (let d = 0; d < 30; d++) member(teams[0], day(d === 29 ? 0 : d));
    for (let d = 0; d < 6; d++) member(teams[0], '2020-01-01', `2023-0${d + 1}-01`);
    member(teams[1], '2025-03-01');
    member(teams[1], '2025-02-01');
    await em.flush();
  });
  afterAll(() => service?.stop());

  /** Runs `work`, telling the most rows any one statement returned (libs/subgraph `largestStatementResult`). */
  const largestResult = <T>(work: () => Promise<T>) => largestStatementResult(service.orm, work);

  it('answers each team’s count and first members as over every member, reading at most a page of rows', async () => {
    const { value: result, largest } = await largestResult(() => service.graphql(PAGE));
    expect(result.errors).toBeUndefined();
    const all = await fresh().find(TeamMember, { leftOn: null });
    const nodes = result.data.teams.edges.map((edge: { node: Record<string, unknown> }) => edge.node);
    expect(nodes).toHaveLength(3);
    for (const node of nodes) {
      const current = all
        .filter((m) => m.team.id === node.id)
        .sort((a, b) => (a.joinedOn < b.joinedOn ? -1 : a.joinedOn > b.joinedOn ? 1 : a.id < b.id ? -1 : 1));
      expect(node.memberCount, node.id).toBe(current.length);
      expect(node.members, node.id).toEqual(current.slice(0, 3).map((m) => ({ id: m.id, joinedOn: m.joinedOn })));
    }
    expect(nodes.find((node: { id: string }) => node.id === 'team-yangge').memberCount).toBe(30);
    // the teams (3), one count per team, the first three of each: never the first team's 30 members
    expect(largest).toBeLessThanOrEqual(6);
  });
});
