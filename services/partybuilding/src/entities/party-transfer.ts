import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import type { PartyTransferDirection, PartyTransferStatus } from '../domain/vocabularies.js';
import { PartyOrganization } from './party-organization.js';

/** 组织关系转接 in or out, with 介绍信 number and the date of each step. */
@Entity({ tableName: 'party_transfer' })
export class PartyTransfer {
  [OptionalProps]?:
    | 'status'
    | 'memberId'
    | 'residentId'
    | 'branch'
    | 'externalOrganization'
    | 'letterNumber'
    | 'sentOn'
    | 'receivedOn'
    | 'completedOn'
    | 'caseId';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 5 })
  direction!: PartyTransferDirection;

  @Property({ type: 'string', length: 20 })
  status: PartyTransferStatus = 'REQUESTED';

  /** The member (OUT: always; IN: once completed). */
  @Property({ type: 'string', length: 36, nullable: true })
  memberId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  residentId: string | null = null;

  /** Our branch: where the member goes (IN) or comes from (OUT); for IN it may be chosen later. */
  @ManyToOne(() => PartyOrganization, { ref: true, nullable: true })
  branch: Ref<PartyOrganization> | null = null;

  /** The other side: 原党组织 (IN) or 接收党组织 (OUT). */
  @Property({ type: 'string', length: 200, nullable: true })
  externalOrganization: string | null = null;

  @Property({ type: 'string', length: 50, nullable: true })
  letterNumber: string | null = null;

  @Property({ type: 'string', length: 10 })
  requestedOn!: string;

  @Property({ type: 'string', length: 10, nullable: true })
  sentOn: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  receivedOn: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  completedOn: string | null = null;

  /** The case (cases service) the request came from; one transfer per case. */
  @Unique()
  @Property({ type: 'string', length: 36, nullable: true })
  caseId: string | null = null;
}
