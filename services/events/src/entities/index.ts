import { referenceEntities } from '@shequ/subgraph';
import { CommunityEvent } from './community-event.js';
import { EventAttendance, EventAttendanceCount, EventParticipantCount } from './event-attendance.js';
import { EventRegistrationRollup, EventRegistrationRollupMember } from './event-registration-rollup.js';
import { EventSponsor, ProgrammeItem } from './gala-programme.js';
import { GridCode } from './grid-code.js';
import { Registration } from './registration.js';
import { ResidentProfile } from './resident-profile.js';
import { Team, TeamAward, TeamMember } from './team.js';
import { Venue } from './venue.js';
import { VolunteerService, VolunteerShift } from './volunteer-shift.js';

export {
  CommunityEvent,
  EventAttendance,
  EventAttendanceCount,
  EventParticipantCount,
  EventRegistrationRollup,
  EventRegistrationRollupMember,
  EventSponsor,
  GridCode,
  ProgrammeItem,
  Registration,
  ResidentProfile,
  Team,
  TeamAward,
  TeamMember,
  Venue,
  VolunteerService,
  VolunteerShift,
};
export const eventsEntities = [
  GridCode,
  ...referenceEntities,
  Venue,
  Team,
  TeamMember,
  TeamAward,
  CommunityEvent,
  ProgrammeItem,
  EventSponsor,
  Registration,
  VolunteerShift,
  VolunteerService,
  ResidentProfile,
  EventRegistrationRollup,
  EventRegistrationRollupMember,
  EventAttendance,
  EventAttendanceCount,
  EventParticipantCount,
];
