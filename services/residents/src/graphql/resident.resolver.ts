import { Cursor, type FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, paginate, type SubgraphContext } from '@shequ/subgraph';
import { ForbiddenError, InvalidInputError } from '@shequ/errors';
import { ageOn, communityDay, isIsoDate, parseResidentIdNumber } from '@shequ/contracts';
import { derivedAdvancedAge, storedCareView, type CareRecordView } from '../application/care-view.js';
import { registerResident } from '../application/register-resident.js';
import { correctResidentIdNumber } from '../application/resident-identity.js';
import {
  moveOutResident,
  moveResident,
  recordDeath,
  updateResident,
  type Visibility,
} from '../application/resident-lifecycle.js';
import {
  countableFromRollup,
  nameInitialCountable,
  residentCountByInitial,
  residentCountFromRollup,
} from '../application/resident-count.js';
import {
  careFilterMatches,
  carePredicateOf,
  countOpenCare,
  floatingPermitWhere,
  matchingResidents,
  residentWhere,
} from '../application/resident-query.js';
import {
  householdWritable,
  residentScope,
  residentStatisticsScope,
  residentVisible,
  residentWritable,
} from '../application/resident-scope.js';
import { isAdvancedAge, SENSITIVE_CATEGORIES } from '../domain/care-schedule.js';
import { CareRecord } from '../entities/care-record.js';
import { Household } from '../entities/household.js';
import { Resident, type RelationToHead } from '../entities/resident.js';
import { CareRecordType } from './care.type.js';
import { ResidentConnection } from './connections.js';
import { HouseholdType } from './household.type.js';
import {
  CorrectResidentIdNumberInput,
  MoveOutResidentInput,
  MoveResidentInput,
  RecordResidentDeathInput,
  RegisterResidentInput,
  RegisterResidentPayload,
  ResidentFilter,
  ResidentPayload,
  UpdateResidentInput,
} from './resident.inputs.js';
import { ResidentType } from './resident.type.js';

export function visibility(ctx: SubgraphContext): Visibility {
  return {
    communityId: ctx.communityId,
    today: communityDay(ctx.clock.now()),
    resident: (r, em) => residentWritable(ctx.access, em, r),
    household: (h, em) => householdWritable(ctx.access, em, h),
    ruleUses: ctx.pii,
  };
}

/** The personal field a care category is (重点人员 a sensitive tag). */
const careFilterField = (category: string): 'sensitiveTags' | 'careCategories' =>
  SENSITIVE_CATEGORIES.includes(category as never) ? 'sensitiveTags' : 'careCategories';

/** Filters on care categories need the right to see them (重点人员 the right to see sensitive tags). */
export function checkCareFilter(
  ctx: SubgraphContext,
  filter: { careCategory?: string | null } | null | undefined,
): void {
  if (!filter?.careCategory) return;
  if (ctx.access.fieldAccess(careFilterField(filter.careCategory)) !== 'RAW')
    throw new InvalidInputError('filter.careCategory', '无权按该关爱对象类别筛选');
}

/**
 * A list filtered by a care category tells who is in it: each resident it matches counts as a raw read, on the
 * page or only in `totalCount` (a count of one household's 低保 members is that household's 低保 status).
 */
function auditCareFilter(
  ctx: SubgraphContext,
  filter: { careCategory?: string | null } | null | undefined,
  residents: Array<{ id: string; communityId: string }>,
): void {
  if (!filter?.careCategory) return;
  const field = careFilterField(filter.careCategory);
  for (const resident of residents) ctx.pii.readList(resident, field, [filter.careCategory]);
}

/**
 * A list filtered by age (`minAge`, `maxAge`) tells each resident on its page an age range, derived from the birth
 * date like `age` itself: each is audited as a read of `age`, selected or not.
 */
function auditAgeFilter<C extends { edges: Array<{ node: Resident }> }>(
  ctx: SubgraphContext,
  filter: { minAge?: number | null; maxAge?: number | null } | null | undefined,
  connection: C,
): C {
  if (filter?.minAge == null && filter?.maxAge == null) return connection;
  for (const { node } of connection.edges) ctx.pii.readDerived(node, 'age', node.birthDate);
  return connection;
}

/** Whether a list's answer depends on each match's age (a `minAge`/`maxAge` filter). */
const filtersByAge = (filter: { minAge?: number | null; maxAge?: number | null } | null | undefined): boolean =>
  filter?.minAge != null || filter?.maxAge != null;

/**
 * `totalCount` of a list filtered by age: the number of residents whose age fits, each of them in their trail as a
 * use of `age` like the page's residents — a count of one (a name prefix and `minAge`, no node selected) tells that
 * person's age band. Counted from the matches' ids (read once, only when `totalCount` is read).
 */
function auditedAgeCount(ctx: SubgraphContext, where: FilterQuery<Resident>): () => Promise<number> {
  return async () => {
    const matches = await matchingResidents(ctx.em, where);
    for (const match of matches) ctx.pii.usedByFilter(match, 'age');
    return matches.length;
  };
}

/** The id a `residents` cursor (keyset on `id`) points at; undefined for none or one paginate will refuse. */
function keysetId(after: string | null | undefined): string | undefined {
  if (!after) return undefined;
  try {
    const values: unknown = Cursor.decode(after);
    return Array.isArray(values) && values.length === 1 && typeof values[0] === 'string' ? values[0] : undefined;
  } catch {
    return undefined;
  }
}

@Resolver(() => ResidentType)
export class ResidentResolver {
  @Query(() => ResidentType, { nullable: true, description: '按编号查询一位居民（需 residents:read；仅限可见范围）' })
  async resident(
    @Arg('id', () => ID, { description: '居民编号' }) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Resident | null> {
    ctx.access.require('residents:read');
    const resident = await ctx.loaders.rowsById(Resident).load(id);
    return resident && (await residentVisible(ctx, resident)) ? resident : null;
  }

  @Query(() => ResidentType, {
    nullable: true,
    description: '按身份证号查询居民（特权查询：需 residents:read 且可查看身份证号原值；每次查询记入审计）',
  })
  async residentByIdNumber(
    @Arg('idNumber', { description: '18 位居民身份证号' }) idNumber: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Resident | null> {
    ctx.access.require('residents:read');
    if (ctx.access.fieldAccess('idNumber') !== 'RAW')
      throw new InvalidInputError('idNumber', '无权按身份证号查询（需可查看身份证号原值的角色）');
    const parsed = parseResidentIdNumber(idNumber, ctx.clock.now());
    if (!parsed.ok) throw new InvalidInputError('idNumber', parsed.message);
    const resident = await ctx.loaders.byKey(Resident, 'idNumber').load(parsed.value.idNumber);
    if (!resident || !(await residentVisible(ctx, resident))) return null;
    ctx.pii.read(resident, 'idNumber', resident.idNumber);
    return resident;
  }

  @Query(() => ResidentConnection, {
    description:
      '居民列表（需 residents:read）：可按网格、楼栋、住户、关爱对象类别、居住类型、状态、年龄、性别、姓名前缀筛选',
  })
  async residents(
    @Args() page: PageArgs,
    @Arg('filter', () => ResidentFilter, { nullable: true, description: '筛选条件' }) filter: ResidentFilter | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:read');
    checkCareFilter(ctx, filter);
    const scope = residentScope(ctx);
    const where = await residentWhere(ctx.em, filter, scope, communityDay(ctx.clock.now()), keysetId(page.after));
    if (!filter?.careCategory) {
      // `totalCount` (counted only when read) as a sum of rollup groups when the filter is in their keys
      const statisticsScope = residentStatisticsScope(ctx);
      const initial = nameInitialCountable(statisticsScope, filter);
      const count = filtersByAge(filter)
        ? auditedAgeCount(ctx, where)
        : countableFromRollup(filter)
          ? () => residentCountFromRollup(ctx.em, statisticsScope, filter)
          : initial
            ? () => residentCountByInitial(ctx.em, statisticsScope, initial, filter?.status)
            : undefined;
      return auditAgeFilter(
        ctx,
        filter,
        await paginate(ctx.em, Resident, where, page, undefined, { rows: true }, count),
      );
    }
    // The answer (the page and `totalCount`, even with `first: 0`) depends on every match's care category.
    const predicate = carePredicateOf(filter, scope);
    if (predicate) {
      // Only a stored category in the caller's communities: audited as that predicate (one small record; the
      // trail resolves it against the care records' history), counted from the care-record index.
      let counted: Promise<number> | undefined;
      const count = () => (counted ??= countOpenCare(ctx.em, predicate, scope));
      const field = careFilterField(predicate);
      const audited = ctx.pii.readPredicate({
        category: predicate,
        field,
        communities: ctx.access.communityScope(),
        readFrom: ctx.clock.now(),
        count,
      });
      if (audited) {
        const connection = await paginate(ctx.em, Resident, where, page, undefined, { rows: true }, count);
        for (const edge of connection.edges) ctx.pii.readList(edge.node, field, [predicate]);
        return auditAgeFilter(ctx, filter, connection);
      }
    }
    // Otherwise (a grid worker's grids, more filters, 高龄, a second such list in the request): every match is
    // audited, and having their ids, `totalCount` is their number (no second pass over the rows).
    const matching = await careFilterMatches(ctx.em, filter, scope, where);
    auditCareFilter(ctx, filter, matching);
    if (filtersByAge(filter)) for (const match of matching) ctx.pii.usedByFilter(match, 'age');
    return auditAgeFilter(
      ctx,
      filter,
      await paginate(ctx.em, Resident, where, page, undefined, { rows: true }, () => Promise.resolve(matching.length)),
    );
  }

  @Query(() => ResidentConnection, {
    description:
      '居住证将于指定日期前（含）到期、今天尚未过期的在册流动人口（需 floating:read）；已过期的见 floatingResidentsExpired',
  })
  async floatingResidentsExpiring(
    @Arg('before', () => String, { description: '截止日期 YYYY-MM-DD（含）' }) before: string,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('floating:read');
    if (!isIsoDate(before))
      throw new InvalidInputError('before', `截止日期须为 YYYY-MM-DD 格式的有效日期，收到「${before}」`);
    const where = floatingPermitWhere(residentScope(ctx), {
      kind: 'EXPIRING',
      today: communityDay(ctx.clock.now()),
      before,
    });
    return paginate(ctx.em, Resident, where, page, { residencePermitExpiresOn: 'asc', id: 'asc' } as never, {
      rows: true,
    });
  }

  @Query(() => ResidentConnection, {
    description: '居住证已过期（到期日早于今天）的在册流动人口，过期最久的在前（需 floating:read）',
  })
  async floatingResidentsExpired(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('floating:read');
    const where = floatingPermitWhere(residentScope(ctx), { kind: 'EXPIRED', today: communityDay(ctx.clock.now()) });
    return paginate(ctx.em, Resident, where, page, { residencePermitExpiresOn: 'asc', id: 'asc' } as never, {
      rows: true,
    });
  }

  @Mutation(() => RegisterResidentPayload, {
    description:
      '登记居民（需 residents:write；流动人口另需 floating:write）：校验身份证号，推出性别和出生日期；发布 resident.registered',
  })
  async registerResident(
    @Arg('input', () => RegisterResidentInput, { description: '居民信息' }) input: RegisterResidentInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:write');
    if (input.residenceType === 'FLOATING') ctx.access.require('floating:write');
    const resident = await ctx.transaction((uow) =>
      registerResident(
        uow,
        { ...input, relationToHead: input.relationToHead as RelationToHead | null },
        ctx.communityId,
        ctx.clock.now(),
        (household, em) => householdWritable(ctx.access, em, household),
        (registered, em) => residentWritable(ctx.access, em, registered),
      ),
    );
    return { resident };
  }

  @Mutation(() => ResidentPayload, {
    description:
      '变更居民信息：联系电话、居住类型与居住证、与户主关系（需 residents:write）；有变化时发布 resident.updated',
  })
  async updateResident(
    @Arg('input', () => UpdateResidentInput, { description: '变更内容' }) input: UpdateResidentInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:write');
    if (input.residenceType || input.residencePermitExpiresOn || input.residencePermitIssuedOn)
      ctx.access.require('floating:write');
    return { resident: await ctx.transaction((uow) => updateResident(uow, input, visibility(ctx))) };
  }

  @Mutation(() => ResidentPayload, {
    description:
      '身份证号更正（户籍信息更正；需 residents:write 且可查看身份证号原值，仅限可写范围内的在册或迁出居民）：按登记规则校验更正后的身份证号，' +
      '性别和出生日期随之重新推出，须填更正原因；与原号相同、已由其他居民登记的号码均拒绝；留存更正记录，发布 resident.identity_corrected（不含身份证号）',
  })
  async correctResidentIdNumber(
    @Arg('input', () => CorrectResidentIdNumberInput, { description: '居民、更正后的身份证号与更正原因' })
    input: CorrectResidentIdNumberInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:write');
    // the number is corrected by those who see it: a role that sees it masked (网格员) cannot check what it replaces
    if (ctx.access.fieldAccess('idNumber') !== 'RAW')
      throw new ForbiddenError('residents:write', '没有权限：更正身份证号须可查看身份证号原值（社区管理员、综治等）');
    const actor = { id: ctx.principal.kind === 'anonymous' ? 'anonymous' : ctx.principal.id };
    const now = ctx.clock.now();
    return {
      resident: await ctx.transaction((uow) => correctResidentIdNumber(uow, input, visibility(ctx), actor, now)),
    };
  }

  @Mutation(() => ResidentPayload, {
    description: '迁入/换户（地址变更）或迁回（需 residents:write）；发布 resident.moved_in',
  })
  async moveResident(
    @Arg('input', () => MoveResidentInput, { description: '迁入信息' }) input: MoveResidentInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:write');
    return { resident: await ctx.transaction((uow) => moveResident(uow, input, visibility(ctx))) };
  }

  @Mutation(() => ResidentPayload, {
    description: '迁出社区（需 residents:write）：记录日期与迁往地，居民记录保留；发布 resident.moved_out',
  })
  async moveOutResident(
    @Arg('input', () => MoveOutResidentInput, { description: '迁出信息' }) input: MoveOutResidentInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:write');
    return { resident: await ctx.transaction((uow) => moveOutResident(uow, input, visibility(ctx))) };
  }

  @Mutation(() => ResidentPayload, { description: '死亡登记（需 residents:write）：记录保留；发布 resident.deceased' })
  async recordResidentDeath(
    @Arg('input', () => RecordResidentDeathInput, { description: '死亡信息' }) input: RecordResidentDeathInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:write');
    return {
      resident: await ctx.transaction((uow) => recordDeath(uow, input, visibility(ctx))),
    };
  }

  @FieldResolver()
  idNumber(@Root() resident: Readonly<Resident>, @Ctx() ctx: SubgraphContext): string | null {
    return ctx.pii.read(resident, 'idNumber', resident.idNumber);
  }

  @FieldResolver()
  phone(@Root() resident: Readonly<Resident>, @Ctx() ctx: SubgraphContext): string | null {
    return ctx.pii.read(resident, 'phone', resident.phone);
  }

  /** The exact birth date completes a masked ID number: only where the ID number is raw (audited like it). */
  @FieldResolver(() => String, { nullable: true })
  birthDate(@Root() resident: Readonly<Resident>, @Ctx() ctx: SubgraphContext): string | null {
    return ctx.pii.read(resident, 'birthDate', resident.birthDate);
  }

  /**
   * The age is derived from the birth date (personal data, shown to every caller reading residents): each value
   * shown is in the resident's audit trail as a read of `age`, on every path that returns a resident.
   */
  @FieldResolver(() => Int, { nullable: true })
  age(@Root() resident: Readonly<Resident>, @Ctx() ctx: SubgraphContext): number | null {
    if (!resident.birthDate) return null;
    return ctx.pii.readDerived(
      resident,
      'age',
      ageOn(resident.birthDate, resident.diedOn ?? communityDay(ctx.clock.now())),
    );
  }

  @FieldResolver(() => String, { nullable: true })
  residencePermitIssuedOn(@Root() resident: Readonly<Resident>, @Ctx() ctx: SubgraphContext): string | null {
    return ctx.access.can('floating:read') ? resident.residencePermitIssuedOn : null;
  }

  @FieldResolver(() => String, { nullable: true })
  residencePermitExpiresOn(@Root() resident: Readonly<Resident>, @Ctx() ctx: SubgraphContext): string | null {
    return ctx.access.can('floating:read') ? resident.residencePermitExpiresOn : null;
  }

  @FieldResolver(() => [CareRecordType], { nullable: true })
  async careCategories(
    @Root() resident: Readonly<Resident>,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CareRecordView[] | null> {
    // Ordinary categories need the right to see care categories, 重点人员 records the right to see sensitive
    // tags (综治 has the second without the first); null only when the caller may see neither.
    const [care, sensitive] = [ctx.pii.visible('careCategories'), ctx.pii.visible('sensitiveTags')];
    if (!care && !sensitive) return null;
    const records = await ctx.loaders
      .manyBy(CareRecord, 'resident', { orderBy: { startedOn: 'asc', id: 'asc' } })
      .load(resident.id);
    const ordinary = care ? records.filter((r) => !SENSITIVE_CATEGORIES.includes(r.category)).map(storedCareView) : [];
    const today = communityDay(ctx.clock.now());
    // the start of 高龄 is the 80th birthday: shown (and audited as a read of the birth date) only to a caller who
    // reads the birth date raw
    const shownBirthDate = (): string | null =>
      ctx.access.fieldAccess('birthDate') === 'RAW' ? ctx.pii.read(resident, 'birthDate', resident.birthDate) : null;
    const derived =
      care && isAdvancedAge(resident.birthDate, today) && resident.status === 'ACTIVE'
        ? derivedAdvancedAge(resident, today, shownBirthDate())
        : null;
    const visible = care
      ? (ctx.pii.readList(resident, 'careCategories', derived ? [...ordinary, derived] : ordinary) ?? [])
      : [];
    const tagged = sensitive
      ? (ctx.pii.readList(
          resident,
          'sensitiveTags',
          records.filter((r) => SENSITIVE_CATEGORIES.includes(r.category)).map(storedCareView),
        ) ?? [])
      : [];
    return [...visible, ...tagged];
  }

  @FieldResolver(() => HouseholdType, { nullable: true })
  household(@Root() resident: Readonly<Resident>, @Ctx() ctx: SubgraphContext): Promise<Household | null> | null {
    return resident.household ? ctx.loaders.rowsById(Household).load(resident.household.id) : null;
  }
}
