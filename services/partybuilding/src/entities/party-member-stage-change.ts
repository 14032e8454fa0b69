import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import type { PartyMemberStage } from '@shequ/contracts';
import { PartyMember } from './party-member.js';

/** The record of each step (including 延长预备期 and 取消预备党员资格) with its date and note. */
@Entity({ tableName: 'party_member_stage_change' })
export class PartyMemberStageChange {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @ManyToOne(() => PartyMember, { ref: true })
  member!: Ref<PartyMember>;

  /** STAGE_CHANGED, PROBATION_EXTENDED or PROBATION_CANCELLED */
  @Property({ type: 'string', length: 30 })
  kind!: 'STAGE_CHANGED' | 'PROBATION_EXTENDED' | 'PROBATION_CANCELLED';

  @Property({ type: 'string', length: 30, nullable: true })
  fromStage: PartyMemberStage | null = null;

  @Property({ type: 'string', length: 30 })
  toStage!: PartyMemberStage;

  @Property({ type: 'string', length: 10 })
  changedOn!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  note: string | null = null;
}
