import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { actorOf, type Principal } from '@shequ/auth';
import { eventSink, type EventMetadata, type EventSink, type Outbox } from '@shequ/messaging';
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
  /** Community the request works in: the caller's, or the deployment's default. */
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
  defaultCommunityId: string;
  em: EntityManager;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
}): SubgraphContext {
  const em = deps.em.fork();
  const communityId = deps.principal.kind === 'anonymous' ? deps.defaultCommunityId : (deps.principal.communityId ?? deps.defaultCommunityId);
  const meta: EventMetadata = { communityId, actor: actorOf(deps.principal), correlationId: deps.requestId };
  return {
    requestId: deps.requestId,
    principal: deps.principal,
    communityId,
    em,
    loaders: new Loaders(em),
    clock: deps.clock,
    logger: deps.logger.child({ requestId: deps.requestId }),
    transaction: (work) => em.transactional((tx) => work({ em: tx, events: eventSink(deps.outbox, tx, meta) })),
  };
}
