import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trayIconPng } from '../../../electron/main/tray-icons.js';

describe('tray icons', () => {
  it('draws a valid RGBA PNG per state, coloured by state', () => {
    const centres = new Set<string>();
    for (const state of ['connected', 'offline', 'dnd'] as const) {
      const png = trayIconPng(state, 32);
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
      expect(png.readUInt32BE(16)).toBe(32);
      expect(png.readUInt32BE(20)).toBe(32);
      const idatLen = png.readUInt32BE(33);
      const raw = inflateSync(png.subarray(41, 41 + idatLen));
      expect(raw.length).toBe(32 * (1 + 32 * 4));
      const row = 16 * (1 + 32 * 4);
      const centre = raw.subarray(row + 1 + 16 * 4, row + 1 + 16 * 4 + 4);
      expect(centre[3]).toBe(255);
      centres.add(centre.toString('hex'));
      expect(raw[1 + 3]).toBe(0); // a corner is transparent
    }
    expect(centres.size).toBe(3);
  });
});
