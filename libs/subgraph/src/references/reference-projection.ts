import { Entity, Index, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/** The kinds of residents' records other services refer to by id. */
export type ReferenceKind =
  'STREET' | 'COMMUNITY' | 'RESIDENT' | 'HOUSEHOLD' | 'BUILDING' | 'GRID' | 'STAFF' | 'ORGANIZATION';

export const REFERENCE_LABELS: Record<ReferenceKind, string> = {
  STREET: '街道',
  COMMUNITY: '社区',
  RESIDENT: '居民',
  HOUSEHOLD: '住户',
  BUILDING: '楼栋',
  GRID: '网格',
  STAFF: '社区工作者',
  ORGANIZATION: '组织',
};

/**
 * A service's projection of the residents service's people, places, staff and organisations, kept from residents'
 * events only (never a call): the facts it checks references against before writing. Each row keeps the
 * `occurredAt` of the event it was last updated from, so an older event never moves it backwards.
 */
@Entity({ tableName: 'reference_projection' })
@Index({ properties: ['communityId', 'kind'] })
export class ReferenceProjection {
  [PrimaryKeyProp]?: ['kind', 'id'];
  [OptionalProps]?: 'status' | 'parentId' | 'gridId' | 'department' | 'gridIds' | 'birthDate' | 'gender';

  @PrimaryKey({ type: 'string', length: 16 })
  kind!: ReferenceKind;

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  /** ACTIVE; a resident MOVED_OUT or DECEASED; a staff member INACTIVE. */
  @Property({ type: 'string', length: 12 })
  status: string = 'ACTIVE';

  /** Resident → household, household → building, building → grid, community → street code, street → district. */
  @Property({ type: 'string', length: 36, nullable: true })
  parentId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  gridId: string | null = null;

  /** Staff: department code. */
  @Property({ type: 'string', length: 30, nullable: true })
  department: string | null = null;

  /** Staff: grids served, comma-separated ids. */
  @Property({ type: 'string', length: 1000 })
  gridIds: string = '';

  /** Resident: birth date (ISO), for rules such as the 18-year rule for party applicants. */
  @Property({ type: 'string', length: 10, nullable: true })
  birthDate: string | null = null;

  /**
   * Resident: gender (`Genders` code), kept only by a service whose rules or statistics need it
   * (`RESIDENT_FACTS_KEPT`); null elsewhere.
   */
  @Property({ type: 'string', length: 10, nullable: true })
  gender: string | null = null;

  /** `occurredAt` of the source event this row was last updated from. */
  @Property({ type: 'datetime' })
  sourceOccurredAt!: Date;
}

export const referenceEntities = [ReferenceProjection];
