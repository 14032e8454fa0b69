import type { UniqueConflictRule } from '@shequ/subgraph';
import { teamNameTakenMessage } from './teams.js';

/**
 * The rules the events service's unique indexes stand for: a write that passed the rule's check while a concurrent
 * one wrote the same record first is answered with the rule's own message (`ctx.transaction`).
 */
export const eventsUniqueConflicts: UniqueConflictRule[] = [
  { table: 'team', columns: ['community_id', 'name'], field: 'name', message: (key) => teamNameTakenMessage(key.name) },
];
