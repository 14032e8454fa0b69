import { Entity, OptionalProps, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** 网格: the unit of grid management; a grid worker (网格员) serves it. */
@Entity({ tableName: 'grid' })
export class Grid {
  [OptionalProps]?: 'gridWorkerStaffId';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Unique()
  @Property({ type: 'string', length: 40 })
  code!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** Staff id of the grid worker. */
  @Property({ type: 'string', length: 36, nullable: true })
  gridWorkerStaffId: string | null = null;
}
