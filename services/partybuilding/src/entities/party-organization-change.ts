import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import type { PartyOrganizationChangeKind } from '../domain/vocabularies.js';
import { PartyOrganization } from './party-organization.js';

/** One entry of an organisation's history: established, upgraded (党总支→党委), renamed, new secretary. */
@Entity({ tableName: 'party_organization_change' })
export class PartyOrganizationChange {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @ManyToOne(() => PartyOrganization, { ref: true })
  organization!: Ref<PartyOrganization>;

  @Property({ type: 'string', length: 30 })
  kind!: PartyOrganizationChangeKind;

  @Property({ type: 'string', length: 10 })
  changedOn!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  fromValue: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  toValue: string | null = null;

  /** 依据，如 街道党工委批复文号 */
  @Property({ type: 'string', length: 200, nullable: true })
  note: string | null = null;
}
