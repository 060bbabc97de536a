/**
 * What every runner of the window's requests to the Wazo server keeps: which
 * are in flight (their controls wait, and a second press does nothing), the
 * last refusal in the user's words with its technical reason on demand, and
 * what to expect after a success. Each kind of request words its refusals its
 * own way (`refused`, `failed`).
 */
import { connectivity } from './connectivity.svelte';
import type { ErrorWords } from './error-words';
import type { Translator } from './i18n';

/** Refusals because the server could not be reached: over once the connection is back. */
const UNTIL_BACK = new Set(['unreachable', 'timeout', 'server-down', 'dropped', 'notifier-lost']);

export abstract class ActionRunner<R extends { ok: true } | { ok: false }> {
  pending = $state<Record<string, boolean>>({});
  /** What the user should expect now, after a success (empty: nothing to add). */
  notice = $state('');
  /** The last refusal; `returns` is the connectivity count it was said at, for one that ends when the connection is back. */
  private said = $state({ text: '', detail: '', returns: -1 });

  /** The last refusal in words, until the next action here (or, for a server out of reach, until it is back). */
  get error(): string {
    return this.over ? '' : this.said.text;
  }

  /** The technical reason behind `error`, for whoever asks. */
  get detail(): string {
    return this.over ? '' : this.said.detail;
  }

  private get over(): boolean {
    return this.said.returns >= 0 && this.said.returns !== connectivity.returns;
  }

  /** `tr` is read at each use, so the runner follows the component's current props. */
  constructor(protected readonly tr: () => Translator) {}

  /** The server's (or the core's) refusal, in words. */
  protected abstract refused(result: Extract<R, { ok: false }>): ErrorWords;
  /** A request the bridge rejected (the notifier gone, a request the dispatch refused), in words. */
  protected abstract failed(err: unknown): ErrorWords;

  /** Runs `call` under `key`; on success shows `done` (if any). Resolves to whether it was done. */
  async run(key: string, call: () => Promise<R>, done?: string): Promise<boolean> {
    // Its control keeps the focus while it waits (aria-disabled), so a second press must do nothing.
    if (this.pending[key]) return false;
    this.pending[key] = true;
    this.said = { text: '', detail: '', returns: -1 };
    this.notice = '';
    try {
      const result = await call();
      if (result.ok) this.notice = done ?? '';
      else this.say(this.refused(result as Extract<R, { ok: false }>));
      return result.ok;
    } catch (err) {
      this.say(this.failed(err));
      return false;
    } finally {
      delete this.pending[key];
    }
  }

  protected say(words: ErrorWords): void {
    const untilBack = words.reason !== undefined && UNTIL_BACK.has(words.reason);
    this.said = { text: words.text, detail: words.detail, returns: untilBack ? connectivity.returns : -1 };
  }
}
