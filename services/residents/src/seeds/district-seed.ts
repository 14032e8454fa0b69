import { startOfCommunityDay } from '@shequ/contracts';
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
import { communityRows } from './community-rows.js';
import { careReviewHistory, checkCareStarts } from './demo-seed.js';

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
  const rows = communityRows(data, now);
  if ((await em.count(District, { id: c.districtCode })) === 0) await out.insert(District, [rows.district]);
  if ((await em.count(Street, { id: c.streetCode })) === 0) await out.insert(Street, [rows.street]);
  await out.insert(Community, [rows.community]);
  await out.insert(Staff, rows.staff);
  await out.insert(Grid, rows.grids);
  await out.insert(Building, rows.buildings);
  await out.insert(Household, rows.households);
  await out.insert(Resident, rows.residents);
  const reviewer = (data.staff.find((s) => s.department === 'SOCIAL_SECURITY') ?? data.staff[0]).id;
  const history = careReviewHistory(
    data.careRecords,
    today,
    reviewer,
    {
      seed: `${communityId}:care-reviews`,
      idKind: `${communityId}:care-review`,
    },
    new Map(data.residents.map((r) => [r.id, r.birthDate])),
  );
  checkCareStarts(data.careRecords, data.residents, history.startedOn);
  await out.insert(
    CareRecord,
    data.careRecords.map((r) => ({
      id: r.id,
      communityId,
      resident: r.residentId,
      category: r.category,
      startedOn: history.startedOn.get(r.id)!,
      // opened when it started (as the migration backfilled existing records): the list audit's history
      openedAt: startOfCommunityDay(history.startedOn.get(r.id)!),
      source: r.source,
      grade: r.grade,
      endedOn: null,
      closedAt: null,
      endReason: null,
      nextReviewOn: history.nextReviewOn.get(r.id) ?? null,
      reviewDueNotifiedFor: null,
    })),
  );
  await out.insert(CareReview, history.reviews);
}
