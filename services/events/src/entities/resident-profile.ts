import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** Projection of residents' events: what events needs of a resident (age for audiences, alive or not, grid). */
@Entity({ tableName: 'resident_profile' })
export class ResidentProfile {
  [OptionalProps]?: 'birthDate' | 'diedOn' | 'movedOutOn' | 'gridId';

  /** The resident id (residents service). */
  @PrimaryKey({ type: 'string', length: 36 })
  residentId!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'date', nullable: true })
  birthDate: string | null = null;

  /** The grid the resident lives in (row scope of grid workers); null while unknown. */
  @Property({ type: 'string', length: 36, nullable: true, index: true })
  gridId: string | null = null;

  @Property({ type: 'date', nullable: true })
  diedOn: string | null = null;

  @Property({ type: 'date', nullable: true })
  movedOutOn: string | null = null;
}
