import { Case } from './case.js';
import { CaseNumberSequence } from './case-number-sequence.js';
import { GridProjection } from './grid-projection.js';
import { ResidentProjection } from './resident-projection.js';

export { Case, CaseNumberSequence, GridProjection, ResidentProjection };
export const casesEntities = [Case, CaseNumberSequence, ResidentProjection, GridProjection];
