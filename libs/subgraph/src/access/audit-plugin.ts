import type { ApolloServerPlugin } from '@apollo/server';
import { AUDIT_TRAIL_SERVICE, PiiRead, type ServiceName } from '@shequ/contracts';
import { insertRows, newId } from '@shequ/database';
import { eventSink, type Outbox } from '@shequ/messaging';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { actorOf } from '@shequ/auth';
import type { SubgraphContext } from '../context.js';
import {
  PiiAuditRecord,
  auditReadsByCommunity,
  auditScopeText,
  encodeAuditSubjects,
  type AuditSubject,
} from './pii-audit-record.js';

/**
 * Before a response leaves, records the request's unmasked personal-data reads once, by the community of the persons
 * read (that community's trail must show them, whoever read them). The service that keeps the trail
 * (`AUDIT_TRAIL_SERVICE`) inserts ONE compact row (`PiiAuditRecord`) per community read — one statement, no event;
 * any other service publishes one `shequ.<service>.audit.pii_read` per community through its outbox (committed before
 * the response), which the trail keeper turns into those rows. If the audit cannot be written, the caller gets an
 * error instead of the data. Requests without unmasked reads cost nothing.
 */
export function piiAuditPlugin(deps: {
  service: ServiceName;
  orm: MikroORM;
  outbox: Outbox;
  logger: Logger;
}): ApolloServerPlugin<SubgraphContext> {
  const keepsTrail = deps.service === AUDIT_TRAIL_SERVICE;
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, response }) {
          const reads = contextValue.pii.reads();
          const predicate = contextValue.pii.predicateRead();
          if (reads.length === 0 && !predicate) return;
          const { principal } = contextValue;
          if (principal.kind === 'anonymous') return;
          const roles = principal.kind === 'user' ? principal.roles : ['district_platform'];
          const readAt = contextValue.clock.now();
          const operation = clientOperationName(operationName);
          // the caller's own code (its community, street or district), not the community a request acts in
          const callerCommunityId = contextValue.access.homeCode;
          const caller = {
            kind: principal.kind,
            id: principal.id,
            roles,
            department: principal.kind === 'user' ? principal.department : null,
          };
          try {
            // one row (or event) per community of the persons read: each community's trail shows its residents
            const groups = auditReadsByCommunity(reads);
            // this request's own key: the request id may be the caller's, so it never tells rows of one request apart
            const requestKey = newId();
            if (keepsTrail) {
              const records = groups.map(({ communityId, subjects }) =>
                auditRecordOf({
                  id: newId(),
                  communityId,
                  callerCommunityId,
                  service: deps.service,
                  operation,
                  requestId: contextValue.requestId,
                  requestKey,
                  caller,
                  reads: subjects,
                  readAt,
                }),
              );
              if (predicate) {
                // the predicate covers the caller's communities: its row is the caller's community's
                let record = records.find((r) => r.communityId === callerCommunityId);
                if (!record) {
                  record = auditRecordOf({
                    id: newId(),
                    communityId: callerCommunityId,
                    callerCommunityId,
                    service: deps.service,
                    operation,
                    requestId: contextValue.requestId,
                    requestKey,
                    caller,
                    reads: [],
                    readAt,
                  });
                  records.push(record);
                }
                record.predicateCategory = predicate.category;
                record.predicateScope = auditScopeText(predicate.communities);
                record.predicateFrom = predicate.readFrom;
                record.predicateCount = await predicate.count();
                record.subjectCount += 1;
              }
              await insertAuditRecords(deps.orm, records);
              return;
            }
            // only the trail keeper resolves predicates against its records' history
            if (predicate) throw new Error(`a predicate read is audited only by ${AUDIT_TRAIL_SERVICE}`);
            await deps.orm.em.fork().transactional(async (em) => {
              const events = eventSink(deps.outbox, em, {
                communityId: contextValue.communityId,
                actor: actorOf(principal),
                correlationId: contextValue.requestId,
              });
              for (const { communityId, subjects } of groups)
                events.record(
                  PiiRead[deps.service],
                  {
                    operation,
                    requestId: contextValue.requestId,
                    caller: { ...caller, communityId: callerCommunityId },
                    reads: subjects,
                    readAt: readAt.toISOString(),
                  },
                  { communityId },
                );
            });
          } catch (error) {
            deps.logger.error(
              { err: error, requestId: contextValue.requestId },
              'personal-data audit could not be written; response withheld',
            );
            if (response.body.kind === 'single') {
              response.body.singleResult = {
                errors: [
                  { message: '审计记录写入失败，已拒绝返回个人信息', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
                ],
              };
            }
          }
        },
      };
    },
  };
}

/**
 * Inserts a request's trail rows (one statement) with bound parameters: the statement's text is the same for every
 * request of one community, so SQLite prepares it once (`cacheStatements`), unlike `em.insert`, which writes the
 * values into the text.
 */
async function insertAuditRecords(orm: MikroORM, records: PiiAuditRecord[]): Promise<void> {
  let insert = auditInserts.get(orm);
  if (!insert) {
    const meta = orm.getMetadata().get<PiiAuditRecord>(PiiAuditRecord.name);
    const props = meta.props.filter((prop) => prop.fieldNames?.length === 1 && prop.persist !== false);
    insert = {
      em: orm.em.fork(),
      table: meta.tableName,
      columns: props.map((prop) => prop.fieldNames[0]),
      properties: props.map((prop) => prop.name as keyof PiiAuditRecord),
    };
    auditInserts.set(orm, insert);
  }
  const { properties } = insert;
  await insertRows(
    insert.em,
    insert.table,
    insert.columns,
    records.map((record) => properties.map((name) => record[name])),
  );
}
const auditInserts = new WeakMap<
  MikroORM,
  { em: EntityManager; table: string; columns: string[]; properties: Array<keyof PiiAuditRecord> }
>();

/** The one trail row of a request's reads (from the request itself, or from another service's event). */
export function auditRecordOf(source: {
  id: string;
  /** The community of the persons read. */
  communityId: string;
  /** The caller's community claim. */
  callerCommunityId: string | null;
  service: string;
  operation: string;
  requestId: string;
  /** The server's own key of the request (`PiiAuditRecord.requestKey`). */
  requestKey: string;
  caller: { kind: string; id: string; roles: string[]; department: string | null };
  reads: readonly AuditSubject[];
  readAt: Date;
}): PiiAuditRecord {
  const record = new PiiAuditRecord();
  Object.assign(record, {
    id: source.id,
    communityId: source.communityId,
    callerCommunityId: source.callerCommunityId?.slice(0, 12) ?? null,
    service: source.service,
    operation: source.operation.slice(0, 200),
    requestId: source.requestId.slice(0, 100),
    requestKey: source.requestKey,
    callerKind: source.caller.kind,
    callerId: source.caller.id.slice(0, 100),
    callerRoles: source.caller.roles.join(',').slice(0, 300),
    callerDepartment: source.caller.department?.slice(0, 100) ?? null,
    readAt: source.readAt,
    subjectCount: source.reads.length,
    subjects: encodeAuditSubjects(source.reads),
  });
  return record;
}

/** The client's operation name: the gateway sends `<name>__<subgraph>__<n>` to subgraphs. */
export function clientOperationName(operationName: string | null | undefined): string {
  if (!operationName) return 'anonymous';
  return /^(.+)__[a-z]+__\d+$/.exec(operationName)?.[1] ?? operationName;
}
