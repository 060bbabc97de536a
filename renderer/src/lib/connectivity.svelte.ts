/**
 * How many times the window's event connection came back (to `connected` from anything else). A
 * refusal said because the server could not be reached is over once it is back: the window's
 * runners stop showing it (`action-runner.svelte.ts`). App.svelte counts; nobody else writes.
 */
export const connectivity = $state({ returns: 0 });
