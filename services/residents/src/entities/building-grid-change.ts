import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** 网格边界调整的历史: a building moved from one grid to another, when and by whom. */
@Entity({ tableName: 'building_grid_change' })
@Index({ properties: ['buildingId', 'changedAt'] })
export class BuildingGridChange {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 36 })
  buildingId!: string;

  @Property({ type: 'string', length: 36 })
  fromGridId!: string;

  @Property({ type: 'string', length: 36 })
  toGridId!: string;

  /** The day the new boundary takes effect (community calendar). */
  @Property({ type: 'string', length: 10 })
  movedOn!: string;

  @Property({ type: 'datetime' })
  changedAt!: Date;

  /** Who redrew the boundary (user or machine id). */
  @Property({ type: 'string', length: 100 })
  changedBy!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  reason: string | null = null;
}
