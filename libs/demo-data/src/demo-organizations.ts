import { demoId } from './demo-id.js';
import { SeededRandom } from './seeded-random.js';

export type DemoOrganizationKind = 'JURISDICTION_UNIT' | 'SOCIAL_ORGANIZATION' | 'PARTNER_UNIT' | 'VOLUNTEER_TEAM';

export interface DemoOrganization {
  id: string;
  name: string;
  kind: DemoOrganizationKind;
  gridId: string | null;
  address: string | null;
  memberCount: number | null;
}

/**
 * 辖区单位、社会组织、共建单位、志愿服务队 of 莲秀社区, named after the kinds the reference documents describe
 * (爱心餐厅联盟, 护苗队, 社会治安义务巡逻队, 社情民意志愿者, 阳光爱心基金 …).
 */
const PLAN: Array<[DemoOrganizationKind, string, number | null]> = [
  ['JURISDICTION_UNIT', '嘉莲街道社区卫生服务中心', null],
  ['JURISDICTION_UNIT', '莲秀幼儿园', null],
  ['JURISDICTION_UNIT', '嘉莲小学', null],
  ['JURISDICTION_UNIT', '莲秀派出所警务室', null],
  ['JURISDICTION_UNIT', '莲秀物业服务中心', null],
  ['JURISDICTION_UNIT', '嘉莲农贸市场', null],
  ['JURISDICTION_UNIT', '莲秀邮政支局', null],
  ['JURISDICTION_UNIT', '莲秀社区老年之家', null],
  ['JURISDICTION_UNIT', '嘉莲供电营业所', null],
  ['JURISDICTION_UNIT', '莲岳里社区食堂', null],
  ['PARTNER_UNIT', '思明区电信分公司嘉莲营业厅', null],
  ['PARTNER_UNIT', '江南邻里中心餐饮管理有限公司', null],
  ['PARTNER_UNIT', '厦门莲秀银行网点', null],
  ['PARTNER_UNIT', '莲秀药房连锁', null],
  ['PARTNER_UNIT', '嘉莲建筑工程公司', null],
  ['PARTNER_UNIT', '思明区图书馆嘉莲分馆', null],
  ['PARTNER_UNIT', '厦门莲秀科技有限公司', null],
  ['PARTNER_UNIT', '嘉莲法律服务所', null],
  ['SOCIAL_ORGANIZATION', '莲秀社区阳光爱心基金会', 60],
  ['SOCIAL_ORGANIZATION', '莲秀社区社会工作服务站', 12],
  ['SOCIAL_ORGANIZATION', '嘉莲老年人协会', 320],
  ['SOCIAL_ORGANIZATION', '莲秀残疾人协会', 45],
  ['SOCIAL_ORGANIZATION', '莲秀业主委员会', 9],
  ['SOCIAL_ORGANIZATION', '莲秀调解委员会', 7],
  ['SOCIAL_ORGANIZATION', '爱心餐厅联盟', 18],
  ['SOCIAL_ORGANIZATION', '莲秀书画协会', 40],
  ['SOCIAL_ORGANIZATION', '莲秀妇女之家', 85],
  ['VOLUNTEER_TEAM', '社会治安义务巡逻队', 36],
  ['VOLUNTEER_TEAM', '护苗队（护学志愿者）', 28],
  ['VOLUNTEER_TEAM', '社情民意志愿者队', 22],
  ['VOLUNTEER_TEAM', '党员先锋志愿服务队', 54],
  ['VOLUNTEER_TEAM', '青年志愿者服务队', 47],
  ['VOLUNTEER_TEAM', '助老送餐志愿队', 19],
  ['VOLUNTEER_TEAM', '环境卫生志愿队', 31],
  ['VOLUNTEER_TEAM', '老少学堂志愿讲师团', 15],
  ['VOLUNTEER_TEAM', '文明养犬劝导队', 12],
];

export function demoOrganizations(gridIds: string[], lanes: string[], addressPrefix: string): DemoOrganization[] {
  const random = new SeededRandom('莲秀社区-组织');
  return PLAN.map(([kind, name, members], i) => {
    const grid = random.int(0, gridIds.length - 1);
    const placed = kind === 'JURISDICTION_UNIT' || kind === 'PARTNER_UNIT';
    return {
      id: demoId('organization', i),
      name,
      kind,
      gridId: placed || kind === 'VOLUNTEER_TEAM' ? gridIds[grid] : null,
      address: placed ? `${addressPrefix}${lanes[grid]}${random.int(1, 60)}号` : null,
      memberCount: members,
    };
  });
}
