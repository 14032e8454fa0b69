import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import type { Gender, PartyMemberStage, PartyMemberType } from '@shequ/contracts';
import type { MemberFollowUpReason, PartyMemberStatus } from '../domain/vocabularies.js';
import { PartyOrganization } from './party-organization.js';

/** 党员 (or applicant on the way to membership): a resident, in exactly one branch (and optionally one 党小组). */
@Entity({ tableName: 'party_member' })
export class PartyMember {
  [OptionalProps]?:
    | 'memberType'
    | 'group'
    | 'status'
    | 'gender'
    | 'birthDate'
    | 'appliedOn'
    | 'activistOn'
    | 'developmentTargetOn'
    | 'probationaryOn'
    | 'fullMemberOn'
    | 'probationExtendedUntil'
    | 'probationCancelledOn'
    | 'followUpReason'
    | 'followUpSince';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  /** The resident (owned by the residents service). */
  @Unique()
  @Property({ type: 'string', length: 36 })
  residentId!: string;

  @ManyToOne(() => PartyOrganization, { ref: true })
  branch!: Ref<PartyOrganization>;

  @ManyToOne(() => PartyOrganization, { ref: true, nullable: true })
  group: Ref<PartyOrganization> | null = null;

  @Property({ type: 'string', length: 30 })
  stage!: PartyMemberStage;

  /** Date the current stage began. */
  @Property({ type: 'string', length: 10 })
  stageSince!: string;

  @Property({ type: 'string', length: 30 })
  memberType: PartyMemberType = 'COMMUNITY';

  @Property({ type: 'string', length: 30 })
  status: PartyMemberStatus = 'ACTIVE';

  /** From the member's file (入党申请书); used for age checks and anonymous statistics. */
  @Property({ type: 'string', length: 10, nullable: true })
  gender: Gender | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  birthDate: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  appliedOn: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  activistOn: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  developmentTargetOn: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  probationaryOn: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  fullMemberOn: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  probationExtendedUntil: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  probationCancelledOn: string | null = null;

  /** Set when residents reports death or moving out: the record stays, someone follows up. */
  @Property({ type: 'string', length: 20, nullable: true })
  followUpReason: MemberFollowUpReason | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  followUpSince: string | null = null;
}
