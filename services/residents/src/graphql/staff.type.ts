import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { StaffDepartmentEnum } from './enums.js';

@Directive('@key(fields: "id")')
@ObjectType('Staff', { description: '社区工作者：部门、岗位与服务的网格' })
export class StaffType {
  @Field(() => ID, { description: '社区工作者编号' })
  id!: string;

  @Field({ description: '姓名' })
  name!: string;

  @Field(() => StaffDepartmentEnum, { description: '部门' })
  department!: string;

  @Field({ description: '岗位，如 专职网格员、保障站工作人员' })
  position!: string;

  @Field({ description: '是否在岗' })
  active!: boolean;
}
