import { PiiRead, type ServiceName } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import type { TestSubgraph } from './test-subgraph.js';

/** One subject's read in an `audit.pii_read` a service announced, with the community whose trail it goes to. */
export interface AnnouncedRead {
  communityId: string;
  read: { subjectId: string; fields: string[] } & Record<string, unknown>;
}

/** The personal-data reads `service` (a running `serviceName`) has announced for one caller, from its outbox. */
export async function announcedReads(
  service: TestSubgraph,
  serviceName: ServiceName,
  callerId: string,
): Promise<AnnouncedRead[]> {
  const rows = await service.orm.em.fork().find(OutboxMessage, { subject: PiiRead[serviceName].subject });
  return rows
    .map(
      (row) =>
        JSON.parse(row.payload) as {
          communityId: string;
          data: { caller: { id: string }; reads: AnnouncedRead['read'][] };
        },
    )
    .filter((event) => event.data.caller.id === callerId)
    .flatMap((event) => event.data.reads.map((read) => ({ communityId: event.communityId, read })));
}
