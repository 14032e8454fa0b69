import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@shequ/subgraph';
import { CareRecordType } from './care.type.js';
import { GenderEnum, RelationToHeadEnum, ResidenceTypeEnum, ResidentStatusEnum } from './enums.js';
import { HouseholdType } from './household.type.js';

@Directive('@key(fields: "id")')
@ObjectType('Resident', { description: '居民：社区实有人口中的一人；迁出或死亡后仍可查询，不删除' })
export class ResidentType {
  @Field(() => ID, { description: '居民编号' })
  id!: string;

  @Field({ description: '姓名' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: '居民身份证号（按角色：原值、脱敏如 350203********1234，或不返回）',
  })
  idNumber!: string | null;

  @Field(() => String, { nullable: true, description: '联系电话（按角色：原值、脱敏如 138****5678，或不返回）' })
  phone!: string | null;

  @Field(() => GenderEnum, { nullable: true, description: '性别（由身份证号推出）' })
  gender!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: '出生日期（由身份证号推出；只对可查看身份证号原值的角色返回并记入审计，其他角色请用 age）',
  })
  birthDate!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: '周岁年龄（按今天计算；由出生日期推出，每次返回都记入该居民的个人信息审计）',
  })
  age!: number | null;

  @Field(() => HouseholdType, { nullable: true, description: '所在住户（迁出后为迁出前的住户）' })
  household!: HouseholdType | null;

  @Field(() => RelationToHeadEnum, { description: '与户主关系' })
  relationToHead!: string;

  @Field(() => ResidenceTypeEnum, { description: '居住类型：户籍或流动人口' })
  residenceType!: string;

  @Field(() => DateScalar, { nullable: true, description: '居住证签发日期（流动人口；需 floating:read）' })
  residencePermitIssuedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '居住证到期日期（流动人口；需 floating:read）' })
  residencePermitExpiresOn!: string | null;

  @Field(() => ResidentStatusEnum, { description: '状态：在册、迁出、死亡' })
  status!: string;

  @Field(() => DateScalar, { nullable: true, description: '迁入（当前住户）日期' })
  movedInOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '迁出日期' })
  movedOutOn!: string | null;

  @Field(() => String, { nullable: true, description: '迁往地' })
  moveOutDestination!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '死亡日期' })
  diedOn!: string | null;

  @Field(() => [CareRecordType], {
    nullable: true,
    description: '关爱对象记录（个人敏感信息：按角色全部返回或不返回；重点人员另需敏感标记权限；高龄按出生日期派生）',
  })
  careCategories!: CareRecordType[] | null;
}
