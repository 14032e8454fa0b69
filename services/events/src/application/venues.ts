import { newId } from '@shequ/database';
import { InvalidInputError } from '@shequ/errors';
import { requireOptionalReference, type UnitOfWork } from '@shequ/subgraph';
import { checkVenueCapacity, checkVenuePhotos } from '../domain/venue-booking.js';
import type { VenueKind } from '../domain/vocabularies.js';
import { Venue } from '../entities/venue.js';

export interface RegisterVenueCommand {
  name: string;
  kind: VenueKind;
  capacity?: number | null;
  address?: string | null;
  ownerOrganizationId?: string | null;
  photoUrls?: string[] | null;
  openingHours?: string | null;
}

/** Adds a facility to the ledger (文体设施资源台账). */
export async function registerVenue(
  uow: UnitOfWork,
  command: RegisterVenueCommand,
  communityId: string,
): Promise<Venue> {
  const name = command.name.trim();
  if (!name) throw new InvalidInputError('name', '场地名称不能为空');
  checkVenueCapacity(command.capacity ?? null);
  await requireOptionalReference(uow.em, {
    kind: 'ORGANIZATION',
    id: command.ownerOrganizationId,
    field: 'ownerOrganizationId',
    communityId,
  });
  const photoUrls = command.photoUrls ?? [];
  checkVenuePhotos(photoUrls);
  const venue = uow.em.create(Venue, {
    id: newId(),
    communityId,
    name,
    kind: command.kind,
    capacity: command.capacity ?? null,
    address: command.address?.trim() || null,
    ownerOrganizationId: command.ownerOrganizationId ?? null,
    photoUrls,
    openingHours: command.openingHours?.trim() || null,
  });
  await uow.em.flush();
  return venue;
}
