import { Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DateScalar, registerVocabularyEnum, type SubgraphContext } from '@shequ/subgraph';
import { FundDisbursementStatuses } from '@shequ/contracts';
import type { Case } from '../entities/case.js';
import { CaseFundDisbursement } from '../entities/case-fund-disbursement.js';
import { CaseType } from './case.type.js';

const CaseFundDisbursementStatusEnum = registerVocabularyEnum(
  FundDisbursementStatuses,
  'CaseFundDisbursementStatus',
  '阳光爱心基金救助状态（来自居民服务）',
);

@ObjectType('CaseFundDisbursement', { description: '事项对应的阳光爱心基金救助（来自居民服务的事件）' })
class CaseFundDisbursementType {
  @Field(() => ID, { description: '救助编号（居民服务）' })
  disbursementId!: string;

  @Field(() => Int, { description: '金额（分）' })
  amountFen!: number;

  @Field(() => CaseFundDisbursementStatusEnum, { description: '状态' })
  status!: string;

  @Field(() => DateScalar, { description: '提议日期' })
  proposedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '发放日期' })
  paidOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '撤回日期' })
  withdrawnOn!: string | null;
}

@Resolver(() => CaseType)
export class CaseFundDisbursementsResolver {
  @FieldResolver(() => [CaseFundDisbursementType], {
    description: '阳光爱心基金救助（救助申请事项；需可查看关爱对象，否则为空）',
  })
  async fundDisbursements(@Root() record: Case, @Ctx() ctx: SubgraphContext): Promise<CaseFundDisbursement[]> {
    if (ctx.access.fieldAccess('careCategories') !== 'RAW') return [];
    const rows = await ctx.loaders
      .manyBy(CaseFundDisbursement, 'caseId', { orderBy: { proposedOn: 'asc', disbursementId: 'asc' } })
      .load(record.id);
    // a disbursement tells that its resident is in hardship (care policy): each shown is audited for that resident
    return rows.filter(
      (row) => ctx.pii.readList({ id: row.residentId, communityId: row.communityId }, 'careCategories', [row]) !== null,
    );
  }
}
