import { Case } from './case.js';
import { CaseNumberSequence } from './case-number-sequence.js';
import { ResidentProjection } from './resident-projection.js';

export { Case, CaseNumberSequence, ResidentProjection };
export const casesEntities = [Case, CaseNumberSequence, ResidentProjection];
