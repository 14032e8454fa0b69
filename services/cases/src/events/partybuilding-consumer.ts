import { MemberTransferredIn, MemberTransferredOut } from '@shequ/contracts';
import { EventConsumer } from '@shequ/messaging';
import type { ServiceDependencies } from '@shequ/subgraph';
import { transferCompleted } from '../application/party-transfers.js';

/** A completed 组织关系转接 moves the case it came from on (resolved with the transfer's outcome). */
export function partybuildingConsumer({ orm, bus, outbox, logger, clock }: ServiceDependencies): EventConsumer {
  return new EventConsumer({ service: 'cases', source: 'partybuilding', orm, bus, outbox, logger })
    .on(MemberTransferredIn, (event, uow) =>
      transferCompleted(uow, { ...event.data, direction: 'IN' }, clock.now()).then(() => undefined),
    )
    .on(MemberTransferredOut, (event, uow) =>
      transferCompleted(uow, { ...event.data, direction: 'OUT' }, clock.now()).then(() => undefined),
    );
}
