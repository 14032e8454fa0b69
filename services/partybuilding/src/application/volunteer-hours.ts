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

export async function volunteerMinutes(
  em: EntityManager,
  residentIds: readonly string[],
  year: number | null,
): Promise<Map<string, number>> {
  const where = year
    ? { residentId: { $in: [...residentIds] }, servedOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } }
    : { residentId: { $in: [...residentIds] } };
  const rows = await em.find(VolunteerHoursCredit, where);
  const totals = new Map<string, number>(residentIds.map((id) => [id, 0]));
  for (const row of rows) totals.set(row.residentId, (totals.get(row.residentId) ?? 0) + row.minutes);
  return totals;
}
