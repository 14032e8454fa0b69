import { Type } from '@sinclair/typebox';
import { defineEvent } from '../define-event.js';
import { Id, IsoDate, Nullable, OneOf } from '../schema-types.js';
import { CareCategories, Departments, Genders, ResidenceTypes } from '../vocabulary/people.js';

/**
 * Events of the residents service. Payloads carry ids, places and categories, never names, ID numbers
 * or phone numbers: other services get personal fields through the graph, where masking and audit apply.
 */
const Location = {
  householdId: Nullable(Id('住户编号')),
  buildingId: Nullable(Id('楼栋编号')),
  gridId: Nullable(Id('网格编号')),
};

export const StreetRegistered = defineEvent({
  source: 'residents',
  aggregate: 'street',
  name: 'registered',
  aggregateId: ['streetCode'],
  description: '街道登记或变更（名称、所属区）；信封的 communityId 为街道编码（9 位）',
  data: Type.Object({
    streetCode: Type.String({ description: '街道统计区划代码（9 位）', pattern: '^\\d{9}$' }),
    name: Type.String({ description: '街道名称' }),
    districtCode: Type.String({ description: '所属区统计区划代码（6 位）', pattern: '^\\d{6}$' }),
    districtName: Type.String({ description: '所属区名称' }),
  }),
});

export const CommunityRegistered = defineEvent({
  source: 'residents',
  aggregate: 'community',
  name: 'registered',
  description:
    '社区登记（入驻）或变更（名称）；其他服务据此知道新社区，社区入驻后即可导入居民、登记事项、组织活动与会议',
  data: Type.Object({
    communityId: Type.String({ description: '社区统计区划代码（12 位）', pattern: '^\\d{12}$' }),
    name: Type.String({ description: '社区名称' }),
    streetCode: Type.String({ description: '所属街道统计区划代码（9 位）', pattern: '^\\d{9}$' }),
    districtCode: Type.String({ description: '所属区统计区划代码（6 位）', pattern: '^\\d{6}$' }),
  }),
});

export const GridRegistered = defineEvent({
  source: 'residents',
  aggregate: 'grid',
  name: 'registered',
  description: '网格登记或变更（编码、名称、网格员）；其他服务据此把网格编码对应到网格编号',
  data: Type.Object({
    gridId: Id('网格编号'),
    code: Type.String({ description: '网格编码（社区编码-序号）' }),
    name: Type.String({ description: '网格名称' }),
    gridWorkerStaffId: Nullable(Id('网格员（社区工作者编号）')),
  }),
});

export const BuildingRegistered = defineEvent({
  source: 'residents',
  aggregate: 'building',
  name: 'registered',
  description: '楼栋登记或变更（所属网格）；其他服务据此核对楼栋编号',
  data: Type.Object({
    buildingId: Id('楼栋编号'),
    gridId: Id('网格编号'),
  }),
});

export const BuildingMovedToGrid = defineEvent({
  source: 'residents',
  aggregate: 'building',
  name: 'moved_to_grid',
  description:
    '网格边界调整：楼栋划入另一网格；其他服务据此把该楼栋的住户、居民以及未办结事项、主动服务任务随楼栋转入新网格',
  data: Type.Object({
    buildingId: Id('楼栋编号'),
    fromGridId: Id('原网格编号'),
    toGridId: Id('新网格编号'),
    movedOn: IsoDate('调整生效日期'),
  }),
});

export const HouseholdRegistered = defineEvent({
  source: 'residents',
  aggregate: 'household',
  name: 'registered',
  description: '住户登记或变更（所在楼栋、网格）；其他服务据此核对住户编号',
  data: Type.Object({
    householdId: Id('住户编号'),
    buildingId: Id('楼栋编号'),
    gridId: Id('网格编号'),
  }),
});

export const StaffRegistered = defineEvent({
  source: 'residents',
  aggregate: 'staff',
  name: 'registered',
  description: '社区工作者登记或变更（部门、服务网格、在岗与否）；不含姓名，其他服务据此核对工作者编号和部门',
  data: Type.Object({
    staffId: Id('社区工作者编号'),
    department: OneOf(Departments, '所属部门'),
    gridIds: Type.Array(Id('网格编号'), { description: '服务的网格编号' }),
    active: Type.Boolean({ description: '是否在岗' }),
  }),
});

export const OrganizationRegistered = defineEvent({
  source: 'residents',
  aggregate: 'organization',
  name: 'registered',
  description: '辖区单位、社会组织、共建单位或志愿服务队登记或变更；其他服务据此核对组织编号',
  data: Type.Object({
    organizationId: Id('组织编号'),
    kind: Type.String({ description: '组织类别代码' }),
    gridId: Nullable(Id('所在网格编号')),
  }),
});

export const ResidentRegistered = defineEvent({
  source: 'residents',
  aggregate: 'resident',
  name: 'registered',
  description: '居民登记：新居民纳入社区实有人口（含区级人口库导入新增）',
  data: Type.Object({
    residentId: Id('居民编号'),
    ...Location,
    gender: Nullable(OneOf(Genders, '性别')),
    birthDate: Nullable(IsoDate('出生日期')),
    residenceType: OneOf(ResidenceTypes, '居住类型'),
    residencePermitExpiresOn: Nullable(IsoDate('居住证到期日（流动人口）')),
  }),
});

export const ResidentUpdated = defineEvent({
  source: 'residents',
  aggregate: 'resident',
  name: 'updated',
  description: '居民信息变更（联系方式、居住类型等）；changedFields 只列字段名，不含取值',
  data: Type.Object({
    residentId: Id('居民编号'),
    changedFields: Type.Array(Type.String(), { description: '变更的字段名' }),
    residenceType: OneOf(ResidenceTypes, '变更后的居住类型'),
    residencePermitExpiresOn: Nullable(IsoDate('居住证到期日（流动人口）')),
  }),
});

export const ResidentIdentityCorrected = defineEvent({
  source: 'residents',
  aggregate: 'resident',
  name: 'identity_corrected',
  description:
    '居民身份证号更正（户籍信息更正）：性别和出生日期随更正后的身份证号重新推出；只带更正后的性别和出生日期，不含身份证号与更正原因',
  data: Type.Object({
    residentId: Id('居民编号'),
    gender: OneOf(Genders, '更正后的性别'),
    birthDate: IsoDate('更正后的出生日期'),
  }),
});

export const ResidentMovedIn = defineEvent({
  source: 'residents',
  aggregate: 'resident',
  name: 'moved_in',
  description: '居民迁入（或在社区内换户）',
  data: Type.Object({
    residentId: Id('居民编号'),
    householdId: Id('迁入住户编号'),
    buildingId: Id('楼栋编号'),
    gridId: Id('网格编号'),
    fromHouseholdId: Nullable(Id('原住户编号（社区内换户时）')),
    movedInOn: IsoDate('迁入日期'),
  }),
});

export const ResidentMovedOut = defineEvent({
  source: 'residents',
  aggregate: 'resident',
  name: 'moved_out',
  description: '居民迁出社区',
  data: Type.Object({
    residentId: Id('居民编号'),
    fromHouseholdId: Nullable(Id('原住户编号')),
    movedOutOn: IsoDate('迁出日期'),
    destination: Type.String({ description: '迁往地（区县级）' }),
  }),
});

export const ResidentDeceased = defineEvent({
  source: 'residents',
  aggregate: 'resident',
  name: 'deceased',
  description: '居民死亡登记',
  data: Type.Object({
    residentId: Id('居民编号'),
    diedOn: IsoDate('死亡日期'),
  }),
});

const Care = {
  residentId: Id('居民编号'),
  category: OneOf(CareCategories, '关爱对象类别'),
};

export const CareCategoryAdded = defineEvent({
  source: 'residents',
  aggregate: 'care_category',
  aggregateId: ['residentId', 'category'],
  name: 'added',
  description: '新增关爱对象（该增的增）',
  data: Type.Object({
    ...Care,
    startedOn: IsoDate('起始日期'),
    source: Type.String({ description: '认定来源，如 民政局审批、入户走访' }),
    nextReviewOn: Nullable(IsoDate('下次复核日期')),
  }),
});

export const CareCategoryEnded = defineEvent({
  source: 'residents',
  aggregate: 'care_category',
  aggregateId: ['residentId', 'category'],
  name: 'ended',
  description: '关爱对象终止（该减的减、该终止的终止）',
  data: Type.Object({
    ...Care,
    endedOn: IsoDate('终止日期'),
    reason: Type.String({ description: '终止原因' }),
  }),
});

export const CareCategoryReviewed = defineEvent({
  source: 'residents',
  aggregate: 'care_category',
  aggregateId: ['residentId', 'category'],
  name: 'reviewed',
  description: '关爱对象复核（动态管理）',
  data: Type.Object({
    ...Care,
    outcome: Type.Union([Type.Literal('CONTINUE'), Type.Literal('ADJUST'), Type.Literal('TERMINATE')], {
      description: '复核结论：CONTINUE 继续，ADJUST 调整，TERMINATE 终止',
    }),
    reviewedOn: IsoDate('复核日期'),
    nextReviewOn: Nullable(IsoDate('下次复核日期')),
  }),
});

export const CareCategoryReviewDue = defineEvent({
  source: 'residents',
  aggregate: 'care_category',
  aggregateId: ['residentId', 'category'],
  name: 'review_due',
  description: '关爱对象复核到期（定时扫描发布，每次到期一次）',
  data: Type.Object({
    ...Care,
    dueOn: IsoDate('应复核日期'),
    gridId: Nullable(Id('网格编号')),
  }),
});

export const FloatingRegistrationExpiring = defineEvent({
  source: 'residents',
  aggregate: 'floating',
  aggregateId: ['residentId'],
  name: 'registration_expiring',
  description: '流动人口居住证即将到期（定时扫描发布，每证一次）',
  data: Type.Object({
    residentId: Id('居民编号'),
    expiresOn: IsoDate('居住证到期日'),
    gridId: Nullable(Id('网格编号')),
  }),
});

export const residentsEvents = [
  StreetRegistered,
  CommunityRegistered,
  GridRegistered,
  BuildingRegistered,
  BuildingMovedToGrid,
  HouseholdRegistered,
  StaffRegistered,
  OrganizationRegistered,
  ResidentRegistered,
  ResidentUpdated,
  ResidentIdentityCorrected,
  ResidentMovedIn,
  ResidentMovedOut,
  ResidentDeceased,
  CareCategoryAdded,
  CareCategoryEnded,
  CareCategoryReviewed,
  CareCategoryReviewDue,
  FloatingRegistrationExpiring,
];
