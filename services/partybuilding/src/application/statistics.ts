import type { EntityManager } from '@mikro-orm/core';
import { controlDisclosure, type ControlledCount } from '@shequ/auth';
import { communityScopeSql, type CommunityIdScope } from '@shequ/database';
import { addMonths } from '@shequ/contracts';
import { AGE_BANDS, type StatisticsGroup } from '../domain/party-statistics.js';
import type { PartyStatisticsDimension } from '../domain/vocabularies.js';
import { PartyOrganization } from '../entities/index.js';
import { branchCompliance } from './meetings.js';

/**
 * The smallest rollup table that keeps the chosen dimensions: the birth date only for age bands, the branch only for
 * organisations (a district's ~46,000 members are ~10,900 groups with branches, ~1,300 without).
 */
function rollupTable(groupBy: readonly PartyStatisticsDimension[]): string {
  if (groupBy.includes('AGE_BAND')) return 'party_member_rollup';
  return groupBy.includes('ORGANIZATION') ? 'party_member_stage_rollup' : 'party_member_community_rollup';
}

/**
 * Counts of active members grouped by the chosen dimensions (branch by name, never people), by the database over
 * the rollup (`PartyMemberRollup`, kept with every write; without age bands its sums without the birth date,
 * `PartyMemberStageRollup`, and without organisations also without the branch, `PartyMemberCommunityRollup`):
 * groups are read, not member rows; age bands from
 * birth-date cutoffs of `today` (the rule of `ageBandOf` in domain/party-statistics.ts), so nothing goes stale
 * and memory holds the groups only.
 */
export async function partyStatistics(
  em: EntityManager,
  where: { communityId: unknown },
  groupBy: readonly PartyStatisticsDimension[],
  today: string,
): Promise<StatisticsGroup[]> {
  const scope = communityScopeSql('g."community_id"', where.communityId as CommunityIdScope);
  const bands = AGE_BANDS.filter((band) => band.max !== Infinity);
  const columns: Array<[PartyStatisticsDimension, keyof Omit<StatisticsGroup, 'count'>, string]> = [
    ['ORGANIZATION', 'organization', `coalesce(o."name", '')`],
    ['STAGE', 'stage', 'g."stage"'],
    ['MEMBER_TYPE', 'memberType', 'g."member_type"'],
    [
      'AGE_BAND',
      'ageBand',
      `case when g."birth_date" = '' then null ${bands
        .map((band) => `when g."birth_date" > ? then '${band.code}'`)
        .join(' ')} else '${AGE_BANDS[AGE_BANDS.length - 1].code}' end`,
    ],
    ['GENDER', 'gender', `case when g."gender" = '' then null else g."gender" end`],
  ];
  const chosen = columns.filter(([dimension]) => groupBy.includes(dimension));
  const params = groupBy.includes('AGE_BAND') ? bands.map((band) => addMonths(today, -12 * (band.max + 1))) : [];
  const rows = (await em.getConnection().execute(
    `select ${[...chosen.map(([, key, sql]) => `${sql} as "${key}"`), 'sum(g."n") as "count"'].join(', ')}
     from "${rollupTable(groupBy)}" g${
       groupBy.includes('ORGANIZATION')
         ? ` left join "party_organization" o on o."id" = g."branch_id" and o."level" = 'BRANCH'`
         : ''
     }
     where ${scope.text}
     ${chosen.length ? `group by ${chosen.map((_, i) => i + 1).join(', ')}` : ''}`,
    [...params, ...scope.params],
  )) as Array<Record<string, unknown>>;
  const groups = rows
    .filter((row) => Number(row.count) > 0)
    .map((row) => {
      const value = (key: string) => {
        const raw = row[key] as string | number | null | undefined;
        return raw == null ? null : String(raw);
      };
      return {
        organization: groupBy.includes('ORGANIZATION') ? (value('organization') ?? '') : null,
        stage: groupBy.includes('STAGE') ? value('stage') : null,
        memberType: groupBy.includes('MEMBER_TYPE') ? value('memberType') : null,
        ageBand: groupBy.includes('AGE_BAND') ? value('ageBand') : null,
        gender: groupBy.includes('GENDER') ? value('gender') : null,
        count: Number(row.count),
      };
    });
  return groups.sort((a, b) => b.count - a.count || JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

const KEYS = ['organization', 'stage', 'memberType', 'ageBand', 'gender'] as const;
type GroupKeys = Omit<StatisticsGroup, 'count'>;

/**
 * Party statistics as a caller may see them. Party membership is protected data: for a caller who may not read
 * party members (analysts), the table is completed with every combination of the values present (zero cells
 * too, so a group's presence tells nothing) and put through disclosure control (libs/auth): cells below the
 * threshold are null with a reason, with secondary suppression along every dimension.
 */
export function controlPartyStatistics(
  groups: StatisticsGroup[],
  protect: boolean,
): Array<GroupKeys & ControlledCount> {
  if (!protect) return groups.map((g) => ({ ...g, suppressed: null }));
  const values = KEYS.map((key) => [...new Set(groups.map((g) => g[key]))]);
  const id = (keys: GroupKeys, skip?: number) => JSON.stringify(KEYS.map((key, i) => (i === skip ? '*' : keys[key])));
  const counts = new Map(groups.map((g) => [id(g), g.count]));
  let combos: GroupKeys[] = [{ organization: null, stage: null, memberType: null, ageBand: null, gender: null }];
  KEYS.forEach((key, i) => {
    combos = combos.flatMap((combo) => values[i].map((value) => ({ ...combo, [key]: value })));
  });
  const cells = combos.map((keys) => ({ keys, count: counts.get(id(keys)) ?? 0 }));
  return controlDisclosure(cells, {
    isProtected: () => true,
    lines: KEYS.map((_key, i) => (keys: GroupKeys) => id(keys, i)),
  }).map(({ keys, count, suppressed }) => ({ ...keys, count, suppressed }));
}

/** Per branch: the share of ended periods in which each requirement was met (no personal data). */
export async function complianceByBranch(
  em: EntityManager,
  where: { communityId: unknown },
  year: number,
  today: string,
) {
  const branches = await em.find(PartyOrganization, { ...where, level: 'BRANCH' } as never, {
    orderBy: { name: 'asc' },
  });
  const rows = [];
  for (const branch of branches) {
    const { summary } = await branchCompliance(em, branch, year, today);
    const required = summary.reduce((n, s) => n + s.requiredPeriods, 0);
    const met = summary.reduce((n, s) => n + s.metPeriods, 0);
    rows.push({ organizationName: branch.name, year, summary, overallRate: required ? met / required : null });
  }
  return rows;
}
