import { BigIntType, Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 阳光爱心基金 of one community: the row every ledger entry is written against. Locked (`FOR UPDATE` on
 * PostgreSQL; SQLite serialises writers) while an entry is posted, so the balance check and the entry are one
 * decision. `balanceFen` and `entryCount` follow the ledger; the ledger entries are the record.
 */
@Entity({ tableName: 'fund' })
export class Fund {
  [OptionalProps]?: 'balanceFen' | 'entryCount';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12, unique: true })
  communityId!: string;

  @Property({ type: 'string', length: 50 })
  name!: string;

  @Property({ type: new BigIntType('number') })
  balanceFen: number = 0;

  @Property({ type: 'integer' })
  entryCount: number = 0;
}
