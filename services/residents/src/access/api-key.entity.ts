import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A district platform's API key: only a hash of its secret is stored; the key itself is shown once. */
@Entity({ tableName: 'api_key' })
export class ApiKey {
  [OptionalProps]?: 'revokedAt' | 'revokedBy';

  /** The key id, the visible part of `shq_<id>_<secret>`. */
  @PrimaryKey({ type: 'string', length: 32 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** Comma-separated permissions. */
  @Property({ type: 'string', length: 500 })
  scopes!: string;

  @Property({ type: 'string', length: 64 })
  secretHash!: string;

  @Property({ type: 'datetime' })
  issuedAt!: Date;

  @Property({ type: 'string', length: 100 })
  issuedBy!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  revokedBy: string | null = null;
}
