import { PiiRead } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import type { TestSubgraph } from '@shequ/subgraph/testing';

/** The personal-data reads cases has announced (`audit.pii_read`, in its outbox) for one caller. */
export async function auditedReadsOf(service: TestSubgraph, callerId: string): Promise<unknown[]> {
  const rows = await service.orm.em.fork().find(OutboxMessage, { subject: PiiRead.cases.subject });
  return rows
    .map((r) => JSON.parse(r.payload) as { data: { caller: { id: string }; reads: unknown[] } })
    .filter((e) => e.data.caller.id === callerId)
    .flatMap((e) => e.data.reads);
}
