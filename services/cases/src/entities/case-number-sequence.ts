import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The last case number handed out in a year (SQ-<year>-<6 digits>). */
@Entity({ tableName: 'case_number_sequence' })
export class CaseNumberSequence {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  @Property({ type: 'integer' })
  last!: number;
}
