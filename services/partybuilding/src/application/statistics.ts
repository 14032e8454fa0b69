import type { EntityManager } from '@mikro-orm/core';
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
