import { ResidentDeceased, ResidentIdentityCorrected, ResidentMovedOut } from '@shequ/contracts';
import { EventConsumer } from '@shequ/messaging';
import type { ServiceDependencies } from '@shequ/subgraph';
import { flagMemberForFollowUp } from '../application/follow-up.js';
import { followResidentIdentity } from '../application/members.js';
import { vacateSecretaryPosts } from '../application/organizations.js';

/**
 * A member who dies or moves out is flagged for follow-up (党籍/组织关系手续), never deleted (a secretary who dies
 * leaves the post vacant); a member whose ID number
 * residents corrected takes the gender and birth date derived from it.
 */
export function residentsConsumer({ orm, bus, outbox, logger }: ServiceDependencies): EventConsumer {
  return new EventConsumer({ service: 'partybuilding', source: 'residents', orm, bus, outbox, logger })
    .on(ResidentDeceased, async (event, { em }) => {
      await flagMemberForFollowUp(em, event.data.residentId, 'DECEASED', event.data.diedOn);
      await vacateSecretaryPosts(em, event.data.residentId, event.data.diedOn);
    })
    .on(ResidentMovedOut, (event, { em }) =>
      flagMemberForFollowUp(em, event.data.residentId, 'MOVED_OUT', event.data.movedOutOn),
    )
    .on(ResidentIdentityCorrected, (event, { em }) =>
      followResidentIdentity(em, event.data.residentId, { gender: event.data.gender, birthDate: event.data.birthDate }),
    );
}
