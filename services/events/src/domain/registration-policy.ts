import type { CommunityEventStatus, RegistrationStatus } from '@shequ/contracts';
import { ConflictError } from '@shequ/errors';

/** Statuses in which residents may still sign up (a full event takes them onto the waitlist). */
const OPEN_FOR_REGISTRATION: CommunityEventStatus[] = ['OPEN', 'FULL'];

/**
 * Decides a new registration: refused unless the event takes registrations and the resident is not
 * already on it; confirmed while seats remain, otherwise waitlisted.
 */
export function decideRegistration(input: {
  eventStatus: CommunityEventStatus;
  capacity: number | null;
  confirmed: number;
  alreadyRegistered: boolean;
}): Extract<RegistrationStatus, 'CONFIRMED' | 'WAITLISTED'> {
  if (!OPEN_FOR_REGISTRATION.includes(input.eventStatus)) {
    throw new ConflictError(`活动当前状态为 ${input.eventStatus}，不接受报名`, { status: input.eventStatus });
  }
  if (input.alreadyRegistered) throw new ConflictError('该居民已报名此活动', { field: 'residentId' });
  return input.capacity === null || input.confirmed < input.capacity ? 'CONFIRMED' : 'WAITLISTED';
}
