import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { Department } from '@shequ/contracts';

/** 社区工作者: department, position and the grids served. */
@Entity({ tableName: 'staff' })
export class Staff {
  [OptionalProps]?: 'gridIds' | 'active';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 50 })
  name!: string;

  @Property({ type: 'string', length: 30 })
  department!: Department;

  @Property({ type: 'string', length: 50 })
  position!: string;

  /** Grid ids served, stored as `,id1,id2,` so a grid filter is one LIKE. */
  @Property({ type: 'string', length: 1000 })
  gridIds: string = ',';

  @Property({ type: 'boolean' })
  active: boolean = true;
}

export const staffGridIds = (staff: Staff): string[] => staff.gridIds.split(',').filter(Boolean);
export const joinGridIds = (ids: string[]): string => `,${[...new Set(ids)].join(',')}${ids.length ? ',' : ''}`;
