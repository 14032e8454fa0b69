import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { FundDonorKind } from '@shequ/contracts';

/** 捐赠人: a resident, party member, building leader, 五老 volunteer, organisation, enterprise or anonymous. */
@Entity({ tableName: 'fund_donor' })
@Index({ properties: ['communityId', 'name'] })
export class FundDonor {
  [OptionalProps]?: 'name' | 'residentId' | 'organizationId' | 'namedInReport';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 30 })
  kind!: FundDonorKind;

  /** Null for an anonymous donor. A person's name is shown in the report only with consent. */
  @Property({ type: 'string', length: 100, nullable: true })
  name: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  residentId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  organizationId: string | null = null;

  /** Agreed to be thanked by name in the annual report (公开鸣谢). */
  @Property({ type: 'boolean' })
  namedInReport: boolean = false;
}
