import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { BuildingType } from './building.type.js';
import { HousingTypeEnum, OrganizationKindEnum, StaffDepartmentEnum } from './enums.js';
import { GridType } from './grid.type.js';
import { HouseholdType } from './household.type.js';
import { OrganizationType } from './organization.type.js';
import { StaffType } from './staff.type.js';

@InputType('HouseholdFilter', { description: '住户筛选条件' })
export class HouseholdFilter {
  @Field(() => ID, { nullable: true, description: '网格编号' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: '楼栋编号' })
  buildingId?: string | null;

  @Field(() => HousingTypeEnum, { nullable: true, description: '住房性质（如 RENTED 查出租房）' })
  housing?: string | null;
}

@InputType('RegisterHouseholdInput', { description: '登记住户（一套住房）' })
export class RegisterHouseholdInput {
  @Field(() => ID, { description: '楼栋编号' })
  buildingId!: string;

  @MaxLength(20)
  @Field({ description: '单元，如 2单元' })
  unit!: string;

  @MaxLength(20)
  @Field({ description: '门牌（室），如 502室' })
  room!: string;

  @Field(() => HousingTypeEnum, { description: '住房性质' })
  housing!: string;

  @Field(() => ID, { nullable: true, description: '房东（居民编号；出租房必填）' })
  landlordResidentId?: string | null;
}

@InputType('UpdateHouseholdInput', { description: '变更住房性质（出租房登记）或户主' })
export class UpdateHouseholdInput {
  @Field(() => ID, { description: '住户编号' })
  householdId!: string;

  @Field(() => HousingTypeEnum, { description: '住房性质' })
  housing!: string;

  @Field(() => ID, { nullable: true, description: '房东（居民编号；出租房必填）' })
  landlordResidentId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: '户主（该户在册、与户主关系为「户主」的居民编号；更换户主请用 updateResident 变更与户主关系）',
  })
  headResidentId?: string | null;
}

@ObjectType('HouseholdPayload', { description: '住户变更的结果' })
export class HouseholdPayload {
  @Field(() => HouseholdType, { description: '住户' })
  household!: HouseholdType;
}

@InputType('AssignBuildingLeaderInput', { description: '设定楼栋长' })
export class AssignBuildingLeaderInput {
  @Field(() => ID, { description: '楼栋编号' })
  buildingId!: string;

  @Field(() => ID, { description: '楼栋长（本楼栋在册居民编号）' })
  residentId!: string;
}

@ObjectType('BuildingPayload', { description: '楼栋变更的结果' })
export class BuildingPayload {
  @Field(() => BuildingType, { description: '楼栋' })
  building!: BuildingType;
}

@InputType('AssignGridWorkerInput', { description: '设定网格员' })
export class AssignGridWorkerInput {
  @Field(() => ID, { description: '网格编号' })
  gridId!: string;

  @Field(() => ID, { description: '社区工作者编号' })
  staffId!: string;
}

@ObjectType('GridPayload', { description: '网格变更的结果' })
export class GridPayload {
  @Field(() => GridType, { description: '网格' })
  grid!: GridType;
}

@InputType('StaffFilter', { description: '社区工作者筛选条件' })
export class StaffFilter {
  @Field(() => StaffDepartmentEnum, { nullable: true, description: '部门' })
  department?: string | null;

  @Field(() => ID, { nullable: true, description: '服务的网格编号' })
  gridId?: string | null;
}

@InputType('RegisterStaffInput', { description: '登记社区工作者' })
export class RegisterStaffInput {
  @MaxLength(50)
  @Field({ description: '姓名' })
  name!: string;

  @Field(() => StaffDepartmentEnum, { description: '部门' })
  department!: string;

  @MaxLength(50)
  @Field({ description: '岗位' })
  position!: string;

  @Field(() => [ID], { nullable: true, description: '服务的网格编号' })
  gridIds?: string[] | null;
}

@ObjectType('StaffPayload', { description: '登记社区工作者的结果' })
export class StaffPayload {
  @Field(() => StaffType, { description: '社区工作者' })
  staff!: StaffType;
}

@InputType('OrganizationFilter', { description: '组织筛选条件' })
export class OrganizationFilter {
  @Field(() => OrganizationKindEnum, { nullable: true, description: '类别' })
  kind?: string | null;

  @MaxLength(50)
  @Field(() => String, { nullable: true, description: '名称包含' })
  nameContains?: string | null;
}

@InputType('RegisterOrganizationInput', { description: '登记组织' })
export class RegisterOrganizationInput {
  @MaxLength(100)
  @Field({ description: '名称' })
  name!: string;

  @Field(() => OrganizationKindEnum, { description: '类别' })
  kind!: string;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: '地址' })
  address?: string | null;

  @Field(() => ID, { nullable: true, description: '所在网格编号' })
  gridId?: string | null;

  @Field(() => Int, { nullable: true, description: '成员/志愿者人数' })
  memberCount?: number | null;
}

@ObjectType('OrganizationPayload', { description: '登记组织的结果' })
export class OrganizationPayload {
  @Field(() => OrganizationType, { description: '组织' })
  organization!: OrganizationType;
}
