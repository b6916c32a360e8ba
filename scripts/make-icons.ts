/**
 * Draws the application icon — a seal-red rounded square, a thin seal border and a white ¥ — and
 * writes build/icons/NxN.png for electron-builder (run: `npx tsx scripts/make-icons.ts`).
 * Pure Node (zlib + a small PNG encoder), deterministic, so the icons can be regenerated and
 * checked by a test instead of being opaque binaries nobody can change.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;

// ---- PNG encoding -------------------------------------------------------------------------

const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** 8-bit RGBA, no interlace, filter type 0 on every row. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error('pixel buffer does not match the size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  // compression, filter and interlace methods: 0
  const rowBytes = width * 4;
  const raw = Buffer.alloc((rowBytes + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (rowBytes + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * rowBytes, rowBytes).copy(raw, y * (rowBytes + 1) + 1);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

// ---- Drawing ------------------------------------------------------------------------------
// Shapes live in a unit square (0..1, y down); each pixel is supersampled for antialiasing.

type Shape = (x: number, y: number) => boolean;

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };
}

function rect(x0: number, y0: number, x1: number, y1: number): Shape {
  return (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

/** A rectangle of the given thickness along the segment a→b (a rotated rectangle). */
function bar(ax: number, ay: number, bx: number, by: number, thickness: number): Shape {
  const length = Math.hypot(bx - ax, by - ay);
  const ux = (bx - ax) / length;
  const uy = (by - ay) / length;
  return (x, y) => {
    const along = (x - ax) * ux + (y - ay) * uy;
    const across = Math.abs(-(x - ax) * uy + (y - ay) * ux);
    return along >= 0 && along <= length && across <= thickness / 2;
  };
}

const and =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.every((s) => s(x, y));
const or =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const not =
  (shape: Shape): Shape =>
  (x, y) =>
    !shape(x, y);

const background = roundedRect(0.04, 0.04, 0.96, 0.96, 0.17);
/** the seal's inner frame; left out at small sizes, where it would only blur the glyph */
const sealBorder = and(roundedRect(0.1, 0.1, 0.9, 0.9, 0.11), not(roundedRect(0.13, 0.13, 0.87, 0.87, 0.08)));

const STROKE = 0.085;
const yen = or(
  // the two arms of the Y: flat-cut at the top, meeting on the stem's axis (so neither pokes out
  // on the other side), their ends hidden in the stem
  and(bar(0.27, 0.17, 0.5, 0.506, STROKE), rect(0, 0.23, 1, 0.52)),
  and(bar(0.73, 0.17, 0.5, 0.506, STROKE), rect(0, 0.23, 1, 0.52)),
  rect(0.5 - STROKE / 2, 0.47, 0.5 + STROKE / 2, 0.79),
  rect(0.32, 0.53, 0.68, 0.585),
  rect(0.32, 0.645, 0.68, 0.7),
);

const SEAL_TOP = [214, 38, 38] as const;
const SEAL_BOTTOM = [178, 18, 24] as const;

/** RGBA pixels of the icon at one size. */
export function renderIcon(size: number): Uint8Array {
  const glyph = size >= 48 ? or(yen, sealBorder) : yen;
  const samples = size <= 64 ? 8 : 4;
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    const t = py / Math.max(1, size - 1);
    const red = SEAL_TOP.map((top, i) => top + ((SEAL_BOTTOM[i] ?? top) - top) * t);
    for (let px = 0; px < size; px += 1) {
      let coverage = 0;
      let white = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (!background(x, y)) continue;
          coverage += 1;
          if (glyph(x, y)) white += 1;
        }
      }
      const offset = (py * size + px) * 4;
      if (coverage === 0) continue;
      // colour averaged over the covered samples only (so edges do not darken), alpha = coverage
      const w = white / coverage;
      for (let i = 0; i < 3; i += 1) out[offset + i] = Math.round((red[i] ?? 0) * (1 - w) + 255 * w);
      out[offset + 3] = Math.round((255 * coverage) / (samples * samples));
    }
  }
  return out;
}

export async function writeIcons(outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const size of ICON_SIZES) {
    const file = path.join(outDir, `${size}x${size}.png`);
    await writeFile(file, encodePng(size, size, renderIcon(size)));
    written.push(file);
  }
  return written;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;

if (invokedDirectly) {
  const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'icons');
  writeIcons(outDir)
    .then((files) => console.log(`wrote ${files.length} icons to ${path.relative(process.cwd(), outDir)}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
