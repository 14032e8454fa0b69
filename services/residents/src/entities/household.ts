import { Entity, OptionalProps, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Building } from './building.js';

export type HousingType = 'OWNED' | 'RENTED' | 'PUBLIC';

/** 户: a flat in a building and the people living there. */
@Entity({ tableName: 'household' })
export class Household {
  [OptionalProps]?: 'housing' | 'headResidentId' | 'landlordResidentId';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Index()
  @ManyToOne(() => Building, { ref: true })
  building!: Ref<Building>;

  @Property({ type: 'string', length: 20 })
  unit!: string;

  @Property({ type: 'string', length: 20 })
  room!: string;

  /** Full address down to the room, e.g. 香秀里12号楼2单元502室. */
  @Index()
  @Property({ type: 'string', length: 200 })
  address!: string;

  @Property({ type: 'string', length: 10 })
  housing: HousingType = 'OWNED';

  @Property({ type: 'string', length: 36, nullable: true })
  headResidentId: string | null = null;

  /** 出租房登记: the landlord of a rented flat (a resident id). */
  @Property({ type: 'string', length: 36, nullable: true })
  landlordResidentId: string | null = null;
}
