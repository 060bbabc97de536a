/**
 * Call back, answer, decline and hang up, and fetch a voicemail's recording,
 * from a signed-in user, against the fake Wazo's calld (its documented
 * answers and errors): each request goes through the contract's schema, the
 * core's account and the real HTTP client, and a refusal comes back as a
 * reason the window can word. No bus is needed: the notifier is never started.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../electron/core/config.js';
import { dispatchCommand } from '../../electron/core/service/commands.js';
import { NotifierService } from '../../electron/core/service/notifier-service.js';
import { login } from '../../electron/core/wazo/login.js';
import { sampleUser, startFakeWazo, type FakeUser, type FakeWazo } from '../support/fake-wazo.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function service(): NotifierService {
  const parsed = parseConfig({
    transport: 'amqp',
    url: 'amqp://guest:guest@127.0.0.1:5672/',
    mode: 'topic',
    userUuid: randomUUID(),
    installId: 'calls',
  });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  const s = new NotifierService(parsed.config);
  cleanup.push(() => s.close());
  return s;
}

async function signedIn(overrides: Partial<FakeUser> = {}): Promise<{ fake: FakeWazo; svc: NotifierService }> {
  const fake = await startFakeWazo({ users: [{ ...sampleUser(randomUUID()), ...overrides }] });
  cleanup.push(() => fake.close());
  const svc = service();
  await svc.useLink(await login({ server: fake.url, username: 'alice', password: 'pa55-word' }), false);
  return { fake, svc };
}

const sent = (fake: FakeWazo, method: string, path: string) =>
  fake.requests.filter((r) => r.method === method && r.path === path);

describe('call actions', () => {
  it('calls a number back from the user’s phone, spaces removed by the schema', async () => {
    const { fake, svc } = await signedIn();
    const reply = await dispatchCommand(svc, 'callBack', { extension: ' 1 002 ' });
    expect(reply).toEqual({ ok: true, value: { ok: true } });
    const [post] = sent(fake, 'POST', '/api/calld/1.0/users/me/calls');
    expect(JSON.parse(post!.body)).toEqual({ extension: '1002' });
    expect(post!.headers['x-auth-token']).toBeTruthy();
    expect(fake.users[0]!.calls.at(-1)).toMatchObject({ dialed_extension: '1002', status: 'Down' });
  });

  it('refuses a number that is not one before anything is sent', async () => {
    const { fake, svc } = await signedIn();
    for (const extension of ['', '10<02', 'x'.repeat(129)]) {
      const reply = await dispatchCommand(svc, 'callBack', { extension });
      expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid callBack request/) });
    }
    expect(await dispatchCommand(svc, 'answerCall', { callId: '../voicemails' })).toMatchObject({ ok: false });
    expect(sent(fake, 'POST', '/api/calld/1.0/users/me/calls')).toHaveLength(0);
  });

  it('says why calld refused to place the call', async () => {
    const cases: [Partial<FakeUser>, string, string][] = [
      [{ phone: { hasLine: false } }, 'no-line', 'User has no main line'],
      [{ phone: { dialable: ['1003'] } }, 'invalid-extension', 'Invalid extension'],
      [{ phone: { registered: false } }, 'phone-offline', 'Could not dial'],
    ];
    for (const [user, reason, words] of cases) {
      const { svc } = await signedIn(user);
      const result = await svc.callBack({ extension: '1002' });
      expect(result).toMatchObject({ ok: false, reason, error: expect.stringContaining(words) });
    }
  });

  it('places a call once only: a 503 is not tried again (it could ring twice)', async () => {
    const { fake, svc } = await signedIn();
    fake.fault({
      match: 'POST /api/calld/1.0/users/me/calls',
      status: 503,
      body: { message: 'wazo-confd server unreachable', error_id: 'wazo-confd-unreachable', details: {} },
      times: 3,
    });
    expect(await svc.callBack({ extension: '1002' })).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(sent(fake, 'POST', '/api/calld/1.0/users/me/calls')).toHaveLength(1);
  });

  it('answers a ringing call, and explains a phone that cannot be answered from here', async () => {
    const { fake, svc } = await signedIn({ calls: [{ call_id: 'ring.1', status: 'Ringing' }] });
    expect(await svc.answerCall({ callId: 'ring.1' })).toEqual({ ok: true });
    expect(sent(fake, 'PUT', '/api/calld/1.0/users/me/calls/ring.1/answer')).toHaveLength(1);
    expect(fake.users[0]!.calls[0]).toMatchObject({ status: 'Up' });

    fake.users[0]!.phone = { phoned: false };
    expect(await svc.answerCall({ callId: 'ring.1' })).toMatchObject({
      ok: false,
      reason: 'phone-unsupported',
      error: 'answer the call: the server answered 503 (Phoned internal error)',
    });
  });

  it('hangs up (or declines) a call, and says when it is already over', async () => {
    const { fake, svc } = await signedIn();
    expect(await svc.hangUpCall({ callId: 'live-1' })).toEqual({ ok: true });
    expect(sent(fake, 'DELETE', '/api/calld/1.0/users/me/calls/live-1')).toHaveLength(1);
    expect(fake.users[0]!.calls).toEqual([]);
    expect(await svc.hangUpCall({ callId: 'live-1' })).toMatchObject({ ok: false, reason: 'no-such-call' });
    fake.fault({
      match: 'DELETE /api/calld',
      status: 403,
      body: { message: 'User does not have permission', error_id: 'user-permission-denied', details: {} },
    });
    expect(await svc.hangUpCall({ callId: 'x.1' })).toMatchObject({ ok: false, reason: 'not-yours' });
  });

  it('refuses clearly when nobody is signed in', async () => {
    const svc = service();
    expect(await svc.callBack({ extension: '1002' })).toEqual({
      ok: false,
      reason: 'signed-out',
      error: 'log in to a Wazo server to place calls',
    });
    expect(await svc.answerCall({ callId: 'a.1' })).toMatchObject({ ok: false, reason: 'signed-out' });
  });
});

describe('a voicemail’s recording', () => {
  it('is fetched by the core with the token in a header, as base64 audio/wav, and leaves the message unread', async () => {
    const { fake, svc } = await signedIn();
    const reply = await dispatchCommand(svc, 'getVoicemailRecording', { id: 'm-new' });
    expect(reply).toMatchObject({ ok: true, value: { ok: true, type: 'audio/wav' } });
    const wav = Buffer.from((reply as { value: { base64: string } }).value.base64, 'base64');
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.subarray(8, 12).toString('ascii')).toBe('WAVE');
    const [get] = sent(fake, 'GET', '/api/calld/1.0/users/me/voicemails/messages/m-new/recording');
    expect(get!.headers['x-auth-token']).toBeTruthy();
    expect(fake.users[0]!.voicemail!.find((m) => m.id === 'm-new')!.folder).toBe('new');
    expect(sent(fake, 'PUT', '/api/calld/1.0/users/me/voicemails/messages/m-new')).toHaveLength(0);
  });

  it('says when the message is gone, refuses an id calld would refuse, and needs a login', async () => {
    const { svc, fake } = await signedIn();
    expect(await svc.getVoicemailRecording({ id: 'gone' })).toEqual({
      ok: false,
      reason: 'not-found',
      error: 'play the voicemail: the server answered 404 (No such voicemail message)',
    });
    // calld knows the message but not its file (facts §1: 500 invalid-voicemail-message-format).
    fake.fault({
      match: 'GET /api/calld/1.0/users/me/voicemails/messages/m-new/recording',
      status: 500,
      body: { message: 'Invalid voicemail message format', error_id: 'invalid-voicemail-message-format' },
      times: 3,
    });
    expect(await svc.getVoicemailRecording({ id: 'm-new' })).toMatchObject({
      ok: false,
      reason: 'recording-missing',
      error: expect.stringContaining('500 (Invalid voicemail message format)'),
    });
    expect(await dispatchCommand(svc, 'getVoicemailRecording', { id: '../x' })).toMatchObject({ ok: false });
    expect(await service().getVoicemailRecording({ id: 'm-new' })).toMatchObject({ ok: false, reason: 'signed-out' });
  });
});
