import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@shequ/contracts';
import { DEMO_STREET_OPTIONS } from '@shequ/demo-data';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { REVIEW_INTERVAL_MONTHS, reviewResult } from '../src/domain/care-schedule.js';
import { validResidence } from '../src/domain/floating-permit.js';
import { validateRegistration } from '../src/domain/resident-registration.js';
import { CareRecord, CareReview, Resident } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';

/** Two "todays" the demo must be true on: just after its reference date, and half a year later. */
const TODAYS = ['2026-12-02', '2027-07-15'];

describe.each(testDialects())('the residents demo keeps its own rules on %s', (dialect) => {
  describe.each(TODAYS)('seeded on %s', (today) => {
    let service: TestSubgraph;
    const now = new Date(`${today}T02:00:00Z`); // 10:00 in 厦门
    beforeAll(async () => {
      service = await startTestSubgraph(residentsService, { dialect, seed: true, clock: new ManualClock(now) });
    });
    afterAll(() => service?.stop());

    it('registers every resident as the API would (ID number, name, phone, 居住证)', async () => {
      const residents = await service.orm.em.fork().find(Resident, {});
      // 莲秀社区 and the demo street's generated communities: all registered as the API would
      expect(residents.filter((r) => r.communityId === '350203008006')).toHaveLength(2500);
      expect(residents).toHaveLength(2500 + DEMO_STREET_OPTIONS.residents);
      for (const r of residents) {
        const valid = validateRegistration({ name: r.name, idNumber: r.idNumber, phone: r.phone }, now);
        expect(valid.birthDate).toBe(r.birthDate);
        expect(valid.gender).toBe(r.gender);
        validResidence(r);
      }
    });

    it('keeps care records with the review history their schedule implies, none overdue for long', async () => {
      const em = service.orm.em.fork();
      const records = await em.find(CareRecord, {});
      const reviews = await em.find(CareReview, {}, { orderBy: { reviewedOn: 'asc' } });
      const byRecord = new Map<string, CareReview[]>();
      for (const review of reviews) byRecord.set(review.record.id, [...(byRecord.get(review.record.id) ?? []), review]);
      expect(await em.count(CareRecord, { category: 'MINIMUM_LIVING_ALLOWANCE', communityId: '350203008006' })).toBe(
        195,
      );
      const problems: string[] = [];
      for (const record of records) {
        const history = byRecord.get(record.id) ?? [];
        if (record.startedOn > today) problems.push(`${record.id} starts after today (${record.startedOn})`);
        const months = REVIEW_INTERVAL_MONTHS[record.category];
        if (months === null) {
          if (record.nextReviewOn !== null || history.length)
            problems.push(`${record.id} is not reviewed periodically`);
          continue;
        }
        // overdue by at most a few days (as in real work), never for months or years
        if (!record.nextReviewOn || record.nextReviewOn < addDays(today, -10))
          problems.push(`${record.id} (${record.category}) due ${record.nextReviewOn}`);
        let previous = record.startedOn;
        for (const review of history) {
          if (review.reviewedOn <= previous || review.reviewedOn > today)
            problems.push(`${record.id} reviewed on ${review.reviewedOn} after ${previous}, today ${today}`);
          expect(review.nextReviewOn).toBe(
            reviewResult(record.category, review.outcome, review.reviewedOn).nextReviewOn,
          );
          previous = review.reviewedOn;
        }
        if (history.length) expect(record.nextReviewOn).toBe(history.at(-1)!.nextReviewOn);
      }
      expect(problems).toEqual([]);
      // every 低保 household that has been on the list for more than a review period has been reviewed
      const lowIncome = records.filter(
        (r) => r.category === 'MINIMUM_LIVING_ALLOWANCE' && r.startedOn < addDays(today, -200),
      );
      expect(lowIncome.length).toBeGreaterThan(100);
      for (const r of lowIncome) expect(byRecord.get(r.id)?.length ?? 0).toBeGreaterThan(0);
    });
  });
});
