import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * One unmasked read of one person's data, as any service recorded it (`shequ.<service>.audit.pii_read`),
 * gathered here so community_admin sees one list. One row per (event, subject): a redelivery adds nothing.
 */
@Entity({ tableName: 'pii_audit_trail' })
@Unique({ properties: ['eventId', 'subjectType', 'subjectId'] })
@Index({ properties: ['communityId', 'subjectId', 'readAt'] })
@Index({ properties: ['communityId', 'callerId', 'readAt'] })
export class AuditTrailEntry {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  eventId!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  /** The service that served the data. */
  @Property({ type: 'string', length: 20 })
  service!: string;

  @Property({ type: 'string', length: 20 })
  subjectType!: string;

  @Property({ type: 'string', length: 36 })
  subjectId!: string;

  /** Comma-separated field names. */
  @Property({ type: 'string', length: 200 })
  fields!: string;

  @Property({ type: 'string', length: 200 })
  operation!: string;

  @Property({ type: 'string', length: 100 })
  requestId!: string;

  @Property({ type: 'string', length: 10 })
  callerKind!: string;

  @Property({ type: 'string', length: 100 })
  callerId!: string;

  @Property({ type: 'string', length: 300 })
  callerRoles!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  callerDepartment: string | null = null;

  @Property({ type: 'datetime' })
  readAt!: Date;
}
