import { controlDisclosure, controlledTableSize, disclosureThreshold } from '@shequ/auth';
import type { StatisticsGroup } from '../domain/event-statistics.js';
import type { EventStatisticsDimension } from '../domain/vocabularies.js';

/** The counts of people in a group of `eventStatistics` (events, a count of events, are not controlled). */
const PEOPLE = ['registrations', 'attended', 'noShows', 'uniqueParticipants'] as const;
type PeopleMeasure = (typeof PEOPLE)[number];

const LABELS: Record<PeopleMeasure | 'attendanceRate' | 'elderlyShare', string> = {
  registrations: '报名',
  attended: '签到',
  noShows: '未到场',
  uniqueParticipants: '参加人数',
  attendanceRate: '到场率',
  elderlyShare: '老年人占比',
};

const AGE_BASE_TOO_SMALL = (threshold: number) => `所据人数少于 ${threshold} 或已抑制，为防识别个人不予显示`;

export interface ControlledEventStatisticsGroup {
  key: StatisticsGroup['key'];
  events: number;
  registrations: number | null;
  attended: number | null;
  noShows: number | null;
  attendanceRate: number | null;
  uniqueParticipants: number | null;
  elderlyShare: number | null;
  /** Why figures are null (Chinese, one clause per field), or null when every figure is shown. */
  suppressed: string | null;
}

/** A group with the people it counts behind its shares (known: participants of known age). */
export type EventStatisticsGroupWithBases = StatisticsGroup & { known?: number };

/**
 * `eventStatistics` as a caller may see it. For a caller who may not see registrations person by person (without
 * `events:read`: analysts), every count of people follows disclosure control (libs/auth `controlDisclosure`): each
 * measure is a table over the groups (every group with events is listed, zero cells too, so a group's presence
 * says nothing of anyone), a cell below the threshold is null with a reason, and secondary suppression runs along
 * every dimension (for each measure) and, within a group, across registrations, attended and no-shows (the places
 * still booked are 0 once the group's events have ended, so registrations = attended + no-shows). The shares are
 * null when one of their counts is suppressed or their denominator (attended + no-shows; participants of known
 * age) is below the threshold: `elderlyShare` never tells the age band of fewer people than the threshold.
 * A protected table of more groups than `MAX_CONTROLLED_GROUPS` (libs/auth, shared by the services) is refused with
 * an `InvalidInputError` on `groupBy` (分组过细).
 * `protectAges` (default `protect`): the caller may read registrations but not the ages of the people registered
 * (without `residents:read`: a key with `events:read` alone): the counts are exact, the share under the same rule.
 */
export function controlEventStatistics(
  groups: EventStatisticsGroupWithBases[],
  dimensions: readonly EventStatisticsDimension[],
  protect: boolean,
  distinct: boolean,
  protectAges = protect,
): ControlledEventStatisticsGroup[] {
  const strip = ({ known: _known, ...group }: EventStatisticsGroupWithBases) => group;
  const threshold = disclosureThreshold();
  if (!protect && !protectAges) return groups.map((g) => ({ ...strip(g), suppressed: null }));
  if (!protect)
    // the counts are the caller's to see, the participants' ages are not: the share follows its base alone
    return groups.map((g) => {
      const hidden = g.elderlyShare !== null && (g.known ?? 0) < threshold;
      return {
        ...strip(g),
        elderlyShare: hidden ? null : g.elderlyShare,
        suppressed: hidden ? `${LABELS.elderlyShare}：${AGE_BASE_TOO_SMALL(threshold)}` : null,
      };
    });
  // the table lists the groups with events (not every combination of the values): past the limit shared by the
  // services (`MAX_CONTROLLED_GROUPS`) it is refused on `groupBy` before any cell is controlled
  controlledTableSize([groups.length], '时间、范围');
  // without distinct participants counted (not selected) there is nothing of theirs to show or suppress
  const measures = PEOPLE.filter((m) => distinct || m !== 'uniqueParticipants');
  type Keys = { group: number; measure: PeopleMeasure };
  const keyValues = (group: number, skip?: EventStatisticsDimension) =>
    dimensions.map((d) => (d === skip ? '*' : (groups[group].key[d] ?? null)));
  const cells = groups.flatMap((g, group) =>
    measures.map((measure) => ({ keys: { group, measure }, count: g[measure] })),
  );
  const controlled = controlDisclosure<Keys, (typeof cells)[number]>(cells, {
    threshold,
    isProtected: () => true,
    lines: [
      ...dimensions.map((d) => (keys: Keys) => JSON.stringify([keys.measure, keyValues(keys.group, d)])),
      (keys: Keys) =>
        keys.measure === 'uniqueParticipants'
          ? JSON.stringify(['unique', keys.group])
          : JSON.stringify(['seats', keys.group]),
    ],
  });
  const reasons = new Map(controlled.map((c) => [`${c.keys.group}:${c.keys.measure}`, c]));
  return groups.map((g, group) => {
    const clauses: string[] = [];
    const figure = (measure: PeopleMeasure) => {
      const cell = reasons.get(`${group}:${measure}`);
      if (!cell) return null;
      if (cell.suppressed) clauses.push(`${LABELS[measure]}：${cell.suppressed}`);
      return cell.count;
    };
    const [registrations, attended, noShows, uniqueParticipants] = PEOPLE.map(figure);
    const share = (field: 'attendanceRate' | 'elderlyShare', inputs: Array<number | null>, base: number) => {
      if (g[field] === null) return null;
      if (inputs.some((v) => v === null) || base < threshold) {
        clauses.push(`${LABELS[field]}：${AGE_BASE_TOO_SMALL(threshold)}`);
        return null;
      }
      return g[field];
    };
    return {
      key: g.key,
      events: g.events,
      registrations,
      attended,
      noShows,
      attendanceRate: share('attendanceRate', [attended, noShows], g.attended + g.noShows),
      uniqueParticipants,
      elderlyShare: share('elderlyShare', [uniqueParticipants], g.known ?? 0),
      suppressed: clauses.length ? clauses.join('；') : null,
    };
  });
}
