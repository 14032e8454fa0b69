import { Field, ID, ObjectType } from 'type-graphql';
import { BuildingType } from './building.type.js';
import { GridType } from './grid.type.js';
import { CommunityType } from './organization.type.js';

@ObjectType('ResidentsStreet', { description: '街道：9 位统计区划代码标识（区 6 位 + 3 位）' })
export class StreetType {
  @Field(() => ID, { description: '街道代码（9 位）' })
  id!: string;

  @Field({ description: '街道名称' })
  name!: string;

  @Field({ description: '所属区县代码（6 位）' })
  districtCode!: string;
}

@ObjectType('BuildingGridChange', { description: '网格边界调整记录：楼栋从一个网格划入另一网格' })
export class BuildingGridChangeType {
  @Field(() => ID, { description: '记录编号' })
  id!: string;

  @Field(() => ID, { description: '原网格编号' })
  fromGridId!: string;

  @Field(() => ID, { description: '新网格编号' })
  toGridId!: string;

  @Field({ description: '生效日期（YYYY-MM-DD）' })
  movedOn!: string;

  @Field(() => String, { nullable: true, description: '调整原因' })
  reason!: string | null;
}

@ObjectType('StreetPayload', { description: '街道登记或变更的结果' })
export class StreetPayload {
  @Field(() => StreetType, { description: '街道' })
  street!: StreetType;
}

@ObjectType('CommunityPayload', { description: '社区登记（入驻）或变更的结果' })
export class CommunityPayload {
  @Field(() => CommunityType, { description: '社区' })
  community!: CommunityType;
}

@ObjectType('RedrawGridPayload', { description: '网格边界调整的结果' })
export class RedrawGridPayload {
  @Field(() => GridType, { description: '楼栋划入的网格' })
  grid!: GridType;

  @Field(() => [BuildingType], { description: '实际调整的楼栋（已在该网格的不计）' })
  moved!: BuildingType[];
}
