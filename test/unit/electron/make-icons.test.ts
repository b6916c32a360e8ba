import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng, ICON_SIZES, PNG_SIGNATURE, renderIcon } from '../../../scripts/make-icons';

const iconsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../build/icons');

/** A strict little decoder for what encodePng writes (RGBA8, filter 0), checking every CRC. */
function decodePng(file: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect(file.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const data = file.subarray(offset + 8, offset + 8 + length);
    expect(file.readUInt32BE(offset + 8 + length), `CRC of ${type}`).toBe(crc32(file.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  expect(ended).toBe(true);
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 4 + 1);
    expect(raw[row]).toBe(0);
    rgba.set(raw.subarray(row + 1, row + 1 + width * 4), y * width * 4);
  }
  return { width, height, rgba };
}

function pixel(image: { width: number; rgba: Uint8Array }, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return [...image.rgba.subarray(i, i + 4)];
}

describe('scripts/make-icons.ts', () => {
  it('computes the standard PNG CRC-32', () => {
    expect(crc32(Buffer.from('IEND', 'latin1'))).toBe(0xae426082);
    expect(crc32(Buffer.from('123456789', 'latin1'))).toBe(0xcbf43926);
  });

  it('round-trips pixels through the encoder', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4]);
    expect(decodePng(encodePng(2, 2, rgba))).toEqual({ width: 2, height: 2, rgba });
  });

  it.each(ICON_SIZES)('build/icons/%ix… is a valid PNG equal to what the generator draws', (size) => {
    const image = decodePng(readFileSync(path.join(iconsDir, `${size}x${size}.png`)));
    expect(image.width).toBe(size);
    expect(image.height).toBe(size);
    expect(Buffer.from(image.rgba).equals(Buffer.from(renderIcon(size)))).toBe(true);
    // transparent corner, seal red beside the glyph, white in the stem of the ¥
    expect(pixel(image, 0, 0)[3]).toBe(0);
    const [r, g, b, a] = pixel(image, Math.floor(size * 0.25), Math.floor(size * 0.5));
    expect(a).toBe(255);
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(60);
    expect(b).toBeLessThan(60);
    const stem = pixel(image, Math.floor(size / 2), Math.floor(size * 0.75));
    // at 16 px the stem is narrower than two pixels, so it is only mostly white there
    if (size >= 32) expect(stem).toEqual([255, 255, 255, 255]);
    else expect(stem[1]).toBeGreaterThan(100);
  });
});
