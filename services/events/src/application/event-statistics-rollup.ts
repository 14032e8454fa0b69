import type { ChangeSet } from '@mikro-orm/core';
import type { RollupDefinition } from '@shequ/database';
import { SEAT_HOLDING } from '../domain/registration-policy.js';

/**
 * 活动报名汇总 (`EventRegistrationRollup`): each registration counted under its event, with places taken
 * (`SEAT_HOLDING`), attendance and no-show as 0/1 measures. Moved by any change of a registration; the rules of
 * `eventStatistics` (domain/event-statistics.ts). Counted at start when new (the migration adds empty tables).
 */
export const eventRegistrationRollup: RollupDefinition = {
  table: 'event_registration_rollup',
  memberTable: 'event_registration_rollup_member',
  keyColumns: ['event_id'],
  measureColumns: ['seats', 'attended', 'no_shows'],
  memberIdColumn: 'r."id"',
  currentKeys: (condition) =>
    `select r."id" as "member_id", r."event_id" as "event_id",
       case when r."status" in (${SEAT_HOLDING.map((s) => `'${s}'`).join(', ')}) then 1 else 0 end as "seats",
       case when r."status" = 'ATTENDED' then 1 else 0 end as "attended",
       case when r."status" = 'NO_SHOW' then 1 else 0 end as "no_shows"
     from "registration" r where ${condition}`,
  watches: [{ entity: 'Registration', members: (cs: ChangeSet<object>) => [cs.getPrimaryKey() as string] }],
};
