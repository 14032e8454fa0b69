import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** 社区: identified by its 12-digit statistical division code (区 → 街道 → 社区). */
@Entity({ tableName: 'community' })
export class Community {
  /** 12-digit code, e.g. 350203008006. */
  @PrimaryKey({ type: 'string', length: 12 })
  id!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 9 })
  streetCode!: string;

  @Property({ type: 'string', length: 100 })
  streetName!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Property({ type: 'string', length: 100 })
  districtName!: string;
}
