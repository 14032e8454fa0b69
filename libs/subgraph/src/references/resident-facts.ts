import type { ServiceName } from '@shequ/contracts';

/** A resident's personal facts a reference projection may keep beyond the birth date (all services keep that). */
export type KeptResidentFact = 'gender';

/**
 * Which service keeps which of a resident's personal facts from residents' events in its reference projection: only
 * what its rules need (partybuilding: a member's gender for the party statistics and the member's file, never from
 * the caller). Every other service leaves them null. Residents' events may carry them (`resident.registered`, see
 * libs/contracts); the projection decides what is stored.
 */
export const RESIDENT_FACTS_KEPT: Readonly<Partial<Record<ServiceName, readonly KeptResidentFact[]>>> = {
  partybuilding: ['gender'],
};

export function keepsResidentFact(service: ServiceName, fact: KeptResidentFact): boolean {
  return RESIDENT_FACTS_KEPT[service]?.includes(fact) ?? false;
}
