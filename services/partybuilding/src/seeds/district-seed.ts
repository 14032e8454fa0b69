import { ageOn, type PartyMemberStage, type PartyMemberType } from '@shequ/contracts';
import { demoId, SeededRandom, type DemoDataset } from '@shequ/demo-data';
import type { EntityManager } from '@shequ/database';
import type { CommunityWriter } from '@shequ/subgraph';
import { checkStageHistory, STAGE_DATE_FIELD, STAGE_ORDER } from '../domain/development-pipeline.js';
import { checkEstablishedOn } from '../domain/organization-tree.js';
import { PartyMember, PartyMemberStageChange, PartyOrganization } from '../entities/index.js';
import { stageDates } from './demo-seed.js';

/** Party members per resident aged 24 or more (莲秀社区: ≈120 records for ≈1,900 adults). */
const MEMBER_SHARE = 0.065;
const STAGES: Array<[PartyMemberStage, number]> = [
  ['FULL_MEMBER', 82],
  ['PROBATIONARY', 5],
  ['DEVELOPMENT_TARGET', 3],
  ['ACTIVIST', 5],
  ['APPLICANT', 5],
];

/**
 * 党建's part of a generated community: 社区党委 with one 党支部 per grid, and party members drawn from the adult
 * residents at every stage of the pipeline (dates that pass the pipeline's rules as of `today`), with their stage
 * history.
 */
export function partybuildingDistrictWriter(options: {
  today: string;
  hasData?: (em: EntityManager) => Promise<boolean>;
}): CommunityWriter<DemoDataset> {
  const today = options.today;
  return {
    hasData: options.hasData ?? (async (em) => (await em.count(PartyOrganization, {})) > 0),
    async writeCommunity(data, out) {
      const communityId = data.community.code;
      const random = new SeededRandom(`${communityId}:partybuilding`);
      const id = (kind: string, index: number) => demoId(`${communityId}:${kind}`, index);
      const shortName = data.community.name.replace(/社区$/, '');
      const committee = {
        id: id('party-organization', 0),
        communityId,
        name: `中共${shortName}社区委员会`,
        level: 'COMMITTEE' as const,
        parent: null,
        secretaryResidentId: null,
        establishedOn: '2005-07-01',
      };
      const branches = data.grids.map((g, i) => ({
        id: id('party-organization', i + 1),
        communityId,
        name: `中共${shortName}社区${g.name.replace(/网格$/, '')}支部委员会`,
        level: 'BRANCH' as const,
        parent: committee.id,
        secretaryResidentId: null,
        establishedOn: '2010-07-01',
      }));
      // the API's rule on an organisation's dates (established not after today)
      for (const o of [committee, ...branches]) checkEstablishedOn(o.establishedOn, today);
      await out.insert(PartyOrganization, [committee, ...branches]);
      const buildingGrid = new Map(data.buildings.map((b) => [b.id, b.gridId]));
      const householdGrid = new Map(data.households.map((h) => [h.id, buildingGrid.get(h.buildingId)!]));
      const branchOfGrid = new Map(data.grids.map((g, i) => [g.id, branches[i].id]));
      const members: Array<Record<string, unknown> & { id: string }> = [];
      const changes: Array<Record<string, unknown>> = [];
      for (const resident of data.residents) {
        const age = ageOn(resident.birthDate, today);
        if (age < 24 || !random.chance(MEMBER_SHARE)) continue;
        const stage = random.weighted(STAGES);
        const dates = stageDates(random, stage, resident, today);
        checkStageHistory({ ...dates, stage, status: 'ACTIVE', birthDate: resident.birthDate }, today);
        const memberType: PartyMemberType =
          resident.residenceType === 'FLOATING'
            ? 'MOBILE'
            : age >= 60
              ? 'RETIRED'
              : random.chance(0.45)
                ? 'EMPLOYED_REPORTING'
                : 'COMMUNITY';
        const memberId = id('party-member', members.length);
        members.push({
          id: memberId,
          communityId,
          residentId: resident.id,
          branch: branchOfGrid.get(householdGrid.get(resident.householdId)!)!,
          group: null,
          stage,
          stageSince: dates[STAGE_DATE_FIELD[stage]]!,
          memberType,
          status: 'ACTIVE',
          gender: resident.gender,
          birthDate: resident.birthDate,
          ...dates,
          probationCancelledOn: null,
          followUpReason: null,
          followUpSince: null,
        });
        let from: PartyMemberStage | null = null;
        for (const reached of STAGE_ORDER.slice(0, STAGE_ORDER.indexOf(stage) + 1)) {
          changes.push({
            id: id('party-member-stage-change', changes.length),
            member: memberId,
            kind: 'STAGE_CHANGED',
            fromStage: from,
            toStage: reached,
            changedOn: dates[STAGE_DATE_FIELD[reached]]!,
            note: from === null ? '递交入党申请书' : null,
          });
          from = reached;
        }
      }
      await out.insert(PartyMember, members);
      await out.insert(PartyMemberStageChange, changes);
    },
  };
}
