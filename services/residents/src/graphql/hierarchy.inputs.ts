import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, MaxLength } from 'class-validator';

@InputType('RegisterStreetInput', { description: '登记街道（区级管理员）' })
export class RegisterStreetInput {
  @MaxLength(9)
  @Field({ description: '街道代码（9 位统计区划代码）' })
  code!: string;

  @MaxLength(100)
  @Field({ description: '街道名称' })
  name!: string;

  @MaxLength(100)
  @Field(() => String, { nullable: true, description: '区县名称（该区首次登记街道时必填）' })
  districtName?: string | null;
}

@InputType('RenameStreetInput', { description: '变更街道名称' })
export class RenameStreetInput {
  @MaxLength(9)
  @Field({ description: '街道代码（9 位）' })
  code!: string;

  @MaxLength(100)
  @Field({ description: '新名称' })
  name!: string;
}

@InputType('RegisterCommunityInput', { description: '社区入驻：登记辖区内的社区（街道、区级管理员）' })
export class RegisterCommunityInput {
  @MaxLength(12)
  @Field({ description: '社区代码（12 位统计区划代码，前 9 位为已登记的街道）' })
  code!: string;

  @MaxLength(100)
  @Field({ description: '社区名称' })
  name!: string;
}

@InputType('RenameCommunityInput', { description: '变更社区名称' })
export class RenameCommunityInput {
  @MaxLength(12)
  @Field({ description: '社区代码（12 位）' })
  code!: string;

  @MaxLength(100)
  @Field({ description: '新名称' })
  name!: string;
}

@InputType('RegisterGridInput', { description: '在本社区（或请求头指定的社区）登记网格' })
export class RegisterGridInput {
  @MaxLength(40)
  @Field({ description: '网格编码（社区代码-序号，如 350203008007-01）' })
  code!: string;

  @MaxLength(100)
  @Field({ description: '网格名称' })
  name!: string;
}

@InputType('RenameGridInput', { description: '变更网格名称' })
export class RenameGridInput {
  @Field(() => ID, { description: '网格编号' })
  gridId!: string;

  @MaxLength(100)
  @Field({ description: '新名称' })
  name!: string;
}

@InputType('RegisterBuildingInput', { description: '在网格内登记楼栋' })
export class RegisterBuildingInput {
  @Field(() => ID, { description: '网格编号' })
  gridId!: string;

  @MaxLength(100)
  @Field({ description: '楼栋名称，如 香秀里12号楼（社区内唯一）' })
  name!: string;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: '标准地址（缺省同名称）' })
  address?: string | null;
}

@InputType('ChangeBuildingInput', { description: '变更楼栋名称或标准地址' })
export class ChangeBuildingInput {
  @Field(() => ID, { description: '楼栋编号' })
  buildingId!: string;

  @MaxLength(100)
  @Field(() => String, { nullable: true, description: '新名称' })
  name?: string | null;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: '新标准地址' })
  address?: string | null;
}

@InputType('RedrawGridInput', { description: '网格边界调整：把楼栋划入一个网格' })
export class RedrawGridInput {
  @Field(() => ID, { description: '楼栋划入的网格编号' })
  gridId!: string;

  @ArrayMaxSize(500)
  @Field(() => [ID], { description: '划入的楼栋编号（最多 500 栋）' })
  buildingIds!: string[];

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: '调整原因' })
  reason?: string | null;
}
