/**
 * The streets (街道) of 思明区 (厦门) and the name stems of their communities (社区), in code order: a community's
 * 12-digit code is its street's 9-digit code + its position (001 …). 嘉莲街道's 6th community is the demo's 莲秀社区.
 */
export interface StreetPlan {
  code: string;
  name: string;
  communities: readonly string[];
}

export const SIMING_DISTRICT = { code: '350203', name: '思明区', city: '厦门市' } as const;

export const SIMING_STREETS: readonly StreetPlan[] = [
  {
    code: '350203008',
    name: '嘉莲街道',
    communities: ['嘉莲', '莲岳', '湖光', '南湖', '龙山', '莲秀', '心海', '莲花五村'],
  },
  {
    code: '350203001',
    name: '厦港街道',
    communities: ['沙坡尾', '大学路', '碧山', '巡司顶', '蜂巢山', '福海', '民族路'],
  },
  { code: '350203002', name: '中华街道', communities: ['中华', '霞溪', '镇海', '大同', '西边', '石泉', '中山'] },
  { code: '350203003', name: '滨海街道', communities: ['曾厝垵', '黄厝', '环岛路', '溪头下', '东坪山', '上李'] },
  { code: '350203004', name: '鹭江街道', communities: ['鹭江', '海关', '大元', '营平', '开禾', '二市'] },
  { code: '350203005', name: '开元街道', communities: ['开元', '文安', '溪岸', '美仁', '后埭溪', '深田', '百家村'] },
  { code: '350203006', name: '梧村街道', communities: ['梧村', '金榜', '文灶', '凤屿', '文园', '东浦', '洪文'] },
  { code: '350203007', name: '筼筜街道', communities: ['筼筜', '仙岳', '湖滨', '松柏', '盈翠', '振兴', '金鸡亭'] },
  {
    code: '350203009',
    name: '莲前街道',
    communities: ['前埔', '瑞景', '洪莲', '莲前', '西林', '金山', '岭兜', '东芳'],
  },
  { code: '350203010', name: '鼓浪屿街道', communities: ['龙头', '内厝澳'] },
];

/** Lane (里) names of a community: its stem followed by these. */
export const LANE_SUFFIXES = ['东里', '西里', '南里', '北里', '中里', '新村', '花园', '苑', '佳园', '小区'] as const;
