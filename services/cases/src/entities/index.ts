import { referenceEntities, webhookEntities } from '@shequ/subgraph';
import { Case } from './case.js';
import { CaseEvaluation } from './case-evaluation.js';
import { CaseFundDisbursement } from './case-fund-disbursement.js';
import { CaseNumberSequence } from './case-number-sequence.js';
import { CaseAreaRollup, CaseRollup, CaseRollupMember } from './case-rollup.js';
import { CaseTimelineEntry } from './case-timeline-entry.js';
import { GridProjection } from './grid-projection.js';
import { Mediation, MediationParty, MediationSession } from './mediation.js';
import { Open311Request } from './open311-request.js';
import { ProactiveTask } from './proactive-task.js';
import { ResidentProjection } from './resident-projection.js';
import { Visit } from './visit.js';

export {
  Case,
  CaseEvaluation,
  CaseNumberSequence,
  CaseRollup,
  CaseRollupMember,
  CaseAreaRollup,
  CaseTimelineEntry,
  GridProjection,
  Mediation,
  MediationParty,
  MediationSession,
  Open311Request,
  ProactiveTask,
  ResidentProjection,
  Visit,
};
export const casesEntities = [
  ...referenceEntities,
  Case,
  CaseNumberSequence,
  CaseTimelineEntry,
  CaseEvaluation,
  Visit,
  Mediation,
  MediationParty,
  MediationSession,
  ProactiveTask,
  ResidentProjection,
  GridProjection,
  CaseFundDisbursement,
  Open311Request,
  ...webhookEntities,
  CaseRollup,
  CaseRollupMember,
  CaseAreaRollup,
];
