import { vocabulary, type CodeOf } from '@shequ/contracts';

/** 住房性质 */
export const HousingTypes = vocabulary({
  OWNED: '自有住房',
  RENTED: '出租房（须登记房东与租户）',
  PUBLIC: '公房/保障房',
});
export type HousingTypeCode = CodeOf<typeof HousingTypes>;

/** 与户主关系 */
export const RelationsToHead = vocabulary({
  HEAD: '户主',
  SPOUSE: '配偶',
  CHILD: '子女',
  PARENT: '父母',
  GRANDCHILD: '孙子女/外孙子女',
  OTHER: '其他',
});
export type RelationToHeadCode = CodeOf<typeof RelationsToHead>;

/** 组织类别 */
export const OrganizationKinds = vocabulary({
  JURISDICTION_UNIT: '辖区单位（企事业单位）',
  SOCIAL_ORGANIZATION: '社会组织',
  PARTNER_UNIT: '共建单位',
  VOLUNTEER_TEAM: '志愿服务队',
});
export type OrganizationKindCode = CodeOf<typeof OrganizationKinds>;

/** 复核结论 */
export const CareReviewOutcomes = vocabulary({
  CONTINUE: '继续（维持）',
  ADJUST: '调整（如调整等级或复核周期）',
  TERMINATE: '终止（该终止的终止）',
});
