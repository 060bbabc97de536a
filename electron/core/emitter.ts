/** A minimal typed event emitter whose `on` returns the unsubscribe function. */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly listeners: { [K in keyof Events]?: Set<(payload: Events[K]) => void> } = {};

  /** Subscribes to one event; call the returned function to unsubscribe. */
  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): () => void {
    const set = (this.listeners[name] ??= new Set());
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Calls every listener of one event; a throwing listener is reported as a process warning, never to the emitter. */
  protected emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    const set = this.listeners[name];
    if (!set) return;
    for (const listener of set) {
      try {
        listener(payload);
      } catch (err) {
        process.emitWarning(`listener of '${String(name)}' threw: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
