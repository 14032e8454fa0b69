import { BuildingRegistered, HouseholdRegistered, OrganizationRegistered, StaffRegistered } from '@shequ/contracts';
import type { EventSink } from '@shequ/messaging';
import type { Organization } from '../entities/organization.js';
import { staffGridIds, type Staff } from '../entities/staff.js';

/**
 * What residents tells other services about its places, staff and organisations, so they can keep the
 * projections they check references against. Ids, places and departments only: never names.
 */
export function announceBuilding(
  events: EventSink,
  building: { id: string; gridId: string },
  options?: { newRecord?: boolean },
): void {
  events.record(BuildingRegistered, { buildingId: building.id, gridId: building.gridId }, options);
}

export function announceHousehold(
  events: EventSink,
  household: { id: string; buildingId: string; gridId: string },
  options?: { newRecord?: boolean },
): void {
  events.record(
    HouseholdRegistered,
    { householdId: household.id, buildingId: household.buildingId, gridId: household.gridId },
    options,
  );
}

export function announceStaff(events: EventSink, staff: Staff): void {
  events.record(StaffRegistered, {
    staffId: staff.id,
    department: staff.department,
    gridIds: staffGridIds(staff),
    active: staff.active,
  });
}

export function announceOrganization(events: EventSink, organization: Organization): void {
  events.record(OrganizationRegistered, {
    organizationId: organization.id,
    kind: organization.kind,
    gridId: organization.gridId,
  });
}
