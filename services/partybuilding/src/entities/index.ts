import { referenceEntities } from '@shequ/subgraph';
import { PartyMeeting, PartyMeetingAttendance } from './party-meeting.js';
import { PartyMemberStageChange } from './party-member-stage-change.js';
import {
  PartyMemberRollup,
  PartyMemberRollupMember,
  PartyMemberStageRollup,
  PartyMemberCommunityRollup,
} from './party-member-rollup.js';
import { PartyMember } from './party-member.js';
import { PartyOrganizationChange } from './party-organization-change.js';
import { PartyOrganization } from './party-organization.js';
import { PartyTransfer } from './party-transfer.js';
import { PartyYearPlan } from './party-year-plan.js';
import { RedFlagNomination, RedFlagPeriod } from './red-flag.js';
import { PartyAppraisal, PartyTrainingSession, VolunteerHoursCredit } from './service-record.js';

export {
  PartyAppraisal,
  PartyMeeting,
  PartyMeetingAttendance,
  PartyMember,
  PartyMemberRollup,
  PartyMemberRollupMember,
  PartyMemberStageRollup,
  PartyMemberCommunityRollup,
  PartyMemberStageChange,
  PartyOrganization,
  PartyOrganizationChange,
  PartyTrainingSession,
  PartyTransfer,
  PartyYearPlan,
  RedFlagNomination,
  RedFlagPeriod,
  VolunteerHoursCredit,
};
export const partybuildingEntities = [
  ...referenceEntities,
  PartyOrganization,
  PartyOrganizationChange,
  PartyMember,
  PartyMemberStageChange,
  PartyYearPlan,
  PartyTransfer,
  PartyMeeting,
  PartyMeetingAttendance,
  RedFlagPeriod,
  RedFlagNomination,
  VolunteerHoursCredit,
  PartyAppraisal,
  PartyTrainingSession,
  PartyMemberRollup,
  PartyMemberRollupMember,
  PartyMemberStageRollup,
  PartyMemberCommunityRollup,
];
