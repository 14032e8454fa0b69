import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import type { PartyOrganizationLevel } from '@shequ/contracts';

/** 党组织: 社区党委 → 党总支 → 党支部 → 党小组. */
@Entity({ tableName: 'party_organization' })
export class PartyOrganization {
  [OptionalProps]?: 'parent' | 'secretaryResidentId' | 'establishedOn';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 20 })
  level!: PartyOrganizationLevel;

  @ManyToOne(() => PartyOrganization, { ref: true, nullable: true })
  parent: Ref<PartyOrganization> | null = null;

  /** 书记 (a resident id) */
  @Property({ type: 'string', length: 36, nullable: true })
  secretaryResidentId: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  establishedOn: string | null = null;
}
