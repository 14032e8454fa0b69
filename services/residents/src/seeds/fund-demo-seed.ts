import { SYSTEM_ACTOR, type FundDisbursementReason } from '@shequ/contracts';
import { demoDataset, demoEventYear, demoId, SeededRandom, type DemoResident } from '@shequ/demo-data';
import { eventSink } from '@shequ/messaging';
import type { DemoSeedDependencies, UnitOfWork } from '@shequ/subgraph';
import { recordFundDonation, registerFundDonor, type DonationInput } from '../application/fund/donations.js';
import {
  approveFundDisbursement,
  challengeFundDisbursement,
  payFundDisbursement,
  proposeFundDisbursement,
  publishFundDisbursement,
  resolveFundDisbursementChallenge,
} from '../application/fund/disbursements.js';
import type { FundActor } from '../application/fund/fund-input.js';
import { projectEventStatus } from '../application/fund/reference-projections.js';
import {
  applyToFundProgramme,
  createFundProgramme,
  decideFundApplication,
  openFundProgrammeRound,
} from '../application/fund/programmes.js';
import { addDays, ageOn, communityDay } from '@shequ/contracts';
import { FundLedgerEntry } from '../entities/fund/index.js';

type Step = (uow: UnitOfWork, actor: FundActor) => Promise<unknown>;

/** The events seed's galas (每月一台晚会, January–October on the 20th): community-event indexes 5, 7, … 23. */
const galaEventId = (month: number) => demoId('community-event', 5 + 2 * (month - 1));

/**
 * The fund's demo year is relative to the seed's "today": the last year whose January–October is over (today from
 * 1 November of that year to 31 October of the next), so every step of the year is in the past whatever the date.
 */
export function demoFundYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today >= `${year}-11-01` ? year : year - 1;
}
const ORG = (n: number) => demoId('organization', n);
const APPROVERS = ['林秀珍（社区党委书记）', '陈志强（居委会主任）', '黄美玲（居委会委员）'];

/**
 * A year of 阳光爱心基金 up to the seed's "today" (its January–October: see `demoFundYear`): enterprise and unit donations before the
 * Spring Festival, 学雷锋日 gifts of building leaders, 七一 party members' donations, 重阳 gifts of the 关工委 "五老",
 * a collection at every monthly gala; 春节慰问 of 低保/特困 households, illness, disaster, disability and 重阳
 * disbursements through 两委 approval and 公示; the «爱心伴我成长» 助学金 sponsored by 中信隆进出口公司 and
 * 红十字特别救助 applications. Written through the same application functions as the API, in date order, so the
 * ledger, its balances and the events are what the live service would have produced. Deterministic for a given day.
 * A gala's collection names its event when the events seed holds that gala on the same day (the events calendar
 * keeps the twelve months around today: see `demoEventYear`); an earlier gala's is an anonymous collection.
 */
export async function seedFundDemo({ orm, outbox, logger, clock }: DemoSeedDependencies): Promise<void> {
  const data = demoDataset();
  const communityId = data.community.code;
  if ((await orm.em.fork().count(FundLedgerEntry, { communityId })) > 0) return;
  const random = new SeededRandom('莲秀社区-阳光爱心基金');
  const today = communityDay(clock.now());
  const year = demoFundYear(today);
  /** The end of the fund's year (its ages and the donors' first gifts are counted from here). */
  const yearEnd = `${year}-11-01`;
  const d = (month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  /** The galas of the fund's year that the events seed holds on the same day (and has completed). */
  const galaMonths = Array.from({ length: 10 }, (_, i) => i + 1).filter((m) => demoEventYear(m, today) === year);
  const steps: Array<{ on: string; order: number; step: Step }> = [];
  const at = (on: string, step: Step) => steps.push({ on, order: steps.length, step });
  const donors = new Map<string, string>();
  const ids = new Map<string, string>();
  let receipt = 0;

  const donor =
    (key: string, input: Parameters<typeof registerFundDonor>[1]): Step =>
    async (uow, actor) => {
      if (!donors.has(key)) donors.set(key, (await registerFundDonor(uow, input, actor)).id);
    };
  const donate = (on: string, donorKey: string | null, input: Partial<DonationInput> & { amountFen: number }) =>
    at(on, (uow, actor) =>
      recordFundDonation(
        uow,
        {
          donorId: donorKey ? donors.get(donorKey)! : null,
          form: 'MONEY',
          receiptNumber: `LXAX-${on.slice(0, 4)}-${String(++receipt).padStart(4, '0')}`,
          receivedOn: on,
          ...input,
        },
        actor,
        { eventOnly: false },
      ),
    );

  // Donors of the registry's kind: units and enterprises of the area, and the 中信隆 sponsor.
  const units: Array<[string, number, 'ENTERPRISE' | 'ORGANIZATION']> = [
    ['tech', 16, 'ENTERPRISE'],
    ['catering', 11, 'ENTERPRISE'],
    ['bank', 12, 'ORGANIZATION'],
    ['builder', 14, 'ENTERPRISE'],
    ['pharmacy', 13, 'ENTERPRISE'],
    ['telecom', 10, 'ORGANIZATION'],
    ['property', 4, 'ORGANIZATION'],
  ];
  at(addDays(yearEnd, -360), async (uow, actor) => {
    for (const [key, index, kind] of units)
      await donor(key, { kind, organizationId: ORG(index), namedInReport: true })(uow, actor);
    await donor('zxl', { kind: 'ENTERPRISE', name: '中信隆进出口公司', namedInReport: true })(uow, actor);
  });
  donate(addDays(yearEnd, -350), 'property', { amountFen: 300000, note: '冬季慰问捐款' });
  donate(d(1, 12), 'tech', { amountFen: 1000000, note: '迎春送温暖' });
  donate(d(1, 13), 'catering', { amountFen: 500000 });
  donate(d(1, 13), 'catering', {
    form: 'IN_KIND',
    amountFen: 600000,
    itemDescription: '春节慰问年货：大米、食用油 50 份',
  });
  donate(d(1, 15), 'bank', { amountFen: 500000 });
  donate(d(1, 16), 'builder', { amountFen: 800000 });
  donate(d(1, 18), 'pharmacy', { form: 'IN_KIND', amountFen: 300000, itemDescription: '常用药品、血压计' });
  donate(d(1, 20), 'telecom', { amountFen: 200000 });

  // People: building leaders (学雷锋日), party members (七一), 关工委 "五老" (重阳), a few residents.
  const byAge = (r: DemoResident) => ageOn(r.birthDate, yearEnd);
  const residents = new Map(data.residents.map((r) => [r.id, r]));
  const leaders = data.buildings.map((b) => b.leaderResidentId).filter((id): id is string => !!id);
  const adults = random.shuffle(
    data.residents.filter((r) => r.residenceType === 'REGISTERED' && byAge(r) >= 25 && !leaders.includes(r.id)),
  );
  type PersonKind = 'BUILDING_LEADER' | 'PARTY_MEMBER' | 'FIVE_ELDERS' | 'RESIDENT';
  const people: Array<{ key: string; kind: PersonKind; residentId: string; on: string }> = [
    ...leaders
      .slice(0, 15)
      .map((id, i) => ({ key: `leader-${i}`, kind: 'BUILDING_LEADER' as const, residentId: id, on: d(3, 5) })),
    ...adults
      .slice(0, 30)
      .map((r, i) => ({ key: `member-${i}`, kind: 'PARTY_MEMBER' as const, residentId: r.id, on: d(6, 28) })),
    ...adults
      .filter((r) => byAge(r) >= 70)
      .slice(0, 6)
      .map((r, i) => ({ key: `elder-${i}`, kind: 'FIVE_ELDERS' as const, residentId: r.id, on: d(10, 12) })),
    ...adults.slice(40, 50).map((r, i) => ({
      key: `resident-${i}`,
      kind: 'RESIDENT' as const,
      residentId: r.id,
      on: d(4 + (i % 6), 8 + i),
    })),
  ];
  for (const { key, kind, residentId, on } of people) {
    const amountFen = kind === 'FIVE_ELDERS' ? random.int(2, 10) * 10000 : random.int(1, 5) * 10000;
    at(on, donor(key, { kind, residentId, namedInReport: random.chance(0.4) }));
    donate(on, key, { amountFen });
  }

  // 每月一台晚会: the collection box at each gala (anonymous), January–October.
  for (let month = 1; month <= 10; month++)
    donate(d(month, 20), null, {
      amountFen: random.int(60000, 180000),
      ...(galaMonths.includes(month) ? { eventId: galaEventId(month) } : {}),
      note: '晚会现场爱心募捐',
    });
  donate(d(5, 11), null, { amountFen: 100000, note: '爱心人士匿名捐款' });
  donate(d(9, 2), null, { amountFen: 50000, note: '爱心人士匿名捐款' });

  // Disbursements through 提议 → 两委审批 → 公示 (7 days) → 发放.
  const careOf = (category: string) => data.careRecords.filter((c) => c.category === category).map((c) => c.residentId);
  const disburse = (
    key: string,
    residentId: string,
    reason: FundDisbursementReason,
    amountFen: number,
    statement: string,
    proposedOn: string,
    until: 'PROPOSED' | 'PUBLISHED' | 'PAID' | 'WITHDRAWN' = 'PAID',
  ) => {
    at(proposedOn, async (uow, actor) =>
      ids.set(key, (await proposeFundDisbursement(uow, { residentId, reason, amountFen, statement }, actor)).id),
    );
    if (until === 'PROPOSED') return;
    const approvedOn = addDays(proposedOn, 2);
    at(approvedOn, (uow, actor) =>
      approveFundDisbursement(
        uow,
        { disbursementId: ids.get(key)!, approvedOn, approvers: APPROVERS, decisionReference: `两委纪要〔${year}〕` },
        actor,
      ),
    );
    at(addDays(proposedOn, 3), (uow, actor) => publishFundDisbursement(uow, { disbursementId: ids.get(key)! }, actor));
    if (until === 'WITHDRAWN') {
      at(addDays(proposedOn, 5), (uow, actor) =>
        challengeFundDisbursement(uow, { disbursementId: ids.get(key)!, note: '居民反映其家庭收入已有改善' }, actor),
      );
      at(addDays(proposedOn, 8), (uow, actor) =>
        resolveFundDisbursementChallenge(
          uow,
          { disbursementId: ids.get(key)!, upheld: true, resolution: '经入户核实，家庭已有稳定收入' },
          actor,
        ),
      );
      return;
    }
    if (until === 'PAID')
      at(addDays(proposedOn, 11), (uow, actor) => payFundDisbursement(uow, { disbursementId: ids.get(key)! }, actor));
  };
  const allowance = random.shuffle([...careOf('MINIMUM_LIVING_ALLOWANCE'), ...careOf('EXTREME_POVERTY')]);
  allowance
    .slice(0, 8)
    .forEach((id, i) =>
      disburse(`spring-${i}`, id, 'HARDSHIP', random.int(5, 8) * 10000, '春节慰问：低保/特困家庭', d(1, 22)),
    );
  disburse('illness-1', allowance[8], 'ILLNESS', 500000, '恶性肿瘤术后化疗，自付费用高，家庭困难', d(4, 7));
  disburse('illness-2', allowance[9], 'ILLNESS', 300000, '尿毒症长期透析', d(7, 2));
  disburse('illness-3', allowance[10], 'ILLNESS', 800000, '突发脑溢血住院，家中无固定收入', d(9, 8));
  disburse('withdrawn', allowance[11], 'HARDSHIP', 100000, '家庭临时困难', d(6, 3), 'WITHDRAWN');
  disburse('typhoon-1', allowance[12], 'DISASTER', 100000, '台风致屋顶漏水、家具受损', d(8, 4));
  disburse('typhoon-2', allowance[13], 'DISASTER', 100000, '台风致门窗损坏', d(8, 4));
  random
    .shuffle(careOf('DISABILITY'))
    .slice(0, 2)
    .forEach((id, i) => disburse(`disability-${i}`, id, 'DISABILITY', 100000, '全国助残日慰问', d(5, 6)));
  random
    .shuffle(careOf('ELDERLY_LIVING_ALONE'))
    .slice(0, 5)
    .forEach((id, i) => disburse(`elderly-${i}`, id, 'ELDERLY', 30000, '重阳节慰问独居老人', d(10, 6)));
  disburse('current', allowance[14], 'ILLNESS', 400000, '白血病治疗', addDays(today, -6), 'PUBLISHED');
  disburse('new', allowance[15], 'HARDSHIP', 80000, '子女上学费用困难', addDays(today, -2), 'PROPOSED');

  // «爱心伴我成长» 助学金: 中信隆进出口公司 gives the year's budget; children of floating families in hardship apply.
  const opensOn = d(7, 1);
  const appliedOn = d(7, 10);
  at(opensOn, async (uow, actor) => {
    const programme = await createFundProgramme(
      uow,
      {
        kind: 'SPONSORED',
        name: '“爱心伴我成长”助学金',
        sponsorName: '中信隆进出口公司',
        eligibility: '辖区内家庭困难的外来务工人员子女（未满 18 周岁）',
      },
      actor,
    );
    ids.set('aid', programme.id);
    await openFundProgrammeRound(
      uow,
      { programmeId: programme.id, year, budgetFen: 2000000, opensOn, closesOn: d(8, 15) },
      actor,
    );
  });
  at(opensOn, (uow, actor) =>
    recordFundDonation(
      uow,
      {
        donorId: donors.get('zxl')!,
        form: 'MONEY',
        amountFen: 2000000,
        receiptNumber: `LXAX-${year}-ZXL`,
        receivedOn: opensOn,
        programmeId: ids.get('aid')!,
        note: '“爱心伴我成长”助学金年度资助',
      },
      actor,
      { eventOnly: false },
    ),
  );
  const floatingHouseholds = new Set(
    data.residents.filter((r) => r.residenceType === 'FLOATING').map((r) => r.householdId),
  );
  const pupils = data.careRecords
    .filter((c) => c.category === 'MIGRANT_WORKER_CHILD' && c.startedOn <= appliedOn)
    .map((c) => residents.get(c.residentId)!)
    .filter((r) => ageOn(r.birthDate, appliedOn) < 18 && ageOn(r.birthDate, appliedOn) >= 6)
    .filter((r) => floatingHouseholds.has(r.householdId))
    .slice(0, 6);
  pupils.forEach((pupil, i) => {
    at(appliedOn, async (uow, actor) => {
      const application = await applyToFundProgramme(
        uow,
        { programmeId: ids.get('aid')!, residentId: pupil.id, appliedOn, statement: '父母务工收入低，家庭困难' },
        actor,
      );
      ids.set(`pupil-${i}`, application.id);
    });
    at(d(8, 3), async (uow, actor) => {
      const decided = await decideFundApplication(
        uow,
        { applicationId: ids.get(`pupil-${i}`)!, awarded: true, decidedOn: d(8, 3), awardedFen: 200000 },
        actor,
      );
      ids.set(`award-${i}`, decided.disbursementId!);
    });
    at(d(8, 5), (uow, actor) =>
      approveFundDisbursement(
        uow,
        { disbursementId: ids.get(`award-${i}`)!, approvedOn: d(8, 5), approvers: APPROVERS },
        actor,
      ),
    );
    at(d(8, 6), (uow, actor) => publishFundDisbursement(uow, { disbursementId: ids.get(`award-${i}`)! }, actor));
    at(d(8, 20), (uow, actor) => payFundDisbursement(uow, { disbursementId: ids.get(`award-${i}`)! }, actor));
  });

  // 红十字特别救助, applied for on residents' behalf and tracked to the outcome.
  at(d(3, 2), async (uow, actor) => {
    const redCross = await createFundProgramme(
      uow,
      { kind: 'OUTSIDE_BODY', name: '红十字特别救助', sponsorName: '厦门市红十字会' },
      actor,
    );
    ids.set('redcross', redCross.id);
    const first = await applyToFundProgramme(
      uow,
      {
        programmeId: redCross.id,
        residentId: allowance[8],
        appliedOn: d(3, 2),
        statement: '恶性肿瘤多次赴外地手术，爱人无固定职业',
        externalReference: `HSZ-${year}-031`,
      },
      actor,
    );
    ids.set('redcross-1', first.id);
  });
  at(d(3, 30), (uow, actor) =>
    decideFundApplication(
      uow,
      { applicationId: ids.get('redcross-1')!, awarded: true, decidedOn: d(3, 30), awardedFen: 1000000 },
      actor,
    ),
  );
  at(d(10, 20), (uow, actor) =>
    applyToFundProgramme(
      uow,
      {
        programmeId: ids.get('redcross')!,
        residentId: allowance[10],
        appliedOn: d(10, 20),
        statement: '脑溢血后偏瘫，需长期康复',
        externalReference: `HSZ-${year}-117`,
      },
      actor,
    ),
  );

  steps.sort((a, b) => a.on.localeCompare(b.on) || a.order - b.order);
  await orm.em.fork().transactional(async (em) => {
    const events = eventSink(outbox, em, { communityId, actor: SYSTEM_ACTOR, correlationId: 'demo-seed-fund' });
    // The galas the collections name, as the events seed creates them (same deterministic ids, all completed by
    // today). This seed cannot wait for events' seed to arrive over NATS, so it writes the projection rows
    // itself; the events service's own events, when they come, find them already there (idempotent upserts).
    for (const month of galaMonths)
      await projectEventStatus(em, {
        eventId: galaEventId(month),
        communityId,
        status: 'COMPLETED',
        at: new Date(`${d(month, 20)}T12:00:00Z`),
      });
    await em.flush();
    for (const { on, step } of steps)
      await step(
        { em, events },
        { id: 'residents:demo-seed', communityId, now: new Date(`${on}T02:00:00Z`), today: on },
      );
  });
  logger.info({ operations: steps.length, pupils: pupils.length }, 'demo 阳光爱心基金 loaded');
}
