import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * A case handed over by a district platform through Open311: what the report said about place and media, and the
 * key that sent it. The case itself holds the matter; contact details of the citizen are not kept here (the
 * hotline system keeps them).
 */
@Entity({ tableName: 'open311_request' })
@Index({ properties: ['communityId', 'submittedAt'] })
export class Open311Request {
  [OptionalProps]?: 'addressString' | 'addressId' | 'latitude' | 'longitude' | 'mediaUrl';

  /** The request's token (GeoReport `token`). */
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Unique()
  @Property({ type: 'string', length: 36 })
  caseId!: string;

  /** The API key (its id) of the platform that sent it. */
  @Property({ type: 'string', length: 80 })
  clientId!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  addressString: string | null = null;

  /**
   * A building or household id of the residents service (GeoReport `address_id`); indexed: a grid redraw moves the
   * open cases reported at a building or its flats.
   */
  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  addressId: string | null = null;

  @Property({ type: 'double', nullable: true })
  latitude: number | null = null;

  @Property({ type: 'double', nullable: true })
  longitude: number | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  mediaUrl: string | null = null;

  @Property({ type: 'datetime' })
  submittedAt!: Date;
}
