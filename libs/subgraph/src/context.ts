import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { ACTING_COMMUNITY_HEADER, AccessControl, COMMUNITY_CODE, actorOf, type Principal } from '@shequ/auth';
import { eventSink, isConcurrencyFailure, type EventMetadata, type EventSink, type Outbox } from '@shequ/messaging';
import {
  ConflictError,
  InvalidInputError,
  ReferenceNotSyncedError,
  ServiceBusyError,
  UnknownReferenceError,
  UnregisteredCallerError,
} from '@shequ/errors';
import { newId, TransactionQueueFullError } from '@shequ/database';
import { PersonalDataReader } from './access/personal-data-reader.js';
import type { Clock } from './clock.js';
import { Loaders } from './loaders.js';
import { uniqueConflictFor, type UniqueConflictRule } from './unique-conflicts.js';
import type { RememberedRegistry } from './references/community-registry.js';

/** A unit of work: an EntityManager and the event sink writing into the same transaction. */
export interface UnitOfWork {
  em: EntityManager;
  events: EventSink;
  /**
   * The id of a new record of `kind` (e.g. `party-member`); absent: a fresh UUIDv7. Demo seeds, which write through
   * the same application functions as the API, give the ids of `@shequ/demo-data` here (`demoId(kind, n)`), so
   * every service and test names the demo's records alike.
   */
  recordIds?: (kind: string) => string;
}

/** The id of a record an application function creates: the unit of work's own (a seed's), else a fresh one. */
export function newRecordId(uow: UnitOfWork, kind: string): string {
  return uow.recordIds?.(kind) ?? newId();
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
  /**
   * Runs `work` in one transaction; events it records commit with its changes (outbox). A caller covering a
   * street or district writes in one community at a time: without an acting community (header
   * X-Shequ-Community) it is refused, unless the work is about the places above communities (`aboveCommunity`); so is
   * a write in a community that is not registered (NOT_YET_SYNCED while this service is still catching up). A write
   * that hits a unique index (a concurrent request wrote the same record first, between this one's checks and its
   * insert) is rolled back and answered CONFLICT with the message of the rule the index stands for, as the service
   * declares it (`SubgraphServiceDefinition.uniqueConflicts`: the same answer as the non-racing path, e.g. «已有党员档案»),
   * else with `UNIQUE_CONFLICT_MESSAGE` (sent again, the request then meets the rule's own check).
   */
  transaction<T>(work: (uow: UnitOfWork) => Promise<T>, options?: { aboveCommunity?: boolean }): Promise<T>;
}

/** The answer to a write that hit a unique index (the database's values and SQL are not shown). */
export const UNIQUE_CONFLICT_MESSAGE = '记录已存在或已被同时修改，请刷新后重试';

/**
 * A unique index refused the write: MikroORM's exception (its ORM path, both dialects), or the driver's own error from
 * a plain statement (`executePlain`: better-sqlite3 SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY, PostgreSQL SQLSTATE 23505).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof UniqueConstraintViolationException) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** A deadlock or serialisation failure (libs/messaging: consumers run such a batch again). */
export { isConcurrencyFailure };

export function createSubgraphContext(deps: {
  requestId: string;
  principal: Principal;
  /** The community named by the request's X-Shequ-Community header (callers covering several communities). */
  actingCommunityId?: string | null;
  em: EntityManager;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  /** Tells whether the reference projection may still be behind (a refused reference is then retryable). */
  referenceSync?: { catchingUp(): Promise<boolean> };
  /**
   * Whether a community is registered (社区入驻): writes in one that is not are refused; `authoritative` when this
   * service holds the registry itself (residents), else a refusal is retryable while its projection catches up.
   */
  communities?: Pick<RememberedRegistry, 'registered' | 'authoritative'>;
  /** The rules the service's unique indexes stand for: a write hitting one is answered with its rule's message. */
  uniqueConflicts?: readonly UniqueConflictRule[];
}): SubgraphContext {
  const em = deps.em.fork();
  const access = new AccessControl(deps.principal, deps.actingCommunityId ?? null);
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
    transaction: async (work, options) => {
      if (!options?.aboveCommunity && !COMMUNITY_CODE.test(communityId))
        throw new InvalidInputError(
          ACTING_COMMUNITY_HEADER,
          `街道、区级账号须在请求头 X-Shequ-Community 指定要写入的社区（辖区 ${communityId} 内的 12 位社区编码）`,
        );
      try {
        if (!options?.aboveCommunity && deps.communities && !(await deps.communities.registered(em, communityId))) {
          const message = `社区 ${communityId} 尚未登记：须先由街道或区级管理员登记（社区入驻），才能在该社区写入`;
          throw deps.communities.authoritative
            ? new InvalidInputError('community', message)
            : new UnknownReferenceError('community', message, 'COMMUNITY', communityId);
        }
        return await em.transactional((tx) => work({ em: tx, events: eventSink(deps.outbox, tx, meta) }));
      } catch (error) {
        if (error instanceof TransactionQueueFullError) throw new ServiceBusyError(error.message);
        if (isUniqueViolation(error))
          throw (
            uniqueConflictFor(error, deps.uniqueConflicts ?? []) ??
            new ConflictError(UNIQUE_CONFLICT_MESSAGE, { reason: 'UNIQUE_CONSTRAINT' })
          );
        // the abort as cause: a caller that runs the transaction again (an import's chunk) knows it by it
        if (isConcurrencyFailure(error))
          throw new ConflictError(UNIQUE_CONFLICT_MESSAGE, { reason: 'CONCURRENT_WRITE' }, { cause: error });
        if (
          (error instanceof UnknownReferenceError || error instanceof UnregisteredCallerError) &&
          (await deps.referenceSync?.catchingUp())
        )
          throw new ReferenceNotSyncedError(
            error instanceof UnknownReferenceError ? error.field : undefined,
            `${error.message}：本服务的数据尚未同步，请稍后重试`,
          );
        throw error;
      }
    },
  };
}
