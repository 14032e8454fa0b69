import type { FilterQuery } from '@mikro-orm/core';
import type { PartyMeetingType, PartyMemberStage, PartyMemberType, PartyOrganizationLevel } from '@shequ/contracts';
import type { SubgraphContext } from '@shequ/subgraph';
import { branchesUnder } from '../domain/organization-tree.js';
import type {
  MemberFollowUpReason,
  PartyMemberStatus,
  PartyTransferDirection,
  PartyTransferStatus,
} from '../domain/vocabularies.js';
import {
  PartyOrganization,
  type PartyMeeting,
  type PartyMember,
  type PartyTransfer,
  type RedFlagPeriod,
} from '../entities/index.js';

/** List filters of `partyOrganizations` within the caller's row scope. */
export function organizationWhere(
  scope: FilterQuery<PartyOrganization>,
  level: string | null | undefined,
): FilterQuery<PartyOrganization> {
  return level ? { $and: [scope, { level: level as PartyOrganizationLevel }] } : scope;
}

export interface PartyMemberCriteria {
  stage?: string | null;
  memberType?: string | null;
  status?: string | null;
  branchId?: string | null;
  followUpReason?: string | null;
}

/** List filters of `partyMembers` within the caller's row scope (all criteria must hold). */
export function partyMemberWhere(
  scope: FilterQuery<PartyMember>,
  criteria: PartyMemberCriteria | null | undefined,
): FilterQuery<PartyMember> {
  const all: FilterQuery<PartyMember>[] = [scope];
  if (criteria?.stage) all.push({ stage: criteria.stage as PartyMemberStage });
  if (criteria?.memberType) all.push({ memberType: criteria.memberType as PartyMemberType });
  if (criteria?.status) all.push({ status: criteria.status as PartyMemberStatus });
  if (criteria?.branchId) all.push({ branch: criteria.branchId });
  if (criteria?.followUpReason) all.push({ followUpReason: criteria.followUpReason as MemberFollowUpReason });
  return { $and: all };
}

/**
 * The members of an organisation: a 党小组's or a 党支部's own, otherwise those of every 党支部 under it. The
 * community's tree is read once per request, however many organisations list their members.
 */
export async function organizationMemberWhere(
  ctx: SubgraphContext,
  organization: PartyOrganization,
): Promise<FilterQuery<PartyMember>> {
  if (organization.level === 'GROUP') return { group: organization.id };
  if (organization.level === 'BRANCH') return { branch: organization.id };
  const all = await ctx.loaders.once(`PartyOrganization.tree.${organization.communityId}`, () =>
    ctx.em.find(PartyOrganization, { communityId: organization.communityId }),
  );
  const tree = all.map((o) => ({ id: o.id, level: o.level, parentId: o.parent?.id ?? null }));
  return { branch: { $in: branchesUnder(organization.id, tree) } };
}

export interface PartyMeetingCriteria {
  organizationId?: string | null;
  type?: string | null;
  year?: number | null;
}

/** List filters of `partyMeetings` within the caller's row scope; a year means meetings held in it. */
export function partyMeetingWhere(
  scope: FilterQuery<PartyMeeting>,
  criteria: PartyMeetingCriteria,
): FilterQuery<PartyMeeting> {
  const all: FilterQuery<PartyMeeting>[] = [scope];
  if (criteria.organizationId) all.push({ organization: criteria.organizationId });
  if (criteria.type) all.push({ type: criteria.type as PartyMeetingType });
  if (criteria.year) all.push({ heldOn: { $gte: `${criteria.year}-01-01`, $lte: `${criteria.year}-12-31` } });
  return { $and: all };
}

/** List filters of `partyTransfers` within the caller's row scope. */
export function partyTransferWhere(
  scope: FilterQuery<PartyTransfer>,
  criteria: { status?: string | null; direction?: string | null },
): FilterQuery<PartyTransfer> {
  const all: FilterQuery<PartyTransfer>[] = [scope];
  if (criteria.status) all.push({ status: criteria.status as PartyTransferStatus });
  if (criteria.direction) all.push({ direction: criteria.direction as PartyTransferDirection });
  return { $and: all };
}

/** 流动红旗岗 periods decided between two years (inclusive; open ends allowed), within the caller's row scope. */
export function redFlagAwardWhere(
  scope: FilterQuery<RedFlagPeriod>,
  fromYear: number | null,
  toYear: number | null,
): FilterQuery<RedFlagPeriod> {
  return { $and: [scope, { decidedOn: { $ne: null }, year: { $gte: fromYear ?? 1949, $lte: toYear ?? 2100 } }] };
}
