import type { CaseCategory, CaseChannel } from '@shequ/contracts';
import { SYSTEM_ACTOR } from '@shequ/contracts';
import { demoDataset, SeededRandom } from '@shequ/demo-data';
import { eventSink } from '@shequ/messaging';
import type { ServiceDependencies } from '@shequ/subgraph';
import { openCase } from '../application/open-case.js';
import { Case } from '../entities/case.js';

/** Matters like those 社情民意在线 handled in 莲秀社区 (membership transfers, neighbour disputes, leaks …). */
const DEMO_MATTERS: Array<[CaseCategory, CaseChannel, string]> = [
  ['PARTY_MEMBERSHIP_TRANSFER', 'WALK_IN', '退休返厦，申请将党员组织关系从原单位转入社区党委'],
  ['NEIGHBOUR_DISPUTE', 'ONLINE', '楼上住户夜间装修噪音扰民，协商未果，请社区协调'],
  ['HOUSING_REPAIR', 'HOTLINE', '卫生间顶棚渗水，疑为楼上水管老化，请协调维修'],
  ['SANITATION', 'GRID_PATROL', '楼道堆放杂物和废旧家具，影响通行和消防安全'],
  ['ASSISTANCE_APPLICATION', 'WALK_IN', '家人患重病住院，生活困难，申请临时救助'],
  ['CERTIFICATE', 'WALK_IN', '办理居住证明，用于子女入学'],
  ['SUGGESTION', 'RESIDENT_DIALOGUE', '建议在小区广场增设老年人健身器材'],
  ['HOUSING_REPAIR', 'ONLINE', '居民楼下水道堵塞，污水外溢'],
];

/** Opens a few demo cases through the normal intake, so they get numbers and `case.opened` events. */
export async function seedCasesDemo({ orm, outbox, logger }: ServiceDependencies): Promise<void> {
  if ((await orm.em.fork().count(Case, {})) > 0) return;
  const data = demoDataset();
  const random = new SeededRandom('cases-demo');
  const adults = data.residents.filter((r) => r.phone !== null);
  await orm.em.fork().transactional(async (em) => {
    const events = eventSink(outbox, em, { communityId: data.community.code, actor: SYSTEM_ACTOR, correlationId: 'demo-seed' });
    for (const [i, [category, channel, description]] of DEMO_MATTERS.entries()) {
      const openedAt = new Date(Date.UTC(2026, 2 + i, 3 + i * 2, 1 + i, 30));
      await openCase({ em, events }, { reporterId: random.pick(adults).id, category, channel, description }, data.community.code, openedAt);
    }
  });
  logger.info({ cases: DEMO_MATTERS.length }, 'demo cases opened');
}
