import type { FilterQuery } from '@mikro-orm/core';
import { communityScopeSql, type CommunityIdScope } from '@shequ/database';
import { communityWhere, type SubgraphContext } from '@shequ/subgraph';
import { volunteerHoursOf, type VolunteerHoursSummary } from '../domain/volunteer-hours.js';
import { VolunteerService } from '../entities/volunteer-shift.js';

const RECENT = 20;

/**
 * A resident's volunteer hours (all, or one calendar year's), per batch of residents: the totals summed by the
 * database (`group by` resident: one row each) and the most recent services chosen by it (at most twenty each), never
 * every service a resident ever did.
 */
export function volunteerHours(ctx: SubgraphContext, year: number | null) {
  const scope = communityWhere(ctx.access).communityId as CommunityIdScope;
  const inYear = year ? { servedOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } } : {};
  return ctx.loaders.custom<string, VolunteerHoursSummary<VolunteerService>>(
    `volunteerHours.${year ?? 'all'}`,
    async (residentIds) => {
      const ids = [...residentIds];
      const community = communityScopeSql('"community_id"', scope);
      const range = year ? ` and "served_on" >= ? and "served_on" <= ?` : '';
      const totals = (await ctx.em.getConnection().execute(
        `select "resident_id" as "residentId", sum("minutes") as "minutes", count(*) as "n"
         from "volunteer_service"
         where ${community.text} and "resident_id" in (${ids.map(() => '?').join(', ')})${range}
         group by "resident_id"`,
        [...community.params, ...ids, ...(year ? [`${year}-01-01`, `${year}-12-31`] : [])],
      )) as Array<{ residentId: string; minutes: number | string; n: number | string }>;
      const byResident = new Map(totals.map((row) => [row.residentId, row]));
      const recent = await ctx.loaders
        .manyBy(VolunteerService, 'residentId', {
          name: `VolunteerService.recent.${year ?? 'all'}`,
          where: { ...communityWhere(ctx.access), ...inYear } as FilterQuery<VolunteerService>,
          orderBy: { servedOn: 'desc', id: 'desc' },
          limitPerKey: RECENT,
        })
        .loadMany(ids);
      return ids.map((id, i) => {
        const row = byResident.get(id);
        const services = recent[i];
        return volunteerHoursOf(
          Number(row?.minutes ?? 0),
          Number(row?.n ?? 0),
          services instanceof Error ? [] : services,
        );
      });
    },
  );
}
