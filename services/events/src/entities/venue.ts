import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** 文体设施资源台账: a place activities happen in. */
@Entity({ tableName: 'venue' })
export class Venue {
  [OptionalProps]?: 'capacity' | 'address';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** 活动室, 广场, 老年之家, 露天影院 … */
  @Property({ type: 'string', length: 30 })
  kind!: string;

  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  address: string | null = null;
}
