import { connectionType } from '@shequ/subgraph';
import { PartyMeetingType } from './meeting.type.js';
import { PartyMemberType } from './member.type.js';
import { PartyTransferType } from './transfer.type.js';
import { RedFlagPeriodType } from './red-flag.type.js';
import { PartyOrganizationType } from './organization.type.js';

export const PartyMemberConnection = connectionType(PartyMemberType, 'PartyMember', '党员');
export const PartyTransferConnection = connectionType(PartyTransferType, 'PartyTransfer', '组织关系转接');
export const PartyMeetingConnection = connectionType(PartyMeetingType, 'PartyMeeting', '组织生活会议');
export const RedFlagPeriodConnection = connectionType(RedFlagPeriodType, 'RedFlagPeriod', '流动红旗岗评选期');

export const PartyOrganizationConnection = connectionType(PartyOrganizationType, 'PartyOrganization', '党组织');
