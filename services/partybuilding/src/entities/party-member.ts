import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import type { PartyMemberStage, PartyMemberType } from '@shequ/contracts';
import { PartyOrganization } from './party-organization.js';

/** 党员 (or applicant on the way to membership): a resident, in exactly one branch. */
@Entity({ tableName: 'party_member' })
export class PartyMember {
  [OptionalProps]?: 'memberType';

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

  @Property({ type: 'string', length: 30 })
  stage!: PartyMemberStage;

  /** Date the current stage began. */
  @Property({ type: 'string', length: 10 })
  stageSince!: string;

  @Property({ type: 'string', length: 30 })
  memberType: PartyMemberType = 'COMMUNITY';
}
