import type { DemoDataset } from '@shequ/demo-data';
import type { EntityManager } from '@shequ/database';
import type { BulkInsert, CommunityWriter } from '@shequ/subgraph';
import {
  Building,
  CareRecord,
  CareReview,
  Community,
  District,
  Grid,
  Household,
  Resident,
  Staff,
  Street,
} from '../entities/index.js';
import { joinGridIds } from '../entities/staff.js';
import { careReviewHistory } from './demo-seed.js';

/**
 * Residents' part of a generated community (district generator, demo street): district and street when new, the
 * community, staff, grids, buildings, households, residents and care categories with their review history, in
 * multi-row inserts. `today` dates the care reviews; `now` stamps the residents' rows.
 */
export function residentsDistrictWriter(options: {
  today: string;
  now: Date;
  hasData?: (em: EntityManager) => Promise<boolean>;
}): CommunityWriter<DemoDataset> {
  return {
    hasData: options.hasData ?? (async (em) => (await em.count(Grid, {})) > 0),
    writeCommunity: (data, out) => writeResidentsCommunity(data, out, options),
  };
}

async function writeResidentsCommunity(
  data: DemoDataset,
  out: BulkInsert,
  { today, now }: { today: string; now: Date },
): Promise<void> {
  const c = data.community;
  const communityId = c.code;
  const em = out.em;
  if ((await em.count(District, { id: c.districtCode })) === 0)
    await out.insert(District, [{ id: c.districtCode, name: c.districtName }]);
  if ((await em.count(Street, { id: c.streetCode })) === 0)
    await out.insert(Street, [{ id: c.streetCode, name: c.streetName, districtCode: c.districtCode }]);
  await out.insert(Community, [
    {
      id: c.code,
      name: c.name,
      streetCode: c.streetCode,
      streetName: c.streetName,
      districtCode: c.districtCode,
      districtName: c.districtName,
    },
  ]);
  await out.insert(
    Staff,
    data.staff.map((s) => ({
      id: s.id,
      communityId,
      name: s.name,
      department: s.department,
      position: s.position,
      gridIds: joinGridIds(s.gridIds),
      active: true,
    })),
  );
  await out.insert(
    Grid,
    data.grids.map((g) => ({
      id: g.id,
      communityId,
      code: g.code,
      name: g.name,
      gridWorkerStaffId: g.gridWorkerStaffId,
    })),
  );
  await out.insert(
    Building,
    data.buildings.map((b) => ({
      id: b.id,
      communityId,
      grid: b.gridId,
      name: b.name,
      address: b.address,
      leaderResidentId: b.leaderResidentId,
    })),
  );
  await out.insert(
    Household,
    data.households.map((h) => ({
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
  );
  await out.insert(
    Resident,
    data.residents.map((r) => ({
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
  );
  const reviewer = (data.staff.find((s) => s.department === 'SOCIAL_SECURITY') ?? data.staff[0]).id;
  const history = careReviewHistory(data.careRecords, today, reviewer, {
    seed: `${communityId}:care-reviews`,
    idKind: `${communityId}:care-review`,
  });
  await out.insert(
    CareRecord,
    data.careRecords.map((r) => ({
      id: r.id,
      communityId,
      resident: r.residentId,
      category: r.category,
      startedOn: history.startedOn.get(r.id)!,
      source: r.source,
      grade: r.grade,
      endedOn: null,
      endReason: null,
      nextReviewOn: history.nextReviewOn.get(r.id) ?? null,
      reviewDueNotifiedFor: null,
    })),
  );
  await out.insert(CareReview, history.reviews);
}
