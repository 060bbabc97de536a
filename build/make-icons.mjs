// Draws the app icons electron-builder needs (build/icons/NxN.png) from the
// tray's "connected" icon, so no binary asset is kept in the repository.
import { mkdirSync, writeFileSync } from 'node:fs';
import { trayIconPng } from '../dist/main/tray-icons.js';

const dir = new URL('./icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) {
  writeFileSync(new URL(`${size}x${size}.png`, dir), trayIconPng('connected', size));
}
process.stdout.write('icons written to build/icons/\n');
