import { FundDonationForms, FundDonationReceived, FundDonorKinds } from '@shequ/contracts';
import { newId } from '@shequ/database';
import { ConflictError, InvalidInputError } from '@shequ/errors';
import type { UnitOfWork } from '@shequ/subgraph';
import { validDate } from '../../domain/dates.js';
import { validAmountFen } from '../../domain/fund/money.js';
import { FundDonation } from '../../entities/fund/fund-donation.js';
import { FundDonor } from '../../entities/fund/fund-donor.js';
import { FundProgramme } from '../../entities/fund/fund-programme.js';
import { Organization } from '../../entities/organization.js';
import { Resident } from '../../entities/resident.js';
import { fundCode, fundText, type FundActor } from './fund-input.js';
import { requireKnownEvent } from './fund-references.js';
import { lockFund, postEntry } from './fund-ledger.js';

export const anonymousDonorId = (communityId: string): string => `donor-anonymous-${communityId}`;

/** Registers a donor; a resident or organisation of the registry is linked by id (its name taken from there). */
export async function registerFundDonor(
  uow: UnitOfWork,
  input: {
    kind: string;
    name?: string | null;
    residentId?: string | null;
    organizationId?: string | null;
    namedInReport?: boolean | null;
  },
  actor: FundActor,
): Promise<FundDonor> {
  const kind = fundCode(FundDonorKinds, input.kind, 'kind', '捐赠人类别');
  if (kind === 'ANONYMOUS') throw new InvalidInputError('kind', '匿名捐赠无需登记捐赠人，登记捐赠时选择匿名即可');
  let name = fundText(input.name, 'name', 100, false);
  let residentId: string | null = null;
  let organizationId: string | null = null;
  if (input.residentId) {
    const resident = await uow.em.findOne(Resident, { id: input.residentId, communityId: actor.communityId });
    if (!resident) throw new InvalidInputError('residentId', `居民 ${input.residentId} 不存在`);
    residentId = resident.id;
    name ??= resident.name;
  }
  if (input.organizationId) {
    const organization = await uow.em.findOne(Organization, {
      id: input.organizationId,
      communityId: actor.communityId,
    });
    if (!organization) throw new InvalidInputError('organizationId', `组织 ${input.organizationId} 不存在`);
    organizationId = organization.id;
    name ??= organization.name;
  }
  if (!name) throw new InvalidInputError('name', '请填写捐赠人名称，或选择居民、组织');
  const donor = uow.em.create(FundDonor, {
    id: newId(),
    communityId: actor.communityId,
    kind,
    name,
    residentId,
    organizationId,
    namedInReport: input.namedInReport ?? false,
  });
  await uow.em.flush();
  return donor;
}

async function donorFor(uow: UnitOfWork, donorId: string | null | undefined, communityId: string) {
  if (!donorId) {
    const id = anonymousDonorId(communityId);
    await uow.em
      .getConnection()
      .execute(
        "insert into fund_donor (id, community_id, kind, named_in_report) values (?, ?, 'ANONYMOUS', false) on conflict (id) do nothing",
        [id, communityId],
        'run',
        uow.em.getTransactionContext(),
      );
    return uow.em.findOneOrFail(FundDonor, id);
  }
  const donor = await uow.em.findOne(FundDonor, { id: donorId, communityId });
  if (!donor) throw new InvalidInputError('donorId', `捐赠人 ${donorId} 不存在`);
  return donor;
}

export interface DonationInput {
  donorId?: string | null;
  form: string;
  amountFen: number;
  itemDescription?: string | null;
  receiptNumber: string;
  receivedOn: string;
  eventId?: string | null;
  programmeId?: string | null;
  note?: string | null;
}

/**
 * Records a donation with its receipt. Money is an income entry of the ledger (the fund row locked); goods are
 * recorded at their valuation and reported, not added to the cash balance. `eventOnly`: the caller may record
 * only collections at an event (文化 records a gala's collection).
 */
export async function recordFundDonation(
  uow: UnitOfWork,
  input: DonationInput,
  actor: FundActor,
  scope: { eventOnly: boolean },
): Promise<FundDonation> {
  const eventId = fundText(input.eventId, 'eventId', 36, scope.eventOnly);
  const form = fundCode(FundDonationForms, input.form, 'form', '捐赠形式');
  const amountFen = validAmountFen(input.amountFen, 'amountFen');
  const itemDescription = fundText(input.itemDescription, 'itemDescription', 200, form === 'IN_KIND');
  const receiptNumber = fundText(input.receiptNumber, 'receiptNumber', 30)!;
  const receivedOn = validDate(input.receivedOn, 'receivedOn');
  if (receivedOn > actor.today) throw new InvalidInputError('receivedOn', '收到日期不能晚于今天');
  const note = fundText(input.note, 'note', 200, false);
  if (eventId) await requireKnownEvent(uow.em, eventId, actor.communityId);
  let programmeId: string | null = null;
  if (input.programmeId) {
    const programme = await uow.em.findOne(FundProgramme, { id: input.programmeId, communityId: actor.communityId });
    if (!programme || programme.kind !== 'SPONSORED')
      throw new InvalidInputError('programmeId', `定向资助项目 ${input.programmeId} 不存在`);
    programmeId = programme.id;
  }
  const donor = await donorFor(uow, input.donorId, actor.communityId);
  const fund = await lockFund(uow, actor.communityId);
  const duplicate = await uow.em.count(FundDonation, { communityId: actor.communityId, receiptNumber });
  if (duplicate > 0) throw new ConflictError(`收据号 ${receiptNumber} 已登记`, { field: 'receiptNumber' });
  const donation = uow.em.create(FundDonation, {
    id: newId(),
    communityId: actor.communityId,
    donor,
    form,
    amountFen,
    itemDescription,
    receiptNumber,
    receivedOn,
    eventId,
    programmeId,
    note,
    recordedBy: actor.id,
    recordedAt: actor.now,
  });
  if (form === 'MONEY') {
    const entry = postEntry(uow, fund, {
      kind: 'DONATION',
      flow: 'INCOME',
      amountFen,
      occurredOn: receivedOn,
      donationId: donation.id,
      recordedBy: actor.id,
      recordedAt: actor.now,
    });
    donation.ledgerEntryId = entry.id;
  }
  uow.events.record(FundDonationReceived, {
    donationId: donation.id,
    donorKind: donor.kind,
    form,
    amountFen,
    receivedOn,
    eventId,
    programmeId,
  });
  await uow.em.flush();
  return donation;
}
