import { ConflictError, InvalidInputError } from '@shequ/errors';

export interface Booking {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
}

/** Half-open intervals [startsAt, endsAt) overlap: one event may start when the other ends. */
export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/**
 * The longest an event or a volunteer shift may last: 31 days (a summer camp of a month). Without a bound, one
 * event planned from 2027 to 2099 on a venue held it for 72 years, refusing every other booking there.
 */
export const MAX_EVENT_DAYS = 31;

export function checkTimeRange(startsAt: Date, endsAt: Date): void {
  if (!(endsAt.getTime() > startsAt.getTime())) throw new InvalidInputError('endsAt', '结束时间须晚于开始时间');
  if (endsAt.getTime() - startsAt.getTime() > MAX_EVENT_DAYS * 86_400_000)
    throw new InvalidInputError('endsAt', `活动时长不能超过 ${MAX_EVENT_DAYS} 天`);
}

/** A booking on a venue must not overlap any other live booking there; CONFLICT names the other event. */
export function checkVenueFree(
  venueName: string,
  wanted: { id?: string; startsAt: Date; endsAt: Date },
  existing: Booking[],
): void {
  const clash = existing.find((b) => b.id !== wanted.id && overlaps(wanted, b));
  if (clash) {
    throw new ConflictError(`场地「${venueName}」在该时段已被活动「${clash.title}」占用`, {
      field: 'venueId',
      conflictingEventId: clash.id,
      conflictingEventTitle: clash.title,
    });
  }
}

export function checkCapacityFitsVenue(capacity: number | null, venueCapacity: number | null): void {
  if (capacity !== null && capacity < 1) throw new InvalidInputError('capacity', '名额须为正整数');
  if (capacity !== null && venueCapacity !== null && capacity > venueCapacity) {
    throw new InvalidInputError('capacity', `名额 ${capacity} 超过场地容纳人数 ${venueCapacity}`);
  }
}
