import { PartyMember } from './party-member.js';
import { PartyOrganization } from './party-organization.js';

export { PartyMember, PartyOrganization };
export const partybuildingEntities = [PartyOrganization, PartyMember];
