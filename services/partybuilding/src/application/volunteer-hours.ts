import type { EntityManager } from '@mikro-orm/core';
import { newId } from '@shequ/database';
import { VolunteerHoursCredit } from '../entities/index.js';

/**
 * Credits a shift's minutes to the resident. Idempotent by construction: one row per (shift, resident), so a
 * redelivered or re-sent event adds nothing. Stored for every volunteer, so hours that arrive before the
 * resident's membership record still count once they join.
 */
export async function creditVolunteerHours(
  em: EntityManager,
  data: { shiftId: string; eventId: string | null; residentId: string; minutes: number; servedOn: string },
  communityId: string,
): Promise<boolean> {
  if (await em.findOne(VolunteerHoursCredit, { shiftId: data.shiftId, residentId: data.residentId })) return false;
  em.create(VolunteerHoursCredit, { id: newId(), communityId, ...data });
  await em.flush();
  return true;
}

/** Minutes per resident (of the year, or in all), summed by the database: one row per resident, not per shift. */
export async function volunteerMinutes(
  em: EntityManager,
  residentIds: readonly string[],
  year: number | null,
): Promise<Map<string, number>> {
  const totals = new Map<string, number>(residentIds.map((id) => [id, 0]));
  for (let i = 0; i < residentIds.length; i += 500) {
    const ids = residentIds.slice(i, i + 500);
    const rows = (await em.getConnection().execute(
      `select "resident_id" as "residentId", sum("minutes") as "minutes" from "volunteer_hours_credit"
       where "resident_id" in (${ids.map(() => '?').join(', ')})${year ? ' and "served_on" >= ? and "served_on" <= ?' : ''}
       group by "resident_id"`,
      [...ids, ...(year ? [`${year}-01-01`, `${year}-12-31`] : [])],
    )) as Array<{ residentId: string; minutes: number | string }>;
    for (const row of rows) totals.set(row.residentId, Number(row.minutes));
  }
  return totals;
}
