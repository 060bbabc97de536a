/**
 * What the websocketd event source needs from a logged-in Wazo user: the
 * token in force and its renewals, a check of the token over REST (websocketd
 * closes 4002 both for a refused token and when it cannot reach wazo-auth),
 * and the same TLS trust as the HTTP client (a pinned self-signed certificate
 * is checked before the token is sent).
 */
import type { Socket } from 'node:net';
import type { WebsocketdLink } from '../notifier.js';
import { WazoHttpError } from './http-client.js';
import type { WazoLink } from './login.js';
import { normaliseFingerprint, pinnedTlsSocket } from './tls-pinning.js';

/** How long opening the pinned TLS connection may take. */
const CONNECT_TIMEOUT_MS = 10_000;

/** The websocketd side of a login. */
export function websocketdLink(link: WazoLink): WebsocketdLink {
  const { auth, http } = link;
  const pinned = link.tlsFingerprint ? normaliseFingerprint(link.tlsFingerprint) : undefined;
  return {
    server: http.base,
    auth: {
      token: () => auth.token,
      renew: async () => {
        await auth.renew();
      },
      // As websocketd checks it: for its scope, so that a token without the `websocketd` ACL says so (403).
      check: async () => {
        try {
          await http.json({
            method: 'GET',
            path: `/api/auth/0.1/token/${encodeURIComponent(auth.token)}?scope=websocketd`,
            label: 'check token',
            token: auth.token,
          });
          return 'valid';
        } catch (err) {
          if (!(err instanceof WazoHttpError)) return 'unknown';
          if (err.kind === 'forbidden') return 'forbidden';
          return err.kind === 'not_found' || err.kind === 'unauthorized' ? 'refused' : 'unknown';
        }
      },
      onRenewed: (listener) => auth.on('renewed', (session) => listener(session.token)),
    },
    connectSocket:
      pinned && http.base.protocol === 'https:'
        ? (url: URL): Promise<Socket> =>
            pinnedTlsSocket(
              { hostname: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) || 443 },
              pinned,
              CONNECT_TIMEOUT_MS,
            )
        : undefined,
  };
}
