/**
 * The window's Content-Security-Policy, one rule for its three hosts (the
 * app:// protocol of the desktop app, the preview server, the meta tag of the
 * built page): nothing but its own files, no inline script or style, no
 * frames. Only where the page may connect differs from host to host.
 */
export function windowCsp(connectSrc: string, opts: { meta?: boolean } = {}): string {
  const rules = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    // A voicemail's recording plays from a Blob URL made of the bytes the core fetched (no token in a page URL).
    'media-src blob:',
    `connect-src ${connectSrc}`,
    "base-uri 'none'",
    "form-action 'none'",
  ];
  // A meta tag cannot say frame-ancestors (browsers ignore it there, with a warning).
  if (!opts.meta) rules.push("frame-ancestors 'none'");
  return rules.join('; ');
}
