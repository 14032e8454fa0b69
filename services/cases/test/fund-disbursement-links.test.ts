import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FundDisbursementApproved,
  FundDisbursementPaid,
  FundDisbursementProposed,
  FundDisbursementWithdrawn,
} from '@shequ/contracts';
import { knownReferences, startTestSubgraph, TestEventPublisher, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { CaseFundDisbursement } from '../src/entities/case-fund-disbursement.js';
import { casesService } from '../src/service.js';
import { auditedReadsOf } from './audited-reads.js';

const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`;
const CASE = `query($id: ID!) { case(id: $id) { id fundDisbursements { disbursementId amountFen status proposedOn paidOn withdrawnOn } } }`;

const proposal = (disbursementId: string, residentId: string, caseId: string | null = null) => ({
  disbursementId,
  residentId,
  householdId: null,
  reason: 'ILLNESS' as const,
  amountFen: 300000,
  proposedOn: '2026-03-02',
  caseId,
  programmeId: null,
});

describe.each(testDialects())('cases links 阳光爱心基金 disbursements to assistance cases on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let residents: TestEventPublisher;
  const linked = (disbursementId: string, status?: string) =>
    waitFor(
      async () => {
        const row = await service.orm.em.fork().findOne(CaseFundDisbursement, { disbursementId });
        return row && (!status || row.status === status) ? row : null;
      },
      { what: `disbursement ${disbursementId} ${status ?? ''}` },
    );
  const open = async (reporterId: string, category = 'ASSISTANCE_APPLICATION') => {
    const result = await service.graphql(OPEN, {
      input: { reporterId, category, channel: 'WALK_IN', description: '申请困难救助' },
    });
    expect(result.errors).toBeUndefined();
    return result.data.openCase.case.id as string;
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(casesService, { dialect, natsUrl: nats.url });
    // the reporters, as residents would have announced them (cases checks a reporter against its projection)
    await knownReferences(service, [
      { kind: 'RESIDENT', id: 'res-xie' },
      { kind: 'RESIDENT', id: 'res-wang' },
    ]);
    residents = new TestEventPublisher(nats.url);
  });
  afterAll(async () => {
    await residents?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('links to the resident’s live 救助申请 and follows the disbursement to payment, never backwards', async () => {
    await open('res-xie', 'HOUSING_REPAIR');
    const assistance = await open('res-xie');
    await residents.publish(FundDisbursementProposed, proposal('d-1', 'res-xie'));
    expect((await linked('d-1')).caseId).toBe(assistance);
    await residents.publish(FundDisbursementApproved, {
      disbursementId: 'd-1',
      residentId: 'res-xie',
      approvedOn: '2026-03-04',
    });
    const paid = await residents.publish(FundDisbursementPaid, {
      disbursementId: 'd-1',
      residentId: 'res-xie',
      reason: 'ILLNESS',
      amountFen: 300000,
      paidOn: '2026-03-16',
      caseId: null,
    });
    await linked('d-1', 'PAID');
    // A late approval (redelivered) does not move it back.
    await residents.publish(FundDisbursementApproved, {
      disbursementId: 'd-1',
      residentId: 'res-xie',
      approvedOn: '2026-03-04',
    });
    await residents.republish(paid);
    await residents.publish(FundDisbursementProposed, proposal('d-marker', 'res-marker'));
    await linked('d-marker'); // the consumer works in order: the late events have been handled
    const view = await service.graphql(CASE, { id: assistance }, { role: 'civil_affairs' });
    expect(view.errors).toBeUndefined();
    expect(view.data.case.fundDisbursements).toEqual([
      {
        disbursementId: 'd-1',
        amountFen: 300000,
        status: 'PAID',
        proposedOn: '2026-03-02',
        paidOn: '2026-03-16',
        withdrawnOn: null,
      },
    ]);
    const party = await service.graphql(CASE, { id: assistance }, { role: 'party_affairs' });
    expect(party.data?.case?.fundDisbursements ?? []).toEqual([]);
  });

  // A disbursement shown on the case tells that its resident is in hardship, which the graph shows only where care
  // categories are seen: that read is audited for the resident helped, as residents audits its own disbursements
  // (before, cases showed them to 保障站 with no audit entry).
  it('audits the disbursements it shows for the resident helped', async () => {
    const assistance = await open('res-xie');
    await residents.publish(FundDisbursementProposed, proposal('d-audit', 'res-xie', assistance));
    await linked('d-audit');
    const view = await service.graphql(CASE, { id: assistance }, { role: 'civil_affairs', subject: 'staff-ss-audit' });
    expect(view.errors).toBeUndefined();
    expect(view.data.case.fundDisbursements).toHaveLength(1);
    const audited = await waitFor(
      async () => {
        const reads = await auditedReadsOf(service, 'staff-ss-audit');
        return reads.length > 0 ? reads : undefined;
      },
      { what: 'the audit entry of the case view' },
    );
    expect(audited).toEqual([{ subjectType: 'Resident', subjectId: 'res-xie', fields: ['careCategories'] }]);
  });

  it('uses the case named in the proposal, and keeps a disbursement with no case unlinked', async () => {
    const named = await open('res-wang');
    await open('res-wang'); // a later assistance case: the named one wins
    await residents.publish(FundDisbursementProposed, proposal('d-2', 'res-wang', named));
    expect((await linked('d-2')).caseId).toBe(named);
    await residents.publish(FundDisbursementWithdrawn, {
      disbursementId: 'd-2',
      residentId: 'res-wang',
      withdrawnOn: '2026-03-05',
      caseId: named,
    });
    expect((await linked('d-2', 'WITHDRAWN')).withdrawnOn).toBe('2026-03-05');
    await residents.publish(FundDisbursementProposed, proposal('d-3', 'res-nobody'));
    expect((await linked('d-3')).caseId).toBeNull();
  });

  it('never links a disbursement to a case of another department (a housing repair)', async () => {
    const repair = await open('res-xie', 'HOUSING_REPAIR');
    await residents.publish(FundDisbursementProposed, proposal('d-4', 'res-xie', repair));
    expect((await linked('d-4')).caseId).toBeNull();
    const CASE_ROWS = `query($id: ID!) { case(id: $id) { id fundDisbursements { disbursementId } } }`;
    const shown = await service.graphql(CASE_ROWS, { id: repair });
    expect(shown.data?.case.fundDisbursements).toEqual([]);
  });
});
