import { CaseOpened } from '@shequ/contracts';
import { EventConsumer } from '@shequ/messaging';
import type { ServiceDependencies } from '@shequ/subgraph';
import { transferRequestFromCase } from '../application/transfers.js';

/** 组织关系转接 cases become transfer requests (one per case). */
export function casesConsumer({ orm, bus, outbox, logger }: ServiceDependencies): EventConsumer {
  return new EventConsumer({ service: 'partybuilding', source: 'cases', orm, bus, outbox, logger }).on(
    CaseOpened,
    async (event, { em }) => {
      await transferRequestFromCase(em, event.data, event.communityId);
    },
  );
}
