import { ConflictError, InvalidInputError, checkCount } from '@shequ/errors';

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

/**
 * The most people a community venue holds (a square or a sports ground of a 街道: some thousands) and so the most
 * places an event offers: `Int` took up to 2,147,483,647.
 */
export const MAX_VENUE_CAPACITY = 20_000;

/** A venue's capacity: 1 to `MAX_VENUE_CAPACITY` (null: not recorded). */
export function checkVenueCapacity(capacity: number | null): void {
  if (capacity !== null) checkCount('capacity', '容纳人数', capacity, { min: 1, max: MAX_VENUE_CAPACITY });
}

/** Archive photos of a venue: at most `MAX_VENUE_PHOTOS`, each an http(s) address of at most 2,000 characters. */
export const MAX_VENUE_PHOTOS = 50;
export const MAX_PHOTO_URL_LENGTH = 2000;

export function checkVenuePhotos(photoUrls: readonly string[]): void {
  if (photoUrls.length > MAX_VENUE_PHOTOS)
    throw new InvalidInputError('photoUrls', `存档照片最多 ${MAX_VENUE_PHOTOS} 张（收到 ${photoUrls.length} 张）`);
  photoUrls.forEach((url, i) => {
    if (url.length > MAX_PHOTO_URL_LENGTH)
      throw new InvalidInputError(`photoUrls.${i}`, `照片地址不能超过 ${MAX_PHOTO_URL_LENGTH} 个字符`);
    if (!/^https?:\/\/\S+$/.test(url))
      throw new InvalidInputError(`photoUrls.${i}`, `照片地址须为 http(s) URL：${url}`);
  });
}

export function checkCapacityFitsVenue(capacity: number | null, venueCapacity: number | null): void {
  if (capacity !== null) checkCount('capacity', '名额', capacity, { min: 1, max: MAX_VENUE_CAPACITY });
  if (capacity !== null && venueCapacity !== null && capacity > venueCapacity) {
    throw new InvalidInputError('capacity', `名额 ${capacity} 超过场地容纳人数 ${venueCapacity}`);
  }
}
