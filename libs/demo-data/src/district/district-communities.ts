import { DEMO_REFERENCE_DATE, demoDataset, generateCommunity, type DemoDataset } from '../demo-community.js';
import { DEMO_MINIMUM_LIVING_ALLOWANCE_HOUSEHOLDS } from '../demo-care.js';
import { districtPlan, type DistrictPlanOptions, type PlannedCommunity } from './district-plan.js';

/** ~60 residents live in a building of two units (six or seven floors, two flats a floor). */
const RESIDENTS_PER_BUILDING = 55;

/**
 * The communities of a generated district one at a time (only one is ever held in memory): each deterministic for
 * the plan's seed, with ID numbers unique across the district and the demo's 莲秀社区. Record ids are namespaced by
 * community code, so they never collide with another community's or the demo's.
 */
export function* districtCommunities(
  options: DistrictPlanOptions & { referenceDate?: string },
): Generator<DemoDataset & { plan: PlannedCommunity }> {
  const usedIdNumbers = new Set(demoDataset().residents.map((r) => r.idNumber));
  const seed = options.seed ?? '思明区';
  for (const plan of districtPlan(options)) {
    const code = plan.community.code;
    const perGrid = plan.residentCount / plan.lanes.length;
    const dataset = generateCommunity({
      community: plan.community,
      lanes: plan.lanes,
      residentCount: plan.residentCount,
      buildingsPerGrid: Math.max(1, Math.ceil(perGrid / RESIDENTS_PER_BUILDING)),
      seed: `${seed}:${code}`,
      careSeed: `${seed}:${code}:关爱`,
      idKind: (kind) => `${code}:${kind}`,
      referenceDate: options.referenceDate ?? DEMO_REFERENCE_DATE,
      usedIdNumbers,
      minimumLivingAllowanceHouseholds: Math.round(
        (plan.residentCount * DEMO_MINIMUM_LIVING_ALLOWANCE_HOUSEHOLDS) / 2500,
      ),
      withOrganizations: false,
    });
    yield { ...dataset, plan };
  }
}

/** The demo street's other communities (嘉莲街道 but 莲秀社区): small, so `npm start` stays fast. */
export const DEMO_STREET_OPTIONS: DistrictPlanOptions = {
  residents: 600,
  seed: '嘉莲街道',
  streets: ['350203008'],
  communities: 4,
};

/** The codes of the demo street's generated communities (what a seed checks before writing them). */
export const demoStreetCommunityCodes = (): string[] => districtPlan(DEMO_STREET_OPTIONS).map((p) => p.community.code);
