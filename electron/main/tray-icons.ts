/**
 * The tray icons, drawn at start-up: a filled disc whose colour tells the
 * state, with a ring that stays visible on light and dark panels. Drawing
 * them (a tiny PNG encoder over zlib) keeps binary assets out of the
 * repository and gives every scale factor a sharp icon.
 */
import { deflateSync } from 'node:zlib';
import type { TrayIcon } from './tray-state.js';

const COLOURS: Record<TrayIcon, [number, number, number]> = {
  connected: [26, 127, 55],
  offline: [140, 149, 159],
  dnd: [207, 34, 46],
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A size×size RGBA PNG of the icon for a state. */
export function trayIconPng(state: TrayIcon, size: number): Buffer {
  const [r, g, b] = COLOURS[state];
  const rows: Buffer[] = [];
  const c = (size - 1) / 2;
  const outer = size / 2 - 0.5;
  const inner = outer - Math.max(1, size / 16);
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const o = 1 + x * 4;
      if (d <= inner) row.set([r, g, b, 255], o);
      else if (d <= outer) row.set([255, 255, 255, 230], o);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
