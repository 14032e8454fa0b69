import type { UniqueConflictRule } from '@shequ/subgraph';
import type { Department } from '@shequ/contracts';
import { memberFileExistsMessage } from '../domain/development-pipeline.js';
import { nominationTakenMessage } from '../domain/red-flag-selection.js';

/**
 * The rules party-building's unique indexes stand for: a write that passed the rule's check while a concurrent one
 * wrote the same record first is answered with the rule's own message (`ctx.transaction`).
 */
export const partybuildingUniqueConflicts: UniqueConflictRule[] = [
  {
    table: 'party_member',
    columns: ['resident_id'],
    field: 'residentId',
    message: (key) => memberFileExistsMessage(key.resident_id),
  },
  {
    table: 'red_flag_nomination',
    columns: ['period_id', 'department'],
    field: 'department',
    message: (key) => nominationTakenMessage(key.department as Department | undefined),
  },
];
