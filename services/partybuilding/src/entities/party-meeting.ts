import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import type { PartyMeetingType } from '@shequ/contracts';
import type { MeetingAttendanceStatus } from '../domain/vocabularies.js';
import { PartyOrganization } from './party-organization.js';

/** 三会一课 / 主题党日 / 组织生活会. */
@Entity({ tableName: 'party_meeting' })
export class PartyMeeting {
  [OptionalProps]?: 'speaker' | 'minutes';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @ManyToOne(() => PartyOrganization, { ref: true })
  organization!: Ref<PartyOrganization>;

  @Property({ type: 'string', length: 30 })
  type!: PartyMeetingType;

  @Index()
  @Property({ type: 'string', length: 10 })
  heldOn!: string;

  @Property({ type: 'string', length: 200 })
  topic!: string;

  @Property({ type: 'string', length: 50, nullable: true })
  speaker: string | null = null;

  @Property({ type: 'text', nullable: true })
  minutes: string | null = null;
}

@Entity({ tableName: 'party_meeting_attendance' })
@Unique({ properties: ['meeting', 'memberId'] })
export class PartyMeetingAttendance {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @ManyToOne(() => PartyMeeting, { ref: true })
  meeting!: Ref<PartyMeeting>;

  @Index()
  @Property({ type: 'string', length: 36 })
  memberId!: string;

  @Property({ type: 'string', length: 10 })
  status!: MeetingAttendanceStatus;
}
