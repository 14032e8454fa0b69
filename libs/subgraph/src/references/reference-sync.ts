import { STREAM_NAME } from '@shequ/contracts';
import type { NatsBus } from '@shequ/messaging';

/**
 * Whether this service's reference projection may still be behind residents' events: its durable consumer has
 * messages pending or unacknowledged, or NATS cannot tell us (then we cannot be sure either).
 */
export class ReferenceSync {
  constructor(
    private readonly bus: NatsBus,
    private readonly durableName: string,
  ) {}

  async catchingUp(): Promise<boolean> {
    if (!this.bus.isConnected) return true;
    try {
      const jsm = await this.bus.jetstreamManager();
      const info = await jsm.consumers.info(STREAM_NAME, this.durableName);
      return info.num_pending + info.num_ack_pending > 0;
    } catch {
      return true;
    }
  }
}
