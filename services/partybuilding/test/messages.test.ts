import { describe, expect, it } from 'vitest';
import {
  checkProbationExtension,
  checkStageChange,
  checkStageHistory,
  type PipelineMember,
} from '../src/domain/development-pipeline.js';
import { checkMemberPlacement, checkPlacement } from '../src/domain/organization-tree.js';
import { checkNomination } from '../src/domain/red-flag-selection.js';
import { checkTransferStep } from '../src/domain/transfer-workflow.js';

const applicant: PipelineMember = {
  stage: 'APPLICANT',
  status: 'ACTIVE',
  birthDate: '1990-01-01',
  appliedOn: '2026-01-05',
  activistOn: null,
  developmentTargetOn: null,
  probationaryOn: null,
  fullMemberOn: null,
  probationExtendedUntil: null,
};

/** The words a worker reads are the vocabulary's labels, never its codes (issue 13 §3). */
const CODE = /\b[A-Z][A-Z_]{2,}\b/;

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('party-building messages name stages, levels, statuses and departments in Chinese', () => {
  it('a stage change out of order names the current and wanted stage (入党申请人, not APPLICANT)', () => {
    const message = messageOf(() => checkStageChange(applicant, 'PROBATIONARY', '2026-06-01', '2026-11-01'));
    expect(message).toContain('当前阶段为「入党申请人」');
    expect(message).toContain('「预备党员」');
    expect(message).not.toMatch(CODE);
    expect(messageOf(() => checkProbationExtension(applicant, '2027-06-01'))).toContain('「入党申请人」');
    expect(messageOf(() => checkStageHistory({ ...applicant, activistOn: '2026-02-01' }, '2026-11-01'))).toContain(
      '尚未到「入党积极分子」阶段',
    );
  });

  it('placements name the organisation levels (党支部, 党委), transfers their status, 红旗岗 the department', () => {
    const placement = messageOf(() => checkMemberPlacement({ id: 'c', level: 'COMMITTEE' }, null));
    expect(placement).toContain('「社区党委」');
    expect(placement).not.toMatch(CODE);
    expect(messageOf(() => checkPlacement('GROUP', null))).not.toMatch(CODE);
    const transfer = messageOf(() =>
      checkTransferStep(
        {
          status: 'REQUESTED',
          letterNumber: null,
          requestedOn: '2026-10-01',
          sentOn: null,
          receivedOn: null,
          completedOn: null,
        },
        'COMPLETED',
        '2026-10-05',
        '2026-11-01',
      ),
    );
    expect(transfer).toContain('「已申请」');
    expect(transfer).not.toMatch(CODE);
    const nomination = messageOf(() => checkNomination([{ department: 'SOCIAL_SECURITY' }], 'SOCIAL_SECURITY', false));
    expect(nomination).not.toMatch(CODE);
  });
});
