import { v7 as uuidv7 } from 'uuid';

/** A new record id: UUIDv7, opaque to clients, sorting by creation time (good for keyset pagination). */
export function newId(): string {
  return uuidv7();
}
