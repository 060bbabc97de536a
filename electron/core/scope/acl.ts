/**
 * The `required_acl` check wazo-websocketd applies before it hands an event to
 * a user, reimplemented from its documented rules so that a direct AMQP
 * consumer never shows a user more than Wazo's own clients would.
 *
 * Rules: an ACL starting with `!` is negative; `*` matches within one
 * dot-separated word, `#` matches anything (dots included); the whole words
 * `me`, `my_session` and `edit` stand for the token's user uuid, its session
 * uuid, and `edit`/`update`; patterns are anchored at both ends. A required
 * ACL of `null` is allowed; any negative match denies; else any positive match
 * allows; else denied.
 */

export interface AclIdentity {
  userUuid: string;
  sessionUuid?: string | undefined;
}

const escapeRegex = (s: string): string => s.replace(/[.+?^${}()|[\]\\*#]/g, '\\$&');

/** Compiles one ACL pattern (without its `!`) to an anchored regular expression. */
export function compileAcl(pattern: string, who: AclIdentity): RegExp {
  const words = pattern.split('.').map((word) => {
    if (word === 'me') return `(?:me|${escapeRegex(who.userUuid)})`;
    if (word === 'my_session') {
      return who.sessionUuid ? `(?:my_session|${escapeRegex(who.sessionUuid)})` : 'my_session';
    }
    if (word === 'edit') return '(?:edit|update)';
    return escapeRegex(word).replaceAll('\\*', '[^.]*').replaceAll('\\#', '.*');
  });
  return new RegExp(`^${words.join('\\.')}$`, 's');
}

/** Decides, for one user's ACL list, which `required_acl` values may reach that user. */
export class AclChecker {
  private readonly allow: RegExp[];
  private readonly deny: RegExp[];
  private readonly cache = new Map<string, boolean>();

  constructor(acls: readonly string[], who: AclIdentity) {
    this.allow = acls.filter((a) => !a.startsWith('!')).map((a) => compileAcl(a, who));
    this.deny = acls.filter((a) => a.startsWith('!')).map((a) => compileAcl(a.slice(1), who));
  }

  /**
   * True when an event whose envelope carries `required_acl` may reach the user.
   * `undefined` means the key is absent: websocketd delivers such an event to
   * nobody, and so do we.
   */
  allows(required: string | null | undefined): boolean {
    if (required === null) return true;
    if (required === undefined) return false;
    const known = this.cache.get(required);
    if (known !== undefined) return known;
    const verdict = !this.deny.some((r) => r.test(required)) && this.allow.some((r) => r.test(required));
    if (this.cache.size >= 1024) this.cache.clear();
    this.cache.set(required, verdict);
    return verdict;
  }
}
