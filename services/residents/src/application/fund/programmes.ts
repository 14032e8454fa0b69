import { forShare, forUpdate, newId } from '@shequ/database';
import { ConflictError, InvalidInputError, NotFoundError } from '@shequ/errors';
import type { PersonalDataReader, UnitOfWork } from '@shequ/subgraph';
import { validDate } from '../../domain/dates.js';
import { FundProgrammeKinds } from '../../domain/fund/fund-vocabularies.js';
import { validAmountFen } from '../../domain/fund/money.js';
import { assertBeneficiaryHere, assertStudentAidEligible } from '../../domain/fund/programme-eligibility.js';
import { CareRecord } from '../../entities/care-record.js';
import { FundApplication } from '../../entities/fund/fund-application.js';
import { FundProgramme } from '../../entities/fund/fund-programme.js';
import { FundProgrammeRound } from '../../entities/fund/fund-programme-round.js';
import { Organization } from '../../entities/organization.js';
import { Resident } from '../../entities/resident.js';
import { proposeFundDisbursement } from './disbursements.js';
import { fundCode, fundText, type FundActor } from './fund-input.js';

const HARDSHIP_CATEGORIES = ['MINIMUM_LIVING_ALLOWANCE', 'EXTREME_POVERTY', 'MIGRANT_WORKER_CHILD'] as const;

/** A sponsored programme (sponsor from the organisation registry) or an outside body applied to. */
export async function createFundProgramme(
  uow: UnitOfWork,
  input: {
    kind: string;
    name: string;
    sponsorOrganizationId?: string | null;
    sponsorName?: string | null;
    eligibility?: string | null;
  },
  actor: FundActor,
): Promise<FundProgramme> {
  const kind = fundCode(FundProgrammeKinds, input.kind, 'kind', '项目类别');
  const name = fundText(input.name, 'name', 100)!;
  let sponsorName = fundText(input.sponsorName, 'sponsorName', 100, false);
  let sponsorOrganizationId: string | null = null;
  if (input.sponsorOrganizationId) {
    const org = await uow.em.findOne(Organization, { id: input.sponsorOrganizationId, communityId: actor.communityId });
    if (!org) throw new InvalidInputError('sponsorOrganizationId', `组织 ${input.sponsorOrganizationId} 不存在`);
    sponsorOrganizationId = org.id;
    sponsorName ??= org.name;
  }
  if (!sponsorName) throw new InvalidInputError('sponsorName', '请填写资助方或受理机构');
  const programme = uow.em.create(FundProgramme, {
    id: newId(),
    communityId: actor.communityId,
    kind,
    name,
    sponsorOrganizationId,
    sponsorName,
    eligibility: fundText(input.eligibility, 'eligibility', 300, false),
  });
  await uow.em.flush();
  return programme;
}

async function programmeOf(uow: UnitOfWork, id: string, communityId: string): Promise<FundProgramme> {
  const programme = await uow.em.findOne(FundProgramme, { id, communityId });
  if (!programme) throw new InvalidInputError('programmeId', `项目 ${id} 不存在`);
  return programme;
}

/** Opens a yearly round of a sponsored programme (one per year). */
export async function openFundProgrammeRound(
  uow: UnitOfWork,
  input: { programmeId: string; year: number; budgetFen: number; opensOn: string; closesOn: string },
  actor: FundActor,
): Promise<FundProgrammeRound> {
  const programme = await programmeOf(uow, input.programmeId, actor.communityId);
  if (programme.kind !== 'SPONSORED') throw new InvalidInputError('programmeId', '只有定向资助项目按年度开展');
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    throw new InvalidInputError('year', '年度无效');
  const budgetFen = validAmountFen(input.budgetFen, 'budgetFen');
  const opensOn = validDate(input.opensOn, 'opensOn');
  const closesOn = validDate(input.closesOn, 'closesOn');
  if (closesOn < opensOn) throw new InvalidInputError('closesOn', '截止日期不能早于开始日期');
  if (await uow.em.count(FundProgrammeRound, { programme, year: input.year }))
    throw new ConflictError(`「${programme.name}」${input.year} 年度已开展`, { field: 'year' });
  const round = uow.em.create(FundProgrammeRound, {
    id: newId(),
    programme,
    year: input.year,
    budgetFen,
    opensOn,
    closesOn,
  });
  await uow.em.flush();
  return round;
}

async function eligibilityFacts(
  uow: UnitOfWork,
  resident: Resident,
  appliedOn: string,
  ruleUses?: Pick<PersonalDataReader, 'usedByRule'>,
) {
  const household = resident.household?.id;
  const members = household
    ? await uow.em.find(Resident, { household }, { fields: ['communityId', 'status', 'residenceType'] })
    : [];
  const family = members.filter((member) => member.status === 'ACTIVE');
  // «困难家庭» decides on the care categories of everyone in the household (or of the resident alone): each of them
  // in its trail, passed or refused
  for (const member of household ? members : [resident]) ruleUses?.usedByRule(member, 'careCategories');
  const hardship = await uow.em.count(CareRecord, {
    resident: household ? { household } : resident.id,
    category: { $in: [...HARDSHIP_CATEGORIES] },
    startedOn: { $lte: appliedOn },
    $or: [{ endedOn: null }, { endedOn: { $gt: appliedOn } }],
  });
  return {
    birthDate: resident.birthDate,
    floatingFamily: resident.residenceType === 'FLOATING' || family.some((r) => r.residenceType === 'FLOATING'),
    hardship: hardship > 0,
    status: resident.status,
  };
}

/**
 * Applies for a resident: to the current round of a sponsored programme (eligibility checked: the 助学金 is for
 * children of floating residents in hardship) or to an outside body (红十字特别救助), tracked to its outcome.
 */
export async function applyToFundProgramme(
  uow: UnitOfWork,
  input: {
    programmeId: string;
    residentId: string;
    appliedOn: string;
    statement: string;
    externalReference?: string | null;
  },
  actor: FundActor,
  /**
   * Where the eligibility rule's uses of personal data are recorded (the request's `ctx.pii`): the resident's birth
   * date, and the care categories of the resident's household.
   */
  ruleUses?: Pick<PersonalDataReader, 'usedByRule'>,
): Promise<FundApplication> {
  const programme = await programmeOf(uow, input.programmeId, actor.communityId);
  const appliedOn = validDate(input.appliedOn, 'appliedOn');
  const statement = fundText(input.statement, 'statement', 500)!;
  const externalReference = fundText(input.externalReference, 'externalReference', 50, false);
  // read under a share lock: a death or move-out recorded meanwhile waits for this application
  const resident = await uow.em.findOne(
    Resident,
    { id: input.residentId, communityId: actor.communityId },
    { ...forShare(uow.em), refresh: true },
  );
  if (!resident) throw new InvalidInputError('residentId', `居民 ${input.residentId} 不存在`);
  assertBeneficiaryHere(resident.status, '申请资助');
  let round: FundProgrammeRound | null = null;
  if (programme.kind === 'SPONSORED') {
    // the round locked: two applications of one resident at once are counted one after the other
    round = await uow.em.findOne(
      FundProgrammeRound,
      { programme, opensOn: { $lte: appliedOn }, closesOn: { $gte: appliedOn } },
      { ...forUpdate(uow.em), refresh: true },
    );
    if (!round) throw new ConflictError(`「${programme.name}」${appliedOn} 不在申请期内`, { field: 'appliedOn' });
    // «未满 18 周岁» on an application date the caller chooses decides on the birth date: in the resident's trail,
    // passed or refused
    if (resident.birthDate) ruleUses?.usedByRule(resident, 'birthDate');
    assertStudentAidEligible(await eligibilityFacts(uow, resident, appliedOn, ruleUses), appliedOn);
    const twice = await uow.em.count(FundApplication, {
      round,
      residentId: resident.id,
      status: { $in: ['SUBMITTED', 'AWARDED'] },
    });
    if (twice)
      throw new ConflictError(`该居民已申请「${programme.name}」${round.year} 年度资助`, { field: 'residentId' });
  }
  const application = uow.em.create(FundApplication, {
    id: newId(),
    communityId: actor.communityId,
    programme,
    round,
    residentId: resident.id,
    appliedOn,
    statement,
    externalReference,
  });
  await uow.em.flush();
  return application;
}

/**
 * Records the outcome. A sponsored award is paid from the fund: it becomes a proposed disbursement (reason 助学)
 * that goes through 两委 approval and 公示 like any other, within the round's budget. An outside body's award is
 * recorded with its amount (paid by that body, not by the fund).
 */
export async function decideFundApplication(
  uow: UnitOfWork,
  input: {
    applicationId: string;
    awarded: boolean;
    decidedOn: string;
    awardedFen?: number | null;
    note?: string | null;
  },
  actor: FundActor,
): Promise<FundApplication> {
  const decidedOn = validDate(input.decidedOn, 'decidedOn');
  const note = fundText(input.note, 'note', 300, !input.awarded);
  // the resident (shared), the application and then its round locked (in that order on every path): one decision
  // an application, concurrent awards of one round counted against its budget one after the other, and a death or
  // move-out (which withdraws pending applications) before or after the decision, never across it
  const seen = await uow.em.findOne(
    FundApplication,
    { id: input.applicationId, communityId: actor.communityId },
    { fields: ['residentId'] },
  );
  if (!seen) throw new NotFoundError('申请', input.applicationId);
  await uow.em.findOne(Resident, { id: seen.residentId }, { ...forShare(uow.em), refresh: true });
  const application = await uow.em.findOne(
    FundApplication,
    { id: input.applicationId, communityId: actor.communityId },
    { ...forUpdate(uow.em), refresh: true },
  );
  if (!application) throw new NotFoundError('申请', input.applicationId);
  await uow.em.populate(application, ['programme']);
  if (application.round)
    await uow.em.findOne(FundProgrammeRound, { id: application.round.id }, { ...forUpdate(uow.em), refresh: true });
  if (application.status !== 'SUBMITTED')
    throw new ConflictError(`该申请已有结果，不能再次决定`, { status: application.status });
  if (decidedOn < application.appliedOn) throw new InvalidInputError('decidedOn', '结果日期不能早于申请日期');
  const programme = application.programme.getEntity();
  Object.assign(application, { decidedOn, outcomeNote: note, status: input.awarded ? 'AWARDED' : 'DECLINED' });
  if (input.awarded) {
    const awardedFen = validAmountFen(input.awardedFen ?? 0, 'awardedFen');
    application.awardedFen = awardedFen;
    if (programme.kind === 'SPONSORED') {
      const round = application.round!.getEntity();
      const committed = await uow.em.find(FundApplication, { round, status: 'AWARDED', id: { $ne: application.id } });
      const used = committed.reduce((s, a) => s + (a.awardedFen ?? 0), 0);
      if (used + awardedFen > round.budgetFen)
        throw new ConflictError(`超出「${programme.name}」${round.year} 年度预算`, { field: 'awardedFen' });
      const disbursement = await proposeFundDisbursement(
        uow,
        {
          residentId: application.residentId,
          reason: 'EDUCATION',
          amountFen: awardedFen,
          statement: `${programme.name}（${round.year} 年度）资助`,
        },
        actor,
        { programmeId: programme.id, applicationId: application.id },
      );
      application.disbursementId = disbursement.id;
    }
  }
  await uow.em.flush();
  return application;
}
