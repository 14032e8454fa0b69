import type { PartyMemberStage } from '@shequ/contracts';
import { ageOn, DEMO_REFERENCE_DATE, demoDataset, demoId, SeededRandom } from '@shequ/demo-data';
import type { ServiceDependencies } from '@shequ/subgraph';
import { PartyMember, PartyOrganization } from '../entities/index.js';

/** 社区党委 with one branch and its members, drawn from the demo residents. */
export async function seedPartybuildingDemo({ orm, logger }: ServiceDependencies): Promise<void> {
  if ((await orm.em.fork().count(PartyOrganization, {})) > 0) return;
  const data = demoDataset();
  const communityId = data.community.code;
  const random = new SeededRandom('partybuilding-demo');
  const candidates = random.shuffle(
    data.residents.filter((r) => r.residenceType === 'REGISTERED' && ageOn(r.birthDate, DEMO_REFERENCE_DATE) >= 25),
  );
  await orm.em.fork().transactional(async (em) => {
    const committee = em.create(PartyOrganization, { id: demoId('party-organization', 0), communityId, name: '中共莲秀社区委员会', level: 'COMMITTEE' });
    const branch = em.create(PartyOrganization, { id: demoId('party-organization', 1), communityId, name: '莲秀社区第一党支部', level: 'BRANCH', parent: committee });
    const stages: Array<[PartyMemberStage, number]> = [['FULL_MEMBER', 32], ['PROBATIONARY', 3], ['DEVELOPMENT_TARGET', 2], ['ACTIVIST', 3], ['APPLICANT', 2]];
    let index = 0;
    for (const [stage, count] of stages) {
      for (let i = 0; i < count; i++) {
        const resident = candidates[index]!;
        const age = ageOn(resident.birthDate, DEMO_REFERENCE_DATE);
        em.create(PartyMember, {
          id: demoId('party-member', index),
          communityId,
          residentId: resident.id,
          branch,
          stage,
          stageSince: `${2026 - (stage === 'FULL_MEMBER' ? random.int(2, 40) : random.int(0, 1))}-0${random.int(1, 9)}-1${random.int(0, 9)}`,
          memberType: age >= 60 ? 'RETIRED' : random.chance(0.6) ? 'EMPLOYED_REPORTING' : 'COMMUNITY',
        });
        index += 1;
      }
    }
    committee.secretaryResidentId = candidates[0]!.id;
    branch.secretaryResidentId = candidates[1]!.id;
  });
  logger.info('demo party organisations and members loaded');
}
