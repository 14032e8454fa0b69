import { labelOf, PartyOrganizationLevels, type PartyOrganizationLevel } from '@shequ/contracts';
import { ConflictError, InvalidInputError } from '@shequ/errors';
import { PartyMemberStatuses, type PartyMemberStatus } from './vocabularies.js';

/** 社区党委 → 党总支 → 党支部 → 党小组: which levels an organisation of each level may sit under. */
export const ALLOWED_PARENTS: Record<PartyOrganizationLevel, ReadonlyArray<PartyOrganizationLevel | null>> = {
  COMMITTEE: [null, 'COMMITTEE'],
  GENERAL_BRANCH: ['COMMITTEE'],
  BRANCH: ['COMMITTEE', 'GENERAL_BRANCH'],
  GROUP: ['BRANCH'],
};

export function checkPlacement(
  level: PartyOrganizationLevel,
  parentLevel: PartyOrganizationLevel | null,
  childLevels: readonly PartyOrganizationLevel[] = [],
): void {
  if (!ALLOWED_PARENTS[level].includes(parentLevel)) {
    throw new InvalidInputError(
      'parentId',
      parentLevel
        ? `「${labelOf(PartyOrganizationLevels, level)}」不能设在「${labelOf(PartyOrganizationLevels, parentLevel)}」之下`
        : `「${labelOf(PartyOrganizationLevels, level)}」须有上级党组织`,
    );
  }
  const wrongChild = childLevels.find((child) => !ALLOWED_PARENTS[child].includes(level));
  if (wrongChild)
    throw new InvalidInputError(
      'level',
      `调整为「${labelOf(PartyOrganizationLevels, level)}」后，下属的「${labelOf(PartyOrganizationLevels, wrongChild)}」将无法隶属`,
    );
}

/**
 * A 党支部 that changes level stops being a place for members: refused while members (在册) or transfers in not yet
 * completed are placed in it, since each member belongs to exactly one 党支部.
 */
export function checkBranchLevelChange(level: PartyOrganizationLevel, members: number, openTransfers: number): void {
  if (level === 'BRANCH') return;
  if (members > 0 || openTransfers > 0)
    throw new InvalidInputError(
      'level',
      `该党支部仍有在册党员 ${members} 名、未办结的转入 ${openTransfers} 件：党员须编入党支部，调整为「${labelOf(PartyOrganizationLevels, level)}」前须先调整党员所在支部`,
    );
}

/** A member belongs to exactly one 党支部 (and optionally one of its 党小组). */
export function checkMemberPlacement(
  branch: { id: string; level: PartyOrganizationLevel },
  group: { level: PartyOrganizationLevel; parentId: string | null } | null,
): void {
  if (branch.level !== 'BRANCH')
    throw new InvalidInputError(
      'branchId',
      `党员须编入党支部，所选组织层级为「${labelOf(PartyOrganizationLevels, branch.level)}」`,
    );
  if (group && (group.level !== 'GROUP' || group.parentId !== branch.id))
    throw new InvalidInputError('groupId', '党小组须是所在党支部下属的党小组');
}

/** An organisation as a node of the community's tree. */
export interface TreeNode {
  id: string;
  level: PartyOrganizationLevel;
  parentId: string | null;
}

/** Whether `node` sits (directly or further down) under the organisation `ancestorId`; a cycle ends the walk. */
export function isUnder(node: TreeNode, ancestorId: string, index: ReadonlyMap<string, TreeNode>): boolean {
  const seen = new Set<string>();
  for (let p = node.parentId; p && !seen.has(p); p = index.get(p)?.parentId ?? null) {
    if (p === ancestorId) return true;
    seen.add(p);
  }
  return false;
}

/** The 党支部 under an organisation (a 党委 or 党总支), at any depth: their members are its members. */
export function branchesUnder(ancestorId: string, tree: readonly TreeNode[]): string[] {
  const index = new Map(tree.map((o) => [o.id, o]));
  return tree.filter((o) => o.level === 'BRANCH' && isUnder(o, ancestorId, index)).map((o) => o.id);
}

/**
 * An organisation's dates are history: it is established (`establishedOn`) not after today, and a change of it
 * (升格/降格、更名、书记变更, `changedOn`) is dated not after today and not before its establishment. Without these a
 * 党支部 «established» in 2099 refused every meeting until then, and a change dated 1949 rewrote its history.
 */
export function checkEstablishedOn(establishedOn: string, today: string): void {
  if (establishedOn > today)
    throw new InvalidInputError('establishedOn', `成立日期（${establishedOn}）不能晚于今天（${today}）`);
}

export function checkOrganizationChangeOn(changedOn: string, establishedOn: string | null, today: string): void {
  if (changedOn > today) throw new InvalidInputError('changedOn', `调整日期（${changedOn}）不能晚于今天（${today}）`);
  if (establishedOn && changedOn < establishedOn)
    throw new InvalidInputError('changedOn', `调整日期（${changedOn}）不能早于该党组织的成立日期（${establishedOn}）`);
}

/**
 * 调整所在支部/党小组 moves a member on the register (在册) only: one transferred out or whose probation was cancelled
 * has no branch here any more (their file keeps the last one), and one who died is not moved either (党籍注销
 * follows). `CONFLICT` naming the status.
 */
export function checkMemberMovable(member: { status: string; followUpReason: string | null }): void {
  if (member.status !== 'ACTIVE')
    throw new ConflictError(
      `党员当前状态为「${labelOf(PartyMemberStatuses, member.status as PartyMemberStatus)}」，不能调整所在支部或党小组`,
      { status: member.status },
    );
  if (member.followUpReason === 'DECEASED')
    throw new ConflictError('该党员已去世（居民服务通知），不能调整所在支部或党小组', { status: 'DECEASED' });
}
