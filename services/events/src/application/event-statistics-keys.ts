import type { EntityManager } from '@mikro-orm/core';
import {
  CommunityEventTypes,
  declaredOrder,
  Departments,
  monthStatisticsKey,
  namedStatisticsKey,
  sortStatisticsGroups,
  unknownStatisticsKey,
  vocabularyStatisticsKey,
  type StatisticsKey,
  type StatisticsOrder,
} from '@shequ/contracts';
import type { StatisticsGroup } from '../domain/event-statistics.js';
import { EventAudiences, type EventStatisticsDimension } from '../domain/vocabularies.js';
import { Team } from '../entities/team.js';
import { Venue } from '../entities/venue.js';

/** A key; an organiser that is an organisation also names it (`organization`, completed by residents at the gateway). */
export type EventStatisticsKey = StatisticsKey<EventStatisticsDimension> & { organization?: { id: string } | null };

/**
 * The organiser of a group as grouped (`ORGANISER_SQL` of event-statistics-query.ts): `DEPARTMENT:<code>`,
 * `TEAM:<team id>` or `ORGANIZATION:<organisation id>`, the part after the colon empty when not recorded.
 */
export function organiserOf(value: string): { kind: string; id: string } {
  const at = value.indexOf(':');
  return at < 0 ? { kind: value, id: '' } : { kind: value.slice(0, at), id: value.slice(at + 1) };
}

/** Each dimension's natural order: types and audiences as declared, months chronologically, names collated. */
const ORDERS: Record<EventStatisticsDimension, StatisticsOrder> = {
  TYPE: declaredOrder(CommunityEventTypes),
  MONTH: 'chronological',
  VENUE: 'collated',
  ORGANISER: 'collated',
  AUDIENCE: declaredOrder(EventAudiences),
};

/**
 * The keys of `eventStatistics`' groups, in the order of `groupBy`: types and audiences with their Chinese labels,
 * months as 2026-03 / 2026年3月, venues by id with their name, organisers by a stable value
 * (`DEPARTMENT:<code>`, `TEAM:<id>`, `ORGANIZATION:<id>`) with 部门：…, 团队：… or 单位：… as label (the former
 * `organiser` text); and the former `venue` and `organiser` columns. Groups in their natural order
 * (`sortStatisticsGroups`, the same in every service). Labels are of the values listed only.
 */
export async function withEventStatisticsKeys<G extends { key: StatisticsGroup['key'] }>(
  em: EntityManager,
  dimensions: readonly EventStatisticsDimension[],
  groups: readonly G[],
): Promise<Array<G & { keys: EventStatisticsKey[]; venue: string | null; organiser: string | null }>> {
  const ids = (values: Array<string | null | undefined>) => [...new Set(values.filter((v): v is string => !!v))];
  const venueIds = dimensions.includes('VENUE') ? ids(groups.map((g) => g.key.VENUE)) : [];
  const teamIds = dimensions.includes('ORGANISER')
    ? ids(
        groups
          .map((g) => organiserOf(g.key.ORGANISER ?? ''))
          .filter((o) => o.kind === 'TEAM')
          .map((o) => o.id),
      )
    : [];
  const venues = venueIds.length ? await em.find(Venue, { id: { $in: venueIds } }, { fields: ['id', 'name'] }) : [];
  const teams = teamIds.length ? await em.find(Team, { id: { $in: teamIds } }, { fields: ['id', 'name'] }) : [];
  const venueNames = new Map(venues.map((v) => [v.id, v.name]));
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  const organiserKey = (value: string | null | undefined): EventStatisticsKey => {
    if (!value) return unknownStatisticsKey('ORGANISER');
    const { kind, id } = organiserOf(value);
    const label =
      kind === 'DEPARTMENT'
        ? `部门：${Departments.has(id) ? Departments.labels[id] : '未指明'}`
        : kind === 'TEAM'
          ? `团队：${teamNames.get(id) ?? '未知团队'}`
          : `单位：${id || 'null'}`;
    // an organisation's name is residents': the key names it, and the gateway completes it (organization { name })
    return { dimension: 'ORGANISER', value, label, organization: kind === 'ORGANIZATION' && id ? { id } : null };
  };
  const keyOf = (dimension: EventStatisticsDimension, value: string | null | undefined): EventStatisticsKey => {
    switch (dimension) {
      case 'TYPE':
        return vocabularyStatisticsKey(dimension, CommunityEventTypes, value);
      case 'AUDIENCE':
        return vocabularyStatisticsKey(dimension, EventAudiences, value);
      case 'MONTH':
        return monthStatisticsKey(dimension, value);
      case 'VENUE':
        return namedStatisticsKey(dimension, value, value ? venueNames.get(value) : null);
      case 'ORGANISER':
        return organiserKey(value);
    }
  };
  return sortStatisticsGroups(
    groups.map((group) => {
      const keys = dimensions.map((d) => keyOf(d, group.key[d]));
      const venue = keys.find((k) => k.dimension === 'VENUE');
      const organiser = keys.find((k) => k.dimension === 'ORGANISER');
      return {
        ...group,
        keys,
        venue: venue && venue.value !== 'UNKNOWN' ? venue.label : null,
        organiser: organiser ? organiser.label : null,
      };
    }),
    ORDERS,
  );
}
