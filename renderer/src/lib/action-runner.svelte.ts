/**
 * What every runner of the window's requests to the Wazo server keeps: which
 * are in flight (their controls wait, and a second press does nothing), the
 * last refusal in the user's words with its technical reason on demand, and
 * what to expect after a success. Each kind of request words its refusals its
 * own way (`refused`, `failed`).
 */
import type { ErrorWords } from './error-words';
import type { Translator } from './i18n';

export abstract class ActionRunner<R extends { ok: true } | { ok: false }> {
  pending = $state<Record<string, boolean>>({});
  error = $state('');
  /** The technical reason behind `error`, for whoever asks. */
  detail = $state('');
  /** What the user should expect now, after a success (empty: nothing to add). */
  notice = $state('');

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
    this.error = '';
    this.detail = '';
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
    this.error = words.text;
    this.detail = words.detail;
  }
}
