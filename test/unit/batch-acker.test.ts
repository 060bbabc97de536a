import type { ConsumeMessage } from 'amqplib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchAcker } from '../../electron/core/bus/batch-acker.js';

const msg = (tag: number) => ({ fields: { deliveryTag: tag } }) as unknown as ConsumeMessage;

describe('batch acker', () => {
  afterEach(() => vi.useRealTimers());

  it('acks every N messages with a multiple ack of the latest', () => {
    const acks: [number, boolean | undefined][] = [];
    const acker = new BatchAcker({ ack: (m, all) => acks.push([m.fields.deliveryTag, all]) }, 3, 1000);
    for (let t = 1; t <= 7; t++) acker.ack(msg(t));
    expect(acks).toEqual([
      [3, true],
      [6, true],
    ]);
    acker.dispose();
  });

  it('flushes a partial batch after a short delay', () => {
    vi.useFakeTimers();
    const acks: number[] = [];
    const acker = new BatchAcker({ ack: (m) => acks.push(m.fields.deliveryTag) }, 50, 5);
    acker.ack(msg(1));
    acker.ack(msg(2));
    expect(acks).toEqual([]);
    vi.advanceTimersByTime(5);
    expect(acks).toEqual([2]);
  });

  it('survives a channel that closed under it', () => {
    const acker = new BatchAcker(
      {
        ack: () => {
          throw new Error('Channel closed');
        },
      },
      1,
    );
    expect(() => acker.ack(msg(1))).not.toThrow();
  });

  it('sends nothing after dispose', () => {
    vi.useFakeTimers();
    const acks: number[] = [];
    const acker = new BatchAcker({ ack: (m) => acks.push(m.fields.deliveryTag) }, 50, 5);
    acker.ack(msg(1));
    acker.dispose();
    vi.advanceTimersByTime(50);
    expect(acks).toEqual([]);
  });
});
