import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { GenderEnum, RelationToHeadEnum, ResidenceTypeEnum, ResidentStatusEnum } from './enums.js';
import { ResidentType } from './resident.type.js';

@InputType('ResidentFilter', { description: '居民筛选条件（各条件同时满足）' })
export class ResidentFilter {
  @Field(() => ID, { nullable: true, description: '网格编号' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: '楼栋编号' })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true, description: '住户编号' })
  householdId?: string | null;

  @Field(() => ResidenceTypeEnum, { nullable: true, description: '居住类型' })
  residenceType?: string | null;

  @Field(() => ResidentStatusEnum, { nullable: true, description: '状态' })
  status?: string | null;

  @Field(() => GenderEnum, { nullable: true, description: '性别' })
  gender?: string | null;

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
}

@ObjectType('RegisterResidentPayload', { description: '登记居民的结果' })
export class RegisterResidentPayload {
  @Field(() => ResidentType, { description: '新登记的居民' })
  resident!: ResidentType;
}
