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
