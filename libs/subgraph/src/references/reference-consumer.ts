import {
  BuildingMovedToGrid,
  BuildingRegistered,
  CommunityRegistered,
  GridRegistered,
  HouseholdRegistered,
  OrganizationRegistered,
  ResidentDeceased,
  ResidentIdentityCorrected,
  ResidentMovedIn,
  ResidentMovedOut,
  ResidentRegistered,
  StaffRegistered,
  StreetRegistered,
  durableNameOf,
  type ServiceName,
} from '@shequ/contracts';
import { EventConsumer } from '@shequ/messaging';
import type { ServiceDependencies } from '../subgraph-service.js';
import type { EntityManager } from '@mikro-orm/core';
import { afterCommitOf } from '@shequ/database';
import { ImpliedPlaces, applyReferenceFacts, moveBuildingFacts } from './apply-reference.js';
import { keepsResidentFact } from './resident-facts.js';

/** A resident's registration or move also states where their household and building are (known if not yet). */
async function impliedPlaces(
  implied: ImpliedPlaces,
  em: EntityManager,
  communityId: string,
  place: { householdId: string | null; buildingId: string | null; gridId: string | null },
  occurredAt: Date,
): Promise<void> {
  if (place.householdId)
    await implied.imply(em, {
      kind: 'HOUSEHOLD',
      id: place.householdId,
      communityId,
      parentId: place.buildingId,
      gridId: place.gridId,
      occurredAt,
    });
  if (place.buildingId)
    await implied.imply(em, {
      kind: 'BUILDING',
      id: place.buildingId,
      communityId,
      parentId: place.gridId,
      gridId: place.gridId,
      occurredAt,
    });
}

/**
 * The durable a service's reference projection is read through: its durable of residents' events (one per source,
 * shared with the service's other purposes for residents).
 */
export const referenceConsumerName = (service: ServiceName): string => durableNameOf({ service, source: 'residents' });

/**
 * Keeps `reference_projection` from residents' events: streets and communities (onboarded), grids, buildings (and grid
 * redraws, which carry their households and residents along), households, residents (household, status, birth date —
 * corrected by `resident.identity_corrected`), staff (department, grids, in post) and organisations.
 */
export function referenceProjectionConsumer(service: ServiceName, deps: ServiceDependencies): EventConsumer {
  const { orm, bus, outbox, logger } = deps;
  const at = (occurredAt: string) => new Date(occurredAt);
  // households and buildings seen committed: not written again for every resident of theirs
  const implied = new ImpliedPlaces(afterCommitOf(orm));
  // a resident's gender only where the service keeps it (RESIDENT_FACTS_KEPT)
  const keepsGender = keepsResidentFact(service, 'gender');
  return (
    new EventConsumer({ service, source: 'residents', purpose: 'references', orm, bus, outbox, logger })
      // streets (their code in `id` and `communityId`, the district in `parentId`): a street admin's token is taken
      // once its street is registered, before its first community is
      .on(StreetRegistered, async (event, { em }) => {
        await applyReferenceFacts(em, {
          kind: 'STREET',
          id: event.data.streetCode,
          communityId: event.data.streetCode,
          parentId: event.data.districtCode,
          occurredAt: at(event.occurredAt),
        });
      })
      .on(CommunityRegistered, async (event, { em }) => {
        await applyReferenceFacts(em, {
          kind: 'COMMUNITY',
          id: event.data.communityId,
          communityId: event.data.communityId,
          parentId: event.data.streetCode,
          occurredAt: at(event.occurredAt),
        });
      })
      .on(GridRegistered, async (event, { em }) => {
        await applyReferenceFacts(em, {
          kind: 'GRID',
          id: event.data.gridId,
          communityId: event.communityId,
          gridId: event.data.gridId,
          occurredAt: at(event.occurredAt),
        });
      })
      .on(BuildingRegistered, async (event, { em }) => {
        await applyReferenceFacts(em, {
          kind: 'BUILDING',
          id: event.data.buildingId,
          communityId: event.communityId,
          parentId: event.data.gridId,
          gridId: event.data.gridId,
          occurredAt: at(event.occurredAt),
        });
      })
      .on(BuildingMovedToGrid, async (event, { em }) => {
        await moveBuildingFacts(em, {
          buildingId: event.data.buildingId,
          toGridId: event.data.toGridId,
          communityId: event.communityId,
          occurredAt: at(event.occurredAt),
        });
      })
      .on(HouseholdRegistered, async (event, { em }) => {
        await applyReferenceFacts(em, {
          kind: 'HOUSEHOLD',
          id: event.data.householdId,
          communityId: event.communityId,
          parentId: event.data.buildingId,
          gridId: event.data.gridId,
          occurredAt: at(event.occurredAt),
        });
      })
      .on(StaffRegistered, async (event, { em }) => {
        await applyReferenceFacts(em, {
          kind: 'STAFF',
          id: event.data.staffId,
          communityId: event.communityId,
          status: event.data.active ? 'ACTIVE' : 'INACTIVE',
          department: event.data.department,
          gridIds: event.data.gridIds,
          occurredAt: at(event.occurredAt),
        });
      })
      .on(OrganizationRegistered, async (event, { em }) => {
        await applyReferenceFacts(em, {
          kind: 'ORGANIZATION',
          id: event.data.organizationId,
          communityId: event.communityId,
          gridId: event.data.gridId,
          occurredAt: at(event.occurredAt),
        });
      })
      .on(ResidentRegistered, async (event, { em }) => {
        await impliedPlaces(implied, em, event.communityId, event.data, at(event.occurredAt));
        await applyReferenceFacts(em, {
          kind: 'RESIDENT',
          id: event.data.residentId,
          communityId: event.communityId,
          status: 'ACTIVE',
          parentId: event.data.householdId,
          gridId: event.data.gridId,
          birthDate: event.data.birthDate,
          ...(keepsGender ? { gender: event.data.gender } : {}),
          occurredAt: at(event.occurredAt),
        });
      })
      // 身份证号更正: the birth date (and, where kept, the gender) derived from the corrected number
      .on(ResidentIdentityCorrected, async (event, { em }) => {
        await applyReferenceFacts(em, {
          kind: 'RESIDENT',
          id: event.data.residentId,
          communityId: event.communityId,
          birthDate: event.data.birthDate,
          ...(keepsGender ? { gender: event.data.gender } : {}),
          occurredAt: at(event.occurredAt),
        });
      })
      .on(ResidentMovedIn, async (event, { em }) => {
        await impliedPlaces(implied, em, event.communityId, event.data, at(event.occurredAt));
        await applyReferenceFacts(em, {
          kind: 'RESIDENT',
          id: event.data.residentId,
          communityId: event.communityId,
          status: 'ACTIVE',
          parentId: event.data.householdId,
          gridId: event.data.gridId,
          occurredAt: at(event.occurredAt),
        });
      })
      .on(ResidentMovedOut, async (event, { em }) => {
        await applyReferenceFacts(em, {
          kind: 'RESIDENT',
          id: event.data.residentId,
          communityId: event.communityId,
          status: 'MOVED_OUT',
          occurredAt: at(event.occurredAt),
        });
      })
      .on(ResidentDeceased, async (event, { em }) => {
        await applyReferenceFacts(em, {
          kind: 'RESIDENT',
          id: event.data.residentId,
          communityId: event.communityId,
          status: 'DECEASED',
          occurredAt: at(event.occurredAt),
        });
      })
  );
}

/**
 * A service's reference projection must be the first of its purposes of residents' events: a write's reference check
 * holds the projection row (`requireReference`, FOR SHARE) until it commits, so the consumer's transaction waits at the
 * projection and its domain clean-up (releasing a moved-out resident's registrations, ending memberships …), which
 * runs after, sees what the write linked. Throws at start when another purpose of residents' events comes first.
 */
export function requireReferencesFirst(consumers: readonly EventConsumer[]): void {
  const ofResidents = consumers.filter((consumer) => consumer.settings.source === 'residents');
  const at = ofResidents.findIndex((consumer) => consumer.settings.purpose === 'references');
  if (at > 0)
    throw new Error(
      `${ofResidents[at].name} must come before ${ofResidents[0].name} in the service's consumers: the domain clean-up ` +
        `of a resident who moved out or died must run after the reference projection in its transaction`,
    );
}
