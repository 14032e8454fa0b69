import { connectionType } from '@shequ/subgraph';
import { CommunityEventType } from './community-event.type.js';
import { EventRegistrationType } from './registration.type.js';
import { TeamType } from './team.type.js';
import { VenueType } from './venue.type.js';

export const CommunityEventConnection = connectionType(CommunityEventType, 'CommunityEvent', '社区活动');
export const VenueConnection = connectionType(VenueType, 'Venue', '场地');
export const TeamConnection = connectionType(TeamType, 'Team', '文艺团队');
export const EventRegistrationConnection = connectionType(EventRegistrationType, 'EventRegistration', '活动报名');
