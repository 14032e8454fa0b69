import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** 年度计划: recruitment target (发展党员数) and 党校现场教学 head-count target of a community. */
@Entity({ tableName: 'party_year_plan' })
@Unique({ properties: ['communityId', 'year'] })
export class PartyYearPlan {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  recruitmentTarget!: number;

  @Property({ type: 'integer' })
  trainingHeadcountTarget!: number;
}
