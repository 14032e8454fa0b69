import type { EntityManager } from '@mikro-orm/core';
import type { MemberFollowUpReason } from '../domain/vocabularies.js';
import { PartyMember } from '../entities/index.js';

/** Flags the member record of a resident (if any); death wins over moving out. Not a member: nothing to do. */
export async function flagMemberForFollowUp(
  em: EntityManager,
  residentId: string,
  reason: MemberFollowUpReason,
  on: string,
): Promise<void> {
  const member = await em.findOne(PartyMember, { residentId });
  if (!member || member.followUpReason === 'DECEASED') return;
  member.followUpReason = reason;
  member.followUpSince = on;
  await em.flush();
}
