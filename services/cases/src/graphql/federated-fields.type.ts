import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('StaffCaseWorkload', { description: '社区工作者的事项工作量' })
export class StaffCaseWorkloadType {
  @Field(() => Int, { description: '在办事项数' })
  openCases!: number;

  @Field(() => Int, { description: '其中超时的事项数' })
  overdueCases!: number;

  @Field(() => Int, { description: '累计办结事项数' })
  resolvedCases!: number;
}
