import type { PersonalDataReader } from '@shequ/subgraph';
import type { EventAudience } from '../domain/vocabularies.js';
import type { Registration } from '../entities/registration.js';

/**
 * A registration for an event with an age audience (老年人, 少年儿童, 老少, 成年人) tells the resident's age band on
 * the event's day: the audience's rule let them in on their birth date. Each one shown is in the resident's trail
 * as a use of `age`, as a resident list filtered by age is (`usedByFilter`); an open event's (`ALL`) tells nothing
 * (an event not found, `null`, is taken as restricted).
 * A registration is in its resident's community (registering needs a resident of the event's community).
 */
export function auditAudienceRegistrations(
  pii: Pick<PersonalDataReader, 'usedByFilter'>,
  shown: ReadonlyArray<{ registration: Registration; audience: EventAudience | null }>,
): void {
  for (const { registration, audience } of shown)
    if (audience !== 'ALL')
      pii.usedByFilter({ id: registration.residentId, communityId: registration.communityId }, 'age');
}
