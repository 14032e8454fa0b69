import {
  FundDisbursementApproved,
  FundDisbursementPaid,
  FundDisbursementProposed,
  FundDisbursementPublished,
  FundDisbursementWithdrawn,
} from '@shequ/contracts';
import type { EventConsumer } from '@shequ/messaging';
import { advanceLinkedDisbursement, linkProposedDisbursement } from '../application/fund-disbursement-links.js';

/**
 * Adds the 阳光爱心基金 handlers to the residents consumer (one durable consumer per source): a disbursement is
 * linked to the assistance case it answers and followed to payment or withdrawal.
 */
export function withFundDisbursementLinks(consumer: EventConsumer): EventConsumer {
  return consumer
    .on(FundDisbursementProposed, async (event, { em }) => {
      await linkProposedDisbursement(em, event.communityId, event.data);
      await em.flush();
    })
    .on(FundDisbursementApproved, async (event, { em }) => {
      await advanceLinkedDisbursement(em, event.data.disbursementId, 'APPROVED');
      await em.flush();
    })
    .on(FundDisbursementPublished, async (event, { em }) => {
      await advanceLinkedDisbursement(em, event.data.disbursementId, 'PUBLISHED');
      await em.flush();
    })
    .on(FundDisbursementPaid, async (event, { em }) => {
      await advanceLinkedDisbursement(em, event.data.disbursementId, 'PAID', { paidOn: event.data.paidOn });
      await em.flush();
    })
    .on(FundDisbursementWithdrawn, async (event, { em }) => {
      await advanceLinkedDisbursement(em, event.data.disbursementId, 'WITHDRAWN', {
        withdrawnOn: event.data.withdrawnOn,
      });
      await em.flush();
    });
}
