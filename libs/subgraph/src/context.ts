import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { AccessControl, actorOf, type Principal } from '@shequ/auth';
import { eventSink, type EventMetadata, type EventSink, type Outbox } from '@shequ/messaging';
import { ReferenceNotSyncedError, UnknownReferenceError } from '@shequ/errors';
import { PersonalDataReader } from './access/personal-data-reader.js';
import type { Clock } from './clock.js';
import { Loaders } from './loaders.js';

/** A unit of work: an EntityManager and the event sink writing into the same transaction. */
export interface UnitOfWork {
  em: EntityManager;
  events: EventSink;
}

/** What every resolver receives. */
export interface SubgraphContext {
  requestId: string;
  principal: Principal;
  /** What the caller may do and see (policy table of libs/auth). */
  access: AccessControl;
  /** Personal fields go through here: raw, masked or absent by role; raw reads are audited. */
  pii: PersonalDataReader;
  /** The caller's community: where its writes go (for analysts, their street/district code). */
  communityId: string;
  /** A fork of the ORM's EntityManager for this request only (reads; writes go through `transaction`). */
  em: EntityManager;
  loaders: Loaders;
  clock: Clock;
  logger: Logger;
  /** Runs `work` in one transaction; events it records commit with its changes (outbox). */
  transaction<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T>;
}

export function createSubgraphContext(deps: {
  requestId: string;
  principal: Principal;
  em: EntityManager;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  /** Tells whether the reference projection may still be behind (a refused reference is then retryable). */
  referenceSync?: { catchingUp(): Promise<boolean> };
}): SubgraphContext {
  const em = deps.em.fork();
  const access = new AccessControl(deps.principal);
  const communityId = access.communityId;
  const meta: EventMetadata = { communityId, actor: actorOf(deps.principal), correlationId: deps.requestId };
  return {
    requestId: deps.requestId,
    principal: deps.principal,
    access,
    pii: new PersonalDataReader(access),
    communityId,
    em,
    loaders: new Loaders(em),
    clock: deps.clock,
    logger: deps.logger.child({ requestId: deps.requestId }),
    transaction: async (work) => {
      try {
        return await em.transactional((tx) => work({ em: tx, events: eventSink(deps.outbox, tx, meta) }));
      } catch (error) {
        if (error instanceof UnknownReferenceError && (await deps.referenceSync?.catchingUp()))
          throw new ReferenceNotSyncedError(error.field, `${error.message}：本服务的数据尚未同步，请稍后重试`);
        throw error;
      }
    },
  };
}
