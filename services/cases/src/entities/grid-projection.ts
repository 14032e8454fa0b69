import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** Grids as residents announces them (`grid.registered`): maps a grid worker's grid codes to grid ids. */
@Entity({ tableName: 'grid_projection' })
export class GridProjection {
  [OptionalProps]?: 'gridWorkerStaffId';

  @PrimaryKey({ type: 'string', length: 36 })
  gridId!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  code!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** 网格员: default assignee of cases in this grid. */
  @Property({ type: 'string', length: 36, nullable: true })
  gridWorkerStaffId: string | null = null;
}
