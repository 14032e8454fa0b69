import type { EntityManager } from '@mikro-orm/core';
import { controlDisclosure, type ControlledCount } from '@shequ/auth';
import { groupMembers, type StatisticsGroup } from '../domain/party-statistics.js';
import type { PartyStatisticsDimension } from '../domain/vocabularies.js';
import { PartyMember, PartyOrganization } from '../entities/index.js';
import { branchCompliance } from './meetings.js';

/** Counts of active records grouped by the chosen dimensions (branch by name, never people). */
export async function partyStatistics(
  em: EntityManager,
  where: { communityId: unknown },
  groupBy: readonly PartyStatisticsDimension[],
  today: string,
): Promise<StatisticsGroup[]> {
  const members = await em.find(PartyMember, { ...where, status: 'ACTIVE' } as never, {
    fields: ['branch', 'stage', 'memberType', 'gender', 'birthDate'] as never,
  });
  const branches = new Map(
    (await em.find(PartyOrganization, { ...where, level: 'BRANCH' } as never)).map((b) => [b.id, b.name]),
  );
  return groupMembers(
    members.map((m) => ({
      organization: branches.get(m.branch.id) ?? '',
      stage: m.stage,
      memberType: m.memberType,
      gender: m.gender,
      birthDate: m.birthDate,
    })),
    groupBy,
    today,
  );
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
