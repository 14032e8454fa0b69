import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Projection of residents' grids: grid id → code, so a grid worker's grid codes find their residents here. */
@Entity({ tableName: 'grid_code' })
export class GridCode {
  @PrimaryKey({ type: 'string', length: 36 })
  gridId!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 40, index: true })
  code!: string;
}
