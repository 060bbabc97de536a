/**
 * Why something failed, as a stable code: the core sorts its errors and the
 * server's answers into these, and the window picks its words (English or
 * French) by the code, never by the core's English text. The technical text
 * always travels beside the code (`error`), for the log and for whoever opens
 * "Technical details". Shared with the renderer: imports nothing.
 */
export type ErrorReason =
  /** Nobody is signed in to a Wazo server. */
  | 'signed-out'
  /** Signing in: wrong username or password. */
  | 'credentials'
  /** The Wazo session ended (token expired or revoked): sign in again. */
  | 'session'
  /** The user's token may not do this (a missing ACL: 401 `missing_permission…` or 403). */
  | 'forbidden'
  /** The server does not know it (any more): 404, or a message no longer in the inbox. */
  | 'not-found'
  /** The server refused what was sent (another 4xx: bad data, a conflict…). */
  | 'refused'
  /** The server address is not one (signing in). */
  | 'server-address'
  /** Signing in: a plain http:// address of another computer (the password would travel unencrypted). */
  | 'insecure-address'
  /** No answer: connection refused, unknown host, network down, reset. */
  | 'unreachable'
  /** The server took too long to answer (or to answer a ping). */
  | 'timeout'
  /** The server, or a part of it, is down or failing (5xx; websocketd 502/503, close 1011). */
  | 'server-down'
  /** Its TLS certificate is not trusted (a self-signed certificate not pinned yet). */
  | 'certificate'
  /** Its certificate is not the one the user trusted (pinned fingerprint differs). */
  | 'certificate-mismatch'
  /** The answer is not what Wazo's API gives (not JSON, wrong media type): not a Wazo server? */
  | 'not-wazo'
  /** A voicemail message whose recording the server cannot find (calld 500 `invalid-voicemail-message-format`). */
  | 'recording-missing'
  /** The browser preview keeps no log file (its log is the terminal it runs in). */
  | 'no-log-file'
  /** The event connection dropped or was closed by the other end (broker shutdown, forced close, reset). */
  | 'dropped'
  /** The server has no wazo-websocketd where it should be (HTTP 404 at the upgrade). */
  | 'no-websocketd'
  /** One side broke the event protocol (websocketd 4004, a frame too large, another protocol version). */
  | 'protocol'
  /** The message broker refused the bus URL's user name and password. */
  | 'bus-credentials'
  | 'other';
