import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { DateScalar } from '@shequ/subgraph';
import { CareCategoryEnum, GenderEnum, RelationToHeadEnum, ResidenceTypeEnum, ResidentStatusEnum } from './enums.js';
import { ResidentType } from './resident.type.js';

@InputType('ResidentFilter', { description: '居民筛选条件（各条件同时满足）' })
export class ResidentFilter {
  @Field(() => ID, { nullable: true, description: '网格编号' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: '楼栋编号' })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true, description: '住户编号' })
  householdId?: string | null;

  @Field(() => CareCategoryEnum, {
    nullable: true,
    description: '关爱对象类别（在册记录；高龄按出生日期；需可查看关爱对象）',
  })
  careCategory?: string | null;

  @Field(() => ResidenceTypeEnum, { nullable: true, description: '居住类型' })
  residenceType?: string | null;

  @Field(() => ResidentStatusEnum, { nullable: true, description: '状态' })
  status?: string | null;

  @Field(() => GenderEnum, { nullable: true, description: '性别' })
  gender?: string | null;

  @Field(() => Int, { nullable: true, description: '最小年龄（周岁，含）' })
  minAge?: number | null;

  @Field(() => Int, { nullable: true, description: '最大年龄（周岁，含）' })
  maxAge?: number | null;

  @MaxLength(50)
  @Field(() => String, { nullable: true, description: '姓名前缀（如 “林” 查所有林姓居民）' })
  namePrefix?: string | null;
}

@InputType('RegisterResidentInput', { description: '登记居民' })
export class RegisterResidentInput {
  @MaxLength(50)
  @Field({ description: '姓名' })
  name!: string;

  @MaxLength(18)
  @Field({ description: '18 位居民身份证号（末位可为 X）；性别和出生日期由此推出' })
  idNumber!: string;

  @MaxLength(20)
  @Field(() => String, { nullable: true, description: '联系电话' })
  phone?: string | null;

  @Field(() => ID, { description: '所在住户编号' })
  householdId!: string;

  @Field(() => RelationToHeadEnum, { nullable: true, description: '与户主关系（默认 其他）' })
  relationToHead?: string | null;

  @Field(() => ResidenceTypeEnum, { nullable: true, description: '居住类型（默认 户籍）；流动人口须填居住证日期' })
  residenceType?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '居住证签发日期（流动人口）' })
  residencePermitIssuedOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '居住证到期日期（流动人口）' })
  residencePermitExpiresOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '迁入日期（默认今天）' })
  movedInOn?: string | null;
}

@ObjectType('RegisterResidentPayload', { description: '登记居民的结果' })
export class RegisterResidentPayload {
  @Field(() => ResidentType, { description: '新登记的居民' })
  resident!: ResidentType;
}

@ObjectType('ResidentPayload', { description: '居民变更的结果' })
export class ResidentPayload {
  @Field(() => ResidentType, { description: '变更后的居民' })
  resident!: ResidentType;
}

@InputType('UpdateResidentInput', { description: '变更居民信息（只改填写的项）' })
export class UpdateResidentInput {
  @Field(() => ID, { description: '居民编号' })
  residentId!: string;

  @MaxLength(20)
  @Field(() => String, { nullable: true, description: '联系电话（空字符串表示清除）' })
  phone?: string | null;

  @Field(() => ResidenceTypeEnum, {
    nullable: true,
    description: '居住类型（改为流动人口须填居住证日期；需 floating:write）',
  })
  residenceType?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '居住证签发日期' })
  residencePermitIssuedOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '居住证到期日期（续签时更新）' })
  residencePermitExpiresOn?: string | null;

  @Field(() => RelationToHeadEnum, { nullable: true, description: '与户主关系' })
  relationToHead?: string | null;
}

@InputType('CorrectResidentIdNumberInput', {
  description: '身份证号更正（户籍信息更正）：性别和出生日期随更正后的身份证号重新推出',
})
export class CorrectResidentIdNumberInput {
  @Field(() => ID, { description: '居民编号' })
  residentId!: string;

  @MaxLength(18)
  @Field(() => String, { description: '更正后的 18 位居民身份证号（校验码、出生日期、地区码按登记规则校验）' })
  idNumber!: string;

  @MaxLength(200)
  @Field(() => String, { description: '更正原因（必填，2–200 字，如 登记时录入错误，以户籍证明为准）' })
  reason!: string;
}

@InputType('MoveResidentInput', { description: '迁入或社区内换户（地址变更）' })
export class MoveResidentInput {
  @Field(() => ID, { description: '居民编号' })
  residentId!: string;

  @Field(() => ID, { description: '迁入的住户编号' })
  householdId!: string;

  @Field(() => DateScalar, { description: '迁入日期' })
  movedInOn!: string;

  @Field(() => RelationToHeadEnum, { nullable: true, description: '在新住户中与户主关系（默认 其他）' })
  relationToHead?: string | null;
}

@InputType('MoveOutResidentInput', { description: '迁出社区' })
export class MoveOutResidentInput {
  @Field(() => ID, { description: '居民编号' })
  residentId!: string;

  @Field(() => DateScalar, { description: '迁出日期' })
  movedOutOn!: string;

  @MaxLength(100)
  @Field({ description: '迁往地（如 厦门市湖里区）' })
  destination!: string;
}

@InputType('RecordResidentDeathInput', { description: '死亡登记' })
export class RecordResidentDeathInput {
  @Field(() => ID, { description: '居民编号' })
  residentId!: string;

  @Field(() => DateScalar, { description: '死亡日期' })
  diedOn!: string;
}
