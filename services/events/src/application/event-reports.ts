import type { CommunityWhere } from '@shequ/subgraph';
import type { EntityManager } from '@mikro-orm/core';
import { Departments, type CommunityEventType } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import { eventStatistics, type StatisticsGroup } from '../domain/event-statistics.js';
import { galaPlan, type GalaMonth } from '../domain/gala-plan.js';
import type { EventStatisticsDimension } from '../domain/vocabularies.js';
import { CommunityEvent } from '../entities/community-event.js';
import { Registration } from '../entities/registration.js';
import { ResidentProfile } from '../entities/resident-profile.js';
import { Team } from '../entities/team.js';

type Scope = CommunityWhere;

/** Which months of `year` have a gala planned or held (China time). */
export async function galaPlanOf(em: EntityManager, scope: Scope, year: number): Promise<GalaMonth[]> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new InvalidInputError('year', '年份须在 2000–2100 之间');
  const from = new Date(Date.UTC(year - 1, 11, 31, 16));
  const to = new Date(Date.UTC(year, 11, 31, 16));
  const galas = await em.find(
    CommunityEvent,
    { ...scope, type: 'GALA', startsAt: { $gte: from, $lt: to } },
    { fields: ['id', 'startsAt', 'status'] },
  );
  return galaPlan(year, galas);
}

export interface EventStatisticsFilter {
  from?: Date | null;
  to?: Date | null;
  types?: CommunityEventType[] | null;
}

/** Counts only: events, places, attendance, unique participants and the share of elderly reached. */
export async function eventStatisticsOf(
  em: EntityManager,
  scope: Scope,
  groupBy: EventStatisticsDimension[],
  filter: EventStatisticsFilter = {},
): Promise<StatisticsGroup[]> {
  if (groupBy.length === 0) throw new InvalidInputError('groupBy', '请至少选择一个分组维度');
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime())
    throw new InvalidInputError('filter.to', '截止时间须晚于起始时间');
  const where: Record<string, unknown> = { ...scope, status: { $ne: 'CANCELLED' } };
  if (filter.from || filter.to)
    where.startsAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  if (filter.types?.length) where.type = { $in: filter.types };
  const events = await em.find(CommunityEvent, where, { populate: ['venue'] });
  const teamIds = [...new Set(events.map((e) => e.organiserTeamId).filter((id): id is string => !!id))];
  const teamNames = new Map(
    (teamIds.length ? await em.find(Team, { id: { $in: teamIds } }) : []).map((t) => [t.id, t.name]),
  );
  const registrations = events.length
    ? await em.find(
        Registration,
        { event: { $in: events.map((e) => e.id) } },
        { fields: ['event', 'residentId', 'status'] },
      )
    : [];
  const attendees = [...new Set(registrations.filter((r) => r.status === 'ATTENDED').map((r) => r.residentId))];
  const profiles = attendees.length ? await em.find(ResidentProfile, { residentId: { $in: attendees } }) : [];
  return eventStatistics(
    [...new Set(groupBy)],
    events.map((e) => ({
      id: e.id,
      type: e.type,
      startsAt: e.startsAt,
      venueKey: e.venue?.getEntity().name ?? null,
      organiserKey:
        e.organiserKind === 'DEPARTMENT'
          ? `部门：${e.organiserDepartment ? Departments.labels[e.organiserDepartment] : '未指明'}`
          : e.organiserKind === 'TEAM'
            ? `团队：${teamNames.get(e.organiserTeamId ?? '') ?? '未知团队'}`
            : `单位：${e.organiserOrganizationId}`,
      audience: e.audience,
    })),
    registrations.map((r) => ({ eventId: r.event.id, residentId: r.residentId, status: r.status })),
    new Map(profiles.filter((p) => p.birthDate).map((p) => [p.residentId, p.birthDate!])),
  );
}
