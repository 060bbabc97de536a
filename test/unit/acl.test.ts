import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AclChecker, compileAcl } from '../../electron/core/scope/acl.js';

const ME = '8e58d2a7-cfed-4c2e-ac72-14e0b5c26dc2';
const who = { userUuid: ME, sessionUuid: 'sess-1' };
const allows = (acls: string[], required: string | null | undefined) => new AclChecker(acls, who).allows(required);

describe('required_acl matching, by example', () => {
  it('follows the documented rules', () => {
    expect(allows(['events.calls.me'], `events.calls.${ME}`)).toBe(true);
    expect(allows(['events.calls.me'], 'events.calls.me')).toBe(true);
    expect(allows(['events.calls.me'], 'events.calls.someone-else')).toBe(false);
    expect(allows(['events.users.me.#'], `events.users.${ME}.voicemails`)).toBe(true);
    expect(allows(['events.config.users.me.#'], `events.config.users.${ME}.services.dnd.updated`)).toBe(true);
    expect(allows(['events.*.me'], `events.calls.${ME}`)).toBe(true);
    expect(allows(['events.*'], 'events.calls.x')).toBe(false);
    expect(allows(['events.#'], 'events.calls.x')).toBe(true);
    expect(allows(['#'], 'anything.at.all')).toBe(true);
    expect(allows(['events.sessions.my_session'], 'events.sessions.sess-1')).toBe(true);
    expect(allows(['confd.users.me.edit'], `confd.users.${ME}.update`)).toBe(true);
  });

  it('denies on any negative match, even with a positive one', () => {
    expect(allows(['events.#', '!events.calls.#'], `events.calls.${ME}`)).toBe(false);
    expect(allows(['events.#', '!events.calls.#'], `events.users.${ME}`)).toBe(true);
  });

  it('allows a null required ACL and denies a missing one (as websocketd does)', () => {
    expect(allows([], null)).toBe(true);
    expect(allows(['#'], undefined)).toBe(false);
    expect(allows([], 'events.calls.x')).toBe(false);
  });

  it('treats regex characters in ACLs literally', () => {
    expect(allows(['events.(a|b).x'], 'events.a.x')).toBe(false);
    expect(allows(['events.a+.x'], 'events.aa.x')).toBe(false);
    expect(allows(['events.a+.x'], 'events.a+.x')).toBe(true);
  });
});

const word = fc.stringMatching(/^[a-z0-9_-]{1,8}$/).filter((w) => !['me', 'my_session', 'edit'].includes(w));
const dotted = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join('.'));

describe('required_acl matching, by property', () => {
  it('a pattern without wildcards matches exactly itself', () => {
    fc.assert(
      fc.property(dotted, dotted, (acl, other) => {
        expect(compileAcl(acl, who).test(acl)).toBe(true);
        expect(compileAcl(acl, who).test(other)).toBe(acl === other);
      }),
    );
  });

  it('is anchored at both ends', () => {
    fc.assert(
      fc.property(dotted, word, (acl, extra) => {
        const re = compileAcl(acl, who);
        expect(re.test(`${acl}.${extra}`)).toBe(false);
        expect(re.test(`${extra}.${acl}`)).toBe(false);
      }),
    );
  });

  it('`prefix.#` matches the prefix followed by anything', () => {
    fc.assert(
      fc.property(dotted, fc.array(word, { maxLength: 4 }), (prefix, rest) => {
        expect(compileAcl(`${prefix}.#`, who).test([prefix, ...rest].join('.') + (rest.length ? '' : '.'))).toBe(true);
      }),
    );
  });

  it('`*` stands for exactly one word, never for a dot', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 2, maxLength: 6 }), fc.nat(), (ws, n) => {
        const i = n % ws.length;
        const pattern = ws.map((w, j) => (j === i ? '*' : w)).join('.');
        const re = compileAcl(pattern, who);
        expect(re.test(ws.join('.'))).toBe(true);
        const twoWords = ws.map((w, j) => (j === i ? `${w}.${w}` : w)).join('.');
        expect(re.test(twoWords)).toBe(false);
      }),
    );
  });

  it('a negative ACL always wins over the positives', () => {
    fc.assert(
      fc.property(fc.array(dotted, { maxLength: 4 }), dotted, (acls, required) => {
        expect(allows([...acls, required, `!${required}`], required)).toBe(false);
        expect(allows([...acls, required], required)).toBe(true);
      }),
    );
  });

  it('`me` matches the user and no other uuid', () => {
    fc.assert(
      fc.property(fc.uuid(), dotted, (other, prefix) => {
        const re = compileAcl(`${prefix}.me`, who);
        expect(re.test(`${prefix}.${ME}`)).toBe(true);
        expect(re.test(`${prefix}.${other}`)).toBe(other === ME);
      }),
    );
  });
});
