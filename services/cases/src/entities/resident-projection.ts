import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { ResidentStatus } from '@shequ/contracts';

/**
 * Local projection of residents (from residents' events only, never a call): where each resident lives,
 * used to route cases to a grid and to run proactive rules.
 */
@Entity({ tableName: 'resident_projection' })
export class ResidentProjection {
  [OptionalProps]?: 'householdId' | 'buildingId' | 'gridId' | 'birthDate' | 'status';

  @PrimaryKey({ type: 'string', length: 36 })
  residentId!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  householdId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  buildingId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  gridId: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  birthDate: string | null = null;

  @Property({ type: 'string', length: 12 })
  status: ResidentStatus = 'ACTIVE';

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
