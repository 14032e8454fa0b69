import { Entity, OptionalProps, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Grid } from './grid.js';

/** 楼栋: a building in a grid, with its building leader (楼栋长, a resident). */
@Entity({ tableName: 'building' })
export class Building {
  [OptionalProps]?: 'leaderResidentId';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Index()
  @ManyToOne(() => Grid, { ref: true })
  grid!: Ref<Grid>;

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** 标准地址 */
  @Property({ type: 'string', length: 200 })
  address!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  leaderResidentId: string | null = null;
}
