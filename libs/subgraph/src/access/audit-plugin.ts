import type { ApolloServerPlugin } from '@apollo/server';
import { PiiRead, type ServiceName } from '@shequ/contracts';
import { newId } from '@shequ/database';
import { eventSink, type Outbox } from '@shequ/messaging';
import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { actorOf } from '@shequ/auth';
import type { SubgraphContext } from '../context.js';
import { PiiAuditEntry } from './pii-audit-entry.js';

/**
 * Before a response leaves, writes one audit row per subject whose personal data was read unmasked, and
 * publishes `shequ.<service>.audit.pii_read` in the same transaction. If the audit cannot be written, the
 * caller gets an error instead of the data.
 */
export function piiAuditPlugin(deps: {
  service: ServiceName;
  orm: MikroORM;
  outbox: Outbox;
  logger: Logger;
}): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, response }) {
          const reads = contextValue.pii.reads();
          if (reads.length === 0) return;
          const { principal } = contextValue;
          if (principal.kind === 'anonymous') return;
          const roles = principal.kind === 'user' ? principal.roles : ['district_platform'];
          const readAt = contextValue.clock.now();
          const operation = clientOperationName(operationName);
          try {
            await deps.orm.em.fork().transactional(async (em) => {
              for (const read of reads) {
                const entry = new PiiAuditEntry();
                Object.assign(entry, {
                  id: newId(),
                  communityId: contextValue.communityId,
                  subjectType: read.subjectType,
                  subjectId: read.subjectId,
                  fields: read.fields.join(','),
                  operation,
                  requestId: contextValue.requestId,
                  callerKind: principal.kind,
                  callerId: principal.id,
                  callerRoles: roles.join(','),
                  readAt,
                });
                em.persist(entry);
              }
              eventSink(deps.outbox, em, {
                communityId: contextValue.communityId,
                actor: actorOf(principal),
                correlationId: contextValue.requestId,
              }).record(PiiRead[deps.service], {
                operation,
                requestId: contextValue.requestId,
                caller: {
                  kind: principal.kind,
                  id: principal.id,
                  roles,
                  department: principal.kind === 'user' ? principal.department : null,
                },
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

/** The client's operation name: the gateway sends `<name>__<subgraph>__<n>` to subgraphs. */
export function clientOperationName(operationName: string | null | undefined): string {
  if (!operationName) return 'anonymous';
  return /^(.+)__[a-z]+__\d+$/.exec(operationName)?.[1] ?? operationName;
}
