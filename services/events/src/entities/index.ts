import { CommunityEvent } from './community-event.js';
import { Registration } from './registration.js';
import { Venue } from './venue.js';

export { CommunityEvent, Registration, Venue };
export const eventsEntities = [Venue, CommunityEvent, Registration];
