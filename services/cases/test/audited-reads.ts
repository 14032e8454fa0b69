import { announcedReads, type TestSubgraph } from '@shequ/subgraph/testing';

/** The personal-data reads cases has announced (`audit.pii_read`, in its outbox) for one caller. */
export async function auditedReadsOf(service: TestSubgraph, callerId: string): Promise<unknown[]> {
  return (await announcedReads(service, 'cases', callerId)).map(({ read }) => read);
}
