import type { DemoDataset } from '@shequ/demo-data';
import { joinGridIds } from '../entities/staff.js';

/**
 * The rows of a community's places and people as the residents service stores them, from a demo-data dataset: one
 * mapping for the demo seed (莲秀社区) and the generated communities (district generator, demo street).
 */
export function communityRows(data: DemoDataset, now: Date) {
  const c = data.community;
  const communityId = c.code;
  return {
    district: { id: c.districtCode, name: c.districtName },
    street: { id: c.streetCode, name: c.streetName, districtCode: c.districtCode },
    community: {
      id: c.code,
      name: c.name,
      streetCode: c.streetCode,
      streetName: c.streetName,
      districtCode: c.districtCode,
      districtName: c.districtName,
    },
    staff: data.staff.map((s) => ({
      id: s.id,
      communityId,
      name: s.name,
      department: s.department,
      position: s.position,
      gridIds: joinGridIds(s.gridIds),
      active: true,
    })),
    grids: data.grids.map((g) => ({
      id: g.id,
      communityId,
      code: g.code,
      name: g.name,
      gridWorkerStaffId: g.gridWorkerStaffId,
    })),
    buildings: data.buildings.map((b) => ({
      id: b.id,
      communityId,
      grid: b.gridId,
      name: b.name,
      address: b.address,
      leaderResidentId: b.leaderResidentId,
    })),
    households: data.households.map((h) => ({
      id: h.id,
      communityId,
      building: h.buildingId,
      unit: h.unit,
      room: h.room,
      address: h.address,
      housing: h.housing,
      headResidentId: h.headResidentId,
      landlordResidentId: h.landlordResidentId,
    })),
    residents: data.residents.map((r) => ({
      id: r.id,
      communityId,
      name: r.name,
      idNumber: r.idNumber,
      gender: r.gender,
      birthDate: r.birthDate,
      phone: r.phone,
      household: r.householdId,
      relationToHead: r.relationToHead,
      residenceType: r.residenceType,
      residencePermitIssuedOn: r.residencePermit?.issuedOn ?? null,
      residencePermitExpiresOn: r.residencePermit?.expiresOn ?? null,
      status: 'ACTIVE' as const,
      createdAt: now,
      updatedAt: now,
    })),
  };
}
