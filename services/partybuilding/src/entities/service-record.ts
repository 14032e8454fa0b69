import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { PartyAppraisalGrade } from '../domain/vocabularies.js';

/** Volunteer hours of a resident, credited from events' volunteer_hours.recorded; one row per shift and resident. */
@Entity({ tableName: 'volunteer_hours_credit' })
@Unique({ properties: ['shiftId', 'residentId'] })
export class VolunteerHoursCredit {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  residentId!: string;

  @Property({ type: 'string', length: 36 })
  shiftId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  eventId: string | null = null;

  @Property({ type: 'integer' })
  minutes!: number;

  @Property({ type: 'string', length: 10 })
  servedOn!: string;
}

/** 民主评议党员: one grade per member per year. */
@Entity({ tableName: 'party_appraisal' })
@Unique({ properties: ['memberId', 'year'] })
export class PartyAppraisal {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 36 })
  memberId!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'string', length: 30 })
  grade!: PartyAppraisalGrade;
}

/** 党校现场教学 and other training sessions, with head-counts. */
@Entity({ tableName: 'party_training_session' })
export class PartyTrainingSession {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 10 })
  heldOn!: string;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  location: string | null = null;

  @Property({ type: 'integer' })
  headCount!: number;
}
