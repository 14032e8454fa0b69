import type { EntityManager } from '@mikro-orm/core';
import { Departments, type CommunityEventType } from '@shequ/contracts';
import { agedAtLeastSql, communityDateSql, isoDateSql, type EntityManager as SqlEntityManager } from '@shequ/database';
import { InvalidInputError } from '@shequ/errors';
import type { CommunityWhere } from '@shequ/subgraph';
import { ELDERLY_AGE } from '../domain/audience-rule.js';
import type { StatisticsGroup } from '../domain/event-statistics.js';
import { SEAT_HOLDING } from '../domain/registration-policy.js';
import type { EventStatisticsDimension } from '../domain/vocabularies.js';
import { CommunityEvent } from '../entities/community-event.js';

export interface EventStatisticsFilter {
  from?: Date | null;
  to?: Date | null;
  types?: CommunityEventType[] | null;
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The organiser as shown (部门：…, 团队：…, 单位：…), the rule of the former in-memory grouping. */
const ORGANISER_SQL = `case e."organiser_kind"
    when 'DEPARTMENT' then ${literal('部门：')} || coalesce(case e."organiser_department" ${Departments.codes
      .map((code) => `when '${code}' then ${literal(Departments.labels[code])}`)
      .join(' ')} end, ${literal('未指明')})
    when 'TEAM' then ${literal('团队：')} || coalesce(t."name", ${literal('未知团队')})
    else ${literal('单位：')} || coalesce(e."organiser_organization_id", 'null') end`;

function dimensionSql(em: EntityManager, dimension: EventStatisticsDimension): string {
  switch (dimension) {
    case 'TYPE':
      return 'e."type"';
    case 'MONTH':
      return communityDateSql(em, 'e."starts_at"', 'month');
    case 'VENUE':
      return 'v."name"';
    case 'ORGANISER':
      return ORGANISER_SQL;
    case 'AUDIENCE':
      return 'e."audience"';
  }
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * 活动统计 by the database: one grouped query over the events in scope (not cancelled) joined with their
 * registrations and the attendees' birth dates; places, attendance and distinct participants counted in SQL
 * (the rules of `eventStatistics` in domain/event-statistics.ts), 60+ on the community day the event starts.
 * Memory holds the groups only. Distinct participants do not add up across groups, so no rollup here: the
 * query reads events by the (community, starts_at) index and registrations by event.
 */
export async function eventStatisticsOf(
  em: EntityManager,
  scope: CommunityWhere,
  groupBy: EventStatisticsDimension[],
  filter: EventStatisticsFilter = {},
): Promise<StatisticsGroup[]> {
  if (groupBy.length === 0) throw new InvalidInputError('groupBy', '请至少选择一个分组维度');
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime())
    throw new InvalidInputError('filter.to', '截止时间须晚于起始时间');
  const dimensions = [...new Set(groupBy)];
  const where: Record<string, unknown> = { ...scope, status: { $ne: 'CANCELLED' } };
  if (filter.from || filter.to)
    where.startsAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  if (filter.types?.length) where.type = { $in: filter.types };
  const inScope = (em as unknown as SqlEntityManager)
    .createQueryBuilder(CommunityEvent, 'e0')
    .select('e0.id')
    .where(where)
    .getKnexQuery()
    .toSQL();
  const seats = SEAT_HOLDING.map((s) => `'${s}'`).join(', ');
  const attended = `r."status" = 'ATTENDED'`;
  const born = isoDateSql(em, 'p."birth_date"');
  const elderly = agedAtLeastSql(born, communityDateSql(em, 'e."starts_at"', 'day'), ELDERLY_AGE);
  const sql = `select ${dimensions.map((d, i) => `${dimensionSql(em, d)} as "d${i}"`).join(', ')},
      count(distinct e."id") as "events",
      sum(case when r."status" in (${seats}) then 1 else 0 end) as "registrations",
      sum(case when ${attended} then 1 else 0 end) as "attended",
      sum(case when r."status" = 'NO_SHOW' then 1 else 0 end) as "no_shows",
      count(distinct case when ${attended} then r."resident_id" end) as "participants",
      count(distinct case when ${attended} and p."birth_date" is not null then r."resident_id" end) as "known",
      count(distinct case when ${attended} and p."birth_date" is not null and ${elderly} then r."resident_id" end)
        as "elderly"
    from "community_event" e
    left join "venue" v on v."id" = e."venue_id"
    left join "team" t on t."id" = e."organiser_team_id"
    left join "registration" r on r."event_id" = e."id"
    left join "resident_profile" p on p."resident_id" = r."resident_id" and ${attended}
    where e."id" in (${inScope.sql})
    group by ${dimensions.map((_, i) => i + 1).join(', ')}`;
  const rows = (await em.getConnection().execute(sql, inScope.bindings as unknown[])) as Array<Record<string, unknown>>;
  return rows
    .map((row) => {
      const n = (column: string) => Number(row[column] ?? 0);
      const [done, absent, known] = [n('attended'), n('no_shows'), n('known')];
      return {
        key: Object.fromEntries(dimensions.map((d, i) => [d, row[`d${i}`] == null ? null : String(row[`d${i}`])])),
        events: n('events'),
        registrations: n('registrations'),
        attended: done,
        noShows: absent,
        attendanceRate: done + absent > 0 ? round(done / (done + absent)) : null,
        uniqueParticipants: n('participants'),
        elderlyShare: known > 0 ? round(n('elderly') / known) : null,
      };
    })
    .sort((a, b) =>
      JSON.stringify(dimensions.map((d) => a.key[d] ?? '')).localeCompare(
        JSON.stringify(dimensions.map((d) => b.key[d] ?? '')),
      ),
    );
}
