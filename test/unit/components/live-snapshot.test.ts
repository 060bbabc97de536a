/**
 * The window's live copy of the snapshot (renderer/src/lib/live-snapshot.svelte.ts)
 * with a bridge and animation frames the test drives: subscribe before
 * fetching, keep what came meanwhile, one update per frame however many
 * changes, a refetch on a gap, and a failed fetch said then cleared.
 */
import { describe, expect, it } from 'vitest';
import { initialState } from '../../../electron/core/store/state.js';
import type { SnapshotChange } from '../../../electron/shared/snapshot-change.js';
import type { Snapshot } from '../../../electron/shared/snapshot.js';
import type { WazoBridge } from '../../../electron/shared/contract.js';
import { LiveSnapshot } from '../../../renderer/src/lib/live-snapshot.svelte.js';

const base: Snapshot = { ...initialState('2e752722-0864-4665-887d-a78a024cf7c7').snapshot, seq: 5 };
const dndOn = { dnd: { enabled: true }, incallfilter: null };
const change = (seq: number, patch: SnapshotChange['patch'] = {}): SnapshotChange => ({ seq, patch });

/** A core the test plays: what getSnapshot answers (settled when the test says), and the changes it pushes. */
function fakeCore() {
  const fetches: { resolve: (s: Snapshot) => void; reject: (e: Error) => void }[] = [];
  let listener: ((c: SnapshotChange) => void) | undefined;
  const bridge = {
    getSnapshot: () => new Promise<Snapshot>((resolve, reject) => fetches.push({ resolve, reject })),
    on: (event: string, l: (c: SnapshotChange) => void) => {
      if (event === 'change') listener = l;
      return () => (listener = undefined);
    },
  } as unknown as WazoBridge;
  const frames: (() => void)[] = [];
  const live = new LiveSnapshot(bridge, (cb) => frames.push(cb));
  return {
    live,
    fetches,
    frames,
    push: (c: SnapshotChange) => listener!(c),
    /** Runs the animation frames requested so far. */
    paint: () => {
      for (const f of frames.splice(0)) f();
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

/** A live snapshot started on a core whose first answer is `base`. */
async function started() {
  const core = fakeCore();
  core.live.start();
  core.fetches[0]!.resolve(base);
  await settle();
  return core;
}

describe('live snapshot', () => {
  it('subscribes before it fetches, and applies what came meanwhile on top of the answer', async () => {
    const core = fakeCore();
    core.live.start();
    expect(core.fetches).toHaveLength(1);
    core.push(change(5)); // older than the answer: dropped
    core.push(change(6, { services: dndOn }));
    core.fetches[0]!.resolve(base);
    await settle();
    expect(core.live.current).toMatchObject({ seq: 6, services: dndOn });
  });

  it('makes one update per animation frame, however many changes arrive in it', async () => {
    const core = await started();
    const before = core.live.current;
    for (let seq = 6; seq <= 50; seq++) core.push(change(seq, { services: seq === 50 ? dndOn : base.services }));
    expect(core.frames).toHaveLength(1);
    expect(core.live.current).toBe(before); // nothing shown until the frame
    core.paint();
    expect(core.live.current).toMatchObject({ seq: 50, services: dndOn });
  });

  it('fetches the whole snapshot again when a change is missing', async () => {
    const core = await started();
    core.push(change(6));
    core.push(change(8)); // 7 never came
    core.paint();
    expect(core.live.current?.seq).toBe(6);
    expect(core.fetches).toHaveLength(2);
    core.fetches[1]!.resolve({ ...base, seq: 8, services: dndOn });
    await settle();
    expect(core.live.current).toMatchObject({ seq: 8, services: dndOn });
  });

  it('says a failed fetch, keeps what it showed, and clears the error on the next good one', async () => {
    const core = await started();
    const refetch = core.live.refetch();
    core.fetches[1]!.reject(new Error('the notifier is gone'));
    await refetch;
    expect(core.live.error).toBe('the notifier is gone');
    expect(core.live.current?.seq).toBe(5);
    const again = core.live.refetch();
    core.fetches[2]!.resolve({ ...base, seq: 7 });
    await again;
    expect(core.live.error).toBeNull();
    expect(core.live.current?.seq).toBe(7);
  });
});
