/**
 * Whether the Electron end-to-end suite can run on this machine, or why not:
 * it needs the Electron binary (which cannot be downloaded everywhere) and,
 * on Linux, a display (X or Wayland; none on a headless CI without xvfb-run).
 * Skipping with the reason beats failing on what the machine lacks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The reason the suite cannot run here, or null when it can. */
export function electronSkipReason(
  electronDir: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const pathTxt = join(electronDir, 'path.txt');
  if (!existsSync(pathTxt)) {
    return 'no Electron binary here (node_modules/electron/path.txt is missing; run "npm run desktop" once to fetch it)';
  }
  const binary = join(electronDir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  if (!existsSync(binary))
    return `no Electron binary here (${binary} is missing; run "npm run desktop" once to fetch it)`;
  if (platform === 'linux' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) {
    return 'no display here (neither DISPLAY nor WAYLAND_DISPLAY is set; run it under xvfb-run or in a desktop session)';
  }
  return null;
}
