/** Serves the renderer's built files from one folder, never anything outside it. */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Reads `relative` below `root`; undefined when absent or outside. `''` means index.html. */
export async function readStatic(root: string, relative: string): Promise<{ body: Buffer; type: string } | undefined> {
  const safe = normalize(relative === '' ? 'index.html' : decodeURIComponent(relative));
  const full = join(root, safe);
  if (!full.startsWith(root.endsWith(sep) ? root : root + sep) || safe.startsWith('..')) return undefined;
  const type = TYPES[extname(full)];
  if (!type) return undefined;
  try {
    return { body: await readFile(full), type };
  } catch {
    return undefined;
  }
}
