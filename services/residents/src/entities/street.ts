import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** 区: the district a deployment serves, identified by its 6-digit statistical division code. */
@Entity({ tableName: 'district' })
export class District {
  /** 6-digit code, e.g. 350203 (思明区). */
  @PrimaryKey({ type: 'string', length: 6 })
  id!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;
}

/** 街道: identified by its 9-digit statistical division code (区 6 + 街道 3). */
@Entity({ tableName: 'street' })
export class Street {
  /** 9-digit code, e.g. 350203008 (嘉莲街道). */
  @PrimaryKey({ type: 'string', length: 9 })
  id!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Index()
  @Property({ type: 'string', length: 6 })
  districtCode!: string;
}
