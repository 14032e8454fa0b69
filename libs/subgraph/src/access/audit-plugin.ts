import type { ApolloServerPlugin } from '@apollo/server';
import { AUDIT_TRAIL_SERVICE, PiiRead, type ServiceName } from '@shequ/contracts';
import { insertRows, newId } from '@shequ/database';
import { eventSink, type Outbox } from '@shequ/messaging';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { actorOf } from '@shequ/auth';
import type { SubgraphContext } from '../context.js';
import { PiiAuditRecord, auditScopeText, encodeAuditSubjects, type AuditSubject } from './pii-audit-record.js';

/**
 * Before a response leaves, records the request's unmasked personal-data reads once. The service that keeps the
 * trail (`AUDIT_TRAIL_SERVICE`) inserts ONE compact row (`PiiAuditRecord`, every subject in it) — no transaction
 * of several statements, no event; any other service publishes `shequ.<service>.audit.pii_read` through its
 * outbox (committed before the response), which the trail keeper turns into that one row. If the audit cannot
 * be written, the caller gets an error instead of the data. Requests without unmasked reads cost nothing.
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
          const caller = {
            kind: principal.kind,
            id: principal.id,
            roles,
            department: principal.kind === 'user' ? principal.department : null,
          };
          try {
            if (keepsTrail) {
              const record = auditRecordOf({
                id: newId(),
                communityId: contextValue.communityId,
                service: deps.service,
                operation,
                requestId: contextValue.requestId,
                caller,
                reads,
                readAt,
              });
              if (predicate) {
                record.predicateCategory = predicate.category;
                record.predicateScope = auditScopeText(predicate.communities);
                record.predicateFrom = predicate.readFrom;
                record.predicateCount = await predicate.count();
                record.subjectCount += 1;
              }
              await insertAuditRecord(deps.orm, record);
              return;
            }
            // only the trail keeper resolves predicates against its records' history
            if (predicate) throw new Error(`a predicate read is audited only by ${AUDIT_TRAIL_SERVICE}`);
            await deps.orm.em.fork().transactional(async (em) => {
              eventSink(deps.outbox, em, {
                communityId: contextValue.communityId,
                actor: actorOf(principal),
                correlationId: contextValue.requestId,
              }).record(PiiRead[deps.service], {
                operation,
                requestId: contextValue.requestId,
                caller,
                reads,
                readAt: readAt.toISOString(),
              });
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
 * Inserts one trail row with bound parameters: the statement's text is the same for every request, so SQLite
 * prepares it once (`cacheStatements`), unlike `em.insert`, which writes the values into the text.
 */
async function insertAuditRecord(orm: MikroORM, record: PiiAuditRecord): Promise<void> {
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
  await insertRows(insert.em, insert.table, insert.columns, [insert.properties.map((name) => record[name])]);
}
const auditInserts = new WeakMap<
  MikroORM,
  { em: EntityManager; table: string; columns: string[]; properties: Array<keyof PiiAuditRecord> }
>();

/** The one trail row of a request's reads (from the request itself, or from another service's event). */
export function auditRecordOf(source: {
  id: string;
  communityId: string;
  service: string;
  operation: string;
  requestId: string;
  caller: { kind: string; id: string; roles: string[]; department: string | null };
  reads: readonly AuditSubject[];
  readAt: Date;
}): PiiAuditRecord {
  const record = new PiiAuditRecord();
  Object.assign(record, {
    id: source.id,
    communityId: source.communityId,
    service: source.service,
    operation: source.operation.slice(0, 200),
    requestId: source.requestId.slice(0, 100),
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
