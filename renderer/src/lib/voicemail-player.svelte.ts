/**
 * Plays voicemail messages in the window, one at a time. The core fetches the
 * recording (with the token in a header: no URL in the page ever carries it)
 * and hands over its bytes; they play from a Blob URL, which the CSP allows
 * as `media-src blob:` and nothing more. Listening never marks a message read.
 */
import type { WazoBridge } from '../../../electron/shared/contract';
import { refusalWords, thrownWords, type ErrorWords } from './error-words';
import type { Translator } from './i18n';

/** Recordings kept ready to replay; older ones are released. */
const KEPT = 5;

export class VoicemailPlayer {
  /** The message playing now, if any. */
  playing = $state<string | null>(null);
  /** The message whose recording is being fetched, if any. */
  loading = $state<string | null>(null);
  error = $state('');
  /** The technical reason behind `error`, for whoever asks. */
  detail = $state('');
  private audio: HTMLAudioElement | undefined;
  // Never shown, only looked up: plain, not reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly urls = new Map<string, string>();

  /** `bridge` and `tr` are read at each use, so the player follows the component's current props. */
  constructor(
    private readonly bridge: () => WazoBridge,
    private readonly tr: () => Translator,
  ) {}

  /** Plays a message (stopping any other), or pauses it if it is the one playing. */
  async toggle(id: string): Promise<void> {
    const audio = (this.audio ??= this.element());
    if (this.playing === id) {
      audio.pause();
      return;
    }
    this.error = this.detail = '';
    const url = this.urls.get(id) ?? (await this.fetch(id));
    if (!url) return;
    if (audio.src !== url) {
      audio.pause();
      audio.src = url;
    }
    this.playing = id;
    try {
      await audio.play();
    } catch (err) {
      // Interrupted by another message (or a pause) before it started: nothing went wrong.
      if (err instanceof DOMException && err.name === 'AbortError') return;
      if (this.playing === id) this.playing = null;
      // The browser has the bytes but cannot play them (not a format it decodes, or not allowed to).
      this.fail(
        refusalWords(this.tr(), { reason: 'unplayable', error: err instanceof Error ? err.message : String(err) }),
      );
    }
  }

  private fail(words: ErrorWords): void {
    this.error = this.tr().t('voicemail.play_error', { error: words.text });
    this.detail = words.detail;
  }

  /** Stops and releases every recording (the inbox is gone). */
  dispose(): void {
    this.audio?.pause();
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls.clear();
  }

  private element(): HTMLAudioElement {
    const audio = new Audio();
    // A pause event arrives after the fact: when another message has started meanwhile, it is stale.
    audio.onpause = () => {
      if (audio.paused) this.playing = null;
    };
    audio.onended = () => (this.playing = null);
    return audio;
  }

  private async fetch(id: string): Promise<string | undefined> {
    this.loading = id;
    try {
      const answer = await this.bridge().getVoicemailRecording({ id });
      if (!answer.ok) {
        this.fail(refusalWords(this.tr(), answer));
        return undefined;
      }
      const bytes = Uint8Array.from(atob(answer.base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: answer.type }));
      this.urls.set(id, url);
      for (const [old, oldUrl] of this.urls) {
        if (this.urls.size <= KEPT) break;
        if (old === this.playing) continue;
        URL.revokeObjectURL(oldUrl);
        this.urls.delete(old);
      }
      return url;
    } catch (err) {
      this.fail(thrownWords(this.tr(), err));
      return undefined;
    } finally {
      this.loading = null;
    }
  }
}
