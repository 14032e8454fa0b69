import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { FundProgramme } from './fund-programme.js';

/** A yearly round of a sponsored programme: budget and application window. */
@Entity({ tableName: 'fund_programme_round' })
@Unique({ properties: ['programme', 'year'] })
export class FundProgrammeRound {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @ManyToOne(() => FundProgramme, { ref: true })
  programme!: Ref<FundProgramme>;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  budgetFen!: number;

  @Property({ type: 'string', length: 10 })
  opensOn!: string;

  @Property({ type: 'string', length: 10 })
  closesOn!: string;
}
