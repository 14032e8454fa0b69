import type { SubgraphContext } from '@shequ/subgraph';
import { TeamMember } from '../entities/team.js';
import { visibleResidentIds } from './resident-scope.js';

/** Current members (not left) per batch of teams, counted by the database (`group by` team: one row each). */
export function currentMemberCounts(ctx: SubgraphContext) {
  return ctx.loaders.custom<string, number>('TeamMember.currentCount', async (teamIds) => {
    const ids = [...teamIds];
    const rows = (await ctx.em.getConnection().execute(
      `select "team_id" as "teamId", count(*) as "n" from "team_member"
       where "team_id" in (${ids.map(() => '?').join(', ')}) and "left_on" is null
       group by "team_id"`,
      ids,
    )) as Array<{ teamId: string; n: number | string }>;
    const counts = new Map(rows.map((row) => [row.teamId, Number(row.n)]));
    return ids.map((id) => counts.get(id) ?? 0);
  });
}

/**
 * A team's first `limit` current members by joining date, per batch of teams: chosen by the database for a caller
 * who sees every resident; for a grid worker (who sees the residents of their grids only) among the current members.
 */
export async function currentMembers(ctx: SubgraphContext, teamId: string, limit: number): Promise<TeamMember[]> {
  const visible = await visibleResidentIds(ctx);
  const options = { where: { leftOn: null }, orderBy: { joinedOn: 'asc', id: 'asc' } } as const;
  if (!visible)
    return ctx.loaders
      .manyBy(TeamMember, 'team', { ...options, name: `TeamMember.current.${limit}`, limitPerKey: limit })
      .load(teamId);
  const rows = await ctx.loaders.manyBy(TeamMember, 'team', { ...options, name: 'TeamMember.current' }).load(teamId);
  return rows.filter((m) => visible.has(m.residentId)).slice(0, limit);
}
