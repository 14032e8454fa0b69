import { connectionType } from '@shequ/subgraph';
import { PartyMemberType } from './party-member.type.js';

export const PartyMemberConnection = connectionType(PartyMemberType, 'PartyMember', '党员');
