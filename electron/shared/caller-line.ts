/** A caller as one line, the same in the window and in system notifications. */

/** "Name (number)", or whichever is known; `unknown` (in the user's language) when neither is. */
export function callerLine(name: string | null, number: string | null, unknown: string): string {
  if (name && number && name !== number) return `${name} (${number})`;
  return name || number || unknown;
}
