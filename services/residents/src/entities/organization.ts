import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export type OrganizationKind = 'JURISDICTION_UNIT' | 'SOCIAL_ORGANIZATION' | 'PARTNER_UNIT' | 'VOLUNTEER_TEAM';

/** 辖区单位 / 社会组织 / 共建单位 / 志愿服务队. */
@Entity({ tableName: 'organization' })
export class Organization {
  [OptionalProps]?: 'address' | 'gridId' | 'memberCount';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 30 })
  kind!: OrganizationKind;

  @Property({ type: 'string', length: 200, nullable: true })
  address: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  gridId: string | null = null;

  /** Volunteers / members (volunteer teams and social organisations). */
  @Property({ type: 'integer', nullable: true })
  memberCount: number | null = null;
}
