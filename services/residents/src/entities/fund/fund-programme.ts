import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { FundProgrammeKind } from '../../domain/fund/fund-vocabularies.js';

/**
 * A programme beside the fund: an enterprise-sponsored one with yearly rounds (the «爱心伴我成长» 助学金) or an
 * outside body the community applies to on a resident's behalf (红十字特别救助).
 */
@Entity({ tableName: 'fund_programme' })
@Index({ properties: ['communityId'] })
export class FundProgramme {
  [OptionalProps]?: 'sponsorOrganizationId' | 'sponsorName' | 'eligibility';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 20 })
  kind!: FundProgrammeKind;

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** Sponsor (organisation of the registry) or the outside body's name. */
  @Property({ type: 'string', length: 36, nullable: true })
  sponsorOrganizationId: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  sponsorName: string | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  eligibility: string | null = null;
}
