/**
 * Acknowledges consumed messages in batches (`multiple` acks), after they were
 * applied. Messages of one channel are handled in delivery order, so acking
 * the latest one acknowledges every earlier one. A short timer flushes a
 * partial batch so that nothing waits unacked when traffic is light.
 */
import type { Channel, ConsumeMessage } from 'amqplib';

export class BatchAcker {
  private last: ConsumeMessage | undefined;
  private pending = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly channel: Pick<Channel, 'ack'>,
    private readonly every = 50,
    private readonly delayMs = 5,
  ) {}

  /** Marks a message as applied; it will be acked with the next flush. */
  ack(msg: ConsumeMessage): void {
    this.last = msg;
    if (++this.pending >= this.every) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Acks everything applied so far. A closed channel is ignored: its messages will be redelivered. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const last = this.last;
    this.last = undefined;
    this.pending = 0;
    if (!last) return;
    try {
      this.channel.ack(last, true);
    } catch {
      // The channel closed under us; the broker redelivers, and the store ignores repeats.
    }
  }

  /** Forgets pending acks without sending them (the channel is gone). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.last = undefined;
    this.pending = 0;
  }
}
