import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { VenueKind } from '../domain/vocabularies.js';

/** 文体设施资源台账: a place activities happen in, with its owner unit, photos and opening hours. */
@Entity({ tableName: 'venue' })
export class Venue {
  [OptionalProps]?: 'capacity' | 'address' | 'ownerOrganizationId' | 'photoUrls' | 'openingHours';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 30 })
  kind!: VenueKind;

  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  address: string | null = null;

  /** 产权 / 管理单位: an Organization of the residents service (null = the community itself). */
  @Property({ type: 'string', length: 36, nullable: true })
  ownerOrganizationId: string | null = null;

  /** 存档照片 (URLs). */
  @Property({ type: 'json', nullable: true })
  photoUrls: string[] | null = null;

  /** 开放时间, e.g. 每日 08:00–21:00. */
  @Property({ type: 'string', length: 100, nullable: true })
  openingHours: string | null = null;
}
